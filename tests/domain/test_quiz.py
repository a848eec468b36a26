"""Training tests: drawing, answers checked, scoring, the time limit and retakes."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.quiz import (
    Question,
    QuizRefusal,
    QuizRules,
    attempts_left,
    check_answers,
    deadline_of,
    draw_questions,
    is_late,
    late_score,
    require_may_start,
    require_on_time,
    score_attempt,
)

START = datetime.datetime(2026, 4, 1, 10, 0, tzinfo=datetime.UTC)
SINGLE = Question(id=1, choices=frozenset({11, 12, 13}), correct=frozenset({12}), multiple=False)
MULTI = Question(
    id=2, choices=frozenset({21, 22, 23, 24}), correct=frozenset({21, 23}), multiple=True
)

banks = st.sets(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=60)
seeds = st.text(max_size=20)


@st.composite
def questions_and_answers(draw):
    count = draw(st.integers(min_value=1, max_value=8))
    questions = []
    answers = {}
    for number in range(count):
        choices = frozenset(range(number * 10, number * 10 + draw(st.integers(2, 5))))
        multiple = draw(st.booleans())
        if multiple:
            correct = frozenset(draw(st.sets(st.sampled_from(sorted(choices)), min_size=1)))
        else:
            correct = frozenset({draw(st.sampled_from(sorted(choices)))})
        question = Question(id=number, choices=choices, correct=correct, multiple=multiple)
        questions.append(question)
        if draw(st.booleans()):
            if multiple:
                answers[number] = frozenset(draw(st.sets(st.sampled_from(sorted(choices)))))
            else:
                answers[number] = frozenset({draw(st.sampled_from(sorted(choices)))})
    return questions, answers


@given(banks, st.integers(min_value=1, max_value=80), seeds)
def test_a_draw_is_distinct_from_the_bank_and_as_long_as_it_can_be(bank, count, seed):
    drawn = draw_questions(bank, count, seed)
    assert len(set(drawn)) == len(drawn) == min(count, len(bank))
    assert set(drawn) <= bank


@given(banks, st.integers(min_value=1, max_value=80), seeds, st.randoms())
def test_the_same_seed_gives_the_same_test_whatever_the_bank_order(bank, count, seed, rnd):
    listed = sorted(bank)
    rnd.shuffle(listed)
    assert draw_questions(listed, count, seed) == draw_questions(sorted(bank), count, seed)


def test_different_seeds_draw_different_tests():
    bank = range(1, 200)
    assert draw_questions(bank, 10, "attempt-1") != draw_questions(bank, 10, "attempt-2")


def test_an_empty_bank_is_refused():
    with pytest.raises(DomainError) as refused:
        draw_questions([], 5, "x")
    assert refused.value.code is QuizRefusal.EMPTY_BANK


def test_single_choice_scores_the_right_choice_only():
    assert score_attempt([SINGLE], {1: {12}}).marks == 1
    assert score_attempt([SINGLE], {1: {11}}).marks == 0
    assert score_attempt([SINGLE], {}).marks == 0


def test_multiple_choice_scores_only_the_exact_set():
    assert score_attempt([MULTI], {2: {21, 23}}).marks == 1
    assert score_attempt([MULTI], {2: {21}}).marks == 0
    assert score_attempt([MULTI], {2: {21, 22, 23, 24}}).marks == 0
    assert score_attempt([MULTI], {2: set()}).marks == 0


def test_answers_to_a_question_not_in_the_attempt_are_refused():
    with pytest.raises(DomainError) as refused:
        score_attempt([SINGLE], {99: {12}})
    assert refused.value.code is QuizRefusal.NOT_IN_ATTEMPT
    assert "not in this attempt" in refused.value.en and refused.value.fa


def test_a_choice_of_another_question_is_refused():
    with pytest.raises(DomainError) as refused:
        check_answers([SINGLE, MULTI], {1: {21}})
    assert refused.value.code is QuizRefusal.UNKNOWN_CHOICE


def test_two_choices_on_a_single_choice_question_are_refused():
    with pytest.raises(DomainError) as refused:
        check_answers([SINGLE], {1: {11, 12}})
    assert refused.value.code is QuizRefusal.ONE_CHOICE_ONLY


def test_pass_mark_is_inclusive():
    rules = QuizRules(pass_percent=50)
    assert score_attempt([SINGLE, MULTI], {1: {12}}, rules).passed
    assert not score_attempt([SINGLE, MULTI], {1: {11}}, rules).passed


@given(questions_and_answers())
def test_score_lies_between_nothing_and_everything(case):
    questions, answers = case
    result = score_attempt(questions, answers)
    assert 0 <= result.marks <= result.out_of == len(questions)
    assert 0 <= result.percent <= 100
    assert result.passed == (result.percent >= 70)


@given(questions_and_answers())
def test_the_right_answers_score_full_marks(case):
    questions, _ = case
    result = score_attempt(questions, {q.id: q.correct for q in questions})
    assert (result.marks, result.percent, result.passed) == (len(questions), 100, True)


@given(questions_and_answers())
def test_ticking_every_box_never_beats_the_right_answers(case):
    questions, _ = case
    every = score_attempt(
        [q for q in questions if q.multiple], {q.id: q.choices for q in questions if q.multiple}
    )
    wrong_multi = [q for q in questions if q.multiple and q.correct != q.choices]
    assert every.marks == sum(1 for q in questions if q.multiple) - len(wrong_multi)


def test_the_deadline_and_its_grace():
    rules = QuizRules(time_limit=datetime.timedelta(minutes=20))
    deadline = deadline_of(START, rules)
    assert deadline == START + datetime.timedelta(minutes=20)
    assert not is_late(deadline + datetime.timedelta(seconds=30), deadline, rules)
    assert is_late(deadline + datetime.timedelta(seconds=31), deadline, rules)
    require_on_time(deadline, deadline, rules)
    with pytest.raises(DomainError) as refused:
        require_on_time(deadline + datetime.timedelta(hours=1), deadline, rules)
    assert refused.value.code is QuizRefusal.LATE


def test_a_late_attempt_scores_nothing_and_fails():
    assert late_score([SINGLE, MULTI]) == late_score([SINGLE, MULTI])
    result = late_score([SINGLE, MULTI])
    assert (result.marks, result.out_of, result.percent, result.passed) == (0, 2, 0, False)


def test_retakes_are_limited_and_a_pass_ends_them():
    rules = QuizRules(max_attempts=3)
    require_may_start(0, False, rules)
    require_may_start(2, False, rules)
    with pytest.raises(DomainError) as refused:
        require_may_start(3, False, rules)
    assert refused.value.code is QuizRefusal.NO_ATTEMPTS_LEFT
    with pytest.raises(DomainError) as refused:
        require_may_start(0, True, rules)
    assert refused.value.code is QuizRefusal.ALREADY_PASSED
    assert [attempts_left(n, rules) for n in range(5)] == [3, 2, 1, 0, 0]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"questions_per_test": 0},
        {"max_attempts": 0},
        {"pass_percent": 101},
        {"pass_percent": -1},
        {"time_limit": datetime.timedelta(0)},
    ],
)
def test_nonsense_rules_are_refused(kwargs):
    with pytest.raises(DomainError) as refused:
        QuizRules(**kwargs)
    assert refused.value.code is QuizRefusal.BAD_RULES
