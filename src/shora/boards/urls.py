from django.urls import path

from shora.boards.views import boards, overviews, people, reports, rosters

app_name = "boards"
urlpatterns = [
    path("elections/<int:election_id>/boards/", overviews.overview_page, name="overview"),
    path("elections/<int:election_id>/boards/settings/", overviews.settings_page, name="settings"),
    path(
        "elections/<int:election_id>/boards/<str:kind>/<int:unit_id>/",
        boards.board_page,
        name="board",
    ),
    path(
        "elections/<int:election_id>/boards/<str:kind>/<int:unit_id>/appoint/",
        boards.board_appoint,
        name="appoint",
    ),
    path(
        "elections/<int:election_id>/boards/<str:kind>/<int:unit_id>/nominate/",
        boards.board_nominate,
        name="nominate",
    ),
    path("board-seats/<int:membership_id>/end/", boards.membership_end, name="membership_end"),
    path("nominations/<int:nomination_id>/rule/", boards.nomination_rule_view, name="rule"),
    path("nominations/<int:nomination_id>/choose/", boards.nomination_choose, name="choose"),
    path(
        "elections/<int:election_id>/counties/<int:county_id>/boards/",
        overviews.county_page,
        name="county",
    ),
    path(
        "elections/<int:election_id>/districts/<int:district_id>/boards/",
        overviews.district_page,
        name="district",
    ),
    path("stations/<int:station_id>/roster/", rosters.roster_page, name="roster"),
    path("staff-posts/<int:post_id>/end/", rosters.post_end, name="post_end"),
    path("elections/<int:election_id>/people/", people.people_page, name="people"),
    path("people/<int:person_id>/", people.person_page, name="person"),
    path(
        "people/<int:person_id>/relatives/", people.relative_declare_view, name="relative_declare"
    ),
    path(
        "relatives/<int:relative_id>/withdraw/",
        people.relative_withdraw_view,
        name="relative_withdraw",
    ),
    path("elections/<int:election_id>/conflicts/", reports.conflicts_page, name="conflicts"),
    path(
        "elections/<int:election_id>/womens-presence/",
        reports.womens_presence_page,
        name="womens_presence",
    ),
]
