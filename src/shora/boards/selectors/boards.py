"""Reads of boards: seats, nominees, what each lacks, women's share; boards by unit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet

from shora.boards.models import Board, BoardMembership, NominationStatus, TrusteeNomination
from shora.boards.places import BoardPlace
from shora.boards.selectors.settings import composition_table_for
from shora.elections.models import County, Election
from shora_domain.board_composition import BoardComposition, BoardFacts, Gap, board_gaps
from shora_domain.staff_roles import BoardKind, BoardLevel, SeatRole
from shora_domain.womens_share import Share, share_of


@dataclass
class BoardSummary:
    """One board as a page shows it: seats, nominees, what is missing, women's share."""

    place: BoardPlace
    composition: BoardComposition
    board: Board | None
    members: list[BoardMembership] = field(default_factory=list)
    nominations: list[TrusteeNomination] = field(default_factory=list)

    @property
    def facts(self) -> BoardFacts:
        filled: dict[str, int] = defaultdict(int)
        for member in self.members:
            filled[member.role] += 1
        return BoardFacts(
            filled=dict(filled),
            nominees=sum(n.status != NominationStatus.REJECTED for n in self.nominations),
            cleared=sum(n.status == NominationStatus.CLEARED for n in self.nominations),
        )

    @property
    def gaps(self) -> list[Gap]:
        return board_gaps(self.composition, self.facts)

    @property
    def is_complete(self) -> bool:
        return not self.gaps

    @property
    def share(self) -> Share:
        return share_of(member.person.gender for member in self.members)

    @property
    def seats(self) -> list[tuple[SeatRole, int, int | None, list[BoardMembership]]]:
        """(role, minimum, maximum, members) in the composition's order."""
        rows = []
        for seat in self.composition.seats:
            holders = [m for m in self.members if m.role == seat.role]
            rows.append((SeatRole(seat.role), seat.minimum, seat.maximum, holders))
        return rows

    @property
    def chosen_nomination_ids(self) -> set[int]:
        return {m.nomination_id for m in self.members if m.nomination_id is not None}


def _members_of(boards: Iterable[Board]) -> dict[int, list[BoardMembership]]:
    grouped: dict[int, list[BoardMembership]] = defaultdict(list)
    memberships = (
        BoardMembership.objects.filter(board__in=list(boards), ended_at__isnull=True)
        .select_related("person")
        .order_by("role", "person__name_key", "pk")
    )
    for membership in memberships:
        grouped[membership.board_id].append(membership)
    return grouped


def _nominations_of(boards: Iterable[Board]) -> dict[int, list[TrusteeNomination]]:
    grouped: dict[int, list[TrusteeNomination]] = defaultdict(list)
    nominations = (
        TrusteeNomination.objects.filter(board__in=list(boards))
        .select_related("person")
        .order_by("nominated_at", "pk")
    )
    for nomination in nominations:
        grouped[nomination.board_id].append(nomination)
    return grouped


def board_summaries(
    places: list[BoardPlace], *, with_nominations: bool = True
) -> list[BoardSummary]:
    """The summaries of several boards of one election, in a few queries."""
    if not places:
        return []
    election = places[0].election
    table = composition_table_for(election)
    rows = {
        (board.kind, board.county_id, board.district_id): board
        for board in Board.objects.filter(election=election).select_related(
            "province", "county", "district"
        )
    }
    found = {
        place.key: rows.get(
            (
                place.kind.value,
                place.county.pk if place.county else None,
                place.district.pk if place.district else None,
            )
        )
        for place in places
    }
    boards = [board for board in found.values() if board is not None]
    members = _members_of(boards)
    nominations = _nominations_of(boards) if with_nominations else {}
    summaries = []
    for place in places:
        board = found[place.key]
        summaries.append(
            BoardSummary(
                place=place,
                composition=table.board(place.kind),
                board=board,
                members=members.get(board.pk, []) if board else [],
                nominations=nominations.get(board.pk, []) if board else [],
            )
        )
    return summaries


def board_summary(place: BoardPlace) -> BoardSummary:
    return board_summaries([place])[0]


def province_board_places(election: Election) -> list[BoardPlace]:
    province = election.province
    return [
        BoardPlace(election, kind, province)
        for kind in BoardKind
        if kind.level == BoardLevel.PROVINCE
    ]


def county_board_places(election: Election, county: County) -> list[BoardPlace]:
    """The county's boards, then each of its districts' boards."""
    places = [
        BoardPlace(election, kind, county.province, county)
        for kind in BoardKind
        if kind.level == BoardLevel.COUNTY
    ]
    for district in county.districts.order_by("name_key"):
        places += [
            BoardPlace(election, kind, county.province, county, district)
            for kind in BoardKind
            if kind.level == BoardLevel.DISTRICT
        ]
    return places


def counties_in_election(election: Election) -> QuerySet[County]:
    """The counties of the election's province that have a constituency in it."""
    return (
        County.objects.filter(
            province_id=election.province_id,
            districts__constituencies__election=election,
        )
        .distinct()
        .order_by("name_key")
    )
