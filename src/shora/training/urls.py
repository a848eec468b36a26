from django.urls import path

from shora.training.views import evaluation, programmes, schedule, trainee

app_name = "training"

urlpatterns = [
    path("elections/<int:election_id>/training/", schedule.overview, name="overview"),
    path(
        "elections/<int:election_id>/training/programmes/new/",
        programmes.programme_new,
        name="programme_new",
    ),
    path("training/programmes/<int:programme_id>/", programmes.programme_page, name="programme"),
    path(
        "training/programmes/<int:programme_id>/modules/new/",
        programmes.module_new,
        name="module_new",
    ),
    path(
        "training/programmes/<int:programme_id>/questions/new/",
        programmes.question_new,
        name="question_new",
    ),
    path("training/sessions/<int:session_id>/", schedule.session_page, name="session"),
    path("training/sessions/<int:session_id>/attend/", schedule.session_attend, name="attend"),
    path(
        "training/series/<int:series_id>/invitations.pdf",
        schedule.series_invitations,
        name="invitations",
    ),
    path(
        "elections/<int:election_id>/training/evaluation/",
        evaluation.evaluation,
        name="evaluation",
    ),
    path(
        "elections/<int:election_id>/training/people/<int:person_id>/",
        evaluation.person_page,
        name="person",
    ),
    path(
        "elections/<int:election_id>/training/report.pdf",
        evaluation.report_pdf_view,
        name="report_pdf",
    ),
    path(
        "elections/<int:election_id>/training/report.xlsx",
        evaluation.report_xlsx_view,
        name="report_xlsx",
    ),
    path("training/t/<str:code>/", trainee.trainee_home, name="trainee"),
    path(
        "training/t/<str:code>/modules/<int:module_id>/start/",
        trainee.trainee_start,
        name="start",
    ),
    path("training/t/<str:code>/attempts/<int:attempt_id>/", trainee.attempt_page, name="attempt"),
]
