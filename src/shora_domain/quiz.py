"""Training tests: drawing a test from a question bank, the time limit, scoring, retakes.

The rules, in one place (docs/training.md explains them to trainers):

* **Drawing.** Each attempt draws ``questions_per_test`` questions from the module's bank
  without repetition, in an order fixed by the attempt's seed: the same bank and seed give
  the same test, whatever order the bank was listed in. A bank smaller than the count gives
  the whole bank.
* **Answers.** An answer names a question of the attempt and choices of that question; an
  answer to a question not drawn, or a choice the question does not have, is refused, and
  so is a single-choice answer with more than one choice. A question left unanswered scores
  nothing.
* **Scoring.** Each question is worth one mark. A single-choice question scores when its one
  right choice is picked. A multiple-choice question scores only when exactly the set of its
  right choices is picked: no partial credit, so that ticking every box never pays. The
  score is the percentage of marks, rounded down; the attempt passes at ``pass_percent``.
* **Time.** An attempt must be submitted before its deadline (start + time limit) plus a
  short grace for the network; answers arriving later are refused and the attempt is closed
  as late: failed, with score 0, and it counts as an attempt.
* **Retakes.** A person has at most ``max_attempts`` attempts per module; someone who has
  passed does not sit the test again.
"""

from __future__ import annotations

import datetime
import enum
import hashlib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .errors import DomainError


class QuizRefusal(enum.Enum):
    NOT_IN_ATTEMPT = "quiz.not_in_attempt"
    UNKNOWN_CHOICE = "quiz.unknown_choice"
    ONE_CHOICE_ONLY = "quiz.one_choice_only"
    LATE = "quiz.late"
    NO_ATTEMPTS_LEFT = "quiz.no_attempts_left"
    ALREADY_PASSED = "quiz.already_passed"
    EMPTY_BANK = "quiz.empty_bank"
    BAD_RULES = "quiz.bad_rules"


@dataclass(frozen=True)
class QuizRules:
    """How a module's test is drawn, timed and marked (a programme may change each)."""

    questions_per_test: int = 10
    time_limit: datetime.timedelta = datetime.timedelta(minutes=20)
    pass_percent: int = 70
    max_attempts: int = 3
    #: Submissions this long after the deadline are still on time (a slow link, a click
    #: made just before the clock ran out).
    grace: datetime.timedelta = datetime.timedelta(seconds=30)

    def __post_init__(self) -> None:
        if self.questions_per_test < 1 or self.max_attempts < 1:
            raise _refuse(
                QuizRefusal.BAD_RULES,
                fa="تعداد پرسش‌ها و دفعات آزمون باید دست‌کم یک باشد.",
                en="A test needs at least one question and one attempt.",
            )
        if not 0 <= self.pass_percent <= 100:
            raise _refuse(
                QuizRefusal.BAD_RULES,
                fa="حد نصاب قبولی باید میان ۰ و ۱۰۰ باشد.",
                en="The pass mark must lie between 0 and 100.",
            )
        if self.time_limit <= datetime.timedelta(0):
            raise _refuse(
                QuizRefusal.BAD_RULES,
                fa="مهلت آزمون باید مثبت باشد.",
                en="The time limit must be positive.",
            )


DEFAULT_RULES = QuizRules()


@dataclass(frozen=True)
class Question:
    """A question as the rules see it: its choices, the right ones, single or multiple."""

    id: int
    choices: frozenset[int]
    correct: frozenset[int]
    multiple: bool


@dataclass(frozen=True)
class Score:
    marks: int
    out_of: int
    percent: int
    passed: bool


def _refuse(code: QuizRefusal, *, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)


def _seed_number(seed: str) -> int:
    # Python's hash() is salted per process; a digest gives the same draw everywhere.
    return int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big")


def draw_questions(bank: Iterable[int], count: int, seed: str) -> tuple[int, ...]:
    """``count`` distinct questions of ``bank`` in the order the seed fixes (see above)."""
    ordered = sorted(set(bank))
    if not ordered:
        raise _refuse(
            QuizRefusal.EMPTY_BANK,
            fa="بانک پرسش این درس خالی است.",
            en="This module's question bank is empty.",
        )
    # A reproducible draw, not a secret: the seed is stored with the attempt.
    drawing = random.Random(_seed_number(seed))  # noqa: S311
    return tuple(drawing.sample(ordered, min(count, len(ordered))))


