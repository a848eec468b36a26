"""The ``shora`` command lists every verb; the pure package imports no web framework."""

from __future__ import annotations

import subprocess
import sys

import pytest

from shora.cli import build_parser

VERBS = {"demo", "serve", "migrate", "import", "audit", "user", "polling", "station", "bench"}


def test_help_lists_every_verb_with_a_line(capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for verb in VERBS:
        line = next(line for line in text.splitlines() if line.strip().startswith(verb + " "))
        assert len(line.split(maxsplit=1)) == 2, f"{verb} has no help line"


def test_console_script_answers_help():
    result = subprocess.run(
        [sys.executable, "-m", "shora.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "demo" in result.stdout


def test_the_domain_package_imports_no_django():
    code = (
        "import pkgutil, importlib, sys, shora_domain\n"
        "for m in pkgutil.iter_modules(shora_domain.__path__):\n"
        "    importlib.import_module('shora_domain.' + m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('django', 'ninja', 'shora'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_an_unknown_verb_is_refused(capsys):
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["tally-now"])
    assert exited.value.code == 2


def test_a_refusal_is_printed_in_both_languages_without_a_traceback(db, capsys):
    from shora.cli import main as shora
    from shora.elections.services import province_create

    # the demo refuses to build next to a province that is not the demo's
    province_create(actor=None, code="07", name="فارس")
    assert shora(["demo", "--no-serve", "--small"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("shora: ") == 2
