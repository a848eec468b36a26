"""Reading and checking the audit log."""

from __future__ import annotations

from collections.abc import Iterator

from shora.audit.models import AuditChainHead, AuditEvent
from shora.audit.services import audit_payload
from shora_domain.audit_chain import ChainedEvent, ChainProblem, ChainProblemKind, verify_chain


def audit_chain_events() -> Iterator[ChainedEvent]:
    """Every stored event in number order, streamed, as the pure verifier reads them."""
    for event in AuditEvent.objects.order_by("number").iterator(chunk_size=2000):
        yield ChainedEvent(
            number=event.number,
            previous_hash=event.previous_hash,
            payload=audit_payload(event),
            event_hash=event.event_hash,
        )


def _tail_problems(last: AuditEvent | None) -> list[ChainProblem]:
    """Events removed from the end leave no gap; the chain head, written with each event,
    still names the last number and hash, so they are found too."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or head.last_number == 0:
        return []
    if last is not None and last.number == head.last_number and last.event_hash == head.last_hash:
        return []
    found = last.number if last is not None else 0
    return [
        ChainProblem(
            number=head.last_number,
            kind=ChainProblemKind.MISSING,
            detail_en=f"the chain ends at event {found}, but event {head.last_number} was written",
            detail_fa=f"زنجیره در رویداد {found} تمام می‌شود، اما رویداد {head.last_number} ثبت شده بود",
        )
    ]


def audit_chain_problems() -> tuple[int, list[ChainProblem]]:
    """How many events were checked, and every edited, removed or reordered one by number."""
    checked = AuditEvent.objects.count()
    problems = verify_chain(audit_chain_events())
    problems.extend(_tail_problems(AuditEvent.objects.order_by("-number").first()))
    return checked, problems
