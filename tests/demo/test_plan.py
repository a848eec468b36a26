"""The demo's plan: pure data, the same every time, shaped like Khuzestan."""

from __future__ import annotations

import random
from collections import Counter

from shora.demo.khuzestan import COUNTIES, SEED_COUNTIES
from shora.demo.plan import province_plan
from shora.demo.villages import villages_make
from shora_domain.council_size import DEFAULT_COUNCIL_SIZE_TABLE, council_size

KHUZESTAN_COUNTIES = (
    "آبادان", "آغاجاری", "امیدیه", "اندیکا", "اندیمشک", "اهواز", "ایذه", "باغ‌ملک",
    "بندر امام خمینی", "ماهشهر", "باوی", "بهبهان", "حمیدیه", "خرمشهر", "دزفول", "دشت آزادگان",
    "رامشیر", "رامهرمز", "شادگان", "شوش", "شوشتر", "کارون", "گتوند", "لالی", "مسجدسلیمان",
    "هفتکل", "هندیجان", "هویزه", "دزپارت", "کرخه",
)


def test_the_data_has_khuzestans_thirty_counties_with_unique_codes() -> None:
    assert tuple(county.name for county in COUNTIES) == KHUZESTAN_COUNTIES
    assert len({county.code for county in COUNTIES}) == 30
    assert all(county.name_en for county in COUNTIES)
    assert {county.name_en for county in COUNTIES if county.in_seed} == set(SEED_COUNTIES)


def test_the_plan_is_the_same_every_time() -> None:
    assert province_plan(small=False) == province_plan(small=False)
    assert province_plan(small=True) == province_plan(small=True)


def test_the_small_plan_shares_its_villages_with_the_full_one() -> None:
    full = {county.name_en: county for county in province_plan(small=False)}
    for county in province_plan(small=True):
        for place in county.places:
            assert place in full[county.name_en].places


def test_codes_are_unique_and_every_station_serves_its_own_district() -> None:
    plan = province_plan(small=False)
    places = [place.code for county in plan for place in county.places]
    stations = [station.code for county in plan for station in county.stations]
    assert len(places) == len(set(places))
    assert len(stations) == len(set(stations))
    for county in plan:
        for district in county.districts:
            own = {place.code for place in district.places}
            for station in district.stations:
                assert station.serves and set(station.serves) <= own
            served = {code for station in district.stations for code in station.serves}
            assert served == own


def test_villages_come_in_both_council_sizes_and_some_share_a_station() -> None:
    plan = province_plan(small=False)
    villages = [place for county in plan for place in county.places if place.kind == "village"]
    sizes = Counter(
        council_size(DEFAULT_COUNCIL_SIZE_TABLE, kind="village", population=village.population)
        for village in villages
    )
    assert len(sizes) == 2 and min(sizes.values()) > 50
    assert any(len(station.serves) > 1 for county in plan for station in county.stations)
    for county in plan:
        names = [place.name for place in county.places]
        assert len(set(names)) == len(names), county.name_en


def test_city_stations_are_mostly_fibre_and_village_stations_visibly_mixed() -> None:
    stations = [station for county in province_plan(small=False) for station in county.stations]
    ahvaz = Counter(s.connectivity for s in stations if s.serves == ("060601-C01",))
    villages = Counter(s.connectivity for s in stations if "-V" in s.serves[0])
    assert ahvaz.most_common(1)[0][0] == "fibre"
    assert set(villages) == {"fibre", "copper", "mobile", "satellite", "none"}
    assert villages.most_common(1)[0][0] == "mobile"


def test_village_names_are_new_and_made_deterministically() -> None:
    taken = {"اهواز"}
    first = villages_make(random.Random(1405), style="arab", count=40, taken=taken)
    again = villages_make(random.Random(1405), style="arab", count=40, taken={"اهواز"})
    assert first == again
    assert len({village.name for village in first}) == 40
    assert "اهواز" not in {village.name for village in first}
    assert len(taken) == 41
