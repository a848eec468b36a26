from django.urls import path

from shora.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("province/<int:province_id>/", views.province_page, name="province"),
    path("counties/<int:county_id>/", views.county_page, name="county"),
    path("districts/<int:district_id>/", views.district_page, name="district"),
    path("constituencies/<int:constituency_id>/", views.constituency_page, name="constituency"),
    path("stations/<int:station_id>/", views.station_page, name="station"),
    path(
        "elections/<int:election_id>/settings/", views.election_settings, name="election_settings"
    ),
    path("elections/<int:election_id>/phase/", views.election_phase, name="election_phase"),
]
