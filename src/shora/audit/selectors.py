"""Reading and checking the audit log."""

from __future__ import annotations

from collections.abc import Iterator

from shora.audit.models import AuditChainHead, AuditEvent
from shora.audit.services import audit_payload
from shora_domain.audit_chain import ChainCheckpoint, ChainedEvent, ChainProblem, verify_chain


def audit_chain_events() -> Iterator[ChainedEvent]:
    """Every stored event in number order, streamed, as the pure verifier reads them."""
    for event in AuditEvent.objects.order_by("number").iterator(chunk_size=2000):
        yield ChainedEvent(
            number=event.number,
            previous_hash=event.previous_hash,
            payload=audit_payload(event),
            event_hash=event.event_hash,
        )


def audit_chain_problems() -> tuple[int, list[ChainProblem]]:
    """How many events were checked, and every edited, removed or reordered one by number.

    Events removed from the end leave no gap in the chain; the chain head, written with
    each event, still names the last number and hash, so it serves as the checkpoint.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    checkpoint = (
        ChainCheckpoint(number=head.last_number, event_hash=head.last_hash)
        if head is not None and head.last_number > 0
        else None
    )
    checked = AuditEvent.objects.count()
    return checked, verify_chain(audit_chain_events(), checkpoint=checkpoint)
