"""Incidents: what the stations' staff recorded (device failures, disputes, complaints, a
voter assisted by a companion), for the supervisors and the officials of each unit; the
same readers and the same stations as the turnout page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from shora.accounts.access import election_get_for_user
from shora.polling.access import can_see_turnout, require, turnout_stations_for_user
from shora.polling.models import IncidentCategory
from shora.polling.selectors import incidents_of_stations
from shora.polling.views.common import crumbs, page, signed_in, signed_in_user

#: The page lists the newest incidents; older ones are on each station's page.
INCIDENTS_SHOWN = 500


@signed_in
def incidents_page(request: HttpRequest, election_id: int) -> HttpResponse:
    user = signed_in_user(request)
    election = election_get_for_user(user, election_id)
    require(can_see_turnout(user, election))
    incidents = incidents_of_stations(turnout_stations_for_user(user, election))
    category = request.GET.get("category", "")
    if category in IncidentCategory.values:
        incidents = incidents.filter(category=category)
    else:
        category = ""
    return page(
        request,
        "polling/incidents.html",
        election,
        section="incidents",
        incidents=incidents[:INCIDENTS_SHOWN],
        total=incidents.count(),
        shown=INCIDENTS_SHOWN,
        categories=IncidentCategory.choices,
        category=category,
        crumbs=crumbs(user, election.province),
    )
