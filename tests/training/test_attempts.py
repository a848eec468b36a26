"""Test attempts: drawn, scored, late, answers outside the attempt, retakes, open attempts."""

from __future__ import annotations

import datetime

import pytest

from shora.training.errors import TrainingRefusal
from shora.training.models import Question, TestAttempt
from shora.training.services.attempts import attempt_start, attempt_submit
from shora_domain.errors import DomainError
from shora_domain.quiz import QuizRefusal

T0 = datetime.datetime(2026, 4, 1, 8, 0, tzinfo=datetime.UTC)


def right_answers(attempt):
    return {
        str(q.pk): [c.pk for c in q.choices.all() if c.correct]
        for q in Question.objects.filter(pk__in=attempt.question_ids)
    }


def wrong_answers(attempt):
    return {
        str(q.pk): [next(c.pk for c in q.choices.all() if not c.correct)]
        for q in Question.objects.filter(pk__in=attempt.question_ids)
    }


def refused(expected, call, **kwargs):
    with pytest.raises(DomainError) as error:
        call(**kwargs)
    assert error.value.code is expected
    assert error.value.fa and error.value.en
    return error.value


def test_an_attempt_draws_from_its_module_and_passes_with_right_answers(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    bank = set(world.chair_module.questions.values_list("pk", flat=True))
    assert set(attempt.question_ids) == bank and len(attempt.question_ids) == 4
    assert attempt.deadline == T0 + datetime.timedelta(minutes=20)
    done = attempt_submit(attempt=attempt, answers=right_answers(attempt), at=T0)
    assert (done.marks, done.score, done.passed, done.late) == (4, 100, True, False)


def test_wrong_answers_fail_and_a_retake_is_allowed_up_to_the_limit(world):
    first = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    assert not attempt_submit(attempt=first, answers=wrong_answers(first), at=T0).passed
    second = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    assert second.number == 2
    attempt_submit(attempt=second, answers={}, at=T0)
    refused(
        QuizRefusal.NO_ATTEMPTS_LEFT, attempt_start, person=world.chair_a, module=world.chair_module
    )
    assert TestAttempt.objects.filter(person=world.chair_a).count() == 2


def test_after_a_pass_no_retake(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    attempt_submit(attempt=attempt, answers=right_answers(attempt), at=T0)
    refused(
        QuizRefusal.ALREADY_PASSED, attempt_start, person=world.chair_a, module=world.chair_module
    )


def test_a_second_open_attempt_is_refused(world):
    attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    refused(
        TrainingRefusal.ATTEMPT_OPEN,
        attempt_start,
        person=world.chair_a,
        module=world.chair_module,
        at=T0 + datetime.timedelta(minutes=1),
    )


def test_an_attempt_submitted_after_the_time_limit_is_refused_and_closed_as_failed(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    late = T0 + datetime.timedelta(minutes=21)
    refused(
        QuizRefusal.LATE, attempt_submit, attempt=attempt, answers=right_answers(attempt), at=late
    )
    attempt.refresh_from_db()
    assert (attempt.late, attempt.passed, attempt.score, attempt.answers) == (True, False, 0, {})
    assert attempt.submitted_at == late


def test_within_the_grace_the_attempt_counts(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    at = T0 + datetime.timedelta(minutes=20, seconds=29)
    assert attempt_submit(attempt=attempt, answers=right_answers(attempt), at=at).passed


def test_an_abandoned_attempt_is_closed_as_late_when_the_next_starts(world):
    attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    second = attempt_start(
        person=world.chair_a, module=world.chair_module, at=T0 + datetime.timedelta(hours=1)
    )
    first = TestAttempt.objects.get(person=world.chair_a, number=1)
    assert first.late and not first.passed and second.number == 2


def test_answers_to_a_question_not_in_the_attempt_change_nothing(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    foreign = world.secretary_module.questions.first()
    answers = right_answers(attempt) | {str(foreign.pk): [foreign.choices.first().pk]}
    refused(QuizRefusal.NOT_IN_ATTEMPT, attempt_submit, attempt=attempt, answers=answers, at=T0)
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None


def test_a_choice_of_another_question_is_refused(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    first, second = attempt.question_ids[:2]
    other_choice = Question.objects.get(pk=second).choices.first().pk
    refused(
        QuizRefusal.UNKNOWN_CHOICE,
        attempt_submit,
        attempt=attempt,
        answers={str(first): [other_choice]},
        at=T0,
    )


@pytest.mark.parametrize("answers", [{"x": [1]}, {"1": ["y"]}, {"1": None}])
def test_unreadable_answers_are_refused(world, answers):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    refused(TrainingRefusal.BAD_ANSWERS, attempt_submit, attempt=attempt, answers=answers, at=T0)


def test_a_submitted_attempt_cannot_be_submitted_again(world):
    attempt = attempt_start(person=world.chair_a, module=world.chair_module, at=T0)
    attempt_submit(attempt=attempt, answers=wrong_answers(attempt), at=T0)
    refused(
        TrainingRefusal.ATTEMPT_CLOSED,
        attempt_submit,
        attempt=attempt,
        answers=right_answers(attempt),
        at=T0,
    )
    attempt.refresh_from_db()
    assert not attempt.passed


@pytest.mark.parametrize(
    ("who", "module"), [("inspector_a", "chair_module"), ("chair_a", "secretary_module")]
)
def test_a_test_outside_the_persons_programme_is_refused(world, who, module):
    refused(
        TrainingRefusal.NOT_A_TRAINEE_MODULE,
        attempt_start,
        person=getattr(world, who),
        module=getattr(world, module),
    )


def test_a_module_without_questions_is_refused(world):
    from shora.training.services.programmes import module_create

    empty = module_create(actor=None, programme=world.chairs, title="خالی")
    refused(TrainingRefusal.NO_QUESTIONS, attempt_start, person=world.chair_a, module=empty)
