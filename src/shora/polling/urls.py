from django.urls import path

from shora.polling.views import bulletin, extensions, incidents, key, stations, turnout

app_name = "polling"
urlpatterns = [
    path("bulletin/", bulletin.bulletin_page, name="bulletin"),
    path("elections/<int:election_id>/polling/key/", key.key_page, name="key"),
    path("stations/<int:station_id>/polling/", stations.station_page, name="station"),
    path(
        "stations/<int:station_id>/polling/enrolment-code/",
        stations.enrolment_code_page,
        name="enrolment_code",
    ),
    path(
        "elections/<int:election_id>/polling/extensions/",
        extensions.extensions_page,
        name="extensions",
    ),
    path(
        "elections/<int:election_id>/polling/extensions/<int:extension_id>/confirm/",
        extensions.extension_confirm_page,
        name="extension_confirm",
    ),
    path("elections/<int:election_id>/polling/turnout/", turnout.turnout_page, name="turnout"),
    path(
        "elections/<int:election_id>/polling/incidents/",
        incidents.incidents_page,
        name="incidents",
    ),
]
