"""Running totals that let the province's dashboard answer in tens of milliseconds while
the centre takes thousands of claims a second.

Counting a province's register (millions of voters) and the day's participations joined
to their voters for gender and age takes seconds on every view. So:

* **The register's side** (eligible voters per constituency by gender and age band) is
  counted once and kept with the register's version: the highest voter id and voter
  import id (the register only grows by imports, and a removal or a death is written by
  an import too) and the election's settings the rules read. Any change makes a new count.
* **The day's side** is folded: each view first adds the participations recorded since
  the last fold (by id, with the pk index) to three small tables (per constituency, gender
  and band; per constituency and hour; per station and constituency). Ids are handed out
  before a claim's transaction commits, so an id below the last one folded may still
  appear: the ids skipped are kept as *holes* and looked for again at each fold, until
  ``HOLE_SECONDS`` have passed (a claim's transaction lasts milliseconds; a hole that old
  was a refused claim, or another election's row). One fold at a time: a view that finds
  another folding reads the totals as they stand.
"""

from __future__ import annotations

import contextlib
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Case, Count, Max, Q, Sum, Value, When

from shora.elections.models import Election
from shora.participation.rollup_models import (
    RegisterSummary,
    TurnoutMark,
    VotedByGroup,
    VotedByHour,
    VotedByStation,
)
from shora.polling.models import Participation
from shora.registers.models import Voter, VoterImport
from shora.registers.selectors import eligible_voters
from shora_domain.turnout_rules import AgeBand, age_bands

HOLE_SECONDS = 300


def _bands(election: Election) -> list[AgeBand]:
    return age_bands(election.polling_date, election.voter_minimum_age)


def band_condition(band: AgeBand, prefix: str) -> Q:
    condition = Q(**{f"{prefix}birth_date__lte": band.born_on_or_before})
    if band.born_after is not None:
        condition &= Q(**{f"{prefix}birth_date__gt": band.born_after})
    return condition


def _rules_version(election: Election) -> str:
    return (
        f"{election.polling_date}:{election.voter_minimum_age}:{election.residence_rule_applies}"
        f":{election.residence_rule_population_below}"
    )


def register_version(election: Election) -> str:
    """Changes whenever the eligible register may have: two index look-ups."""
    top_voter = Voter.objects.filter(election=election).aggregate(m=Max("id"))["m"]
    top_import = VoterImport.objects.filter(election=election).aggregate(m=Max("id"))["m"]
    return f"{_rules_version(election)}:{top_voter}:{top_import}"


def eligible_by_constituency(election: Election) -> dict[int, dict[str, int]]:
    """Eligible voters per constituency id: ``n``, ``women`` and each band's key."""
    version = register_version(election)
    kept = RegisterSummary.objects.filter(election=election).first()
    if kept is not None and kept.version == version:
        return {int(key): value for key, value in kept.counts.items()}
    columns: dict[str, Any] = {
        "n": Count("pk"),
        "women": Count("pk", filter=Q(gender="female")),
        **{band.key: Count("pk", filter=band_condition(band, "")) for band in _bands(election)},
    }
    counts: dict[int, dict[str, int]] = {}
    rows: Any = eligible_voters(election).values("constituency").annotate(**columns)
    for row in rows:
        constituency = row.pop("constituency")
        counts[constituency] = row
    RegisterSummary.objects.update_or_create(
        election=election, defaults={"version": version, "counts": counts}
    )
    return counts


