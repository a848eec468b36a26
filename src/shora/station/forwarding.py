"""Forwarding the journal to the centre: voids the centre was not yet told of, then batches
in ``seq`` order, each marked sent only when the centre acknowledged it.

A batch is packed (its ``seq`` assigned and its body and signature stored) in one journal
transaction before it is sent (``Journal.batch_next``); a batch not acknowledged, because
the link dropped or the process died, is sent again later as the very same bytes, and the
centre answers ``{"duplicate": true}`` if it had stored it after all.

Two ways to run it:

- ``forward_pending(journal)``: one pass until nothing waits, used by closing, by
  ``shora station forward`` and by tests; raises ``CentreUnreachable`` or ``CentreRefused``;
- ``Forwarder``: a daemon thread of the serving process that calls it every few seconds,
  backing off while the centre is unreachable, and refreshes what the centre says of the
  station (its polling window may be extended on the day).

While the polls are open the thread forwards a constituency's ballots only when at least
``mix_at_least`` of them wait, so that the tokens sent beside them (paired at random) do
not tell the centre which voter's token went with which ballot by the time they arrive.
Closing forwards everything.

Provisional ballots (taken while the link was down) never go in a batch: each is sent on
its own with its claim, signed, to ``POST /api/polling/provisional``, which answers with
the outcome (accepted, or rejected and why) and answers a resend with the same outcome.
The outcome is journalled and the voter's national code forgotten at once. A refusal that
judges the entry itself (the policy, a malformed entry, a ballot after the close) settles
it as rejected with the centre's code; a refusal of the moment (the centre's clock or
state) is kept for the chair and the ballot is sent again on the next pass.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from shora.station.centre_client import (
    CentreClient,
    CentreRefused,
    CentreUnreachable,
    centre_client_of,
)
from shora.station.journal import Journal, Setting, Signer, StationState
from shora_domain.signed_documents import b64decode, document_sign

log = logging.getLogger("shora.station.forwarding")

#: Refusals of a void that mean the centre already has the token out of play.
_VOID_ALREADY_DONE = {"polling.token_voided"}

#: Refusals of a provisional entry that judge the entry itself: sending it again would get
#: the same refusal, so the ballot is settled as rejected (kept out of every count).
_PROVISIONAL_FINAL = {
    "polling.not_provisional",
    "polling.ballot_after_close",
    "polling.batch_malformed",
}
_PROVISIONAL_FINAL_PREFIXES = ("receipt.", "polling_hour.", "national_code.")

#: One forwarding pass at a time in this process (the thread, closing, the console).
_sending = threading.Lock()


@dataclass
class ForwardReport:
    voids_sent: int = 0
    batches_sent: int = 0
    duplicates: int = 0
    entries_stored: int = 0
    entries_refused: int = 0
    provisional_accepted: int = 0
    provisional_rejected: int = 0
    provisional_refused: int = 0  # refused for now, to be sent again


def station_code(journal: Journal) -> str:
    station = journal.setting_json(Setting.STATION) or {}
    return str(station.get("code", ""))


def station_signer(journal: Journal) -> Signer:
    """Sign with the station's Ed25519 key (kept in the journal since enrolment)."""
    private_key = b64decode(journal.setting(Setting.SIGNING_PRIVATE_KEY) or "")

    def sign(document: object) -> str:
        return document_sign(document, private_key)  # type: ignore[arg-type]

    return sign


def _send_voids(journal: Journal, client: CentreClient, report: ForwardReport) -> None:
    for token in journal.voids_unsent():
        try:
            client.post(
                "/api/polling/tokens/void", {"token": token.token, "reason": token.void_reason}
            )
        except CentreRefused as refused:
            if refused.centre_code not in _VOID_ALREADY_DONE:
                log.warning(
                    "the centre refused the void of ticket %s: %s", token.ticket, refused.en
                )
                journal.void_mark_sent(token.ticket, refused.en)
                continue
        journal.void_mark_sent(token.ticket)
        report.voids_sent += 1


def _provisional_refusal_is_final(refused: CentreRefused) -> bool:
    code = refused.centre_code
    return code in _PROVISIONAL_FINAL or code.startswith(_PROVISIONAL_FINAL_PREFIXES)


def _send_provisional(journal: Journal, client: CentreClient, report: ForwardReport) -> None:
    """Send each provisional ballot that has no outcome yet, on its own, and journal the
    outcome (which forgets the national code). Nothing here is logged that names a voter:
    not the national code, not even the claim's id."""
    sign, station = station_signer(journal), station_code(journal)
    for waiting in journal.provisional_waiting():
        entry = waiting.entry(station)
        try:
            reply = client.post(
                "/api/polling/provisional", {"entry": entry, "signature": sign(entry)}
            )
        except CentreRefused as refused:
            if refused.status == 401:
                raise  # the device itself is refused: nothing else will go through either
            if _provisional_refusal_is_final(refused):
                journal.provisional_outcome_record(
                    waiting.id, accepted=False, reason=refused.centre_code
                )
                report.provisional_rejected += 1
            else:
                journal.provisional_refusal_record(
                    waiting.id, f"{refused.centre_code}: {refused.en}"
                )
                report.provisional_refused += 1
                log.warning("the centre refused a provisional ballot for now: %s", refused.en)
            continue
        if not isinstance(reply, dict) or reply.get("id") != waiting.id:
            raise CentreUnreachable("the answer about a provisional ballot is not about it")
        accepted = reply.get("accepted") is True
        journal.provisional_outcome_record(
            waiting.id, accepted=accepted, reason=str(reply.get("reason") or "")
        )
        if accepted:
            report.provisional_accepted += 1
        else:
            report.provisional_rejected += 1


