"""The schedule: sessions per county and week, a session's invited list, a trainee's tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from shora.boards.models import Person
from shora.elections.models import Election
from shora.training.models import Module, Session, TestAttempt
from shora.training.selectors.people import invited_people, posts_of
from shora_domain import quiz


def sessions_of_week(
    election: Election, week_start: datetime.date, county_ids: list[int] | None
) -> QuerySet[Session]:
    sessions = Session.objects.filter(
        series__election=election,
        date__gte=week_start,
        date__lt=week_start + datetime.timedelta(days=7),
    )
    if county_ids is not None:
        sessions = sessions.filter(series__county_id__in=county_ids)
    return (
        sessions.select_related("series__county", "series__district", "series__trainer")
        .annotate(present=Count("attendances"))
        .order_by("series__county__name", "date", "series__starts_at")
    )


@dataclass(frozen=True)
class InvitedRow:
    person: Person
    present: bool


def attendance_list(session: Session) -> list[InvitedRow]:
    present = set(session.attendances.values_list("person_id", flat=True))
    return [InvitedRow(p, p.pk in present) for p in invited_people(session.series)]


@dataclass(frozen=True)
class ModuleRow:
    module: Module
    attempts: list[TestAttempt]
    open_attempt: TestAttempt | None
    passed: bool
    attempts_left: int


def trainee_modules(person: Person) -> list[ModuleRow]:
    """The modules of the programmes of the person's roles, with their attempts."""
    roles = {post.role for post in posts_of(person.election, [person.pk]).get(person.pk, [])}
    modules = Module.objects.filter(
        programme__election_id=person.election_id, programme__role__in=roles
    ).select_related("programme")
    rows = []
    for module in modules:
        attempts = list(TestAttempt.objects.filter(person=person, module=module).order_by("number"))
        rules = quiz.QuizRules(max_attempts=module.programme.max_attempts)
        rows.append(
            ModuleRow(
                module=module,
                attempts=attempts,
                open_attempt=next((a for a in attempts if a.is_open), None),
                passed=any(a.passed for a in attempts),
                attempts_left=quiz.attempts_left(len(attempts), rules),
            )
        )
    return rows