def _upsert(table: str, keys: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Add each row's last value (``n``) to the row of the same keys, or insert it. The
    same SQL on PostgreSQL and SQLite (ON CONFLICT … DO UPDATE)."""
    if not rows:
        return
    columns = [*keys, "n"]
    marks = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "  # noqa: S608 - our tables
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET n = {table}.n + excluded.n"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _fold_rows(election: Election, rows: Any) -> None:
    band = Case(
        *(When(band_condition(b, "voter__"), then=Value(b.key)) for b in _bands(election)),
        default=Value(""),
        output_field=models.CharField(),
    )
    groups = rows.values("constituency_id", "voter__gender").annotate(band=band, n=Count("id"))
    folded: dict[tuple[int, bool, str], int] = defaultdict(int)
    for row in groups.values_list("constituency_id", "voter__gender", "band", "n"):
        folded[(row[0], row[1] == "female", row[2])] += row[3]
    _upsert(
        VotedByGroup._meta.db_table,
        ["election_id", "constituency_id", "women", "band"],
        [(election.pk, *key, n) for key, n in folded.items()],
    )
    _upsert(
        VotedByHour._meta.db_table,
        ["election_id", "constituency_id", "hour"],
        [
            (election.pk, constituency, hour, n)
            for constituency, hour, n in rows.values_list("constituency_id", "hour")
            .annotate(n=Count("id"))
            .values_list("constituency_id", "hour", "n")
        ],
    )
    _upsert(
        VotedByStation._meta.db_table,
        ["election_id", "station_id", "constituency_id"],
        [
            (election.pk, station, constituency, n)
            for station, constituency, n in rows.values_list("station_id", "constituency_id")
            .annotate(n=Count("id"))
            .values_list("station_id", "constituency_id", "n")
        ],
    )


def _restart(election: Election, mark: TurnoutMark, version: str) -> None:
    for model in (VotedByGroup, VotedByHour, VotedByStation):
        model.objects.filter(election=election).delete()
    mark.version, mark.last_id, mark.holes = version, 0, []


def turnout_fold(election: Election) -> None:
    """Add the participations recorded since the last fold to the running totals. With
    nothing new: two queries (the mark, locked; the ids above it and in its holes)."""
    version = _rules_version(election)
    with transaction.atomic():
        # SQLite has no SKIP LOCKED; it lets one writer in at a time anyway
        skip = connection.features.has_select_for_update_skip_locked
        marks = TurnoutMark.objects.select_for_update(skip_locked=skip).filter(election=election)
        held = marks.first()
        if held is None:
            if TurnoutMark.objects.filter(election=election).exists():
                return  # another view is folding: the totals as they stand will do
            # (or made meanwhile by another view)
            with contextlib.suppress(IntegrityError), transaction.atomic():
                TurnoutMark.objects.create(election=election, version=version)
            held = marks.first()
            if held is None:
                return
        if held.version != version:
            _restart(election, held, version)
        hole_ids = [hole[0] for hole in held.holes]
        ours = Participation.objects.filter(election=election)
        fresh = ours.filter(Q(id__gt=held.last_id) | Q(id__in=hole_ids))
        present = set(fresh.values_list("id", flat=True))
        top = max(present | {held.last_id})
        if present:
            _fold_rows(election, ours.filter(id__in=present))
        now = int(time.time())
        holes = [h for h in held.holes if h[0] not in present and now - h[1] < HOLE_SECONDS]
        start = held.last_id + 1 if held.last_id else min(present, default=top + 1)
        holes += [[i, now] for i in range(start, top + 1) if i not in present]
        if present or holes != held.holes or held.pk is None or held.last_id != top:
            held.last_id = top
            held.holes = holes
            held.save()


@dataclass(frozen=True)
class Totals:
    """What one view reads, folded once: eligible voters and voters per constituency id
    (``n``, ``women``, each band), and every constituency's (id, district, county)."""

    eligible: dict[int, dict[str, int]]
    voted: dict[int, dict[str, int]]
    places: list[tuple[int, int, int]]


def running_totals(election: Election) -> Totals:
    turnout_fold(election)
    return Totals(
        eligible_by_constituency(election),
        voted_by_constituency(election, fold=False),
        list(election.constituencies.values_list("pk", "district_id", "district__county_id")),
    )


def voted_by_constituency(election: Election, *, fold: bool = True) -> dict[int, dict[str, int]]:
    """Voters per constituency id: ``n``, ``women`` and each band's key (folded first)."""
    if fold:
        turnout_fold(election)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for constituency, women, band, n in VotedByGroup.objects.filter(election=election).values_list(
        "constituency_id", "women", "band", "n"
    ):
        row = counts[constituency]
        row["n"] += n
        row["women"] += n if women else 0
        if band:
            row[band] += n
    return counts


def voted_by_hour(election: Election, constituencies: Any, *, fold: bool = True) -> dict[Any, int]:
    """Voters per hour of the given constituencies (a queryset or list of ids)."""
    if fold:
        turnout_fold(election)
    return dict(
        VotedByHour.objects.filter(election=election, constituency__in=constituencies)
        .values_list("hour")
        .annotate(total=Sum("n"))
        .values_list("hour", "total")
    )


def voted_by_station(
    election: Election, constituencies: Any, *, fold: bool = True
) -> dict[int, int]:
    """Voters per station id, of the given constituencies."""
    if fold:
        turnout_fold(election)
    return dict(
        VotedByStation.objects.filter(election=election, constituency__in=constituencies)
        .values_list("station_id")
        .annotate(total=Sum("n"))
        .values_list("station_id", "total")
    )
