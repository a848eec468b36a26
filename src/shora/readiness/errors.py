"""Why a readiness service refuses: a stable code, a Persian and an English message."""

from __future__ import annotations

import enum

from shora_domain.errors import DomainError


class ReadinessRefusal(enum.Enum):
    TEMPLATE_EXISTS = "readiness.template_exists"
    VERSION_PUBLISHED = "readiness.version_published"
    VERSION_NOT_PUBLISHED = "readiness.version_not_published"
    VERSION_EMPTY = "readiness.version_empty"
    NO_PUBLISHED_VERSION = "readiness.no_published_version"
    BAD_ITEM = "readiness.bad_item"
    ITEM_NOT_IN_VERSION = "readiness.item_not_in_version"
    ITEM_ANSWERED_TWICE = "readiness.item_answered_twice"
    ITEMS_UNANSWERED = "readiness.items_unanswered"
    WRONG_ELECTION = "readiness.wrong_election"
    IN_THE_FUTURE = "readiness.in_the_future"
    BAD_ORGANISATION = "readiness.bad_organisation"
    ORGANISATION_EXISTS = "readiness.organisation_exists"
    BAD_PHONE = "readiness.bad_phone"
    NAME_REQUIRED = "readiness.name_required"
    ALREADY_SUBMITTED = "readiness.already_submitted"
    STATIONS_NOT_INSPECTED = "readiness.stations_not_inspected"
    NOTHING_TO_SUBMIT = "readiness.nothing_to_submit"
    SUBMISSION_ALREADY_REVIEWED = "readiness.submission_already_reviewed"
    COMMENT_REQUIRED = "readiness.comment_required"
    NOT_AN_IMAGE = "readiness.not_an_image"
    IMAGE_TOO_LARGE = "readiness.image_too_large"
    STALE_VERSION = "readiness.stale_version"


def refuse(code: ReadinessRefusal, *, fa: str, en: str) -> DomainError:
    return DomainError(code, fa=fa, en=en)
