"""The facts ``shora_domain.conflicts`` needs, gathered from the database, and its answers.

Candidacies come from the candidates part (``active_candidacies``); posts and declared
relatives from ours. Conflicts are computed when they are asked for, never stored: a
relative who registers as a candidate after the post was given shows up at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Q

from shora.boards.models import Board, BoardMembership, DeclaredRelative, Person, StaffPost
from shora.boards.places import (
    ElectionAuthority,
    membership_place,
    post_facts,
    staff_place,
)
from shora.boards.selectors import relative_policy_for
from shora.elections.models import County, Election, PollingStation
from shora_domain.conflicts import (
    CandidacyFacts,
    Conflict,
    Declaration,
    Relation,
    find_conflicts,
    relatives_by_person,
    relatives_of,
)
from shora_domain.post_clashes import PostPlace

# Codes asked of the candidates part at once (SQLite allows some thousands of parameters).
CHUNK = 500


def _chunks(codes: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(codes), CHUNK):
        yield codes[start : start + CHUNK]


def candidacies_for(election: Election, national_codes: Iterable[str]) -> list[CandidacyFacts]:
    """The active candidacies of these people in ``election``."""
    from shora.candidates.selectors import active_candidacies

    codes = sorted(set(national_codes))
    found: list[CandidacyFacts] = []
    for chunk in _chunks(codes):
        for refs in active_candidacies(election=election, national_codes=chunk).values():
            found += [
                CandidacyFacts(
                    national_code=ref.national_code,
                    candidate_id=ref.candidate_id,
                    constituency_id=ref.constituency_id,
                    name=ref.name,
                )
                for ref in refs
            ]
    return found


def declarations_for(election: Election, national_codes: Iterable[str]) -> list[Declaration]:
    """Every declaration made by, or naming, one of these people."""
    codes = sorted(set(national_codes))
    found: list[Declaration] = []
    for chunk in _chunks(codes):
        rows = (
            DeclaredRelative.objects.filter(person__election=election)
            .filter(Q(person__national_code__in=chunk) | Q(national_code__in=chunk))
            .values_list("person__national_code", "national_code", "relation")
        )
        found += [
            Declaration(declarer, relative, Relation(rel)) for declarer, relative, rel in rows
        ]
    return sorted(set(found), key=lambda d: (d.declarer, d.relative))


def conflicts_for_post(person: Person, place: PostPlace) -> list[Conflict]:
    """The conflicts ``person`` would have in the post at ``place``."""
    election = person.election
    declarations = declarations_for(election, [person.national_code])
    relatives = relatives_of(person.national_code, declarations)
    return find_conflicts(
        posts=[post_facts(place, person.national_code)],
        candidacies=candidacies_for(election, [person.national_code, *relatives]),
        declarations=declarations,
        relative_policy=relative_policy_for(election),
    )


@dataclass(frozen=True)
class ConflictRow:
    """A conflict as a page shows it: the person serving, and the conflict."""

    person: Person
    conflict: Conflict


def election_conflicts(
    election: Election,
    *,
    county: County | None = None,
    person: Person | None = None,
    board: Board | None = None,
    station: PollingStation | None = None,
) -> list[ConflictRow]:
    """Every conflict among the election's active posts: all of them, or those of one
    county, one person, one board or one station."""
    memberships = BoardMembership.objects.filter(
        board__election=election, ended_at__isnull=True
    ).select_related(
        "person", "board__election", "board__province", "board__county", "board__district"
    )
    posts = StaffPost.objects.filter(election=election, ended_at__isnull=True).select_related(
        "person", "station", "county", "district", "election"
    )
    if county is not None:
        memberships = memberships.filter(board__county=county)
        posts = posts.filter(Q(county=county) | Q(station__district__county=county))
    if person is not None:
        memberships = memberships.filter(person=person)
        posts = posts.filter(person=person)
    if board is not None:
        memberships = memberships.filter(board=board)
        posts = posts.none()
    if station is not None:
        memberships = memberships.none()
        posts = posts.filter(station=station)
    # First the codes alone (cheap even for tens of thousands of posts); the posts are
    # loaded in full only for the people who stand, or whose declared relative stands.
    codes = set(memberships.values_list("person__national_code", flat=True))
    codes |= set(posts.values_list("person__national_code", flat=True))
    if not codes:
        return []
    declarations = declarations_for(election, codes)
    related = relatives_by_person(declarations)
    candidacies = candidacies_for(election, codes | set(related))
    standing = {candidacy.national_code for candidacy in candidacies}
    concerned = [
        code for code in codes if code in standing or not standing.isdisjoint(related.get(code, {}))
    ]
    if not concerned:
        return []
    authority = ElectionAuthority(election)
    people: dict[str, Person] = {}
    facts = []
    for chunk in _chunks(sorted(concerned)):
        for membership in memberships.filter(person__national_code__in=chunk):
            people[membership.person.national_code] = membership.person
            place = membership_place(membership, authority)
            facts.append(post_facts(place, membership.person.national_code))
        for post in posts.filter(person__national_code__in=chunk):
            people[post.person.national_code] = post.person
            facts.append(post_facts(staff_place(post, authority), post.person.national_code))
    conflicts = find_conflicts(
        posts=facts,
        candidacies=candidacies,
        declarations=declarations,
        relative_policy=relative_policy_for(election),
    )
    return [ConflictRow(people[c.national_code], c) for c in conflicts]
