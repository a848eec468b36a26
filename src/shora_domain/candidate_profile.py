"""The candidate as a person: degree, gender, military service, veteran status (names are
cleaned by ``person_details.clean_person_name``, as everyone's are).

Each value has a stable code (stored) and labels in Persian and English (shown). The
degrees are ordered: the law breaks ties with the higher degree, after veterans.
"""

from __future__ import annotations

import enum


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


def degree_label(degree: Degree, language: str = "fa") -> str:
    fa, en = DEGREE_LABELS[degree]
    return en if language == "en" else fa
