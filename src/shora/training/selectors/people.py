"""Who trains: the roles a person holds in an election, where, and who a session invites.

A person's training roles are their active staff posts (at a station or in the field) and,
for an active seat on a county executive board, ``board_member``. Their place is the unit
of that post or seat: the station's district and county, or the field post's or the
board's county (and district when it has one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shora.boards.models import BoardMembership, Person, StaffPost
from shora.elections.models import Election
from shora.training.models import BOARD_MEMBER, SessionSeries
from shora_domain.staff_roles import BoardKind


@dataclass(frozen=True)
class Post:
    role: str
    county_id: int
    district_id: int | None
    station_id: int | None
    station_code: str


def posts_of(election: Election, person_ids: Iterable[int] | None = None) -> dict[int, list[Post]]:
    """Each person's training roles and places in ``election`` (active posts and seats)."""
    staff = StaffPost.objects.filter(election=election, ended_at__isnull=True)
    seats = BoardMembership.objects.filter(
        board__election=election, board__kind=BoardKind.COUNTY_EXECUTIVE, ended_at__isnull=True
    )
    if person_ids is not None:
        wanted = list(person_ids)
        staff = staff.filter(person_id__in=wanted)
        seats = seats.filter(person_id__in=wanted)
    posts: dict[int, list[Post]] = {}
    # Plain rows, not models: evaluation and every attendance read this.
    for (
        person_id,
        role,
        station_id,
        code,
        station_district,
        station_county,
        county,
        district,
    ) in staff.values_list(
        "person_id",
        "role",
        "station_id",
        "station__code",
        "station__district_id",
        "station__district__county_id",
        "county_id",
        "district_id",
    ):
        if station_id is not None:
            place = Post(role, station_county, station_district, station_id, code)
        else:
            place = Post(role, county, district, None, "")  # a field post has its county
        posts.setdefault(person_id, []).append(place)
    for person_id, county, district in seats.values_list(
        "person_id", "board__county_id", "board__district_id"
    ):
        posts.setdefault(person_id, []).append(Post(BOARD_MEMBER, county, district, None, ""))
    return posts


def is_invited(series: SessionSeries, posts: Iterable[Post]) -> bool:
    """A post of one of the series' roles in its county (and district, when it has one)."""
    return any(
        post.role in series.roles
        and post.county_id == series.county_id
        and (series.district_id is None or post.district_id == series.district_id)
        for post in posts
    )


def invited_people(series: SessionSeries) -> list[Person]:
    """Everyone the series invites, by name."""
    posts = posts_of(series.election)
    ids = [pk for pk, held in posts.items() if is_invited(series, held)]
    return list(Person.objects.filter(pk__in=ids).order_by("name_key", "national_code"))
