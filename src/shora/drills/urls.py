from django.urls import path

from shora.drills import views

app_name = "drills"

urlpatterns = [
    path("elections/<int:election_id>/drills/", views.drills_page, name="list"),
    path("elections/<int:election_id>/drills/start/", views.start_drill, name="start"),
    path("elections/<int:election_id>/drills/runs/<int:run_id>/", views.run_page, name="run"),
    path(
        "elections/<int:election_id>/drills/runs/<int:run_id>/close-call/",
        views.run_action,
        {"action": "close-call"},
        name="close_call",
    ),
    path(
        "elections/<int:election_id>/drills/runs/<int:run_id>/stop/",
        views.run_action,
        {"action": "stop"},
        name="stop",
    ),
]
