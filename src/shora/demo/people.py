"""The demo's people: one user per role (two county users, to show scope), and their table.

Half of them are women, as the seed asks of the election's headquarters and boards. They
all share ``DEMO_PASSWORD``; the provincial HQ user enrols an authenticator app at the
first sign-in, because that role always signs in with two factors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shora.accounts.models import Role, User

DEMO_PASSWORD = "shora-demo-1405"  # noqa: S105 - public on purpose: the demo's shared password

UnitKind = Literal["province", "county", "district", "station"]

ROLE_NAMES: dict[str, tuple[str, str]] = {
    Role.PROVINCE_HQ: ("provincial election HQ", "ستاد انتخابات استان"),
    Role.SUPERVISOR: ("supervisory board", "هیئت نظارت"),
    Role.COUNTY: ("county governorate", "فرمانداری"),
    Role.DISTRICT: ("district governorate", "بخشداری"),
    Role.STATION: ("polling station", "شعبهٔ اخذ رأی"),
    Role.TRAINER: ("trainer", "آموزش‌دهنده"),
}

TWO_FACTOR_NOTE = "two-factor on first sign-in (enrol an authenticator app)"


@dataclass(frozen=True)
class DemoPerson:
    """A demo user. ``county`` names the county (in English) of a county-bound unit; the
    district is the county's central one and the station its first polling station."""

    username: str
    role: str
    first_name: str
    last_name: str
    unit: UnitKind
    county: str = ""
    holds_key_share: bool = False

    @property
    def needs_two_factor(self) -> bool:
        return self.role == Role.PROVINCE_HQ or self.holds_key_share


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson("hq", Role.PROVINCE_HQ, "مریم", "کعبی", "province"),
    DemoPerson("supervisor", Role.SUPERVISOR, "فاطمه", "نیسی", "province"),
    DemoPerson("ahvaz", Role.COUNTY, "عبدالرضا", "سواری", "county", "Ahvaz"),
    DemoPerson("abadan", Role.COUNTY, "سعید", "بهبهانی", "county", "Abadan"),
    DemoPerson("district", Role.DISTRICT, "لیلا", "عساکره", "district", "Ahvaz"),
    DemoPerson("station", Role.STATION, "حسین", "باوی", "station", "Ahvaz"),
    DemoPerson("trainer", Role.TRAINER, "نرگس", "دشتی", "county", "Ahvaz"),
    # the election key's holders (the supervisory boards'): the HQ's key ceremony names them
    DemoPerson("keeper1", Role.SUPERVISOR, "زینب", "چعب", "province", holds_key_share=True),
    DemoPerson("keeper2", Role.SUPERVISOR, "محمود", "حزباوی", "province", holds_key_share=True),
    DemoPerson("keeper3", Role.SUPERVISOR, "سمیه", "لرکی", "province", holds_key_share=True),
)

DEMO_USERNAMES = tuple(person.username for person in DEMO_PEOPLE)


def _unit_text(user: User | None) -> str:
    if user is None:
        return "(not built yet)"
    if user.station is not None:
        return f"station {user.station.code} {user.station.name}"
    if user.district is not None:
        county = user.district.county
        return (f"district {user.district.code} {county.name_en} {user.district.name_en} "
                f"(بخش {user.district.name} {county.name})")
    if user.county is not None:
        return f"county {user.county.code} {user.county.name_en} (شهرستان {user.county.name})"
    if user.province is not None:
        return f"province {user.province.code} {user.province.name_en} ({user.province.name})"
    return ""


def demo_accounts_table() -> str:
    """The demo's accounts as a plain-text table, for the command line to print."""
    users = {
        user.username: user
        for user in User.objects.filter(username__in=DEMO_USERNAMES).select_related(
            "province", "county", "district__county", "station"
        )
    }
    header = ("username", "role", "نقش", "unit", "password", "note")
    rows = [
        (
            person.username,
            ROLE_NAMES[person.role][0],
            ROLE_NAMES[person.role][1],
            _unit_text(users.get(person.username)),
            DEMO_PASSWORD,
            TWO_FACTOR_NOTE if person.needs_two_factor else "",
        )
        for person in DEMO_PEOPLE
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in (header, *rows)]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
