"""Who may see and change boards, rosters and the people serving: built on accounts/access.py.

* The provincial HQ manages the provincial boards and sees everything of its province.
* County staff manage their county's boards (and its districts') and station rosters,
  inspectors and trainers; another county's are refused (403), not shown empty.
* District staff manage their district's station rosters, inspectors and trainers.
* The supervisory board reads everything and clears trustee nominees: its one write.
* Station staff read their own station's roster.

One condition per line, so that every branch has its test.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from shora.accounts.access import (
    can_see_county,
    can_see_district,
    can_see_station,
    station_get_for_user,
    user_province_id,
)
from shora.accounts.models import Role, User
from shora.boards.models import BoardMembership, Person, StaffPost, TrusteeNomination
from shora.boards.places import BoardPlace, board_place, place_of_board
from shora.elections.models import County, District, Election, PollingStation
from shora_domain.staff_roles import BoardKind, BoardLevel


def refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def _in_province(user: User, election: Election) -> bool:
    return user.province_id == election.province_id


def can_see_boards_of_province(user: User, election: Election) -> bool:
    """The province-wide pages: boards overview, conflicts, women's presence."""
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return False
    return _in_province(user, election)


def can_see_board(user: User, place: BoardPlace) -> bool:
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return _in_province(user, place.election)
    if user.role in (Role.COUNTY, Role.TRAINER):
        return place.county is not None and place.county.pk == user.county_id
    if user.role == Role.DISTRICT:
        return place.district is not None and place.district.pk == user.district_id
    return False


def can_manage_board(user: User, place: BoardPlace) -> bool:
    """Appoint and end seats, nominate and choose trustees."""
    if user.is_superuser:
        return True
    if user.role == Role.PROVINCE_HQ:
        return place.kind.level == BoardLevel.PROVINCE and _in_province(user, place.election)
    if user.role == Role.COUNTY:
        return place.county is not None and place.county.pk == user.county_id
    return False


def can_rule_on_nominees(user: User, place: BoardPlace) -> bool:
    """The supervisory board clears or rejects trustee nominees."""
    if user.is_superuser:
        return True
    if user.role != Role.SUPERVISOR:
        return False
    return _in_province(user, place.election)


def can_manage_roster(user: User, station: PollingStation) -> bool:
    if user.is_superuser:
        return True
    if user.role == Role.COUNTY:
        return station.district.county_id == user.county_id
    if user.role == Role.DISTRICT:
        return station.district_id == user.district_id
    return False


def can_manage_field_posts(user: User, county: County, district: District | None) -> bool:
    """Inspectors and trainers of a county, or of one of its districts."""
    if user.is_superuser:
        return True
    if user.role == Role.COUNTY:
        return county.pk == user.county_id
    if user.role == Role.DISTRICT:
        return district is not None and district.pk == user.district_id
    return False


def can_register_people(user: User, election: Election) -> bool:
    if user.is_superuser:
        return True
    if user.role not in (Role.PROVINCE_HQ, Role.COUNTY, Role.DISTRICT):
        return False
    return user_province_id(user) == election.province_id


def can_change_board_settings(user: User, election: Election) -> bool:
    """The composition table and the relatives' policy: the provincial HQ only."""
    if user.is_superuser:
        return True
    if user.role != Role.PROVINCE_HQ:
        return False
    return _in_province(user, election)


# -- people -------------------------------------------------------------------------------


def _serves_in_county(person: Person, county_id: int | None) -> bool:
    return (
        person.memberships.filter(ended_at__isnull=True, board__county_id=county_id).exists()
        or person.staff_posts.filter(ended_at__isnull=True, county_id=county_id).exists()
        or person.staff_posts.filter(
            ended_at__isnull=True, station__district__county_id=county_id
        ).exists()
        or person.nominations.filter(board__county_id=county_id).exists()
    )


def _serves_in_district(person: Person, district_id: int | None) -> bool:
    return (
        person.staff_posts.filter(ended_at__isnull=True, district_id=district_id).exists()
        or person.staff_posts.filter(
            ended_at__isnull=True, station__district_id=district_id
        ).exists()
    )


