"""Khuzestan (خوزستان) as the demo knows it: its 30 counties, districts and cities.

Populations are the 1395 (2016) census as far as public sources give them, rounded where
they are uncertain; district names and the cities in them are best knowledge, chosen for
plausibility. The eight counties of the seed document (the Ahvaz training meeting) are in
full detail: their districts and cities. The other 22 have a central district with their
main city. Villages are not listed here: ``villages`` makes them up, ``villages`` of them
per district.

Codes: the province is 06 (Khuzestan's number in Iran's country divisions); a county is
06 and its number in the list below; a district adds two digits. They are stable: the
demo is the same every time it is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: How the made-up village names of a county sound (see ``villages``).
VillageStyle = Literal["arab", "lur", "persian"]

PROVINCE_CODE = "06"
PROVINCE_NAME = "خوزستان"
PROVINCE_NAME_EN = "Khuzestan"

#: Every random choice of the demo is drawn from generators seeded from this number.
SEED = 1405


@dataclass(frozen=True)
class CitySeed:
    name: str
    name_en: str
    population: int


@dataclass(frozen=True)
class DistrictSeed:
    name: str
    name_en: str
    cities: tuple[CitySeed, ...]
    villages: int


@dataclass(frozen=True)
class CountySeed:
    number: int
    name: str
    name_en: str
    style: VillageStyle
    districts: tuple[DistrictSeed, ...]
    in_seed: bool = False

    @property
    def code(self) -> str:
        return f"{PROVINCE_CODE}{self.number:02d}"

    def district_code(self, index: int) -> str:
        """The code of the county's district at ``index`` (0 for the central one)."""
        return f"{self.code}{index + 1:02d}"


def _central(city: str, city_en: str, population: int, villages: int = 6) -> tuple[DistrictSeed]:
    """The one district of a county given in light detail."""
    return (DistrictSeed("مرکزی", "Central", (CitySeed(city, city_en, population),), villages),)


def _district(
    name: str, name_en: str, villages: int, *cities: tuple[str, str, int]
) -> DistrictSeed:
    return DistrictSeed(name, name_en, tuple(CitySeed(*city) for city in cities), villages)


