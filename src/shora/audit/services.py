"""Writing audit events: called by every service that changes state, inside its transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.models import AuditChainHead, AuditEvent
from shora_domain.audit_chain import GENESIS_HASH, event_hash


def audit_payload(event: AuditEvent) -> dict[str, Any]:
    """What the hash covers: everything stored about the event but its chain fields."""
    return {
        "recorded_at": event.recorded_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "unit": event.unit,
        "event_type": event.event_type,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "old": event.old,
        "new": event.new,
    }


def audit_record(
    *,
    actor: Any,
    event_type: AuditEventType,
    target: models.Model | None = None,
    target_type: str = "",
    unit: str = "",
    old: Mapping[str, Any] | None = None,
    new: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the service's transaction")
    head, _ = AuditChainHead.objects.select_for_update().get_or_create(
        pk=1, defaults={"last_number": 0, "last_hash": GENESIS_HASH}
    )
    is_person = actor is not None and getattr(actor, "pk", None) is not None
    event = AuditEvent(
        number=head.last_number + 1,
        recorded_at=timezone.now(),
        actor=actor if is_person else None,
        actor_name=actor.get_username() if is_person else "system",
        unit=unit,
        event_type=int(event_type),
        target_type=target_type or (target._meta.label_lower if target is not None else ""),
        target_id=str(target.pk) if target is not None else "",
        old=dict(old) if old is not None else None,
        new=dict(new) if new is not None else None,
        previous_hash=head.last_hash,
    )
    event.event_hash = event_hash(
        number=event.number, previous_hash=event.previous_hash, payload=audit_payload(event)
    )
    event.save()
    head.last_number = event.number
    head.last_hash = event.event_hash
    head.save(update_fields=["last_number", "last_hash"])
    return event
