"""Why a boards service refuses: a stable code, a Persian and an English message."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class BoardRefusal(enum.Enum):
    PERSON_ALREADY_REGISTERED = "person_already_registered"
    PERSON_NOT_REGISTERED = "person_not_registered"
    BAD_GENDER = "bad_gender"
    RELATIVE_IS_SELF = "relative_is_self"
    RELATIVE_ALREADY_DECLARED = "relative_already_declared"
    BAD_RELATION = "bad_relation"
    WRONG_ROLE = "wrong_role"
    SEAT_FULL = "seat_full"
    ROLE_NEEDS_NOMINATION = "role_needs_nomination"
    NO_NOMINEES_ON_THIS_BOARD = "no_nominees_on_this_board"
    ALREADY_NOMINATED = "already_nominated"
    NOMINATION_ALREADY_RULED = "nomination_already_ruled"
    NOMINEE_NOT_CLEARED = "nominee_not_cleared"
    NOMINEE_ALREADY_CHOSEN = "nominee_already_chosen"
    REASON_REQUIRED = "reason_required"
    POST_CLASH = "post_clash"
    CONFLICT_WITH_CANDIDACY = "conflict_with_candidacy"
    ALREADY_ENDED = "already_ended"
    WRONG_ELECTION = "wrong_election"
    WRONG_PLACE = "wrong_place"
    SETTINGS_FROZEN = "board_settings_frozen"
    BAD_SETTING = "bad_board_setting"


class PostRefused(DomainError):
    """A post refused for reasons listed one by one (clashes or blocking conflicts)."""

    def __init__(
        self, code: BoardRefusal, reasons: list[tuple[str, str]], *, fa: str, en: str
    ) -> None:
        super().__init__(code, fa=fa, en=en)
        self.reasons = reasons


def refuse(code: BoardRefusal, *, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)