COUNTIES: tuple[CountySeed, ...] = (
    CountySeed(1, "آبادان", "Abadan", "arab", (
        _district("مرکزی", "Central", 12, ("آبادان", "Abadan", 231_476)),
        _district("اروندکنار", "Arvandkenar", 14,
                  ("اروندکنار", "Arvandkenar", 9_120), ("چوئبده", "Chavibdeh", 4_410)),
    ), in_seed=True),
    CountySeed(2, "آغاجاری", "Aghajari", "persian", _central("آغاجاری", "Aghajari", 15_540)),
    CountySeed(3, "امیدیه", "Omidiyeh", "persian", _central("امیدیه", "Omidiyeh", 60_620)),
    CountySeed(4, "اندیکا", "Andika", "lur",
               _central("قلعه‌خواجه", "Qaleh-ye Khvajeh", 4_620, villages=8)),
    CountySeed(5, "اندیمشک", "Andimeshk", "persian", _central("اندیمشک", "Andimeshk", 135_116)),
    CountySeed(6, "اهواز", "Ahvaz", "arab", (
        _district("مرکزی", "Central", 20, ("اهواز", "Ahvaz", 1_184_788)),
        _district("اسماعیلیه", "Esmailiyeh", 22,
                  ("اسماعیلیه", "Esmailiyeh", 3_480), ("الهایی", "Elhayi", 7_912)),
    ), in_seed=True),
    CountySeed(7, "ایذه", "Izeh", "lur", _central("ایذه", "Izeh", 119_399, villages=8)),
    CountySeed(8, "باغ‌ملک", "Bagh-e Malek", "lur", _central("باغ‌ملک", "Bagh-e Malek", 21_975)),
    CountySeed(9, "بندر امام خمینی", "Bandar Imam Khomeini", "arab",
               _central("بندر امام خمینی", "Bandar Imam Khomeini", 83_270)),
    CountySeed(10, "ماهشهر", "Mahshahr", "arab",
               _central("بندر ماهشهر", "Bandar-e Mahshahr", 162_797)),
    CountySeed(11, "باوی", "Bavi", "arab", (
        _district("مرکزی", "Central", 16,
                  ("ملاثانی", "Mollasani", 15_160), ("شیبان", "Sheyban", 11_640)),
        _district("ویس", "Veys", 14, ("ویس", "Veys", 16_830)),
    ), in_seed=True),
    CountySeed(12, "بهبهان", "Behbahan", "persian", _central("بهبهان", "Behbahan", 122_604)),
    CountySeed(13, "حمیدیه", "Hamidiyeh", "arab", (
        _district("مرکزی", "Central", 14, ("حمیدیه", "Hamidiyeh", 28_610)),
        _district("غیزانیه", "Ghizaniyeh", 12, ("غیزانیه بزرگ", "Ghizaniyeh-ye Bozorg", 3_960)),
    ), in_seed=True),
    CountySeed(14, "خرمشهر", "Khorramshahr", "arab", (
        _district("مرکزی", "Central", 10,
                  ("خرمشهر", "Khorramshahr", 170_976), ("مقاومت", "Moqavemat", 2_870)),
        _district("مینو", "Minu", 10, ("مینوشهر", "Minushahr", 8_950)),
    ), in_seed=True),
    CountySeed(15, "دزفول", "Dezful", "persian", _central("دزفول", "Dezful", 264_709, villages=8)),
    CountySeed(16, "دشت آزادگان", "Dasht-e Azadegan", "arab",
               _central("سوسنگرد", "Susangerd", 51_431, villages=8)),
    CountySeed(17, "رامشیر", "Ramshir", "arab", _central("رامشیر", "Ramshir", 19_454)),
    CountySeed(18, "رامهرمز", "Ramhormoz", "persian", _central("رامهرمز", "Ramhormoz", 74_285)),
    CountySeed(19, "شادگان", "Shadegan", "arab", (
        _district("مرکزی", "Central", 18, ("شادگان", "Shadegan", 53_503)),
        _district("خنافره", "Khanafereh", 12, ("خنافره", "Khanafereh", 3_120)),
        _district("دارخوین", "Darkhovin", 12, ("دارخوین", "Darkhovin", 6_240)),
    ), in_seed=True),
    CountySeed(20, "شوش", "Shush", "arab", _central("شوش", "Shush", 77_148, villages=8)),
    CountySeed(21, "شوشتر", "Shushtar", "persian", _central("شوشتر", "Shushtar", 101_878)),
    CountySeed(22, "کارون", "Karun", "arab", (
        _district("مرکزی", "Central", 16, ("کوت عبدالله", "Kut-e Abdollah", 63_460)),
        _district("سویسه", "Soveyseh", 14, ("سویسه", "Soveyseh", 2_870)),
    ), in_seed=True),
    CountySeed(23, "گتوند", "Gotvand", "lur", _central("گتوند", "Gotvand", 23_980)),
    CountySeed(24, "لالی", "Lali", "lur", _central("لالی", "Lali", 19_810)),
    CountySeed(25, "مسجدسلیمان", "Masjed Soleyman", "lur",
               _central("مسجدسلیمان", "Masjed Soleyman", 100_497)),
    CountySeed(26, "هفتکل", "Haftkel", "lur", _central("هفتکل", "Haftkel", 21_860)),
    CountySeed(27, "هندیجان", "Hendijan", "persian", _central("هندیجان", "Hendijan", 39_120)),
    CountySeed(28, "هویزه", "Hoveyzeh", "arab", (
        _district("مرکزی", "Central", 14, ("هویزه", "Hoveyzeh", 23_480)),
        _district("نیسان", "Neysan", 14, ("رفیع", "Rafi", 5_960)),
    ), in_seed=True),
    CountySeed(29, "دزپارت", "Dezpart", "lur", _central("دهدز", "Dehdez", 5_940)),
    CountySeed(30, "کرخه", "Karkheh", "arab", _central("الوان", "Alvan", 7_340)),
)

#: The counties of the seed document's training meeting, in its order.
SEED_COUNTIES = (
    "Ahvaz", "Abadan", "Khorramshahr", "Bavi", "Shadegan", "Karun", "Hamidiyeh", "Hoveyzeh",
)  # fmt: skip

#: The counties a ``--small`` demo gives districts, constituencies and stations.
SMALL_COUNTIES = ("Ahvaz", "Karun", "Hoveyzeh")

#: The county copied into the drill election, for trainers.
DRILL_COUNTY = "Karun"


def county_by_name_en(name_en: str) -> CountySeed:
    for county in COUNTIES:
        if county.name_en == name_en:
            return county
    raise KeyError(name_en)
