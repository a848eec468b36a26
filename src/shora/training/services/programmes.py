"""Programmes, their modules and question banks, and each trainee's personal code."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.boards.models import Person
from shora.elections.models import Election
from shora.readiness.services.common import clean_text
from shora.training.errors import TrainingRefusal, refuse
from shora.training.models import (
    TRAINING_ROLES,
    Choice,
    Module,
    Programme,
    Question,
    Trainee,
)
from shora_domain.quiz import QuizRules

#: Twelve digits, so a typed code is never mistaken for a ten-digit national code.
CODE_DIGITS = 12


def quiz_rules_of(programme: Programme) -> QuizRules:
    return QuizRules(
        questions_per_test=programme.questions_per_test,
        time_limit=datetime.timedelta(minutes=programme.time_limit_minutes),
        pass_percent=programme.pass_percent,
        max_attempts=programme.max_attempts,
    )


@transaction.atomic
def programme_create(
    *, actor: Any, election: Election, role: str, title: str, **rules: int
) -> Programme:
    if role not in TRAINING_ROLES:
        raise refuse(
            TrainingRefusal.BAD_ROLE,
            fa="برای این سمت برنامهٔ آموزشی تعریف نمی‌شود.",
            en=f"{role!r} is not a role that trains.",
        )
    programme = Programme(election=election, role=role, title=clean_text(title), **rules)
    quiz_rules_of(programme)  # the pure rules refuse nonsense (no questions, pass mark > 100)
    try:
        with transaction.atomic():
            programme.save()
    except IntegrityError as error:
        raise refuse(
            TrainingRefusal.PROGRAMME_EXISTS,
            fa="این سمت در این انتخابات برنامهٔ آموزشی دارد.",
            en="This role already has a programme in this election.",
        ) from error
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRAINING_PROGRAMME_CREATED,
        target=programme,
        new={"role": role, "title": programme.title, **rules},
    )
    return programme


@transaction.atomic
def module_create(*, actor: Any, programme: Programme, title: str, title_en: str = "") -> Module:
    position = programme.modules.count() + 1
    module = Module.objects.create(
        programme=programme, position=position, title=clean_text(title), title_en=title_en.strip()
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRAINING_MODULE_CREATED,
        target=module,
        new={"programme": programme.pk, "title": module.title},
    )
    return module


@transaction.atomic
def question_create(
    *,
    actor: Any,
    module: Module,
    text: str,
    choices: Sequence[tuple[str, bool]],
    multiple: bool = False,
    explanation: str = "",
    text_en: str = "",
    explanation_en: str = "",
    choices_en: Sequence[str] = (),
) -> Question:
    """A question and its choices; ``choices`` are (text, right?) in the order shown."""
    right = sum(1 for _, correct in choices if correct)
    texts = [clean_text(text) for text, _ in choices]
    if not clean_text(text) or len(choices) < 2 or any(not t for t in texts):
        raise refuse(
            TrainingRefusal.BAD_QUESTION,
            fa="پرسش باید متن و دست‌کم دو گزینهٔ نوشته‌شده داشته باشد.",
            en="A question needs its text and at least two written choices.",
        )
    if right == 0 or (not multiple and right != 1):
        raise refuse(
            TrainingRefusal.BAD_QUESTION,
            fa="پرسش تک‌پاسخی دقیقاً یک گزینهٔ درست و چندپاسخی دست‌کم یکی دارد.",
            en="A single-choice question has exactly one right choice, a multiple-choice one "
            "at least one.",
        )
    question = Question.objects.create(
        module=module,
        text=clean_text(text),
        text_en=text_en.strip(),
        multiple=multiple,
        explanation=clean_text(explanation),
        explanation_en=explanation_en.strip(),
    )
    english = list(choices_en) + [""] * (len(choices) - len(choices_en))
    Choice.objects.bulk_create(
        Choice(question=question, text=t, text_en=en.strip(), correct=correct)
        for t, (_, correct), en in zip(texts, choices, english, strict=False)
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.TRAINING_QUESTION_ADDED,
        target=question,
        new={"module": module.pk, "choices": len(choices), "multiple": multiple},
    )
    return question


def _new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def trainee_of(person: Person) -> Trainee:
    """The person's trainee row with their personal code, made on first need."""
    existing = Trainee.objects.filter(person=person).first()
    if existing is not None:
        return existing
    for _ in range(5):
        try:
            with transaction.atomic():
                return Trainee.objects.create(person=person, code=_new_code())
        except IntegrityError:
            # Either a concurrent request made the row, or the random code was taken.
            existing = Trainee.objects.filter(person=person).first()
            if existing is not None:
                return existing
    raise RuntimeError("could not draw a free training code")
