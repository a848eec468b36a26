"""Polling stations for the demo: how many a place gets, their names, addresses and links.

Stations sit in schools, mosques, husseiniyas and cultural centres, named as such
buildings are in Iran («مدرسهٔ ابتدایی شهید چمران», «مسجد جامع شادگان»). Their network
link follows the place: mostly fibre in the big cities, copper and mobile in small towns,
mobile, satellite or nothing at all in villages, which is what the seed's checklist of
infrastructure deficiencies is about.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

from shora.elections.models import Connectivity
from shora_domain.digits import to_persian_digits

#: People per city station: the full demo is about a fifth of Khuzestan's 4,183 stations.
PEOPLE_PER_CITY_STATION = 6_000
#: In the small demo, Ahvaz gets a dozen stations and every other city one.
PEOPLE_PER_CITY_STATION_SMALL = 100_000
#: Villages up to this many people may share a station with neighbours of the district.
SHARED_VILLAGE_UP_TO = 900
#: A shared station serves at most this many people and this many villages.
SHARED_STATION_PEOPLE = 2_000
SHARED_STATION_VILLAGES = 3
#: A village over this many people gets a second station.
VILLAGE_SECOND_STATION_FROM = 5_000

PlaceTier = Literal["big_city", "town", "small_town", "village"]

_LINK_WEIGHTS: dict[PlaceTier, tuple[tuple[str, int], ...]] = {
    "big_city": ((Connectivity.FIBRE, 78), (Connectivity.COPPER, 15), (Connectivity.MOBILE, 7)),
    "town": ((Connectivity.FIBRE, 40), (Connectivity.COPPER, 35), (Connectivity.MOBILE, 25)),
    "small_town": (
        (Connectivity.FIBRE, 10), (Connectivity.COPPER, 40), (Connectivity.MOBILE, 45),
        (Connectivity.SATELLITE, 5),
    ),
    "village": (
        (Connectivity.FIBRE, 3), (Connectivity.COPPER, 15), (Connectivity.MOBILE, 58),
        (Connectivity.SATELLITE, 14), (Connectivity.NONE, 10),
    ),
}  # fmt: skip

_BUILDINGS = (
    "مدرسهٔ ابتدایی", "مدرسهٔ ابتدایی دخترانهٔ", "دبیرستان پسرانهٔ", "دبیرستان دخترانهٔ",
    "هنرستان", "کانون فرهنگی تربیتی", "کتابخانهٔ عمومی", "سالن ورزشی", "فرهنگسرای",
)
_NAMESAKES = (
    "شهید چمران", "شهید بهشتی", "شهید رجایی", "شهید باهنر", "شهید مطهری", "شهید علم‌الهدی",
    "شهید جهان‌آرا", "شهید تندگویان", "شهید همت", "شهید باکری", "شهید بقایی", "شهید فهمیده",
    "شهید صیاد شیرازی", "شهید کاظمی", "شهید خرازی", "شهید دستغیب", "امام خمینی", "انقلاب",
    "فجر", "بعثت", "غدیر", "کوثر", "نرجس", "سلمان فارسی", "ابوذر", "دانش", "امید", "پیروزی",
    "فرهنگ", "اندیشه", "شهدای کارون", "آزادگان", "ایثار", "نور", "حافظ", "سعدی", "فردوسی",
)  # fmt: skip
_MOSQUES = (
    "امام حسین (ع)", "امام رضا (ع)", "صاحب‌الزمان (عج)", "حضرت ابوالفضل (ع)", "امام علی (ع)",
    "فاطمةالزهرا (س)", "امام جعفر صادق (ع)", "امام موسی کاظم (ع)", "جواد الائمه (ع)",
)  # fmt: skip
_NEIGHBOURHOODS = {
    "اهواز": (
        "کیان‌پارس", "زیتون کارمندی", "زیتون کارگری", "گلستان", "امانیه", "کوی ملت",
        "پاداد شهر", "کوروش", "حصیرآباد", "کوی علوی", "لشکرآباد", "ملاشیه", "کیانشهر",
        "نادری", "سپیدار", "کوی مجاهد", "منبع آب", "شلنگ‌آباد", "کوی انقلاب", "باغ معین",
        "زرگان", "کوی سعدی", "کوی فرهنگیان", "آخر اسفالت",
    ),
    "آبادان": ("بریم", "بوارده", "احمدآباد", "ذوالفقاری", "کفیشه", "امیری", "سیک", "جمشیدآباد"),
    "خرمشهر": ("کوی طالقانی", "کوت شیخ", "محرزی", "کوی رسالت", "کوی امام", "مولوی"),
    "دزفول": ("سیاهپوشان", "قلعه", "کرناسیون", "آزادگان", "کوی مدرس", "کوی فرهنگیان"),
}  # fmt: skip
_TOWN_NEIGHBOURHOODS = (
    "کوی فرهنگیان", "کوی طالقانی", "شهرک ولیعصر", "محلهٔ مرکزی", "کوی انقلاب", "شهرک بهاران",
    "کوی کارگر", "کوی شهید بهشتی", "شهرک امام", "کوی بسیج",
)  # fmt: skip
_STREETS = (
    "خیابان امام خمینی", "خیابان طالقانی", "بلوار پاسداران", "خیابان حافظ", "خیابان سعدی",
    "خیابان فردوسی", "خیابان انقلاب", "خیابان شریعتی", "خیابان آزادی", "خیابان سلمان فارسی",
    "بلوار ساحلی", "خیابان بهار", "بلوار معلم", "خیابان ۱۷ شهریور",
)  # fmt: skip
_VILLAGE_BUILDINGS = (
    "مدرسهٔ ابتدایی روستای", "مسجد روستای", "حسینیهٔ روستای", "دهیاری", "خانهٔ بهداشت",
)


@dataclass(frozen=True)
class StationLook:
    """What a station is called, where it is and how it is connected."""

    name: str
    address: str
    connectivity: str


def city_tier(population: int) -> PlaceTier:
    if population >= 100_000:
        return "big_city"
    if population >= 20_000:
        return "town"
    return "small_town"


def city_station_count(population: int, *, small: bool) -> int:
    per_station = PEOPLE_PER_CITY_STATION_SMALL if small else PEOPLE_PER_CITY_STATION
    return max(1, round(population / per_station))


def connectivity_pick(rng: random.Random, tier: PlaceTier) -> str:
    kinds, weights = zip(*_LINK_WEIGHTS[tier], strict=True)
    return str(rng.choices(kinds, weights=weights)[0])


def _number(value: int) -> str:
    return to_persian_digits(value)


def city_stations_look(
    rng: random.Random, *, city: str, population: int, count: int
) -> list[StationLook]:
    """``count`` stations of a city, with different names, the first its great mosque."""
    tier = city_tier(population)
    neighbourhoods = _NEIGHBOURHOODS.get(city, _TOWN_NEIGHBOURHOODS)
    names: set[str] = {f"مسجد جامع {city}"}
    looks = [StationLook(f"مسجد جامع {city}", f"{city}، {rng.choice(_STREETS)}",
                         connectivity_pick(rng, tier))]
    while len(looks) < count:
        if rng.random() < 0.2:
            name = f"مسجد {rng.choice(_MOSQUES)}"
        else:
            name = f"{rng.choice(_BUILDINGS)} {rng.choice(_NAMESAKES)}"
        twin = 2
        while name in names:
            name = f"{name.split(' (شمارهٔ')[0]} (شمارهٔ {_number(twin)})"
            twin += 1
        names.add(name)
        address = (
            f"{city}، {rng.choice(neighbourhoods)}، {rng.choice(_STREETS)}، "
            f"کوچهٔ {_number(rng.randint(1, 40))}، پلاک {_number(rng.randint(1, 180))}"
        )
        looks.append(StationLook(name, address, connectivity_pick(rng, tier)))
    return looks


def village_station_look(
    rng: random.Random, *, villages: list[str], district: str, county: str
) -> StationLook:
    """A station of one village, or of a few neighbouring ones (named after the first)."""
    main = villages[0]
    name = f"{rng.choice(_VILLAGE_BUILDINGS)} {main}"
    address = f"شهرستان {county}، بخش {district}، روستای {main}"
    if len(villages) > 1:
        address += f" (برای روستاهای {' و '.join(villages)})"
    return StationLook(name, address, connectivity_pick(rng, "village"))