def check_answers(
    questions: Sequence[Question], answers: Mapping[int, Iterable[int]]
) -> dict[int, frozenset[int]]:
    """``answers`` (question → chosen choices) checked against the attempt's questions."""
    by_id = {question.id: question for question in questions}
    checked: dict[int, frozenset[int]] = {}
    for question_id, chosen in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise _refuse(
                QuizRefusal.NOT_IN_ATTEMPT,
                fa="پاسخ به پرسشی داده شده که در این آزمون نیست.",
                en="An answer was given to a question that is not in this attempt.",
            )
        picked = frozenset(chosen)
        if not picked <= question.choices:
            raise _refuse(
                QuizRefusal.UNKNOWN_CHOICE,
                fa="گزینه‌ای انتخاب شده که در این پرسش نیست.",
                en="A choice was picked that this question does not have.",
            )
        if not question.multiple and len(picked) > 1:
            raise _refuse(
                QuizRefusal.ONE_CHOICE_ONLY,
                fa="این پرسش تنها یک پاسخ دارد.",
                en="This question takes one answer only.",
            )
        if picked:
            checked[question_id] = picked
    return checked


def is_right(question: Question, picked: frozenset[int]) -> bool:
    """Exactly the right choices (one for single choice, the whole set for multiple)."""
    return bool(picked) and picked == question.correct


def score_attempt(
    questions: Sequence[Question],
    answers: Mapping[int, Iterable[int]],
    rules: QuizRules = DEFAULT_RULES,
) -> Score:
    """The attempt's marks, percentage and pass (answers are checked first)."""
    checked = check_answers(questions, answers)
    marks = sum(1 for q in questions if is_right(q, checked.get(q.id, frozenset())))
    out_of = len(questions)
    percent = marks * 100 // out_of if out_of else 0
    return Score(marks=marks, out_of=out_of, percent=percent, passed=percent >= rules.pass_percent)


def late_score(questions: Sequence[Question]) -> Score:
    """What a late attempt is closed with: nothing, failed."""
    return Score(marks=0, out_of=len(questions), percent=0, passed=False)


def deadline_of(
    started_at: datetime.datetime, rules: QuizRules = DEFAULT_RULES
) -> datetime.datetime:
    return started_at + rules.time_limit


def is_late(
    submitted_at: datetime.datetime, deadline: datetime.datetime, rules: QuizRules = DEFAULT_RULES
) -> bool:
    return submitted_at > deadline + rules.grace


def require_on_time(
    submitted_at: datetime.datetime, deadline: datetime.datetime, rules: QuizRules = DEFAULT_RULES
) -> None:
    if is_late(submitted_at, deadline, rules):
        raise _refuse(
            QuizRefusal.LATE,
            fa="مهلت این آزمون گذشته است؛ پاسخ‌ها پذیرفته نشد و آزمون مردود ثبت شد.",
            en="The time for this test is over; the answers were refused and it counts as failed.",
        )


def require_may_start(
    attempts_so_far: int, passed_already: bool, rules: QuizRules = DEFAULT_RULES
) -> None:
    """A new attempt is allowed only to someone who has not passed and has attempts left."""
    if passed_already:
        raise _refuse(
            QuizRefusal.ALREADY_PASSED,
            fa="شما این آزمون را پیش‌تر گذرانده‌اید.",
            en="You have already passed this test.",
        )
    if attempts_so_far >= rules.max_attempts:
        raise _refuse(
            QuizRefusal.NO_ATTEMPTS_LEFT,
            fa="دفعات مجاز این آزمون به پایان رسیده است.",
            en="You have used every attempt allowed for this test.",
        )


def attempts_left(attempts_so_far: int, rules: QuizRules = DEFAULT_RULES) -> int:
    return max(0, rules.max_attempts - attempts_so_far)
