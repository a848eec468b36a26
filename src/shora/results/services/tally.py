"""The tally: the key rebuilt from k shares, every ready constituency's ballots opened,
shuffled and counted, the winners decided by law, the results stored, the shares deleted.

For each constituency whose gate passes (``tally_problems``), station by station:

1. each sealed ballot is read with its SHA-256 (a ballot whose bytes no longer match the
   digest the station's signed receipts root covers stops the constituency), opened with
   ``ballot_opener`` (the key made once) in the constituency's context and read with
   ``cast_ballot_from_bytes``;
   one that does not open or read, or breaks the ballot's rules, is counted as rejected
   and published as the line ``null``, never dropped;
2. the station's ballots are counted (``count_ballots``), and handed on to the count of
   the whole constituency; the merge of the stations' counts must equal the whole's
   (``counts_merge``), or the constituency is left out;
3. the opened ballots are shuffled (``secrets.SystemRandom``): the count does not depend
   on the order, so it is the count of the shuffled list that is published;
4. the seed of its lottery is made from the counted stations' signed receipts roots and
   the HQ's announced value (``lottery_seed``), and ``standings_decide`` orders the
   candidates;
5. the result and the shuffled ballots (one canonical JSON line each, no receipt code,
   station or hour) are stored.

A constituency whose gate fails is listed with its problems and left for a later session.
The ballots are streamed from the database (``values_list(...).iterator``) without a model
object per row: a province is close to two million ballots.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates.selectors import frozen_ballot
from shora.elections.models import Constituency
from shora.polling.models import Ballot, ElectionKey, StationDay
from shora.results.errors import ResultsRefusal
from shora.results.models import (
    ConstituencyBallots,
    ConstituencyResult,
    ElectionResultsSettings,
    SessionStatus,
    ShareEntry,
    TallySession,
)
from shora.results.selectors import (
    Problem,
    constituencies_untallied,
    results_settings_of,
    tallied_stations,
    tally_problems_of,
)
from shora_domain.ballot_definition import BallotDefinition
from shora_domain.counting import Count
from shora_domain.digits import to_persian_digits
from shora_domain.election_key import KeyShare, private_key_matches, shares_combine
from shora_domain.errors import DomainError
from shora_domain.lottery import lottery_seed
from shora_domain.standings import Standings, standings_decide
from shora_domain.tally_opening import Opened, StationBallots, constituency_open

#: Rows fetched from the database at a time (a server-side cursor on PostgreSQL).
CHUNK_ROWS = 5_000


@dataclass
class TallyOutcome:
    """What a run did: the constituencies tallied, those left out and why; or a refusal
    (the shares did not rebuild the election's key: the session was cancelled)."""

    session: TallySession
    tallied: list[str] = field(default_factory=list)
    left_out: list[dict[str, Any]] = field(default_factory=list)
    refusal: DomainError | None = None


class _LeftOut(Exception):
    """A constituency found unfit while it was being counted."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.en)
        self.problem = problem


def refuse_unannounced(settings: ElectionResultsSettings | None) -> ElectionResultsSettings:
    if settings is None:
        raise DomainError(
            ResultsRefusal.NOT_ANNOUNCED,
            fa="ستاد مقدار قرعه را پیش از پایان اخذ رأی اعلام نکرده است؛ بی آن شمارش انجام نمی‌شود.",
            en="The HQ did not announce the lottery value before the polls closed; the tally "
            "cannot run without it.",
        )
    return settings


def _private_key(session: TallySession, key: ElectionKey) -> bytes:
    """The election's private key from the session's shares, checked against its public
    key; DomainError when the shares do not rebuild it."""
    entries = list(ShareEntry.objects.filter(session=session).values_list("index", "value"))
    if len(entries) < key.threshold:
        raise DomainError(
            ResultsRefusal.TOO_FEW_SHARES,
            fa=(
                f"برای شمارش {to_persian_digits(key.threshold)} سهم لازم است؛ "
                f"{to_persian_digits(len(entries))} سهم وارد شده است."
            ),
            en=f"The tally needs {key.threshold} shares; {len(entries)} have been entered.",
        )
    shares = [KeyShare(index=index, value=int(value)) for index, value in entries]
    private = shares_combine(shares, threshold=key.threshold)
    if not private_key_matches(private, bytes(key.public_key)):
        del private
        raise DomainError(
            ResultsRefusal.KEY_DOES_NOT_MATCH,
            fa="سهم‌های واردشده کلید این انتخابات را نمی‌سازند.",
            en="The shares entered do not rebuild this election's key.",
        )
    return private


def _refused(actor: Any, session: TallySession, refusal: DomainError) -> TallyOutcome:
    """The shares did not rebuild the key: the session is cancelled, its shares deleted."""
    ShareEntry.objects.filter(session=session).delete()
    session.status = SessionStatus.CANCELLED
    session.closed_by = actor
    session.closed_at = timezone.now()
    session.refusal = refusal.en[:300]
    session.save(update_fields=["status", "closed_by", "closed_at", "refusal"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.TALLY_KEY_REFUSED,
        target=session,
        unit=f"election:{session.election_id}",
        new={"code": refusal.code.value},
    )
    return TallyOutcome(session, refusal=refusal)


def tally_run_locked(*, actor: Any, session: TallySession) -> TallyOutcome:
    """Run ``session``'s tally; the caller holds the session's row lock in its transaction
    and has checked that the session is open."""
    election = session.election
    settings = refuse_unannounced(results_settings_of(election))
    key = ElectionKey.objects.get(election=election)
    try:
        private = _private_key(session, key)
    except DomainError as refusal:
        if refusal.code == ResultsRefusal.TOO_FEW_SHARES:
            raise
        return _refused(actor, session, refusal)
    outcome = TallyOutcome(session)
    try:
        ready = []
        untallied = list(constituencies_untallied(election).select_related("election", "district"))
        gates = tally_problems_of(election, untallied)
        for constituency in untallied:
            problems = gates[constituency.pk]
            if problems:
                outcome.left_out.append(_left_out_entry(constituency, problems))
            else:
                ready.append(constituency)
        for constituency, stored in constituencies_tallied(
            session=session,
            constituencies=ready,
            private_key=private,
            announced=settings.announced_lottery_value,
            actor=actor,
        ):
            if isinstance(stored, Problem):
                outcome.left_out.append(_left_out_entry(constituency, [stored]))
            else:
                outcome.tallied.append(constituency.code)
    finally:
        # Dropping the only reference lets the memory be reused; Python cannot wipe it
        # (bytes are immutable and may have been copied), so the key's bytes linger in this
        # process's freed memory until overwritten. The process ends or serves on.
        del private
    outcome.tallied.sort()
    outcome.left_out.sort(key=lambda entry: str(entry["code"]))
    ShareEntry.objects.filter(session=session).delete()
    session.status = SessionStatus.RAN
    session.closed_by = actor
    session.closed_at = timezone.now()
    session.tallied = outcome.tallied
    session.left_out = outcome.left_out
    session.save(update_fields=["status", "closed_by", "closed_at", "tallied", "left_out"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.TALLY_RUN,
        target=session,
        unit=f"election:{election.pk}",
        new={
            "tallied": outcome.tallied,
            "left_out": [entry["code"] for entry in outcome.left_out],
        },
    )
    return outcome


def _left_out_entry(constituency: Constituency, problems: list[Problem]) -> dict[str, Any]:
    return {
        "code": constituency.code,
        "name": constituency.name,
        "problems": [problem.as_dict() for problem in problems],
    }


def constituencies_tallied(
    *,
    session: TallySession,
    constituencies: list[Constituency],
    private_key: bytes,
    announced: str,
    actor: Any,
) -> Iterator[tuple[Constituency, ConstituencyResult | Problem]]:
    """Each ready constituency tallied and stored, or the problem found while counting
    it; in worker processes when there are enough ballots (``tally_parallel``)."""
    from shora.results.services.tally_parallel import constituencies_opened, tally_processes

    processes = tally_processes(constituencies)
    if processes <= 1:
        for constituency in constituencies:
            try:
                yield (
                    constituency,
                    constituency_tally(
                        session=session,
                        constituency=constituency,
                        private_key=private_key,
                        announced=announced,
                        actor=actor,
                    ),
                )
            except _LeftOut as left:
                yield constituency, left.problem
        return
    for constituency, definition, stations, opened in constituencies_opened(
        constituencies, private_key, processes
    ):
        try:
            yield (
                constituency,
                constituency_store(
                    session=session,
                    constituency=constituency,
                    definition=definition,
                    stations=stations,
                    opened=opened,
                    announced=announced,
                    actor=actor,
                ),
            )
        except _LeftOut as left:
            yield constituency, left.problem


def _station_ballots(constituency: Constituency, station_id: int) -> QuerySet[Any, Any]:
    return Ballot.objects.filter(constituency=constituency, station_id=station_id).values_list(
        "sealed", "sealed_sha256"
    )


def _stations_from_database(
    constituency: Constituency, days: list[StationDay]
) -> Iterator[StationBallots]:
    """Each counted station's sealed ballots, streamed from the database one station at a
    time (no model object per row)."""
    for day in days:
        rows = _station_ballots(constituency, day.station_id).iterator(chunk_size=CHUNK_ROWS)
        yield StationBallots(day.station.code, rows)


def constituency_tally(
    *,
    session: TallySession,
    constituency: Constituency,
    private_key: bytes,
    announced: str,
    actor: Any = None,
) -> ConstituencyResult:
    """Open, shuffle, count and decide one constituency whose gate passed; store it."""
    definition = frozen_ballot(constituency)
    assert definition is not None  # the gate checked it
    days, excluded = tallied_stations(constituency)
    opened = constituency_open(
        private_key,
        str(constituency.election_id),
        definition,
        _stations_from_database(constituency, days),
    )
    return constituency_store(
        session=session,
        constituency=constituency,
        definition=definition,
        stations=(days, excluded),
        opened=opened,
        announced=announced,
        actor=actor,
    )


def constituency_store(
    *,
    session: TallySession,
    constituency: Constituency,
    definition: BallotDefinition,
    stations: tuple[list[StationDay], list[str]],
    opened: Opened,
    announced: str,
    actor: Any = None,
) -> ConstituencyResult:
    """Decide the standings of an opened constituency and store it; ``_LeftOut`` when it
    could not be counted."""
    if opened.altered_station is not None:
        raise _LeftOut(
            Problem(
                "ballot_altered",
                "برگه‌ای از آرای رمزشدهٔ این شعبه با چکیدهٔ رسید آن نمی‌خواند.",
                f"A sealed ballot of station {opened.altered_station} does not match its "
                "receipt's digest.",
                opened.altered_station,
            )
        )
    count = opened.count
    if opened.counts_disagree or count is None:
        raise _LeftOut(
            Problem(
                "counts_disagree",
                "جمع شمارش شعبه‌ها با شمارش همهٔ آرای حوزه نمی‌خواند.",
                "The stations' counts do not add up to the count of all the ballots.",
            )
        )
    days, excluded = stations
    election_ref = str(constituency.election_id)
    roots = [str((day.closing_document or {}).get("receipts_root")) for day in days]
    seed = lottery_seed(
        election_ref=election_ref,
        constituency_code=constituency.code,
        receipts_roots=roots,
        announced=announced,
    )
    standings = standings_decide(definition, count, seed)
    result = ConstituencyResult.objects.create(
        election_id=constituency.election_id,
        constituency=constituency,
        session=session,
        counts=count_as_dict(count),
        station_counts={code: count_as_dict(part) for code, part in opened.station_counts.items()},
        standings=standings_as_list(standings),
        ties=ties_as_list(standings),
        seed=seed,
        receipts_roots=sorted(roots),
        excluded_stations=excluded,
        tallied_at=timezone.now(),
    )
    _ballots_store(result, opened.lines)
    audit_record(
        actor=actor,
        event_type=AuditEventType.CONSTITUENCY_TALLIED,
        target=result,
        unit=f"constituency:{constituency.code}",
        new={
            "ballots": count.ballots,
            "valid": count.valid,
            "rejected": count.rejected,
            "seed": seed,
            "excluded_stations": excluded,
            "members": [s.code for s in standings.standings if s.outcome == "member"],
        },
    )
    return result


def _ballots_store(result: ConstituencyResult, lines: list[bytes]) -> None:
    text = b"".join(line + b"\n" for line in lines)
    ConstituencyBallots.objects.create(
        result=result,
        jsonl_gzip=gzip.compress(text, compresslevel=6, mtime=0),
        jsonl_sha256=hashlib.sha256(text).hexdigest(),
        lines=len(lines),
    )


def count_as_dict(count: Count) -> dict[str, Any]:
    return {
        "constituency_code": count.constituency_code,
        "votes": dict(count.votes),
        "ballots": count.ballots,
        "valid": count.valid,
        "blank": count.blank,
        "void": count.void,
        "rejected": count.rejected,
        "skipped_codes": count.skipped_codes,
    }


def standings_as_list(standings: Standings) -> list[dict[str, Any]]:
    return [
        {
            "code": s.code,
            "name": s.name,
            "votes": s.votes,
            "place": s.place,
            "outcome": s.outcome,
        }
        for s in standings.standings
    ]


def ties_as_list(standings: Standings) -> list[dict[str, Any]]:
    return [
        {
            "votes": tie.votes,
            "codes": list(tie.codes),
            "boundary": tie.boundary,
            "decided_by": tie.decided_by,
            "order": list(tie.order),
            "draw": (
                None
                if tie.draw is None
                else {
                    "seed": tie.draw.seed,
                    "items": list(tie.draw.items),
                    "order": list(tie.draw.order),
                }
            ),
        }
        for tie in standings.ties
    ]
