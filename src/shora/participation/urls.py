from django.urls import path

from shora.participation import views

app_name = "participation"

urlpatterns = [
    path(
        "elections/<int:election_id>/participation/",
        views.dashboard_page,
        name="dashboard",
    ),
    path(
        "elections/<int:election_id>/participation/targets/",
        views.targets_page,
        name="targets",
    ),
    path(
        "elections/<int:election_id>/participation/snapshot/",
        views.snapshot_page,
        name="snapshot",
    ),
    path("participation/", views.public_page, name="public"),
]
