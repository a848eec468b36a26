from django.urls import path

from shora.results.views import (
    certification,
    constituency,
    exclusions,
    paper_audit,
    public,
    recounts,
    shares,
    tally,
)

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
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/certification/",
        certification.certification_page,
        name="certification",
    ),
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/form.pdf",
        certification.result_form_download,
        name="result_form",
    ),
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/recounts/",
        recounts.recounts_page,
        name="recounts",
    ),
    path(
        "elections/<int:election_id>/results/constituencies/<int:constituency_id>/paper-audit/",
        paper_audit.paper_audit_page,
        name="paper_audit",
    ),
    path("public/results/<int:election_id>/", public.public_province_page, name="public_province"),
    path(
        "public/results/<int:election_id>/counties/<int:county_id>/",
        public.public_county_page,
        name="public_county",
    ),
    path(
        "public/results/<int:election_id>/constituencies/<int:constituency_id>/",
        public.public_constituency_page,
        name="public_constituency",
    ),
]
