"""The register's API: officials look up voters in their own unit (403 outside it)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from shora.accounts.models import User
from shora.registers.access import (
    province_register_get_for_user,
    register_election_get_for_user,
    voter_get_for_user,
)
from shora.registers.models import Voter
from shora.registers.selectors import (
    register_totals,
    voter_by_national_code,
    voter_eligibility_of,
    voter_imports,
)

router = Router(tags=["registers"])


class ReasonOut(Schema):
    code: str
    message_fa: str
    message_en: str


class ConstituencyRef(Schema):
    id: int
    code: str
    name: str


class VoterOut(Schema):
    id: int
    election: int
    national_code: str
    first_name: str
    last_name: str
    father_name: str
    gender: str
    birth_date: datetime.date
    constituency: ConstituencyRef
    deceased: bool
    barred: bool
    residence_since: datetime.date | None
    in_register: bool
    eligible: bool
    reasons: list[ReasonOut]


class TotalsOut(Schema):
    voters: int
    eligible: int
    women: int
    men: int
    under_age: int
    deceased: int
    barred: int
    short_residence: int


class VoterImportOut(Schema):
    id: int
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    operator: str
    file_name: str
    file_sha256: str
    status: str
    rows_read: int
    rows_bad: int
    problems: int
    added: int
    changed: int
    removed: int
    unchanged: int
    kept: int


def _voter_out(voter: Voter) -> VoterOut:
    eligibility = voter_eligibility_of(voter) if voter.in_register else None
    constituency = voter.constituency
    return VoterOut(
        id=voter.pk,
        election=voter.election_id,
        national_code=voter.national_code,
        first_name=voter.first_name,
        last_name=voter.last_name,
        father_name=voter.father_name,
        gender=voter.gender,
        birth_date=voter.birth_date,
        constituency=ConstituencyRef(
            id=constituency.pk, code=constituency.code, name=constituency.name
        ),
        deceased=voter.deceased,
        barred=voter.barred,
        residence_since=voter.residence_since,
        in_register=voter.in_register,
        eligible=eligibility is not None and eligibility.eligible,
        reasons=[
            ReasonOut(code=reason.code.value, message_fa=reason.fa, message_en=reason.en)
            for reason in (eligibility.reasons if eligibility is not None else ())
        ],
    )


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.get("/voters/lookup", response=VoterOut)
def voter_lookup(request: HttpRequest, election: int, national_code: str) -> VoterOut:
    """A voter of the election's current register by national code (any digits):
    404 when not in the register, 403 when the voter lies outside the caller's unit."""
    user = _user(request)
    found = voter_by_national_code(
        election=register_election_get_for_user(user, election), national_code=national_code
    )
    if found is None:
        raise Http404("No voter with this national code in the register.")
    return _voter_out(voter_get_for_user(user, found.pk))


@router.get("/voters/{voter_id}", response=VoterOut)
def voter_detail(request: HttpRequest, voter_id: int) -> VoterOut:
    return _voter_out(voter_get_for_user(_user(request), voter_id))


@router.get("/elections/{election_id}/register", response=TotalsOut)
def register_totals_api(request: HttpRequest, election_id: int) -> TotalsOut:
    """The province's register counts: provincial HQ and supervisors."""
    election = province_register_get_for_user(_user(request), election_id)
    totals = register_totals(election)
    return TotalsOut(**totals.__dict__)


@router.get("/elections/{election_id}/voter-imports", response=list[VoterImportOut])
def voter_imports_api(request: HttpRequest, election_id: int) -> list[VoterImportOut]:
    election = province_register_get_for_user(_user(request), election_id)
    return [VoterImportOut.from_orm(record) for record in voter_imports(election)[:200]]
