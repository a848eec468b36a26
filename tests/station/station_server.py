"""A served station console for tests: ``shora station serve`` as a subprocess in its own
process group, and a screenless browser (cookies, CSRF, redirects) to drive it."""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from shora_domain.digits import to_latin_digits, to_persian_digits
from tests.station.conftest import CONSOLE_PASSWORD


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def station_environment() -> dict[str, str]:
    env = {**os.environ, "SHORA_STATION_FORWARD_INTERVAL": "1"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


class StationProcess:
    """``shora station serve`` in its own process group (gunicorn's master and worker)."""

    def __init__(self, journal: Path, log: Path) -> None:
        self.journal, self.log = journal, log
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> StationProcess:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "shora.cli",
                "station",
                "serve",
                "--journal",
                str(self.journal),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            env=station_environment(),
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"{self.url}/sign-in/"):  # noqa: S310
                    return self
            except OSError:
                assert self.process.poll() is None, self.log.read_text()
                time.sleep(0.2)
        raise AssertionError("the station console did not come up")

    def kill(self) -> None:
        """SIGKILL, master and worker at once: no clean shutdown of anything."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


class Console:
    """A browser without a screen: cookies, CSRF, redirects followed."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def _csrf(self) -> str:
        for cookie in self.cookies:
            if cookie.name == "csrftoken":
                return str(cookie.value)
        self.get("/sign-in/")
        return self._csrf()

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.url + path))  # noqa: S310

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self._csrf(), **data}).encode()
        return self._open(urllib.request.Request(self.url + path, data=body))  # noqa: S310

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=120) as answer:
                return answer.status, answer.read().decode(errors="replace"), answer.geturl()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace"), answer.geturl()

    def sign_in(self) -> None:
        status, page, _ = self.post("/sign-in/", {"password": CONSOLE_PASSWORD, "next": "/"})
        assert status == 200 and 'data-testid="batches-unsent"' in page

    def claim(self, national_code: str) -> tuple[int, str]:
        status, page, _ = self.post(
            "/desk/",
            {"national_code": national_code, "document": "national_card", "fingerprint": "match"},
        )
        return status, page

    def ticket(self, national_code: str) -> str:
        status, page = self.claim(national_code)
        assert status == 200, page
        found = re.search(r'data-testid="ticket">([^<]+)<', page)
        assert found, page
        return to_latin_digits(found.group(1))

    def vote(self, ticket: str, codes: list[str], before_cast=None) -> str | None:
        """Vote; the receipt code the voter saw, or None if no answer came back."""
        status, page, at = self.post("/vote/", {"ticket": to_persian_digits(ticket)})
        assert status == 200 and at.endswith("/vote/ballot/"), page
        for code in codes:
            self.post("/vote/ballot/", {"action": "add", "code": code})
        data = {} if codes else {"blank": "yes"}
        if before_cast is not None:
            before_cast()
        try:
            status, page, _ = self.post("/vote/review/", data)
        except (OSError, http.client.HTTPException):
            return None
        found = re.search(r'data-testid="receipt">([^<]+)<', page)
        assert status == 200 and found, page
        return to_latin_digits(found.group(1)).replace("-", "")
