"""``shora station enrol | serve | forward``: clear refusals in both languages, and a served
console whose process forwards the journal by itself."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from shora.cli import build_parser
from shora.cli import main as shora
from shora.station.journal import Journal, StationState
from shora.station.voting import ballot_cast
from tests.station.conftest import CONSOLE_PASSWORD, national_code


def _password_file(tmp_path: Path, password: str = CONSOLE_PASSWORD) -> Path:
    path = tmp_path / "console-password"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def test_station_help_lists_its_actions(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["station", "--help"])
    text = capsys.readouterr().out
    for action in ("enrol", "serve", "forward"):
        assert action in text


def test_enrol_from_the_command_line(tmp_path, centre, capsys):
    journal = tmp_path / "cli.journal"
    code = shora(
        [
            "station",
            "enrol",
            "--centre",
            centre.url,
            "--code",
            centre.ENROLMENT_CODE,
            "--journal",
            str(journal),
            "--console-password-file",
            str(_password_file(tmp_path)),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert "10001" in out and centre.fingerprint in out
    assert Journal.open(journal).is_enrolled()


@pytest.mark.parametrize(
    ("arguments", "english"),
    [
        (["station", "serve", "--journal", "{tmp}/none.journal"], "no station journal"),
        (["station", "forward", "--journal", "{tmp}/none.journal"], "no station journal"),
        (["station", "forward", "--journal", "{tmp}/blank.journal"], "never enrolled"),
        (["station", "serve", "--journal", "{tmp}/blank.journal"], "never enrolled"),
        (["station", "serve", "--journal", "{tmp}/garbage.journal"], "not a station journal"),
    ],
)
def test_a_journal_that_cannot_serve_is_refused_in_both_languages(
    tmp_path, capsys, arguments, english
):
    Journal.create(tmp_path / "blank.journal")
    (tmp_path / "garbage.journal").write_bytes(b"garbage" * 1000)
    code = shora([argument.format(tmp=tmp_path) for argument in arguments])
    err = capsys.readouterr().err
    assert code == 1
    assert english in err
    assert "Traceback" not in err and err.count("shora: ") == 2  # Persian, then English


@pytest.mark.parametrize("password", ["", "short"])
def test_enrol_refuses_a_weak_or_missing_password(tmp_path, centre, capsys, password):
    code = shora(
        [
            "station",
            "enrol",
            "--centre",
            centre.url,
            "--code",
            centre.ENROLMENT_CODE,
            "--journal",
            str(tmp_path / "j"),
            "--console-password-file",
            str(_password_file(tmp_path, password)),
        ]
    )
    assert code == 1
    assert "at least 10" in capsys.readouterr().err


def test_enrol_with_a_missing_password_file_says_so(tmp_path, centre, capsys):
    code = shora(
        [
            "station",
            "enrol",
            "--centre",
            centre.url,
            "--code",
            "x",
            "--journal",
            str(tmp_path / "j"),
            "--console-password-file",
            str(tmp_path / "missing"),
        ]
    )
    assert code == 1
    assert "could not be read" in capsys.readouterr().err


def test_forward_once_and_unreachable_centre(enrolled: Journal, centre, capsys):
    assert shora(["station", "forward", "--journal", str(enrolled.path)]) == 0
    assert "batches sent: 0" in capsys.readouterr().out
    centre.routes[("GET", "/api/polling/station")] = (503, b"")
    enrolled.incident_record(
        category="other", text="برق رفت", recorded_by="منشی", minute="2026-05-01T10:00:00+03:30"
    )
    centre.stop()
    code = shora(["station", "forward", "--journal", str(enrolled.path), "--attempts", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "could not be reached" in err and "ارتباط با مرکز" in err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_runs_one_gunicorn_worker_that_serves_the_console_and_forwards(
    tmp_path, enrolled: Journal, centre
):
    from shora.station.centre_client import CentreClient
    from shora.station.identity_desk import voter_claim
    from shora.station.journal import Setting
    from shora.station.station_day import station_open

    client = CentreClient(centre.url, enrolled.setting(Setting.DEVICE_TOKEN))
    station_open(enrolled, client, chair=national_code(123_456_780), staff_present=[])
    centre.register[national_code(610_000_001)] = "1001"
    ticket = voter_claim(
        enrolled,
        client,
        national_code=national_code(610_000_001),
        document="national_card",
        fingerprint="match",
    ).ticket
    ballot_cast(enrolled, ticket=ticket, keyed=[])
    enrolled.state_set(StationState.CLOSING)  # closing forwards even a single ballot
    enrolled.close()
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "SHORA_STATION_FORWARD_INTERVAL": "0.5"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shora.cli",
            "station",
            "serve",
            "--journal",
            str(enrolled.path),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        page, headers = "", {}
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{base}/sign-in/") as answer:  # noqa: S310
                    page, headers = answer.read().decode(), dict(answer.headers)
                break
            except OSError:
                assert server.poll() is None, log.read_text()
                time.sleep(0.2)
        assert 'dir="rtl"' in page
        assert headers["Server"].startswith("gunicorn")
        font_url = f"{base}/static/shora/fonts/Vazirmatn-Regular.woff2"
        with urllib.request.urlopen(font_url) as font:  # noqa: S310
            assert font.read(4) == b"wOF2"
        cookies = http.cookiejar.CookieJar()
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        form = browser.open(f"{base}/sign-in/").read().decode()
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        signed_in = browser.open(
            urllib.request.Request(  # noqa: S310
                f"{base}/sign-in/",
                data=urllib.parse.urlencode(
                    {"csrfmiddlewaretoken": csrf, "password": CONSOLE_PASSWORD, "next": "/"}
                ).encode(),
                headers={"Referer": f"{base}/sign-in/"},
            )
        )
        assert "۱۰۰۰۱" in signed_in.read().decode()  # the status page, after the redirect
        reopened = Journal.open(enrolled.path)
        for _ in range(600):  # the forwarding thread of the serving process sends the ballot
            if reopened.counts().ballots_pending == 0 and reopened.counts().batches_unsent == 0:
                break
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        assert len(centre.ballots) == 1
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "Listening at" in text and "Using worker: gthread" in text
    assert national_code(610_000_001) not in text
