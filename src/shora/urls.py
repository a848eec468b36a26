from django.urls import include, path

from shora.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("shora.accounts.urls")),
    path("api/", api.urls),
    path("", include("shora.registers.urls")),
    path("", include("shora.candidates.urls")),
    path("", include("shora.boards.urls")),
    path("", include("shora.readiness.urls")),
    path("", include("shora.polling.urls")),
    path("", include("shora.participation.urls")),
    path("", include("shora.results.urls")),
    path("", include("shora.training.urls")),
    path("", include("shora.drills.urls")),
    path("", include("shora.web.urls")),
]
