"""API of candidacies and frozen ballots: thin handlers over access, selectors and services.

``GET /api/constituencies/{id}/ballot`` is what polling and tallying read: people with
their session, and polling devices with their station's bearer token (for the
constituencies their station serves only).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from shora.accounts.models import DeviceToken
from shora.accounts.services import device_token_check
from shora.candidates.access import (
    ballot_constituency_get_for_user,
    candidacies_constituency_get_for_user,
    candidacy_get_for_user,
)
from shora.candidates.models import Candidacy
from shora.candidates.selectors import (
    ballot_of,
    candidacies_of_constituency,
    candidacy_history,
)
from shora.candidates.services import candidacy_appeal, candidacy_decide, candidacy_withdraw
from shora.elections.models import Constituency
from shora_domain.candidate_review import ReviewAction

router = Router(tags=["candidates"])


def signed_in_person(request: HttpRequest) -> Any:
    """A person signed in through the sign-in page (two-factor done where required)."""
    user = request.user
    if not user.is_authenticated:
        return None
    if getattr(user, "needs_two_factor", False) and not user.is_verified():  # type: ignore[attr-defined]
        return None
    return user


def polling_device(request: HttpRequest) -> DeviceToken | None:
    """A polling device with its station's bearer token (401 for a bad token)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return device_token_check(token.strip())


class ProblemOut(Schema):
    code: str
    message_fa: str
    message_en: str


class BallotCandidateOut(Schema):
    code: str
    name: str
    veteran: bool
    degree: str


class BallotOut(Schema):
    constituency_id: int
    constituency_code: str
    constituency_name: str
    members: int
    alternates: int
    frozen_at: datetime.datetime
    sha256: str
    definition: dict[str, Any]
    candidates: list[BallotCandidateOut]


class CandidacyRow(Schema):
    id: int
    national_code: str
    first_name: str
    last_name: str
    father_name: str
    status: str
    code: str | None


class StepOut(Schema):
    action: str
    board: str
    from_status: str
    to_status: str
    actor: str
    acted_at: datetime.datetime
    reason: str
    deadline: datetime.date | None
    details: dict[str, Any]


class CandidacyOut(CandidacyRow):
    constituency_id: int
    constituency_code: str
    gender: str
    birth_date: datetime.date
    degree: str
    veteran_status: str
    military_service: str
    moved_from_code: str | None
    history: list[StepOut]


class StepIn(Schema):
    action: str
    reason: str = ""


def _ballot_constituency(request: HttpRequest, constituency_id: int) -> Constituency:
    caller = request.auth  # type: ignore[attr-defined]
    if isinstance(caller, DeviceToken):
        station = caller.station
        constituency = station.constituencies.filter(pk=constituency_id).first()
        if constituency is None:
            raise PermissionDenied
        return constituency
    return ballot_constituency_get_for_user(caller, constituency_id)


@router.get(
    "/constituencies/{constituency_id}/ballot",
    response={200: BallotOut, 409: ProblemOut},
    auth=[signed_in_person, polling_device],
)
def constituency_ballot(request: HttpRequest, constituency_id: int) -> Any:
    """The constituency's frozen ballot: codes, names, and its SHA-256."""
    constituency = _ballot_constituency(request, constituency_id)
    ballot = ballot_of(constituency)
    if ballot is None:
        return 409, ProblemOut(
            code="ballot_not_frozen",
            message_fa="فهرست نامزدهای این حوزه هنوز قطعی نشده است.",
            message_en="This constituency's candidate list is not frozen yet.",
        )
    return 200, BallotOut(
        constituency_id=constituency.pk,
        constituency_code=constituency.code,
        constituency_name=constituency.name,
        members=ballot.content["members"],
        alternates=ballot.content["alternates"],
        frozen_at=ballot.frozen_at,
        sha256=ballot.sha256,
        definition=ballot.content,
        candidates=[BallotCandidateOut(**item) for item in ballot.content["candidates"]],
    )


def _row(candidacy: Candidacy) -> dict[str, Any]:
    entry = getattr(candidacy, "ballot_entry", None)
    return {
        "id": candidacy.pk,
        "national_code": candidacy.national_code,
        "first_name": candidacy.first_name,
        "last_name": candidacy.last_name,
        "father_name": candidacy.father_name,
        "status": candidacy.status,
        "code": entry.code if entry is not None else None,
    }


@router.get("/constituencies/{constituency_id}/candidates", response=list[CandidacyRow])
def constituency_candidates(request: HttpRequest, constituency_id: int) -> list[CandidacyRow]:
    constituency = candidacies_constituency_get_for_user(request.auth, constituency_id)  # type: ignore[attr-defined]
    candidacies = candidacies_of_constituency(constituency).order_by("last_name", "first_name")
    return [CandidacyRow(**_row(c)) for c in candidacies]


def _detail(candidacy: Candidacy) -> CandidacyOut:
    return CandidacyOut(
        **_row(candidacy),
        constituency_id=candidacy.constituency_id,
        constituency_code=candidacy.constituency.code,
        gender=candidacy.gender,
        birth_date=candidacy.birth_date,
        degree=candidacy.degree,
        veteran_status=candidacy.veteran_status,
        military_service=candidacy.military_service,
        moved_from_code=candidacy.moved_from.code if candidacy.moved_from else None,
        history=[
            StepOut(
                action=s.action,
                board=s.board,
                from_status=s.from_status,
                to_status=s.to_status,
                actor=s.actor_name,
                acted_at=s.acted_at,
                reason=s.reason,
                deadline=s.deadline,
                details=s.details,
            )
            for s in candidacy_history(candidacy)
        ],
    )


@router.get("/candidates/{candidacy_id}", response=CandidacyOut)
def candidacy_detail(request: HttpRequest, candidacy_id: int) -> CandidacyOut:
    return _detail(candidacy_get_for_user(request.auth, candidacy_id))  # type: ignore[attr-defined]


@router.post("/candidates/{candidacy_id}/steps", response=CandidacyOut)
def candidacy_step(request: HttpRequest, candidacy_id: int, body: StepIn) -> CandidacyOut:
    """A board's decision, or the candidate's appeal or withdrawal, by its own board."""
    user = request.auth  # type: ignore[attr-defined]
    candidacy = candidacy_get_for_user(user, candidacy_id)
    if body.action == ReviewAction.APPEAL.value:
        candidacy = candidacy_appeal(actor=user, candidacy=candidacy, reason=body.reason)
    elif body.action == ReviewAction.WITHDRAW.value:
        candidacy = candidacy_withdraw(actor=user, candidacy=candidacy, reason=body.reason)
    else:
        candidacy = candidacy_decide(
            actor=user, candidacy=candidacy, action=body.action, reason=body.reason
        )
    return _detail(candidacy_get_for_user(user, candidacy.pk))
