"""The station console's addresses."""

from __future__ import annotations

from django.urls import include, path

from shora.station.views import closing, console, desk, incidents, opening, tokens, voting

station_patterns = [
    path("", console.status, name="status"),
    path("sign-in/", console.sign_in, name="sign_in"),
    path("sign-out/", console.sign_out, name="sign_out"),
    path("forward/", console.forward_now, name="forward"),
    path("open/", opening.opening, name="opening"),
    path("open/zero-report.pdf", opening.zero_report, name="zero_report"),
    path("desk/", desk.desk, name="desk"),
    path("desk/provisional/", desk.desk_provisional, name="desk_provisional"),
    path("vote/", voting.ticket, name="vote"),
    path("vote/ballot/", voting.ballot, name="ballot"),
    path("vote/review/", voting.review, name="review"),
    path("vote/done/<str:key>/", voting.voted, name="voted"),
    path("vote/print/<str:key>/<str:kind>.pdf", voting.printout_pdf, name="printout"),
    path("tickets/", tokens.tokens, name="tokens"),
    path("incidents/", incidents.incidents, name="incidents"),
    path("close/", closing.closing, name="closing"),
    path("close/closing-report.pdf", closing.closing_report, name="closing_report"),
]

urlpatterns = [
    path("", include((station_patterns, "station"))),
    path("i18n/", include("django.conf.urls.i18n")),
]