def _send_batches(
    journal: Journal,
    client: CentreClient,
    report: ForwardReport,
    *,
    mix_at_least: int,
    max_entries: int,
) -> None:
    sign, station = station_signer(journal), station_code(journal)
    while True:
        batch = journal.batch_next(
            station=station, sign=sign, max_entries=max_entries, mix_at_least=mix_at_least
        )
        if batch is None:
            return
        reply = client.post("/api/polling/batches", batch.request_bytes())
        if isinstance(reply, dict) and reply.get("duplicate"):
            journal.batch_mark_sent(batch.seq)
            report.duplicates += 1
            continue
        results = reply.get("results") if isinstance(reply, dict) else None
        journal.batch_mark_sent(batch.seq, results)
        report.batches_sent += 1
        for result in results if isinstance(results, list) else []:
            stored = isinstance(result, dict) and result.get("result") == "stored"
            report.entries_stored += stored
            report.entries_refused += not stored
        log.info("batch %s forwarded", batch.seq)


def forward_once(
    journal: Journal,
    client: CentreClient | None = None,
    *,
    mix_at_least: int = 1,
    max_entries: int = 200,
) -> ForwardReport:
    """One pass: tell the centre of voids, send the provisional ballots one by one, then
    send batches until nothing waits."""
    client = client or centre_client_of(journal)
    report = ForwardReport()
    with _sending:
        _send_voids(journal, client, report)
        _send_provisional(journal, client, report)
        _send_batches(journal, client, report, mix_at_least=mix_at_least, max_entries=max_entries)
    return report


def backoff_delay(failures: int, *, base: float = 2.0, cap: float = 120.0) -> float:
    """Seconds to wait after ``failures`` failures in a row: doubling, capped, jittered (so
    that thousands of stations coming back together do not call at the same second)."""
    delay = min(cap, base * 2.0 ** max(failures - 1, 0))
    return delay * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not a secret


def forward_pending(
    journal: Journal,
    client: CentreClient | None = None,
    *,
    attempts: int = 1,
    mix_at_least: int = 1,
    max_entries: int = 200,
    sleep: Callable[[float], None] = time.sleep,
) -> ForwardReport:
    """Forward everything waiting, trying up to ``attempts`` times while the centre is
    unreachable (with backoff between tries). A refusal is raised at once: trying again
    would not change the centre's mind."""
    for attempt in range(1, attempts + 1):
        try:
            return forward_once(journal, client, mix_at_least=mix_at_least, max_entries=max_entries)
        except CentreUnreachable:
            if attempt == attempts:
                raise
            sleep(backoff_delay(attempt))
    raise AssertionError("unreachable")  # pragma: no cover


class Forwarder:
    """The serving process's forwarding thread (a daemon: it dies with the process, and
    whatever it had not sent is still in the journal)."""

    def __init__(
        self,
        journal: Journal,
        *,
        interval: float = 10.0,
        mix_at_least: int = 5,
        client: CentreClient | None = None,
        refresh_every: float = 60.0,
    ) -> None:
        self.journal = journal
        self.interval = interval
        self.refresh_every = refresh_every
        self._refreshed_at: float | None = None
        self.mix_at_least = mix_at_least
        self.client = client
        self.failures = 0
        self.last_refusal: CentreRefused | None = None
        self.passed = threading.Event()  # set after every pass, for whoever waits on one
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="shora-forwarder", daemon=True)

    def start(self) -> Forwarder:
        self._thread.start()
        return self

    def wake(self) -> None:
        """Forward now rather than at the next tick."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _pass(self) -> None:
        from shora.station.enrolment import station_refresh

        client = self.client or centre_client_of(self.journal)
        now = time.monotonic()
        if self._refreshed_at is None or now - self._refreshed_at >= self.refresh_every:
            # the polling hours may be extended on the day; a minute is soon enough, and
            # thousands of stations asking every few seconds would load the centre for nothing
            station_refresh(self.journal, client)
            self._refreshed_at = now
        state = self.journal.state()
        if state == StationState.NOT_OPEN:
            return
        mix = self.mix_at_least if state == StationState.OPEN else 1
        forward_once(self.journal, client, mix_at_least=mix)

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self.interval
            try:
                self._pass()
                self.failures, self.last_refusal = 0, None
            except CentreUnreachable as down:
                self.failures += 1
                wait = backoff_delay(self.failures)
                log.warning("centre unreachable (%s); next try in %.0f s", down.why, wait)
            except CentreRefused as refused:
                self.failures += 1
                self.last_refusal = refused
                wait = max(backoff_delay(self.failures), 60.0)
                log.error("the centre refused: %s %s", refused.centre_code, refused.en)
            except Exception:  # the thread must outlive any surprise; the journal keeps all
                self.failures += 1
                wait = max(backoff_delay(self.failures), 60.0)
                log.exception("forwarding failed")
            self.passed.set()
            self._wake.wait(wait)
            self._wake.clear()


#: The serving process's forwarder, when it runs (``shora.station.wsgi`` starts it).
running: Forwarder | None = None


def forwarder_wake() -> None:
    """Ask the running forwarder, if any, to forward now (after a void, say)."""
    if running is not None:
        running.wake()
