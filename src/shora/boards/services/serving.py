"""What every appointment checks first: the person's other posts, and their candidacies."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.conflict_checks import conflicts_for_post
from shora.boards.errors import BoardRefusal, PostRefused
from shora.boards.models import Board, BoardMembership, Person, StaffPost
from shora.boards.places import BoardPlace, membership_place, staff_place
from shora.boards.selectors import person_memberships, person_staff_posts
from shora_domain.conflicts import Conflict
from shora_domain.post_clashes import PostPlace, post_clashes


@dataclass(frozen=True)
class Appointment:
    """A seat or post given, with the conflicts that warn but do not block."""

    post: BoardMembership | StaffPost
    warnings: list[Conflict] = field(default_factory=list)


def refuse_unless_free_to_serve(person: Person, place: PostPlace) -> list[Conflict]:
    """Refuse a post that clashes with the person's others, or that a conflict with a
    candidacy blocks; return the conflicts that only warn."""
    held = [membership_place(m) for m in person_memberships(person)]
    held += [staff_place(p) for p in person_staff_posts(person)]
    clashes = post_clashes(held, place)
    if clashes:
        raise PostRefused(
            BoardRefusal.POST_CLASH,
            [(c.fa, c.en) for c in clashes],
            fa=" ".join(c.fa for c in clashes),
            en=" ".join(c.en for c in clashes),
        )
    conflicts = conflicts_for_post(person, place)
    blocking = [c for c in conflicts if c.blocks]
    if blocking:
        raise PostRefused(
            BoardRefusal.CONFLICT_WITH_CANDIDACY,
            [(c.fa, c.en) for c in blocking],
            fa=" ".join(c.fa for c in blocking),
            en=" ".join(c.en for c in blocking),
        )
    return [c for c in conflicts if not c.blocks]


def warnings_for_audit(warnings: list[Conflict]) -> list[dict[str, object]]:
    return [
        {"kind": w.kind.value, "candidate_id": w.candidate_id, "constituency_id": w.constituency_id}
        for w in warnings
    ]


def board_unit(place: BoardPlace) -> str:
    if place.district is not None:
        return f"district:{place.district.code}"
    if place.county is not None:
        return f"county:{place.county.code}"
    return f"province:{place.province.code}"


def board_for_update(place: BoardPlace, actor: object) -> Board:
    """The board's row, locked for this transaction; made (and audited) on first use."""
    rows = Board.objects.select_for_update().filter(
        election=place.election, kind=place.kind, county=place.county, district=place.district
    )
    board = rows.first()
    if board is not None:
        return board
    try:
        with transaction.atomic():
            board = Board.objects.create(
                election=place.election,
                kind=place.kind,
                province=place.province,
                county=place.county,
                district=place.district,
            )
    except IntegrityError:
        return rows.get()
    audit_record(
        actor=actor,
        event_type=AuditEventType.BOARD_ESTABLISHED,
        target=board,
        unit=board_unit(place),
        new={"kind": place.kind.value},
    )
    return board
