"""Women's presence over time: a snapshot of every group's share as it stood when the
election entered each phase (hooked into ``elections.gates.PHASE_ENTRY_ACTIONS``, so it is
taken inside the phase move's transaction), and whenever the provincial HQ asks.

Why snapshots and not a reconstruction from history: board seats and candidacies carry
their own dates, but the register and the candidacies' statuses change in place, so the
past shares cannot be recomputed later. Each snapshot holds counts for the province and
for each county (one set of grouped queries at the province's level gives both).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from shora.elections.models import Election, Phase
from shora.participation.access import Scope, can_set_targets, refuse
from shora.participation.models import WomensGroup, WomensSnapshot
from shora.participation.presence import womens_view
from shora.participation.selectors import scope_figures, unit_figures
from shora.readiness.charts import Series, line_chart
from shora_domain.digits import format_number
from shora_domain.womens_share import NOBODY, Share


def _counts(shares: dict[str, Any]) -> dict[str, list[int]]:
    return {
        group: [share.women, share.total] if share is not None else [0, 0]
        for group, share in shares.items()
    }


def womens_snapshot_take(
    election: Election, *, actor: Any = None, on_demand: bool = False
) -> WomensSnapshot:
    """Count every group's women now, for the province and each county, and keep it."""
    if on_demand and actor is not None and not can_set_targets(actor, election):
        raise refuse()
    scope = Scope()
    lines = unit_figures(election, scope)
    view = womens_view(election, scope, scope_figures(election, scope, lines), lines)
    shares: dict[str, Any] = {
        "province": _counts(
            {line.group.value: (None if line.pending else line.share) for line in view.lines}
        )
    }
    for line, own in view.units:
        shares[line.key] = _counts(own)
    return WomensSnapshot.objects.create(
        election=election,
        phase=election.phase,
        on_demand=on_demand,
        taken_at=timezone.now(),
        taken_by=actor if getattr(actor, "pk", None) else None,
        shares=shares,
    )


def snapshot_on_phase(actor: Any, election: Election) -> None:
    """The phase-entry action: the shares as the new phase begins."""
    womens_snapshot_take(election, actor=actor)


@dataclass(frozen=True)
class SnapshotRow:
    snapshot: WomensSnapshot
    shares: dict[str, Share]

    @property
    def phase_label(self) -> str:
        return str(Phase(self.snapshot.phase).label) if self.snapshot.phase in Phase.values else ""


def womens_over_time(election: Election, scope: Scope) -> list[SnapshotRow] | None:
    """The snapshots of the province or of the scope's county, oldest first; None for a
    district (the snapshots are kept for the province and its counties only)."""
    if scope.district is not None:
        return None
    key = "province" if scope.county is None else f"county:{scope.county.pk}"
    rows = []
    for snapshot in WomensSnapshot.objects.filter(election=election).order_by("taken_at", "pk"):
        counted = snapshot.shares.get(key)
        if counted is None:
            continue  # a county made after this snapshot
        rows.append(
            SnapshotRow(
                snapshot,
                {
                    group.value: Share(*counted.get(group.value, [0, 0]))
                    if counted.get(group.value)
                    else NOBODY
                    for group in WomensGroup
                },
            )
        )
    return rows


def over_time_chart(rows: list[SnapshotRow], language: str, *, numbered: bool = False) -> Any:
    """Women's share of each group (whole percent) across the snapshots, one line a group
    that had anyone in any snapshot; None for fewer than two snapshots. ``numbered`` labels
    the snapshots 1, 2, … instead of by phase (for the PDF, whose SVG text is not shaped)."""
    if len(rows) < 2:
        return None
    series = [
        Series(
            str(group.label),
            [((row.shares[group.value].percent_tenths or 0) + 5) // 10 for row in rows],
        )
        for group in WomensGroup
        if any(row.shares[group.value].total for row in rows)
    ]
    if not series:
        return None
    return line_chart(
        series,
        [
            format_number(index, language) if numbered else row.phase_label
            for index, row in enumerate(rows, start=1)
        ],
        title=_("Women's share (percent), phase by phase"),
        language=language,
        tick_every=1,
    )
