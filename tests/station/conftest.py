"""Fixtures of the station tests: a journal enrolled by hand (no centre), open, with a
signing key; and a fake ballot maker for tests of the journal alone."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from shora.station.journal import Journal, JournalBallot, Setting, StationState
from shora_domain.signed_documents import b64encode, signing_key_generate

STATION = {
    "id": 7,
    "code": "10001",
    "name": "مدرسهٔ شهید بهشتی",
    "constituencies": [
        {"id": 11, "code": "1001", "name": "اهواز", "members": 3},
        {"id": 12, "code": "1002", "name": "ده نو", "members": 5},
    ],
}


def journal_enrolled(path: Path, *, state: str = StationState.OPEN) -> Journal:
    """A journal as enrolment leaves it, with the station ``state``."""
    journal = Journal.create(path)
    private, public = signing_key_generate()
    journal.settings_write(
        {
            Setting.CENTRE_URL: "http://127.0.0.1:9",
            Setting.DEVICE_TOKEN: "device-token-for-tests",
            Setting.STATION: json.dumps(STATION, ensure_ascii=False),
            Setting.ELECTION: json.dumps({"id": 3, "name": "آزمون"}, ensure_ascii=False),
            Setting.SIGNING_PRIVATE_KEY: b64encode(private),
            Setting.SIGNING_PUBLIC_KEY: b64encode(public),
            Setting.SESSION_SECRET: secrets.token_urlsafe(40),
            Setting.STATE: state,
        }
    )
    return journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return journal_enrolled(tmp_path / "station.journal")


def fake_ballot(constituency_code: str = "1001", constituency_id: int = 11) -> JournalBallot:
    """A ballot with random bytes for its sealed content (the journal does not look inside)."""
    sealed = secrets.token_bytes(120)
    import hashlib

    return JournalBallot(
        receipt_code=f"{secrets.randbelow(10**12):012d}",
        constituency_id=constituency_id,
        constituency_code=constituency_code,
        sealed=sealed,
        sealed_sha256=hashlib.sha256(sealed).hexdigest(),
        paper_serial=secrets.token_hex(4).upper(),
        hour="2026-05-01T10:00",
    )


class FakeCentre:
    """A stand-in for the centre's API on a local port: answers from ``routes`` and keeps
    every request (method, path, headers, body bytes) for the test to look at."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.routes: dict[tuple[str, str], object] = {}
        centre = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                centre.requests.append((method, self.path, dict(self.headers), body))
                route = centre.routes.get((method, self.path))
                if route is None:
                    status, answer = 404, {"detail": "Not Found"}
                else:
                    status, answer = route(body) if callable(route) else route
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def posted(self, path: str) -> list[bytes]:
        return [body for method, at, _, body in self.requests if method == "POST" and at == path]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_centre():
    centre = FakeCentre()
    yield centre
    centre.stop()


@pytest.fixture
def closed_port() -> str:
    """The URL of a local port nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
