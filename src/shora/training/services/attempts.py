"""Test attempts: start one (drawn from the module's bank), submit it, close it when late.

The rules are the pure package's (shora_domain.quiz); here they meet the database. One
open attempt per person and module and unique attempt numbers are database constraints,
so two tabs or two devices starting at once get one attempt and a clear refusal.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.models import Person
from shora.training.errors import TrainingRefusal, refuse
from shora.training.models import Module, Question, TestAttempt
from shora.training.selectors.people import posts_of
from shora.training.services.programmes import quiz_rules_of
from shora_domain import quiz
from shora_domain.errors import DomainError


def quiz_questions(question_ids: Iterable[int]) -> list[quiz.Question]:
    """The attempt's questions as the pure rules see them, in the attempt's order."""
    ids = list(question_ids)
    rows = Question.objects.filter(pk__in=ids).prefetch_related("choices")
    by_id = {
        row.pk: quiz.Question(
            id=row.pk,
            choices=frozenset(c.pk for c in row.choices.all()),
            correct=frozenset(c.pk for c in row.choices.all() if c.correct),
            multiple=row.multiple,
        )
        for row in rows
    }
    return [by_id[pk] for pk in ids if pk in by_id]


def _require_trainee_of(person: Person, module: Module) -> None:
    programme = module.programme
    roles = {post.role for post in posts_of(programme.election, [person.pk]).get(person.pk, [])}
    if person.election_id != programme.election_id or programme.role not in roles:
        raise refuse(
            TrainingRefusal.NOT_A_TRAINEE_MODULE,
            fa="این آزمون برای سمت شما نیست.",
            en="This test is not part of your role's programme.",
        )


def _close_late(attempt: TestAttempt, now: datetime.datetime) -> None:
    attempt.submitted_at = now
    attempt.late = True
    attempt.marks, attempt.score, attempt.passed = 0, 0, False
    attempt.save(update_fields=["submitted_at", "late", "marks", "score", "passed"])
    audit_record(
        actor=None,
        event_type=AuditEventType.TRAINING_ATTEMPT_SUBMITTED,
        target=attempt,
        new={"late": True, "score": 0, "passed": False},
    )


def close_overdue(person: Person, module: Module, now: datetime.datetime) -> None:
    """An open attempt whose time (and grace) has run out is closed as late."""
    rules = quiz_rules_of(module.programme)
    with transaction.atomic():
        for attempt in TestAttempt.objects.select_for_update().filter(
            person=person, module=module, submitted_at__isnull=True
        ):
            if quiz.is_late(now, attempt.deadline, rules):
                _close_late(attempt, now)


def attempt_start(
    *, person: Person, module: Module, at: datetime.datetime | None = None
) -> TestAttempt:
    """A new attempt with questions drawn for it; refused while another is open, after a
    pass, and beyond the retake limit."""
    now = at or timezone.now()
    _require_trainee_of(person, module)
    close_overdue(person, module, now)
    rules = quiz_rules_of(module.programme)
    done = TestAttempt.objects.filter(person=person, module=module)
    if done.filter(submitted_at__isnull=True).exists():
        raise _attempt_open()
    quiz.require_may_start(done.count(), done.filter(passed=True).exists(), rules)
    seed = secrets.token_hex(16)
    bank = module.questions.values_list("pk", flat=True)
    try:
        drawn = quiz.draw_questions(bank, rules.questions_per_test, seed)
    except DomainError as error:
        raise refuse(
            TrainingRefusal.NO_QUESTIONS,
            fa="این درس هنوز پرسشی ندارد.",
            en="This module has no questions yet.",
        ) from error
    try:
        with transaction.atomic():
            attempt = TestAttempt.objects.create(
                person=person,
                module=module,
                number=done.count() + 1,
                seed=seed,
                question_ids=list(drawn),
                started_at=now,
                deadline=quiz.deadline_of(now, rules),
                out_of=len(drawn),
            )
            audit_record(
                actor=None,
                event_type=AuditEventType.TRAINING_ATTEMPT_STARTED,
                target=attempt,
                new={"national_code": person.national_code, "module": module.pk},
            )
    except IntegrityError as error:
        raise _attempt_open() from error
    return attempt


def _attempt_open() -> DomainError:
    return refuse(
        TrainingRefusal.ATTEMPT_OPEN,
        fa="آزمون دیگری از همین درس برای شما باز است.",
        en="Another attempt at this test is already open for you.",
    )


def _answers(raw: Mapping[Any, Iterable[Any]]) -> dict[int, frozenset[int]]:
    answers: dict[int, frozenset[int]] = {}
    try:
        for key, chosen in raw.items():
            answers[int(key)] = frozenset(int(choice) for choice in chosen)
    except (TypeError, ValueError) as error:
        raise refuse(
            TrainingRefusal.BAD_ANSWERS,
            fa="پاسخ‌ها خوانا نیست.",
            en="The answers cannot be read.",
        ) from error
    return answers


def attempt_submit(
    *,
    attempt: TestAttempt,
    answers: Mapping[Any, Iterable[Any]],
    at: datetime.datetime | None = None,
) -> TestAttempt:
    """Score the attempt; refused when it is closed, late (then closed as late), or when an
    answer names a question not drawn or a choice not offered (then nothing changes)."""
    now = at or timezone.now()
    parsed = _answers(answers)
    late = False
    with transaction.atomic():
        attempt = (
            TestAttempt.objects.select_for_update()
            .select_related("module__programme")
            .get(pk=attempt.pk)
        )
        if not attempt.is_open:
            raise refuse(
                TrainingRefusal.ATTEMPT_CLOSED,
                fa="این آزمون پیش‌تر پایان یافته است.",
                en="This attempt is already over.",
            )
        rules = quiz_rules_of(attempt.module.programme)
        questions = quiz_questions(attempt.question_ids)
        if quiz.is_late(now, attempt.deadline, rules):
            _close_late(attempt, now)
            late = True
        else:
            score = quiz.score_attempt(questions, parsed, rules)
            attempt.answers = {str(k): sorted(v) for k, v in parsed.items() if v}
            attempt.submitted_at = now
            attempt.marks, attempt.score, attempt.passed = score.marks, score.percent, score.passed
            attempt.save(update_fields=["answers", "submitted_at", "marks", "score", "passed"])
            audit_record(
                actor=None,
                event_type=AuditEventType.TRAINING_ATTEMPT_SUBMITTED,
                target=attempt,
                new={"score": score.percent, "passed": score.passed},
            )
    if late:
        # Raised after the commit: the attempt stays closed as late.
        quiz.require_on_time(now, attempt.deadline, rules)
    return attempt
