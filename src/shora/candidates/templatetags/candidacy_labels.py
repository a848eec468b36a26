"""Labels of candidacies' values in the reader's language, from the domain's own tables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from shora.web.language import reader_language
from shora_domain.candidate_profile import (
    DEGREE_LABELS,
    GENDER_LABELS,
    MILITARY_SERVICE_LABELS,
    VETERAN_LABELS,
    Degree,
    Gender,
    MilitaryService,
    VeteranStatus,
)
from shora_domain.candidate_review import (
    ACTION_LABELS,
    BOARD_LABELS,
    STATUS_LABELS,
    Board,
    CandidacyStatus,
    ReviewAction,
)

register = template.Library()


def _label(labels: Mapping[Any, tuple[str, str]], kind: type[Any], value: object) -> str:
    try:
        fa, en = labels[kind(value)]
    except (ValueError, KeyError):
        return str(value)
    return en if reader_language() == "en" else fa


@register.filter
def status_label(value: str) -> str:
    return _label(STATUS_LABELS, CandidacyStatus, value)


@register.filter
def status_tone(value: str) -> str:
    """The badge's class: good, bad, or waiting."""
    if value == CandidacyStatus.APPROVED.value:
        return ""
    if value in (CandidacyStatus.REJECTED.value, CandidacyStatus.REJECTED_FINAL.value):
        return "bad"
    if value == CandidacyStatus.WITHDRAWN.value:
        return "muted"
    return "warn"


@register.filter
def action_label(value: str) -> str:
    return _label(ACTION_LABELS, ReviewAction, value)


@register.filter
def board_label(value: str) -> str:
    return _label(BOARD_LABELS, Board, value)


@register.filter
def degree_label(value: str) -> str:
    return _label(DEGREE_LABELS, Degree, value)


@register.filter
def gender_label(value: str) -> str:
    return _label(GENDER_LABELS, Gender, value)


@register.filter
def military_label(value: str) -> str:
    return _label(MILITARY_SERVICE_LABELS, MilitaryService, value)


@register.filter
def veteran_label(value: str) -> str:
    return _label(VETERAN_LABELS, VeteranStatus, value)
