"""The candidate as a person: degree, gender, military service, veteran status, names.

Each value has a stable code (stored) and labels in Persian and English (shown). The
degrees are ordered: the law breaks ties with the higher degree, after veterans.
"""

from __future__ import annotations

import enum
import re

from .digits import format_number
from .errors import DomainError

MAX_NAME_LENGTH = 100


class Degree(enum.Enum):
    """The highest educational degree, in rising order (the law breaks ties with it)."""

    NONE = "none"
    LITERACY = "literacy"
    BELOW_DIPLOMA = "below_diploma"
    DIPLOMA = "diploma"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        """0 for no schooling, rising with each degree."""
        return _DEGREE_ORDER.index(self)

    def at_least(self, other: Degree) -> bool:
        return self.rank >= other.rank


_DEGREE_ORDER = tuple(Degree)

DEGREE_LABELS: dict[Degree, tuple[str, str]] = {
    Degree.NONE: ("بی‌سواد", "no schooling"),
    Degree.LITERACY: ("سواد خواندن و نوشتن", "literacy"),
    Degree.BELOW_DIPLOMA: ("زیر دیپلم", "below diploma"),
    Degree.DIPLOMA: ("دیپلم", "diploma"),
    Degree.ASSOCIATE: ("کاردانی", "associate degree"),
    Degree.BACHELOR: ("کارشناسی", "bachelor's degree"),
    Degree.MASTER: ("کارشناسی ارشد", "master's degree"),
    Degree.DOCTORATE: ("دکتری", "doctorate"),
}


class Gender(enum.Enum):
    MALE = "male"
    FEMALE = "female"


GENDER_LABELS: dict[Gender, tuple[str, str]] = {
    Gender.MALE: ("مرد", "man"),
    Gender.FEMALE: ("زن", "woman"),
}


class MilitaryService(enum.Enum):
    """A man's military-service status; only a card or a permanent exemption qualifies."""

    CARD = "card"
    PERMANENT_EXEMPTION = "permanent_exemption"
    TEMPORARY_EXEMPTION = "temporary_exemption"
    SERVING = "serving"
    NONE = "none"
    NOT_APPLICABLE = "not_applicable"


MILITARY_SERVICE_LABELS: dict[MilitaryService, tuple[str, str]] = {
    MilitaryService.CARD: ("کارت پایان خدمت", "end-of-service card"),
    MilitaryService.PERMANENT_EXEMPTION: ("معافیت دائم", "permanent exemption"),
    MilitaryService.TEMPORARY_EXEMPTION: ("معافیت موقت", "temporary exemption"),
    MilitaryService.SERVING: ("در حال خدمت", "serving"),
    MilitaryService.NONE: ("ندارد", "none"),
    MilitaryService.NOT_APPLICABLE: ("مشمول نیست (زن)", "not applicable (a woman)"),
}
QUALIFYING_SERVICE = frozenset({MilitaryService.CARD, MilitaryService.PERMANENT_EXEMPTION})


class VeteranStatus(enum.Enum):
    """Veteran status (ایثارگری): any status but NONE puts a candidate first in a tie."""

    NONE = "none"
    MARTYR_FAMILY = "martyr_family"
    DISABLED_VETERAN = "disabled_veteran"
    FREED_PRISONER_OF_WAR = "freed_prisoner_of_war"
    COMBATANT = "combatant"

    @property
    def is_veteran(self) -> bool:
        return self is not VeteranStatus.NONE


VETERAN_LABELS: dict[VeteranStatus, tuple[str, str]] = {
    VeteranStatus.NONE: ("ندارد", "none"),
    VeteranStatus.MARTYR_FAMILY: ("خانوادهٔ شهید", "a martyr's family"),
    VeteranStatus.DISABLED_VETERAN: ("جانباز", "disabled veteran"),
    VeteranStatus.FREED_PRISONER_OF_WAR: ("آزاده", "freed prisoner of war"),
    VeteranStatus.COMBATANT: ("رزمنده", "combatant"),
}


class NameRefusal(enum.Enum):
    EMPTY = "name.empty"
    TOO_LONG = "name.too_long"
    HAS_DIGITS = "name.has_digits"
    NO_LETTERS = "name.no_letters"


def degree_label(degree: Degree, language: str = "fa") -> str:
    fa, en = DEGREE_LABELS[degree]
    return en if language == "en" else fa


_NAME_DROPPED = str.maketrans(
    {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"}
    | dict.fromkeys(
        "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\u200b"
    )
)
_ZWNJ_RUN = re.compile("\u200c+")
_ZWNJ_BESIDE_SPACE = re.compile("\u200c? \u200c?")
_ALL_DIGITS = frozenset("0123456789۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩")


def clean_person_name(raw: str, *, field_fa: str, field_en: str) -> str:
    """A person's name as stored and shown: Persian ی and ک, direction marks removed,
    spaces collapsed, the zero-width non-joiner kept; DomainError if it is no name."""
    text = " ".join(raw.translate(_NAME_DROPPED).split())
    # one ZWNJ between two letters at most; none beside a space or at either end
    text = _ZWNJ_BESIDE_SPACE.sub(" ", _ZWNJ_RUN.sub("\u200c", text))
    text = " ".join(text.split()).strip("\u200c")
    if not text:
        raise DomainError(
            NameRefusal.EMPTY, fa=f"«{field_fa}» خالی است.", en=f"The {field_en} is empty."
        )
    if len(text) > MAX_NAME_LENGTH:
        raise DomainError(
            NameRefusal.TOO_LONG,
            fa=f"«{field_fa}» بیش از {format_number(MAX_NAME_LENGTH)} نویسه است.",
            en=f"The {field_en} is longer than {MAX_NAME_LENGTH} characters.",
        )
    if any(char in _ALL_DIGITS for char in text):
        raise DomainError(
            NameRefusal.HAS_DIGITS,
            fa=f"«{field_fa}» رقم دارد؛ نام رقم ندارد.",
            en=f"The {field_en} contains digits; a name has none.",
        )
    if not any(char.isalpha() for char in text):
        raise DomainError(
            NameRefusal.NO_LETTERS,
            fa=f"«{field_fa}» هیچ حرفی ندارد.",
            en=f"The {field_en} has no letters.",
        )
    return text
