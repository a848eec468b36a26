from django.urls import path

from shora.registers.views import officials, public

app_name = "registers"
urlpatterns = [
    path("where-do-i-vote/", public.where_to_vote_page, name="where_to_vote"),
    path("register/", officials.register_home, name="home"),
    path("register/province/", officials.province_register, name="province"),
    path("register/counties/<int:county_id>/", officials.county_register, name="county"),
    path("register/districts/<int:district_id>/", officials.district_register, name="district"),
    path("register/search/", officials.voter_search, name="search"),
    path("register/voters/<int:voter_id>/", officials.voter_page, name="voter"),
    path("register/imports/", officials.import_history, name="imports"),
]
