from django.urls import path

from shora.readiness.views import (
    checklists,
    dashboards,
    deficiencies,
    inspections,
    organisations,
    reports,
    submissions,
)

app_name = "readiness"
urlpatterns = [
    path("elections/<int:election_id>/readiness/", dashboards.province_page, name="province"),
    path(
        "elections/<int:election_id>/readiness/counties/<int:county_id>/",
        dashboards.county_page,
        name="county",
    ),
    path(
        "elections/<int:election_id>/readiness/districts/<int:district_id>/",
        dashboards.district_page,
        name="district",
    ),
    path("stations/<int:station_id>/readiness/", dashboards.station_page, name="station"),
    path("stations/<int:station_id>/inspect/", inspections.inspect_page, name="inspect"),
    path("inspections/<int:inspection_id>/", inspections.inspection_page, name="inspection"),
    path("deficiencies/<int:deficiency_id>/", deficiencies.deficiency_page, name="deficiency"),
    path(
        "deficiencies/<int:deficiency_id>/<str:action>/",
        deficiencies.deficiency_action,
        name="deficiency_action",
    ),
    path("elections/<int:election_id>/readiness/owed/", organisations.owed_page, name="owed"),
    path(
        "elections/<int:election_id>/readiness/organisations/",
        organisations.organisations_page,
        name="organisations",
    ),
    path(
        "elections/<int:election_id>/readiness/organisations/<int:organisation_id>/",
        organisations.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "elections/<int:election_id>/readiness/checklists/",
        checklists.checklists_page,
        name="checklists",
    ),
    path("checklists/<int:template_id>/draft/", checklists.draft_open, name="draft_open"),
    path("checklist-versions/<int:version_id>/", checklists.version_page, name="version"),
    path(
        "checklist-versions/<int:version_id>/publish/",
        checklists.version_publish,
        name="version_publish",
    ),
    path("checklist-items/<int:item_id>/", checklists.item_edit, name="item_edit"),
    path(
        "elections/<int:election_id>/readiness/submissions/",
        submissions.submissions_page,
        name="submissions",
    ),
    path(
        "elections/<int:election_id>/readiness/counties/<int:county_id>/submit/",
        submissions.county_submit,
        name="submit",
    ),
    path(
        "readiness-submissions/<int:submission_id>/review/",
        submissions.submission_review,
        name="review",
    ),
    path(
        "elections/<int:election_id>/readiness/counties/<int:county_id>/report.pdf",
        reports.county_pdf,
        name="county_pdf",
    ),
    path(
        "elections/<int:election_id>/readiness/counties/<int:county_id>/deficiencies.xlsx",
        reports.county_xlsx,
        name="county_xlsx",
    ),
    path("readiness-photos/<int:photo_id>/", reports.photo, name="photo"),
]
