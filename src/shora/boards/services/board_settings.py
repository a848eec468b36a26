"""The boards' settings of an election: the composition table and the relatives' policy."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.access import can_change_board_settings, require
from shora.boards.errors import BoardRefusal, refuse
from shora.boards.models import BoardSettings, RelativePolicy, default_composition_table
from shora.elections.models import Election, Phase
from shora_domain.board_composition import table_from_dict, table_to_dict

# Like councils and stations, the rules the boards' gates use hold still once the
# election is declared ready.
BOARD_SETTINGS_EDITABLE_IN = (Phase.SETUP, Phase.REGISTRATION, Phase.REVIEW)


@transaction.atomic
def board_settings_update(
    *,
    actor: Any,
    election: Election,
    composition_table: dict[str, Any] | None = None,
    relative_policy: str | None = None,
) -> BoardSettings:
    """Correct the composition table or the relatives' policy (provincial HQ, before ready)."""
    require(actor is None or can_change_board_settings(actor, election))
    election = Election.objects.select_for_update().select_related("province").get(pk=election.pk)
    if election.phase not in BOARD_SETTINGS_EDITABLE_IN:
        raise refuse(
            BoardRefusal.SETTINGS_FROZEN,
            fa="از مرحلهٔ «آماده» به بعد ترکیب هیئت‌ها و قاعدهٔ خویشاوندان تغییر نمی‌کند.",
            en=f"The boards' settings are frozen in phase {election.phase}.",
        )
    if relative_policy is not None and relative_policy not in RelativePolicy.values:
        raise refuse(
            BoardRefusal.BAD_SETTING,
            fa="قاعدهٔ خویشاوندان باید «هشدار» یا «رد» باشد.",
            en=f"The relatives' policy must be warn or block, not {relative_policy!r}.",
        )
    if composition_table is not None:
        composition_table = table_to_dict(table_from_dict(composition_table))
    stored, _ = BoardSettings.objects.select_for_update().get_or_create(
        election=election, defaults={"composition_table": default_composition_table()}
    )
    old = {"composition_table": stored.composition_table, "relative_policy": stored.relative_policy}
    if composition_table is not None:
        stored.composition_table = composition_table
    if relative_policy is not None:
        stored.relative_policy = relative_policy
    stored.save()
    new = {"composition_table": stored.composition_table, "relative_policy": stored.relative_policy}
    changed = [key for key in old if old[key] != new[key]]
    audit_record(
        actor=actor,
        event_type=AuditEventType.BOARD_SETTINGS_CHANGED,
        target=stored,
        unit=f"province:{election.province.code}",
        old={key: old[key] for key in changed},
        new={key: new[key] for key in changed},
    )
    return stored
