"""Reads of people, boards and rosters, shaped for pages, the API and the other parts.

``serving_posts`` (and its ``ServingPost``) is what the candidates part asks: the posts a
national code holds in an election, with the constituencies each covers.
"""

from shora.boards.selectors.boards import (
    BoardSummary,
    board_summaries,
    board_summary,
    counties_in_election,
    county_board_places,
    province_board_places,
)
from shora.boards.selectors.people import (
    people_search,
    person_by_national_code,
    person_memberships,
    person_staff_posts,
)
from shora.boards.selectors.rosters import (
    RosterRow,
    RosterSummary,
    field_posts,
    roster_counts,
    station_roster,
    station_roster_rows,
    stations_with_roster_gaps,
)
from shora.boards.selectors.serving import ServingPost, serving_posts
from shora.boards.selectors.settings import composition_table_for, relative_policy_for

__all__ = [
    "BoardSummary",
    "RosterRow",
    "RosterSummary",
    "ServingPost",
    "board_summaries",
    "board_summary",
    "composition_table_for",
    "counties_in_election",
    "county_board_places",
    "field_posts",
    "people_search",
    "person_by_national_code",
    "person_memberships",
    "person_staff_posts",
    "province_board_places",
    "relative_policy_for",
    "roster_counts",
    "serving_posts",
    "station_roster",
    "station_roster_rows",
    "stations_with_roster_gaps",
]