def can_see_person(user: User, person: Person) -> bool:
    if user.is_superuser:
        return True
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return _in_province(user, person.election)
    if user.role in (Role.COUNTY, Role.TRAINER):
        return person.county_id == user.county_id or _serves_in_county(person, user.county_id)
    if user.role == Role.DISTRICT:
        registered_here = person.district_id == user.district_id
        return registered_here or _serves_in_district(person, user.district_id)
    if user.role == Role.STATION:
        return person.staff_posts.filter(ended_at__isnull=True, station_id=user.station_id).exists()
    return False


def can_manage_person(user: User, person: Person) -> bool:
    """Correct the person's details and declared relatives."""
    if user.is_superuser:
        return True
    if user.role == Role.PROVINCE_HQ:
        return _in_province(user, person.election)
    if user.role == Role.COUNTY:
        return person.county_id == user.county_id or _serves_in_county(person, user.county_id)
    if user.role == Role.DISTRICT:
        registered_here = person.district_id == user.district_id
        return registered_here or _serves_in_district(person, user.district_id)
    return False


def people_for_user(user: User, election: Election) -> QuerySet[Person]:
    """The people whose pages the user may open (the rule of ``can_see_person``)."""
    people = Person.objects.filter(election=election)
    if user.is_superuser:
        return people
    if user.role in (Role.PROVINCE_HQ, Role.SUPERVISOR):
        return people if _in_province(user, election) else people.none()
    return people.filter(pk__in=people.filter(_people_filter(user)).values("pk"))


def _people_filter(user: User) -> Q:
    active_post = Q(staff_posts__ended_at__isnull=True)
    if user.role in (Role.COUNTY, Role.TRAINER):
        return (
            Q(county_id=user.county_id)
            | Q(memberships__ended_at__isnull=True, memberships__board__county_id=user.county_id)
            | (active_post & Q(staff_posts__county_id=user.county_id))
            | (active_post & Q(staff_posts__station__district__county_id=user.county_id))
            | Q(nominations__board__county_id=user.county_id)
        )
    if user.role == Role.DISTRICT:
        return (
            Q(district_id=user.district_id)
            | (active_post & Q(staff_posts__district_id=user.district_id))
            | (active_post & Q(staff_posts__station__district_id=user.district_id))
        )
    if user.role == Role.STATION:
        return active_post & Q(staff_posts__station_id=user.station_id)
    return Q(pk__in=[])


# -- getters: load for a user or refuse ---------------------------------------------------


def board_place_get_for_user(user: User, election: Election, kind: str, unit_id: int) -> BoardPlace:
    try:
        board_kind = BoardKind(kind)
    except ValueError:
        raise Http404(f"no kind of board {kind!r}") from None
    place = board_place(election, board_kind, unit_id)
    if not can_see_board(user, place):
        raise refuse()
    return place


def person_get_for_user(user: User, person_id: int) -> Person:
    person = get_object_or_404(
        Person.objects.select_related("election", "county", "district"), pk=person_id
    )
    if not can_see_person(user, person):
        raise refuse()
    return person


def roster_station_get_for_user(user: User, station_id: int) -> PollingStation:
    """The station whose roster the user may read (its own staff, and everyone above)."""
    return station_get_for_user(user, station_id)


def nomination_get_for_user(user: User, nomination_id: int) -> TrusteeNomination:
    nomination = get_object_or_404(
        TrusteeNomination.objects.select_related(
            "person", "board__election", "board__province", "board__county", "board__district"
        ),
        pk=nomination_id,
    )
    if not can_see_board(user, place_of_board(nomination.board)):
        raise refuse()
    return nomination


def membership_get_for_user(user: User, membership_id: int) -> BoardMembership:
    membership = get_object_or_404(
        BoardMembership.objects.select_related(
            "person", "board__election", "board__province", "board__county", "board__district"
        ),
        pk=membership_id,
    )
    if not can_see_board(user, place_of_board(membership.board)):
        raise refuse()
    return membership


def staff_post_get_for_user(user: User, post_id: int) -> StaffPost:
    post = get_object_or_404(
        StaffPost.objects.select_related(
            "person", "election", "station__district__county", "county", "district"
        ),
        pk=post_id,
    )
    if post.station is not None:
        allowed = can_see_station(user, post.station)
    elif post.district is not None:
        allowed = can_see_district(user, post.district)
    else:
        allowed = post.county is not None and can_see_county(user, post.county)
    if not allowed:
        raise refuse()
    return post


def require(allowed: bool) -> None:
    """Refuse (403) unless ``allowed``: the services' own check of the actor's scope."""
    if not allowed:
        raise refuse()
