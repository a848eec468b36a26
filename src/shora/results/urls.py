from django.urls import path

from shora.results.views import constituency, exclusions, shares, tally

app_name = "results"
urlpatterns = [
    path("elections/<int:election_id>/results/", tally.tally_page, name="tally"),
    path("elections/<int:election_id>/results/announce/", tally.announce_page, name="announce"),
    path(
        "elections/<int:election_id>/results/sessions/open/",
        tally.session_open_page,
        name="session_open",
    ),
    path(
        "elections/<int:election_id>/results/sessions/<int:session_id>/cancel/",
        tally.session_cancel_page,
        name="session_cancel",
    ),
    path("elections/<int:election_id>/results/share/", shares.share_page, name="share"),
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/",
        constituency.constituency_result_page,
        name="constituency",
    ),
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/ballots.jsonl",
        constituency.constituency_ballots_download,
        name="ballots",
    ),
    path(
        "elections/<int:election_id>/results/exclusions/",
        exclusions.exclusions_page,
        name="exclusions",
    ),
    path(
        "elections/<int:election_id>/results/exclusions/<int:exclusion_id>/confirm/",
        exclusions.exclusion_confirm_page,
        name="exclusion_confirm",
    ),
]
