"""Who serves the election: the kinds of board, the seats on them, and the posts at stations.

Every kind and role has a stable code (stored, sent over the API) and a label in Persian
and English (shown to people). Boards sit at one level of the geography; their authority
covers the constituencies of that unit.

* Executive side (the interior ministry's): the provincial and county election HQs and
  the county executive board (its governor chairs it).
* Supervisory side (parliament's): the provincial high supervisory board, the county and
  the district supervisory boards.
* At stations: a chair, secretaries, members and the operators of the identity and the
  voting device; inspectors and trainers work for a county or a district.
"""

from __future__ import annotations

import enum


class BoardLevel(enum.StrEnum):
    PROVINCE = "province"
    COUNTY = "county"
    DISTRICT = "district"


class BoardKind(enum.StrEnum):
    PROVINCE_HQ = "province_hq"
    PROVINCE_SUPERVISORY = "province_supervisory"
    COUNTY_HQ = "county_hq"
    COUNTY_EXECUTIVE = "county_executive"
    COUNTY_SUPERVISORY = "county_supervisory"
    DISTRICT_SUPERVISORY = "district_supervisory"

    @property
    def level(self) -> BoardLevel:
        return _LEVELS[self]

    @property
    def is_supervisory(self) -> bool:
        return self in SUPERVISORY_KINDS

    def label(self, language: str = "fa") -> str:
        fa, en = _BOARD_LABELS[self]
        return en if language == "en" else fa


_LEVELS = {
    BoardKind.PROVINCE_HQ: BoardLevel.PROVINCE,
    BoardKind.PROVINCE_SUPERVISORY: BoardLevel.PROVINCE,
    BoardKind.COUNTY_HQ: BoardLevel.COUNTY,
    BoardKind.COUNTY_EXECUTIVE: BoardLevel.COUNTY,
    BoardKind.COUNTY_SUPERVISORY: BoardLevel.COUNTY,
    BoardKind.DISTRICT_SUPERVISORY: BoardLevel.DISTRICT,
}

SUPERVISORY_KINDS = frozenset(
    {
        BoardKind.PROVINCE_SUPERVISORY,
        BoardKind.COUNTY_SUPERVISORY,
        BoardKind.DISTRICT_SUPERVISORY,
    }
)

_BOARD_LABELS = {
    BoardKind.PROVINCE_HQ: ("ستاد انتخابات استان", "provincial election HQ"),
    BoardKind.PROVINCE_SUPERVISORY: ("هیئت عالی نظارت استان", "provincial high supervisory board"),
    BoardKind.COUNTY_HQ: ("ستاد انتخابات شهرستان", "county election HQ"),
    BoardKind.COUNTY_EXECUTIVE: ("هیئت اجرایی شهرستان", "county executive board"),
    BoardKind.COUNTY_SUPERVISORY: ("هیئت نظارت شهرستان", "county supervisory board"),
    BoardKind.DISTRICT_SUPERVISORY: ("هیئت نظارت بخش", "district supervisory board"),
}


class SeatRole(enum.StrEnum):
    """A seat on a board. Trustees and alternates are chosen from cleared nominees only."""

    CHAIR = "chair"
    GOVERNOR = "governor"
    JUDICIARY_REPRESENTATIVE = "judiciary_representative"
    CIVIL_REGISTRY_HEAD = "civil_registry_head"
    TRUSTEE = "trustee"
    ALTERNATE = "alternate"
    MEMBER = "member"

    @property
    def is_from_nominees(self) -> bool:
        return self in NOMINATED_ROLES

    def label(self, language: str = "fa", *, plural: bool = False) -> str:
        return _pick(_SEAT_LABELS[self], language, plural)


NOMINATED_ROLES = frozenset({SeatRole.TRUSTEE, SeatRole.ALTERNATE})

# (fa, en, fa plural, en plural)
_SEAT_LABELS = {
    SeatRole.CHAIR: ("رئیس", "chair", "رئیس", "chairs"),
    SeatRole.GOVERNOR: ("فرماندار (رئیس هیئت)", "governor (chair)", "فرماندار", "governors"),
    SeatRole.JUDICIARY_REPRESENTATIVE: (
        "نمایندهٔ قوهٔ قضاییه", "judiciary representative",
        "نمایندهٔ قوهٔ قضاییه", "judiciary representatives",
    ),
    SeatRole.CIVIL_REGISTRY_HEAD: (
        "رئیس ثبت احوال", "head of civil registration",
        "رئیس ثبت احوال", "heads of civil registration",
    ),
    SeatRole.TRUSTEE: ("معتمد", "trustee", "معتمد", "trustees"),
    SeatRole.ALTERNATE: ("عضو علی‌البدل", "alternate", "عضو علی‌البدل", "alternates"),
    SeatRole.MEMBER: ("عضو", "member", "عضو", "members"),
}  # fmt: skip


class StaffRole(enum.StrEnum):
    """A post at a polling station, or a field post bound to a county or a district."""

    STATION_CHAIR = "station_chair"
    SECRETARY = "secretary"
    STATION_MEMBER = "station_member"
    IDENTITY_DEVICE_OPERATOR = "identity_device_operator"
    VOTING_DEVICE_OPERATOR = "voting_device_operator"
    INSPECTOR = "inspector"
    TRAINER = "trainer"

    @property
    def is_at_station(self) -> bool:
        return self not in FIELD_ROLES

    def label(self, language: str = "fa", *, plural: bool = False) -> str:
        return _pick(_STAFF_LABELS[self], language, plural)


FIELD_ROLES = frozenset({StaffRole.INSPECTOR, StaffRole.TRAINER})
STATION_ROLES = tuple(role for role in StaffRole if role not in FIELD_ROLES)

_STAFF_LABELS = {
    StaffRole.STATION_CHAIR: ("رئیس شعبه", "station chair", "رئیس شعبه", "station chairs"),
    StaffRole.SECRETARY: ("منشی", "secretary", "منشی", "secretaries"),
    StaffRole.STATION_MEMBER: ("عضو شعبه", "station member", "عضو شعبه", "station members"),
    StaffRole.IDENTITY_DEVICE_OPERATOR: (
        "متصدی دستگاه احراز هویت", "identity device operator",
        "متصدی دستگاه احراز هویت", "identity device operators",
    ),
    StaffRole.VOTING_DEVICE_OPERATOR: (
        "متصدی دستگاه رأی‌گیری", "voting device operator",
        "متصدی دستگاه رأی‌گیری", "voting device operators",
    ),
    StaffRole.INSPECTOR: ("بازرس", "inspector", "بازرس", "inspectors"),
    StaffRole.TRAINER: ("مربی", "trainer", "مربی", "trainers"),
}  # fmt: skip


def _pick(labels: tuple[str, str, str, str], language: str, plural: bool) -> str:
    fa, en, fa_plural, en_plural = labels
    if language == "en":
        return en_plural if plural else en
    return fa_plural if plural else fa


def role_label(role: str, language: str = "fa") -> str:
    """The label of a seat or a staff role given by its code; the code itself if unknown."""
    for roles in (SeatRole, StaffRole):
        try:
            return roles(role).label(language)
        except ValueError:
            continue
    return role
