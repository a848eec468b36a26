"""API of geography and elections: thin handlers over access getters, selectors and services."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema

from shora.accounts.access import (
    can_change_election,
    constituency_get_for_user,
    counties_for_user,
    county_get_for_user,
    district_get_for_user,
    election_get_for_user,
    station_get_for_user,
    user_province_id,
)
from shora.elections.models import Election
from shora.elections.selectors import election_next_gate
from shora.elections.services import election_phase_advance

router = Router(tags=["elections"])


class ProblemOut(Schema):
    code: str
    message_fa: str
    message_en: str


class ElectionOut(Schema):
    id: int
    name: str
    province: str
    polling_date: datetime.date
    opens_at: datetime.time
    closes_at: datetime.time
    phase: str
    is_drill: bool
    next_phase: str | None
    missing_for_next_phase: list[ProblemOut]


class UnitOut(Schema):
    id: int
    code: str
    name: str
    name_en: str


class ConstituencyOut(Schema):
    id: int
    code: str
    name: str
    kind: str
    population: int
    members: int
    alternates: int
    size_override_reason: str
    district: str
    stations: list[str]


class StationOut(Schema):
    id: int
    code: str
    name: str
    address: str
    connectivity: str
    district: str
    constituencies: list[str]


class PhaseIn(Schema):
    to_phase: str


def _election_out(election: Election) -> ElectionOut:
    target, problems = election_next_gate(election)
    return ElectionOut(
        id=election.pk,
        name=election.name,
        province=election.province.name,
        polling_date=election.polling_date,
        opens_at=election.opens_at,
        closes_at=election.closes_at,
        phase=election.phase,
        is_drill=election.is_drill,
        next_phase=target,
        missing_for_next_phase=[
            ProblemOut(code=p.code, message_fa=p.fa, message_en=p.en) for p in problems
        ],
    )


@router.get("/elections", response=list[ElectionOut])
def elections_list(request: HttpRequest) -> list[ElectionOut]:
    province_id = user_province_id(request.auth)  # type: ignore[attr-defined]
    elections = Election.objects.select_related("province")
    if province_id is not None:
        elections = elections.filter(province_id=province_id)
    return [_election_out(e) for e in elections]


@router.get("/elections/{election_id}", response=ElectionOut)
def election_detail(request: HttpRequest, election_id: int) -> ElectionOut:
    return _election_out(election_get_for_user(request.auth, election_id))  # type: ignore[attr-defined]


@router.post("/elections/{election_id}/phase", response=ElectionOut)
def election_phase(request: HttpRequest, election_id: int, body: PhaseIn) -> ElectionOut:
    user = request.auth  # type: ignore[attr-defined]
    election = election_get_for_user(user, election_id)
    if not can_change_election(user, election):
        raise PermissionDenied
    election = election_phase_advance(actor=user, election=election, to_phase=body.to_phase)
    return _election_out(election)


@router.get("/counties", response=list[UnitOut])
def counties_list(request: HttpRequest) -> list[UnitOut]:
    return [UnitOut.from_orm(c) for c in counties_for_user(request.auth)]  # type: ignore[attr-defined]


@router.get("/counties/{county_id}", response=UnitOut)
def county_detail(request: HttpRequest, county_id: int) -> UnitOut:
    return UnitOut.from_orm(county_get_for_user(request.auth, county_id))  # type: ignore[attr-defined]


@router.get("/districts/{district_id}", response=UnitOut)
def district_detail(request: HttpRequest, district_id: int) -> UnitOut:
    return UnitOut.from_orm(district_get_for_user(request.auth, district_id))  # type: ignore[attr-defined]


@router.get("/constituencies/{constituency_id}", response=ConstituencyOut)
def constituency_detail(request: HttpRequest, constituency_id: int) -> ConstituencyOut:
    c = constituency_get_for_user(request.auth, constituency_id)  # type: ignore[attr-defined]
    return ConstituencyOut(
        id=c.pk,
        code=c.code,
        name=c.name,
        kind=c.kind,
        population=c.population,
        members=c.members,
        alternates=c.alternates,
        size_override_reason=c.size_override_reason,
        district=c.district.name,
        stations=[s.code for s in c.stations.order_by("code")],
    )


@router.get("/stations/{station_id}", response=StationOut)
def station_detail(request: HttpRequest, station_id: int) -> StationOut:
    s = station_get_for_user(request.auth, station_id)  # type: ignore[attr-defined]
    return StationOut(
        id=s.pk,
        code=s.code,
        name=s.name,
        address=s.address,
        connectivity=s.connectivity,
        district=s.district.name,
        constituencies=[c.code for c in s.constituencies.order_by("code")],
    )
