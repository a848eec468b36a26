"""The station's HTTP client to the centre (docs/polling.md), on the standard library.

Why ``urllib`` and not a third-party client: the station talks JSON to one server, with a
bearer token and a timeout; urllib does that, and the station process then needs nothing
beyond the project's own dependencies on the polling-station machine.

Two kinds of failure are kept apart, because the console acts differently on each:

- ``CentreUnreachable``: no answer (no route, refused connection, timeout, TLS failure) or
  an answer that is not the centre's (5xx, not JSON). Nothing was decided; try again later;
  store-and-forward goes on.
- ``CentreRefused``: the centre answered and said no (4xx with ``code``, ``message_fa``,
  ``message_en`` and perhaps facts such as the station and hour of an earlier vote). Trying
  again will not help; the console shows the centre's exact words.

Both are ``DomainError``s, so the command line prints them in Persian and English.
"""

from __future__ import annotations

import enum
import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from shora.station.journal import Journal, Setting
from shora_domain.errors import DomainError

DEFAULT_TIMEOUT = 10.0
MAX_RESPONSE_BYTES = 64 * 1024 * 1024  # a ballot of 2,000 candidates is well under 1 MB


class CentreProblem(enum.Enum):
    UNREACHABLE = "station.centre_unreachable"
    REFUSED = "station.centre_refused"


class CentreUnreachable(DomainError):
    """The centre could not be reached or did not answer as the centre."""

    def __init__(self, why: str) -> None:
        super().__init__(
            CentreProblem.UNREACHABLE,
            fa=f"ارتباط با مرکز برقرار نشد ({why}).",
            en=f"The centre could not be reached ({why}).",
        )
        self.why = why


class CentreRefused(DomainError):
    """The centre answered with a refusal: its code, its two messages, its facts."""

    def __init__(self, status: int, body: Mapping[str, Any]) -> None:
        self.status = status
        self.body = dict(body)
        self.centre_code = str(body.get("code") or f"http_{status}")
        fa = str(body.get("message_fa") or "")
        en = str(body.get("message_en") or "")
        if not fa or not en:
            fa, en = _unshaped_refusal(status, body)
        super().__init__(CentreProblem.REFUSED, fa=fa, en=en)


def _unshaped_refusal(status: int, body: Mapping[str, Any]) -> tuple[str, str]:
    """Words for a refusal without the centre's usual shape (an authentication failure
    answered by the API layer, a schema error)."""
    if status == 401:
        return (
            "مرکز توکن این دستگاه را نپذیرفت (باطل، منقضی یا ناشناخته).",
            "The centre did not accept this device's token (revoked, expired or unknown).",
        )
    detail = json.dumps(body.get("detail", body), ensure_ascii=False)[:500]
    return (
        f"مرکز درخواست را نپذیرفت (HTTP {status}): {detail}",
        f"The centre refused the request (HTTP {status}): {detail}",
    )


@dataclass
class LinkStatus:
    """The last contact with the centre, for the status page (kept in memory only)."""

    up: bool | None = None
    why: str = ""


class CentreClient:
    """Calls to the centre at ``base_url`` with the station's ``device_token``."""

    def __init__(
        self,
        base_url: str,
        device_token: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        link: LinkStatus | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.device_token = device_token
        self.timeout = timeout
        self.link = link if link is not None else LinkStatus()

    def get(self, path: str) -> Any:
        return self._call("GET", path, None)

    def post(self, path: str, body: Mapping[str, Any] | bytes) -> Any:
        """POST ``body`` (a mapping as JSON, or bytes sent exactly as they are)."""
        data = (
            body
            if isinstance(body, bytes)
            else json.dumps(body, ensure_ascii=False).encode("utf-8")
        )
        return self._call("POST", path, data)

    def _call(self, method: str, path: str, data: bytes | None) -> Any:
        request = urllib.request.Request(  # noqa: S310 - the URL is the enrolled centre's
            self.base_url + path, data=data, method=method
        )
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json; charset=utf-8")
        if self.device_token:
            request.add_header("Authorization", f"Bearer {self.device_token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status, raw = response.status, response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as answer:
            status, raw = answer.code, answer.read(MAX_RESPONSE_BYTES + 1)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            raise self._down(_reason(error)) from error
        except OSError as error:  # any other network failure on the way
            raise self._down(str(error) or type(error).__name__) from error
        if len(raw) > MAX_RESPONSE_BYTES:
            raise self._down("the answer is too large")
        if status >= 500:
            raise self._down(f"HTTP {status}")
        try:
            parsed = json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise self._down(f"HTTP {status}, not JSON") from error
        self.link.up, self.link.why = True, ""
        if status >= 400:
            raise CentreRefused(status, parsed if isinstance(parsed, Mapping) else {})
        return parsed

    def _down(self, why: str) -> CentreUnreachable:
        self.link.up, self.link.why = False, why
        return CentreUnreachable(why)


def _reason(error: BaseException) -> str:
    reason = getattr(error, "reason", None)
    if isinstance(reason, BaseException):
        error = reason
    if isinstance(error, TimeoutError):
        return "timed out"
    return str(reason if isinstance(reason, str) else error) or type(error).__name__


#: The link as the serving process last saw it (one process serves a station).
link_status = LinkStatus()


def centre_client_of(journal: Journal, *, timeout: float = DEFAULT_TIMEOUT) -> CentreClient:
    """The client of the centre this journal was enrolled with, with its device token."""
    journal.require_enrolled()
    return CentreClient(
        journal.setting(Setting.CENTRE_URL) or "",
        journal.setting(Setting.DEVICE_TOKEN),
        timeout=timeout,
        link=link_status,
    )
