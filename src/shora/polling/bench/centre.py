"""The centre served over HTTP as in production: gunicorn running ``shora.wsgi`` on the
loopback, on a database named by URL. Used by the polling benchmark and by the tests that
need more concurrent claims than one process's connections allow."""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

#: Workers that suit this project's 2-core machines best, measured (docs/benchmarks.md).
DEFAULT_WORKERS = 3
STARTUP_SECONDS = 60.0


@dataclass(frozen=True)
class Centre:
    host: str
    port: int
    workers: int
    worker_class: str
    threads: int
    log: Path
    pid: int

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def describe(self) -> str:
        threads = f" × {self.threads} threads" if self.worker_class == "gthread" else ""
        return f"gunicorn {self.worker_class}, {self.workers} workers{threads}, {self.url}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(host: str, port: int) -> bool:
    """Whether the centre answers HTTP at all (an unauthenticated call is refused with 401)."""
    try:
        link = http.client.HTTPConnection(host, port, timeout=2)
        link.request("GET", "/api/polling/station")
        status = link.getresponse().status
        link.close()
    except OSError:
        return False
    return status == 401


def _command(port: int, workers: int, worker_class: str, threads: int, log: Path) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "shora.wsgi:application",
        "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers),
        "--worker-class", worker_class,
        "--threads", str(threads),
        "--backlog", "2048",
        "--timeout", "120",
        "--error-logfile", str(log),
        "--log-level", "warning",
    ]  # fmt: skip


@contextmanager
def centre_serving(
    database_url: str,
    *,
    workers: int = DEFAULT_WORKERS,
    worker_class: str = "sync",
    threads: int = 1,
) -> Iterator[Centre]:
    """Run gunicorn on ``database_url`` until the block ends; wait until it answers."""
    with tempfile.TemporaryDirectory(prefix="shora-centre-") as home:
        port = _free_port()
        log = Path(home) / "gunicorn.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "shora.settings",
            "SHORA_DATABASE_URL": database_url,
            "SHORA_HOME": home,
            "SHORA_SECRET_KEY": secrets.token_urlsafe(50),
            "SHORA_DEBUG": "0",
        }
        server = subprocess.Popen(  # noqa: S603 - gunicorn of this interpreter, our arguments
            _command(port, workers, worker_class, threads, log),
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + STARTUP_SECONDS
            while not _answers("127.0.0.1", port):
                if server.poll() is not None or time.monotonic() > deadline:
                    problem = log.read_text() if log.exists() else ""
                    raise RuntimeError(f"gunicorn did not start:\n{problem[-3000:]}")
                time.sleep(0.1)
            yield Centre("127.0.0.1", port, workers, worker_class, threads, log, server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
