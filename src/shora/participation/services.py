"""Writes of the participation plan: the HQ's county targets and women's goals, audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.accounts.access import can_change_election
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import County, Election
from shora.participation.access import refuse
from shora.participation.models import CountyTarget, WomensGoal, WomensGroup
from shora_domain.turnout_rules import parse_target_percent


def _tenths_or_none(text: str) -> int | None:
    """An empty field clears the figure; anything else must be a percentage 0–100."""
    if not (text or "").strip():
        return None
    return parse_target_percent(text)


@transaction.atomic
def county_target_set(
    *, actor: Any, election: Election, county: County, target: str, last_turnout: str = ""
) -> CountyTarget:
    """The HQ sets ``county``'s participation target (and the last election's turnout
    there), typed as percentages in any digits; refused outside 0–100, nothing changed."""
    if actor is not None and not can_change_election(actor, election):
        raise refuse()
    if county.province_id != election.province_id:
        raise refuse()
    target_tenths = _tenths_or_none(target)
    last_tenths = _tenths_or_none(last_turnout)
    row = CountyTarget.objects.select_for_update().filter(election=election, county=county).first()
    old = None
    if row is None:
        row = CountyTarget(election=election, county=county)
    else:
        old = {"target_tenths": row.target_tenths, "last_turnout_tenths": row.last_turnout_tenths}
    row.target_tenths = target_tenths
    row.last_turnout_tenths = last_tenths
    row.updated_by = actor if getattr(actor, "pk", None) else None
    row.updated_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.PARTICIPATION_TARGET_SET,
        target=row,
        unit=f"county:{county.code}",
        old=old,
        new={"target_tenths": target_tenths, "last_turnout_tenths": last_tenths},
    )
    return row


@transaction.atomic
def womens_goal_set(*, actor: Any, election: Election, group: str, goal: str) -> WomensGoal | None:
    """The HQ's goal for women's share of ``group``; an empty goal removes it."""
    if actor is not None and not can_change_election(actor, election):
        raise refuse()
    kind = WomensGroup(group)
    goal_tenths = _tenths_or_none(goal)
    row = WomensGoal.objects.select_for_update().filter(election=election, group=kind).first()
    old = {"goal_tenths": row.goal_tenths} if row is not None else None
    if goal_tenths is None:
        if row is not None:
            audit_record(
                actor=actor,
                event_type=AuditEventType.WOMENS_GOAL_SET,
                target=row,
                unit=f"election:{election.pk}",
                old=old,
                new={"group": kind.value, "goal_tenths": None},
            )
            row.delete()
        return None
    if row is None:
        row = WomensGoal(election=election, group=kind)
    row.goal_tenths = goal_tenths
    row.updated_by = actor if getattr(actor, "pk", None) else None
    row.updated_at = timezone.now()
    row.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.WOMENS_GOAL_SET,
        target=row,
        unit=f"election:{election.pk}",
        old=old,
        new={"group": kind.value, "goal_tenths": goal_tenths},
    )
    return row
