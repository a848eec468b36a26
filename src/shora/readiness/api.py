"""API of the checklist: thin handlers over the access checks, selectors and services.

Inspectors' devices post inspections here (photos first, to ``/readiness/photos``, then
their ids in the results); the polling part reads a station's readiness.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from shora.accounts.access import election_get_for_user, station_get_for_user
from shora.accounts.models import User
from shora.elections.models import County
from shora.readiness import clock
from shora.readiness.access import (
    can_inspect_station,
    can_see_county_readiness,
    can_see_province_readiness,
    can_see_station_readiness,
    county_in_election,
    deficiency_get_for_user,
    require,
)
from shora.readiness.models import Deficiency, Photo, TemplateVersion
from shora.readiness.selectors import readiness_reference, station_readiness
from shora.readiness.selectors.deficiencies import deficiencies_of, deficiency_rows
from shora.readiness.services import (
    ItemAnswer,
    county_checklist_submit,
    deficiency_mark_fixed,
    deficiency_start,
    deficiency_verify,
    inspection_record,
    photo_store,
)
from shora.readiness.views.inspections import current_version

router = Router(tags=["readiness"])


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


class OpenItemOut(Schema):
    deficiency_id: int
    item_code: str
    text: str
    text_en: str
    status: str


class StationReadinessOut(Schema):
    station_id: int
    state: str
    score: int
    inspected: bool
    open_blocking: list[OpenItemOut]
    open_major: int
    open_minor: int
    overdue: int


class ItemOut(Schema):
    id: int
    code: str
    area: str
    text: str
    text_en: str
    severity: str
    responsible_kind: str
    check_kind: str
    threshold: Decimal | None
    comparison: str
    unit: str
    unit_en: str


class ChecklistOut(Schema):
    version_id: int
    template: str
    number: int
    items: list[ItemOut]


class ResultIn(Schema):
    item_id: int
    passed: bool | None = None
    value: str | None = None
    photo_id: int | None = None
    note: str = ""


class InspectionIn(Schema):
    version_id: int
    inspected_on: datetime.date | None = None
    inspector_name: str = ""
    note: str = ""
    results: list[ResultIn]


class InspectionOut(Schema):
    id: int
    passed: int
    failed: int
    opened: list[int]
    reopened: list[int]
    verified: list[int]


class PhotoOut(Schema):
    id: int
    sha256: str


class DeficiencyOut(Schema):
    id: int
    station: str
    item_code: str
    text: str
    severity: str
    status: str
    organisation: str | None
    responsible_person: str
    due_on: datetime.date | None
    overdue: bool
    days_overdue: int


class StepIn(Schema):
    note: str = ""
    passed: bool | None = None
    value: str | None = None
    inspector_name: str = ""


class SubmissionOut(Schema):
    id: int
    number: int
    state: str


@router.get("/stations/{station_id}/readiness", response=StationReadinessOut)
def station_readiness_detail(request: HttpRequest, station_id: int) -> StationReadinessOut:
    station = station_get_for_user(_user(request), station_id)
    require(can_see_station_readiness(_user(request), station))
    readiness = station_readiness(station)
    return StationReadinessOut(
        station_id=readiness.station_id,
        state=readiness.state.value,
        score=readiness.score,
        inspected=readiness.inspected,
        open_major=readiness.open_major,
        open_minor=readiness.open_minor,
        overdue=readiness.overdue,
        open_blocking=[OpenItemOut(**item.__dict__) for item in readiness.open_blocking],
    )


@router.get("/elections/{election_id}/readiness/checklist", response=ChecklistOut)
def checklist_current(request: HttpRequest, election_id: int) -> ChecklistOut:
    election = election_get_for_user(_user(request), election_id)
    version = current_version(election.pk)
    return ChecklistOut(
        version_id=version.pk,
        template=version.template.name,
        number=version.number,
        items=[ItemOut.from_orm(item) for item in version.items.order_by("position")],
    )


@router.post("/readiness/photos", response=PhotoOut)
def photo_upload(request: HttpRequest, photo: File[UploadedFile]) -> PhotoOut:
    user = _user(request)
    if user.role not in ("county", "district") and not user.is_superuser:
        raise PermissionDenied
    stored = photo_store(actor=user, upload=photo, name=photo.name or "photo")
    return PhotoOut(id=stored.pk, sha256=stored.sha256)


@router.post("/stations/{station_id}/inspections", response=InspectionOut)
def inspection_create(request: HttpRequest, station_id: int, body: InspectionIn) -> InspectionOut:
    user = _user(request)
    station = station_get_for_user(user, station_id)
    require(can_inspect_station(user, station))
    version = get_object_or_404(TemplateVersion, pk=body.version_id)
    photos = Photo.objects.in_bulk([r.photo_id for r in body.results if r.photo_id])
    outcome = inspection_record(
        actor=user,
        station=station,
        version=version,
        inspected_on=body.inspected_on,
        inspector_name=body.inspector_name,
        note=body.note,
        answers=[
            ItemAnswer(
                item_id=r.item_id,
                passed=r.passed,
                value=r.value,
                note=r.note,
                photo=photos.get(r.photo_id) if r.photo_id else None,
            )
            for r in body.results
        ],
    )
    return InspectionOut(
        id=outcome.inspection.pk,
        passed=outcome.inspection.passed,
        failed=outcome.inspection.failed,
        opened=[d.pk for d in outcome.opened],
        reopened=[d.pk for d in outcome.reopened],
        verified=[d.pk for d in outcome.verified],
    )


@router.get("/elections/{election_id}/readiness/deficiencies", response=list[DeficiencyOut])
def deficiencies_list(
    request: HttpRequest, election_id: int, county_id: int | None = None
) -> list[DeficiencyOut]:
    user = _user(request)
    election = election_get_for_user(user, election_id)
    county = None
    if county_id is not None:
        county = get_object_or_404(County, pk=county_id)
        county_in_election(county, election)
        require(can_see_county_readiness(user, county))
    else:
        require(can_see_province_readiness(user, election))
    reference = readiness_reference(election)
    rows = deficiency_rows(
        deficiencies_of(election, county=county), on=reference.day, soon_days=clock.soon_days()
    )
    return [
        DeficiencyOut(
            id=row.deficiency.pk,
            station=row.deficiency.station.code,
            item_code=row.deficiency.item_code,
            text=row.deficiency.item.text,
            severity=row.deficiency.severity,
            status=row.deficiency.status,
            organisation=row.deficiency.organisation.name if row.deficiency.organisation else None,
            responsible_person=row.deficiency.responsible_person,
            due_on=row.deficiency.due_on,
            overdue=row.is_overdue,
            days_overdue=row.days_overdue,
        )
        for row in rows
    ]


@router.post("/deficiencies/{deficiency_id}/{action}", response=dict[str, str])
def deficiency_step(
    request: HttpRequest, deficiency_id: int, action: str, body: StepIn
) -> dict[str, str]:
    """``start``, ``fix`` or ``verify`` (a re-inspection of the one item)."""
    user = _user(request)
    deficiency: Deficiency = deficiency_get_for_user(user, deficiency_id)
    if action == "start":
        deficiency = deficiency_start(actor=user, deficiency=deficiency, note=body.note)
    elif action == "fix":
        deficiency = deficiency_mark_fixed(actor=user, deficiency=deficiency, note=body.note)
    elif action == "verify":
        deficiency = deficiency_verify(
            actor=user,
            deficiency=deficiency,
            passed=body.passed,
            value=body.value,
            note=body.note,
            inspector_name=body.inspector_name,
        )
    else:
        raise Http404
    return {"status": deficiency.status}


@router.post(
    "/elections/{election_id}/readiness/counties/{county_id}/submit", response=SubmissionOut
)
def county_submit(request: HttpRequest, election_id: int, county_id: int) -> SubmissionOut:
    user = _user(request)
    election = election_get_for_user(user, election_id)
    county = get_object_or_404(County, pk=county_id)
    county_in_election(county, election)
    submission = county_checklist_submit(actor=user, election=election, county=county)
    return SubmissionOut(id=submission.pk, number=submission.number, state=submission.state)
