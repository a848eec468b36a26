"""Freezing the candidate lists: codes assigned once, the ballot definition stored and hashed.

Runs when the election enters "ready" (a phase entry action, inside the phase move's
transaction), after the rejections whose appeal window closed unused are marked final.
The order and the codes are ``shora_domain.ballot_codes``'s: by surname, first name,
father's name in Persian alphabetical order, then national code; sequence numbers of one
width with a Damm check digit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from shora.accounts.models import User
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.candidates import schedule as clock
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import Ballot, BallotEntry, Candidacy
from shora.candidates.services.review import candidacies_lapse_appeals
from shora.elections.models import Constituency, Election
from shora_domain.ballot_codes import ballot_codes, ballot_order_key
from shora_domain.ballot_definition import (
    BallotCandidate,
    BallotDefinition,
    ballot_sha256,
    ballot_to_dict,
)
from shora_domain.candidate_profile import Degree, VeteranStatus
from shora_domain.candidate_review import CandidacyStatus
from shora_domain.errors import DomainError
from shora_domain.persian_text import search_key


def ballot_order(candidacies: list[Candidacy]) -> list[Candidacy]:
    """``candidacies`` in ballot order (see the module notes)."""
    return sorted(
        candidacies,
        key=lambda c: ballot_order_key(
            last_name=c.last_name,
            first_name=c.first_name,
            father_name=c.father_name,
            national_code=c.national_code,
        ),
    )


def ballot_definition(
    constituency: Constituency, ordered: list[Candidacy], codes: list[str]
) -> BallotDefinition:
    return BallotDefinition(
        election=constituency.election.name,
        polling_date=constituency.election.polling_date,
        constituency_code=constituency.code,
        constituency_name=constituency.name,
        members=constituency.members,
        alternates=constituency.alternates,
        candidates=tuple(
            BallotCandidate(
                code=code,
                name=candidacy.full_name,
                veteran=VeteranStatus(candidacy.veteran_status).is_veteran,
                degree=Degree(candidacy.degree),
            )
            for candidacy, code in zip(ordered, codes, strict=True)
        ),
    )


def _refuse_if_frozen(constituency: Constituency) -> None:
    if Ballot.objects.filter(constituency=constituency).exists():
        raise DomainError(
            CandidacyRefusal.CODES_FROZEN,
            fa=(
                f"فهرست نامزدهای «{constituency.name}» پیش‌تر قطعی شده است؛ کدهای نامزدها "
                "هرگز تغییر نمی‌کنند و دوباره داده نمی‌شوند."
            ),
            en=(
                f"The candidate list of {constituency.name} is already frozen; candidate codes "
                "never change and are never given again."
            ),
        )


@transaction.atomic
def ballot_freeze(*, actor: Any, constituency: Constituency) -> Ballot:
    """Assign the codes of ``constituency``'s approved candidates and store its ballot."""
    constituency = (
        Constituency.objects.select_for_update(of=("self",))
        .select_related("election", "district__county")
        .get(pk=constituency.pk)
    )
    _refuse_if_frozen(constituency)
    approved = list(
        Candidacy.objects.filter(constituency=constituency, status=CandidacyStatus.APPROVED.value)
    )
    if not approved:
        raise DomainError(
            CandidacyRefusal.CODES_FROZEN,
            fa=(
                f"«{constituency.name}» هیچ نامزد تأییدصلاحیت‌شده‌ای ندارد؛ "
                "برگهٔ رأی بی‌نامزد ساخته نمی‌شود."
            ),
            en=f"{constituency.name} has no qualified candidate; no ballot is made without one.",
        )
    ordered = ballot_order(approved)
    codes = ballot_codes(len(ordered))
    definition = ballot_definition(constituency, ordered, codes)
    digest = ballot_sha256(definition)
    ballot = Ballot.objects.create(
        election=constituency.election,
        constituency=constituency,
        frozen_at=clock.now(),
        frozen_by=actor if isinstance(actor, User) else None,
        content=ballot_to_dict(definition),
        sha256=digest,
    )
    BallotEntry.objects.bulk_create(
        BallotEntry(
            ballot=ballot,
            constituency=constituency,
            candidacy=candidacy,
            position=position,
            code=code,
            display_name=candidacy.full_name,
            name_key=search_key(candidacy.full_name),
        )
        for position, (candidacy, code) in enumerate(zip(ordered, codes, strict=True), start=1)
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.BALLOT_FROZEN,
        target=ballot,
        unit=f"county:{constituency.district.county.code}",
        new={
            "constituency": constituency.code,
            "sha256": digest,
            "candidates": len(ordered),
            "codes": {str(c.pk): code for c, code in zip(ordered, codes, strict=True)},
        },
    )
    return ballot


def ballots_freeze_on_ready(actor: Any, election: Election) -> None:
    """The "ready" phase's entry action: final lapsed rejections, then every ballot frozen."""
    candidacies_lapse_appeals(actor=actor, election=election)
    for constituency in election.constituencies.order_by("code"):
        ballot_freeze(actor=actor, constituency=constituency)
