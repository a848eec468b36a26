"""Reads of the people who serve: by national code, by search, their seats and posts."""

from __future__ import annotations

from django.db.models import QuerySet

from shora.boards.models import BoardMembership, Person, StaffPost
from shora.elections.models import Election
from shora_domain.digits import to_latin_digits
from shora_domain.national_code import parse_national_code
from shora_domain.persian_text import search_key


def person_by_national_code(*, election: Election, national_code: str) -> Person | None:
    """The person registered under ``national_code`` (any digits); None if nobody is."""
    return Person.objects.filter(
        election=election, national_code=parse_national_code(national_code)
    ).first()


def person_memberships(person: Person) -> QuerySet[BoardMembership]:
    return person.memberships.filter(ended_at__isnull=True).select_related(
        "board__province", "board__county", "board__district", "board__election"
    )


def person_staff_posts(person: Person) -> QuerySet[StaffPost]:
    return person.staff_posts.filter(ended_at__isnull=True).select_related(
        "station__district__county", "county", "district", "election"
    )


def people_search(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name or national code matches ``query`` (any digits, any spelling):
    a national code by its first digits, a name by any part of it."""
    compact = to_latin_digits("".join(query.split())).replace("-", "")
    if not compact:
        return people
    if compact.isascii() and compact.isdigit():
        return people.filter(national_code__startswith=compact)
    return people.filter(name_key__contains=search_key(query))
