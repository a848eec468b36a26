"""Files: the county's report as PDF and xlsx, and the photos taken as evidence."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from shora.elections.models import County, Election
from shora.readiness.access import (
    can_see_county_readiness,
    county_in_election,
    photo_get_for_user,
    require,
)
from shora.readiness.documents import county_report_pdf, county_report_xlsx
from shora.readiness.selectors import readiness_reference
from shora.readiness.services.photos import photo_path
from shora.readiness.views.common import election_for, signed_in, signed_in_user

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PHOTO_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _county(request: HttpRequest, election_id: int, county_id: int) -> tuple[Election, County]:
    election = election_for(request, election_id)
    county = get_object_or_404(County.objects.select_related("province"), pk=county_id)
    county_in_election(county, election)
    require(can_see_county_readiness(signed_in_user(request), county))
    return election, county


def _filename(county: County, day: str, extension: str) -> str:
    return f"readiness-{county.code}-{day}.{extension}"


@signed_in
def county_pdf(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    election, county = _county(request, election_id, county_id)
    day = readiness_reference(election).day.isoformat()
    response = HttpResponse(county_report_pdf(election, county), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(county, day, "pdf")}"'
    return response


@signed_in
def county_xlsx(request: HttpRequest, election_id: int, county_id: int) -> HttpResponse:
    election, county = _county(request, election_id, county_id)
    day = readiness_reference(election).day.isoformat()
    response = HttpResponse(county_report_xlsx(election, county), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(county, day, "xlsx")}"'
    return response


@signed_in
def photo(request: HttpRequest, photo_id: int) -> HttpResponse:
    stored = photo_get_for_user(signed_in_user(request), photo_id)
    path = photo_path(stored)
    if not path.exists():
        raise Http404
    response = HttpResponse(path.read_bytes(), content_type=PHOTO_TYPES[stored.image_format])
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
