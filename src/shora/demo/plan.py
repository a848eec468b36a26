"""The demo province as a plan: pure, frozen data, the same every time for the same size.

``province_plan`` decides everything (codes, names, populations, stations and whom they
serve) before anything is written, so ``build`` only has to hand it to the services, and
the drill election can get an exact copy of one county.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from shora.demo.khuzestan import COUNTIES, SEED, SMALL_COUNTIES, CountySeed, DistrictSeed
from shora.demo.stations import (
    SHARED_STATION_PEOPLE,
    SHARED_STATION_VILLAGES,
    SHARED_VILLAGE_UP_TO,
    VILLAGE_SECOND_STATION_FROM,
    StationLook,
    city_station_count,
    city_stations_look,
    village_station_look,
)
from shora.demo.villages import VillageSeed, villages_make
from shora.elections.models import ConstituencyKind

#: Villages per district in the small demo.
SMALL_VILLAGES_PER_DISTRICT = 4


@dataclass(frozen=True)
class PlacePlan:
    """A city or village council (a constituency)."""

    code: str
    kind: str
    name: str
    name_en: str
    population: int


@dataclass(frozen=True)
class StationPlan:
    code: str
    name: str
    address: str
    connectivity: str
    serves: tuple[str, ...]  # the codes of the constituencies it serves


@dataclass(frozen=True)
class DistrictPlan:
    code: str
    name: str
    name_en: str
    places: tuple[PlacePlan, ...]
    stations: tuple[StationPlan, ...]


@dataclass(frozen=True)
class CountyPlan:
    code: str
    name: str
    name_en: str
    in_seed: bool
    districts: tuple[DistrictPlan, ...]

    @property
    def places(self) -> tuple[PlacePlan, ...]:
        return tuple(place for district in self.districts for place in district.places)

    @property
    def stations(self) -> tuple[StationPlan, ...]:
        return tuple(station for district in self.districts for station in district.stations)


def _rng(county: CountySeed, district_index: int, purpose: int) -> random.Random:
    """A generator of its own for each district and purpose, all derived from SEED."""
    seed = SEED * 10_000 + county.number * 100 + purpose * 10 + district_index
    return random.Random(seed)  # noqa: S311 - made-up demo data, meant to be reproducible


class _StationNumbers:
    """Station codes, numbered through a county: 0606-0001, 0606-0002, …"""

    def __init__(self, county_code: str) -> None:
        self.county_code = county_code
        self.last = 0

    def next(self) -> str:
        self.last += 1
        return f"{self.county_code}-{self.last:04d}"


def _station(code: str, look: StationLook, serves: list[PlacePlan]) -> StationPlan:
    return StationPlan(code, look.name, look.address, look.connectivity,
                       tuple(place.code for place in serves))


def _village_stations(
    rng: random.Random,
    villages: list[PlacePlan],
    *,
    numbers: _StationNumbers,
    district: str,
    county: str,
) -> list[StationPlan]:
    """One station per village; small neighbouring villages share one, big ones get two."""
    stations: list[StationPlan] = []
    sharing: list[PlacePlan] = []

    def share() -> None:
        if sharing:
            look = village_station_look(rng, villages=[v.name for v in sharing],
                                        district=district, county=county)
            stations.append(_station(numbers.next(), look, sharing))
            sharing.clear()

    for village in villages:
        if village.population > SHARED_VILLAGE_UP_TO:
            for _ in range(2 if village.population >= VILLAGE_SECOND_STATION_FROM else 1):
                look = village_station_look(rng, villages=[village.name], district=district,
                                            county=county)
                stations.append(_station(numbers.next(), look, [village]))
            continue
        people = sum(v.population for v in sharing) + village.population
        if len(sharing) >= SHARED_STATION_VILLAGES or people > SHARED_STATION_PEOPLE:
            share()
        sharing.append(village)
    share()
    return stations


def _district_plan(
    county: CountySeed,
    index: int,
    seed: DistrictSeed,
    *,
    small: bool,
    numbers: _StationNumbers,
    taken: set[str],
) -> DistrictPlan:
    code = county.district_code(index)
    cities = [
        PlacePlan(f"{code}-C{n:02d}", ConstituencyKind.CITY, city.name, city.name_en,
                  city.population)
        for n, city in enumerate(seed.cities, start=1)
    ]
    village_seeds: list[VillageSeed] = villages_make(
        _rng(county, index, purpose=1), style=county.style,
        count=SMALL_VILLAGES_PER_DISTRICT if small else seed.villages, taken=taken,
    )
    villages = [
        PlacePlan(f"{code}-V{n:03d}", ConstituencyKind.VILLAGE, village.name, village.name_en,
                  village.population)
        for n, village in enumerate(village_seeds, start=1)
    ]
    rng = _rng(county, index, purpose=2)
    stations: list[StationPlan] = []
    for city in cities:
        count = city_station_count(city.population, small=small)
        for look in city_stations_look(rng, city=city.name, population=city.population,
                                       count=count):
            stations.append(_station(numbers.next(), look, [city]))
    stations += _village_stations(rng, villages, numbers=numbers, district=seed.name,
                                  county=county.name)
    return DistrictPlan(code, seed.name, seed.name_en, tuple(cities + villages), tuple(stations))


def county_plan(county: CountySeed, *, small: bool) -> CountyPlan:
    """One county; in the small demo only SMALL_COUNTIES get districts at all.

    Village names are unique in the county (and never a city's name), not in the whole
    province, as in life; so a county's villages are the same in the small demo and the full.
    """
    districts: tuple[DistrictPlan, ...] = ()
    if not small or county.name_en in SMALL_COUNTIES:
        numbers = _StationNumbers(county.code)
        taken = {city.name for other in COUNTIES for d in other.districts for city in d.cities}
        districts = tuple(
            _district_plan(county, index, seed, small=small, numbers=numbers, taken=taken)
            for index, seed in enumerate(county.districts)
        )
    return CountyPlan(county.code, county.name, county.name_en, county.in_seed, districts)


def province_plan(*, small: bool) -> tuple[CountyPlan, ...]:
    """All 30 counties of Khuzestan, in full or small detail."""
    return tuple(county_plan(county, small=small) for county in COUNTIES)
