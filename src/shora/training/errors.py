"""Why a training service refuses: a stable code, a Persian and an English message."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class TrainingRefusal(enum.Enum):
    PROGRAMME_EXISTS = "training.programme_exists"
    BAD_ROLE = "training.bad_role"
    BAD_QUESTION = "training.bad_question"
    BAD_SERIES = "training.bad_series"
    WRONG_ELECTION = "training.wrong_election"
    NOT_INVITED = "training.not_invited"
    ALREADY_PRESENT = "training.already_present"
    SESSION_FULL = "training.session_full"
    UNKNOWN_CODE = "training.unknown_code"
    ATTEMPT_OPEN = "training.attempt_open"
    ATTEMPT_CLOSED = "training.attempt_closed"
    NO_QUESTIONS = "training.no_questions"
    NOT_A_TRAINEE_MODULE = "training.not_a_trainee_module"
    BAD_ANSWERS = "training.bad_answers"


def refuse(code: TrainingRefusal, *, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)
