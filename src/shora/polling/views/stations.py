"""A station's election day as the centre sees it: its state, what keeps it from opening,
its enrolled processes, its counts, its signed opening and closing documents and its
incidents; and, for the officials of its unit, a one-time enrolment code for its process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shora.accounts.access import station_get_for_user
from shora.boards.selectors.rosters import station_roster
from shora.elections.models import PollingStation
from shora.polling.access import can_issue_enrolment_code, can_see_station_day, require
from shora.polling.models import StationDay, StationDevice
from shora.polling.selectors import (
    polling_window,
    station_counts,
    station_day_of,
    station_devices,
    station_incidents,
    station_open_problems,
    station_state,
)
from shora.polling.services.devices import ENROLMENT_CODE_VALID_FOR, enrolment_code_issue
from shora.polling.views.common import (
    crumbs,
    message_of,
    page,
    refusal_status,
    signed_in,
    signed_in_user,
)
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.staff_roles import role_label


@dataclass(frozen=True)
class PersonPresent:
    """A national code from a signed document, with the roster's name and post if known."""

    national_code: str
    name: str
    post: str


def _people_present(station: PollingStation, codes: list[str]) -> list[PersonPresent]:
    on_roster = {post.person.national_code: post for post in station_roster(station).posts}
    people = []
    for code in codes:
        post = on_roster.get(code)
        name = f"{post.person.first_name} {post.person.last_name}" if post else ""
        people.append(
            PersonPresent(code, name, role_label(post.role, reader_language()) if post else "")
        )
    return people


def _document_context(station: PollingStation, day: StationDay | None) -> dict[str, Any]:
    if day is None:
        return {}
    opening = day.opening_document or {}
    chair = str(opening.get("chair", ""))
    staff = [str(code) for code in opening.get("staff_present", []) if isinstance(code, str)]
    return {
        "chair": _people_present(station, [chair])[0] if chair else None,
        "staff_present": _people_present(station, staff),
        "closing": day.closing_document or None,
    }


def _station_devices(station: PollingStation) -> list[tuple[StationDevice, str, bool]]:
    """Each enrolled process with whether its token still lets it in: (device, label, ok)."""
    now = timezone.now()
    devices = []
    for device in station_devices(station):
        token = device.device_token
        if token.revoked_at is not None:
            devices.append((device, _("revoked"), False))
        elif token.expires_at <= now:
            devices.append((device, _("expired"), False))
        else:
            devices.append((device, _("active"), True))
    return devices


def _render(
    request: HttpRequest,
    station: PollingStation,
    *,
    enrolment_code: str = "",
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    user = signed_in_user(request)
    state = station_state(station)
    day = station_day_of(station)
    labels = {
        "not_open": _("not opened yet"),
        "open": _("polling open"),
        "closed": _("polls closed"),
    }
    return page(
        request,
        "polling/station.html",
        station.election,
        status=status,
        station=station,
        state=state,
        state_label=labels[state],
        window=polling_window(station),
        problems=station_open_problems(station) if state == "not_open" else [],
        devices=_station_devices(station),
        counts=station_counts(station),
        day=day,
        incidents=station_incidents(station),
        may_issue=can_issue_enrolment_code(user, station),
        enrolment_code=enrolment_code,
        enrolment_days=ENROLMENT_CODE_VALID_FOR.days,
        centre_url=request.build_absolute_uri("/").rstrip("/"),
        error=error,
        crumbs=crumbs(user, station.district.county, station.district),
        **_document_context(station, day),
    )


def _station_for(request: HttpRequest, station_id: int) -> PollingStation:
    user = signed_in_user(request)
    station = station_get_for_user(user, station_id)
    require(can_see_station_day(user, station))
    return station


@signed_in
def station_page(request: HttpRequest, station_id: int) -> HttpResponse:
    return _render(request, _station_for(request, station_id))


@require_POST
@signed_in
def enrolment_code_page(request: HttpRequest, station_id: int) -> HttpResponse:
    """Issue a code and show it once: in this response only, never stored in clear, never
    kept by a browser's cache."""
    user = signed_in_user(request)
    station = _station_for(request, station_id)
    require(can_issue_enrolment_code(user, station))
    try:
        code = enrolment_code_issue(actor=user, station=station)
    except DomainError as refusal:
        return _render(request, station, error=message_of(refusal), status=refusal_status(refusal))
    response = _render(request, station, enrolment_code=code)
    response["Cache-Control"] = "no-store"
    return response
