"""API of staff and boards: a board's composition and what it lacks; a station's roster."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from shora.accounts.access import election_get_for_user
from shora.accounts.models import User
from shora.boards.access import (
    board_place_get_for_user,
    can_see_board,
    can_see_boards_of_province,
    refuse,
    roster_station_get_for_user,
)
from shora.boards.conflict_checks import election_conflicts
from shora.boards.models import Board
from shora.boards.places import place_of_board
from shora.boards.selectors import (
    BoardSummary,
    RosterSummary,
    board_summaries,
    board_summary,
    county_board_places,
    province_board_places,
    station_roster,
)
from shora.elections.models import Election
from shora_domain.board_composition import Gap
from shora_domain.womens_share import Share

router = Router(tags=["boards"])


class GapOut(Schema):
    code: str
    message_fa: str
    message_en: str


class ShareOut(Schema):
    women: int
    total: int
    percent_tenths: int | None


class HolderOut(Schema):
    person_id: int
    name: str
    gender: str
    role: str


class SeatOut(Schema):
    role: str
    minimum: int
    maximum: int | None
    holders: list[HolderOut]


class BoardOut(Schema):
    id: int | None
    kind: str
    unit_id: int
    label_fa: str
    label_en: str
    complete: bool
    missing: list[GapOut]
    seats: list[SeatOut]
    nominees: int
    nominees_needed: int
    cleared: int
    women: ShareOut


class RosterOut(Schema):
    station_id: int
    code: str
    complete: bool
    missing: list[GapOut]
    posts: list[SeatOut]
    women: ShareOut


class ConflictOut(Schema):
    person_id: int
    kind: str
    severity: str
    candidate_id: int
    constituency_id: int
    message_fa: str
    message_en: str


def _gaps(gaps: list[Gap]) -> list[GapOut]:
    return [GapOut(code=g.code, message_fa=g.fa, message_en=g.en) for g in gaps]


def _share(share: Share) -> ShareOut:
    return ShareOut(women=share.women, total=share.total, percent_tenths=share.percent_tenths)


def _board_out(summary: BoardSummary) -> BoardOut:
    facts = summary.facts
    return BoardOut(
        id=summary.board.pk if summary.board else None,
        kind=summary.place.kind.value,
        unit_id=summary.place.unit_id,
        label_fa=summary.place.label("fa"),
        label_en=summary.place.label("en"),
        complete=summary.is_complete,
        missing=_gaps(summary.gaps),
        seats=[
            SeatOut(
                role=role.value,
                minimum=minimum,
                maximum=maximum,
                holders=[
                    HolderOut(
                        person_id=m.person_id,
                        name=m.person.full_name,
                        gender=m.person.gender,
                        role=m.role,
                    )
                    for m in holders
                ],
            )
            for role, minimum, maximum, holders in summary.seats
        ],
        nominees=facts.nominees,
        nominees_needed=summary.composition.nominees_needed,
        cleared=facts.cleared,
        women=_share(summary.share),
    )


def _roster_out(roster: RosterSummary) -> RosterOut:
    return RosterOut(
        station_id=roster.station.pk,
        code=roster.station.code,
        complete=not roster.gaps,
        missing=_gaps(roster.gaps),
        posts=[
            SeatOut(
                role=role.value,
                minimum=minimum,
                maximum=maximum,
                holders=[
                    HolderOut(
                        person_id=p.person_id,
                        name=p.person.full_name,
                        gender=p.person.gender,
                        role=p.role,
                    )
                    for p in holders
                ],
            )
            for role, minimum, maximum, holders in roster.seats
        ],
        women=_share(roster.share),
    )


def _user(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.get("/elections/{election_id}/boards", response=list[BoardOut])
def boards_list(request: HttpRequest, election_id: int) -> list[BoardOut]:
    """Every board the caller may see: the province's, each county's and each district's."""
    user = _user(request)
    election: Election = election_get_for_user(user, election_id)
    places = province_board_places(election)
    for county in election.province.counties.order_by("name_key"):
        places += county_board_places(election, county)
    visible = [place for place in places if can_see_board(user, place)]
    if not visible:
        raise refuse()
    return [_board_out(summary) for summary in board_summaries(visible)]


@router.get("/elections/{election_id}/boards/{kind}/{unit_id}", response=BoardOut)
def board_detail(request: HttpRequest, election_id: int, kind: str, unit_id: int) -> BoardOut:
    user = _user(request)
    election = election_get_for_user(user, election_id)
    return _board_out(board_summary(board_place_get_for_user(user, election, kind, unit_id)))


@router.get("/boards/{board_id}", response=BoardOut)
def board_by_id(request: HttpRequest, board_id: int) -> BoardOut:
    board = get_object_or_404(
        Board.objects.select_related("election", "province", "county", "district"), pk=board_id
    )
    place = place_of_board(board)
    if not can_see_board(_user(request), place):
        raise refuse()
    return _board_out(board_summary(place))


@router.get("/stations/{station_id}/roster", response=RosterOut)
def roster_detail(request: HttpRequest, station_id: int) -> RosterOut:
    return _roster_out(station_roster(roster_station_get_for_user(_user(request), station_id)))


@router.get("/elections/{election_id}/conflicts", response=list[ConflictOut])
def conflicts_list(request: HttpRequest, election_id: int) -> list[ConflictOut]:
    """Conflicts of posts with candidacies, blocks first (HQ and supervisory board)."""
    user = _user(request)
    election = election_get_for_user(user, election_id)
    if not can_see_boards_of_province(user, election):
        raise refuse()
    return [
        ConflictOut(
            person_id=row.person.pk,
            kind=row.conflict.kind.value,
            severity=row.conflict.severity.value,
            candidate_id=row.conflict.candidate_id,
            constituency_id=row.conflict.constituency_id,
            message_fa=row.conflict.fa,
            message_en=row.conflict.en,
        )
        for row in election_conflicts(election)
    ]
