from django.urls import path

from shora.candidates.views import candidate, importing, lists, registration, review

app_name = "candidates"
urlpatterns = [
    path(
        "candidates/constituencies/<int:constituency_id>/",
        lists.constituency_candidates,
        name="constituency",
    ),
    path(
        "candidates/constituencies/<int:constituency_id>/register/",
        registration.register_candidate,
        name="register",
    ),
    path(
        "candidates/constituencies/<int:constituency_id>/households/",
        lists.households_record,
        name="households",
    ),
    path(
        "candidates/constituencies/<int:constituency_id>/ballot/",
        lists.ballot_page,
        name="ballot",
    ),
    path(
        "candidates/constituencies/<int:constituency_id>/ballot.pdf",
        lists.ballot_document,
        name="ballot_pdf",
    ),
    path(
        "candidates/constituencies/<int:constituency_id>/candidates.xlsx",
        lists.candidates_spreadsheet,
        name="spreadsheet",
    ),
    path(
        "candidates/counties/<int:county_id>/import/",
        importing.import_candidates,
        name="import",
    ),
    path("candidates/<int:candidacy_id>/", candidate.candidate_page, name="candidate"),
    path("candidates/<int:candidacy_id>/step/", candidate.candidate_step, name="step"),
    path("candidates/<int:candidacy_id>/move/", candidate.candidate_move, name="move"),
    path(
        "elections/<int:election_id>/candidates/review/",
        review.review_queue_page,
        name="queue",
    ),
    path(
        "elections/<int:election_id>/candidates/schedule/",
        review.schedule_page,
        name="schedule",
    ),
]
