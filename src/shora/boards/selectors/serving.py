"""The candidates' side of the conflict rule: the posts a national code holds in an
election, with the constituencies each covers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shora.boards.models import Person
from shora.boards.places import Authority, board_label, station_label, unit_label
from shora.boards.selectors.people import person_memberships, person_staff_posts
from shora.elections.models import Election
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code
from shora_domain.staff_roles import SeatRole, StaffRole


@dataclass(frozen=True)
class ServingPost:
    """A post a person holds: on a board, or at a station (inspectors and trainers, who
    work for a county or a district, are reported as ``station`` posts: the stations of
    their unit are where they serve)."""

    kind: Literal["board", "station"]
    role: str
    unit_label: str
    constituency_ids: frozenset[int]
    role_fa: str = ""
    role_en: str = ""
    unit_label_en: str = ""


def serving_posts(*, election: Election, national_code: str) -> list[ServingPost]:
    """Every active board seat and station or field post of ``national_code`` in ``election``.

    The code may be typed in any digits; an invalid code holds no post (empty list).
    """
    try:
        code = parse_national_code(national_code)
    except DomainError:  # an unreadable code is nobody's
        return []
    person = Person.objects.filter(election=election, national_code=code).first()
    if person is None:
        return []
    authority = Authority(election)
    posts: list[ServingPost] = []
    for membership in person_memberships(person):
        board = membership.board
        role = SeatRole(membership.role)
        unit = board.district or board.county or board.province
        posts.append(
            ServingPost(
                kind="board",
                role=role.value,
                unit_label=board_label(board.board_kind, unit, "fa"),
                constituency_ids=authority.of_unit(board.county_id, board.district_id),
                role_fa=role.label("fa"),
                role_en=role.label("en"),
                unit_label_en=board_label(board.board_kind, unit, "en"),
            )
        )
    for post in person_staff_posts(person):
        staff_role = StaffRole(post.role)
        if post.station is not None:
            labels = (station_label(post.station, "fa"), station_label(post.station, "en"))
            covered = authority.of_station(post.station.pk)
        else:
            unit_ = post.district or post.county
            assert unit_ is not None
            labels = (unit_label(unit_, "fa"), unit_label(unit_, "en"))
            covered = authority.of_unit(post.county_id, post.district_id)
        posts.append(
            ServingPost(
                kind="station",
                role=staff_role.value,
                unit_label=labels[0],
                constituency_ids=covered,
                role_fa=staff_role.label("fa"),
                role_en=staff_role.label("en"),
                unit_label_en=labels[1],
            )
        )
    return posts
