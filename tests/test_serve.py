"""``shora serve`` starts gunicorn configured from the environment, and serves the app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_runs_gunicorn_from_the_environment(tmp_path: Path):
    port = _free_port()
    env = {
        **os.environ,
        "SHORA_HOME": str(tmp_path),
        "SHORA_DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite3'}",
        "SHORA_SECRET_KEY": "a-secret-key-for-this-test-only-" + "x" * 40,
        "SHORA_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("SHORA_DEBUG", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; serve refuses it
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "shora.cli",
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=env,
        stdout=log.open("w"),  # a pipe left unread could fill and stall the server
        stderr=subprocess.STDOUT,
    )
    try:
        body, headers = "", {}
        for _ in range(600):  # up to two minutes on a loaded machine
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/sign-in/") as page:
                    body, headers = page.read().decode(), dict(page.headers)
                break
            except OSError:
                assert server.poll() is None, log.read_text()  # the server gave up: say why
                time.sleep(0.2)
        assert 'dir="rtl"' in body
        assert headers.get("Server", "").startswith("gunicorn")
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/shora/fonts/Vazirmatn-Regular.woff2"
        ) as font:
            assert font.read(4) == b"wOF2"
        assert (tmp_path / "served.sqlite3").exists()  # migrated where the environment said
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "Listening at" in log.read_text()
