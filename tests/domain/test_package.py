"""The domain package stands alone: no web framework, every module importable."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import shora_domain

MODULES = sorted(m.name for m in pkgutil.iter_modules(shora_domain.__path__))


def test_the_modules_are_there() -> None:
    assert {
        "audit_chain",
        "council_size",
        "digits",
        "errors",
        "jalali",
        "national_code",
        "persian_text",
    } <= set(MODULES)


def test_importing_every_module_loads_no_web_framework() -> None:
    imports = "; ".join(f"import shora_domain.{name}" for name in MODULES)
    check = (
        "import sys; "
        "print([m for m in sys.modules if m.split('.')[0] in {'django', 'ninja', 'shora'}])"
    )
    src = str(Path(shora_domain.__file__).parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", f"{imports}; {check}"],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src},
    )
    assert result.stdout.strip() == "[]"
