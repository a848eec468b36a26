"""Council size from population, the boundary rule, and the stored table."""

from __future__ import annotations

import dataclasses
import itertools
import json
from typing import Any, Literal, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.council_size import (
    DEFAULT_COUNCIL_SIZE_TABLE,
    MAX_POPULATION,
    CityBracket,
    CouncilSize,
    CouncilSizeRefusal,
    CouncilSizeTable,
    council_size,
    table_from_dict,
    table_to_dict,
    validate_table,
)
from shora_domain.errors import DomainError

DEFAULT = DEFAULT_COUNCIL_SIZE_TABLE
UPPER = dataclasses.replace(DEFAULT, boundary_goes_to="upper")
populations = st.integers(min_value=0, max_value=MAX_POPULATION)
kinds = st.sampled_from(["city", "village"])


def size(table: CouncilSizeTable, kind: str, population: int, name: str = "") -> tuple[int, int]:
    result = council_size(
        table, kind=cast(Literal["city", "village"], kind), population=population, name=name
    )
    return (result.members, result.alternates)


def refused(code: CouncilSizeRefusal, call: Any, *args: Any, **kwargs: Any) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.code is code, caught.value.en
    return caught.value


@st.composite
def sizes_growing(draw: st.DrawFn, count: int) -> list[CouncilSize]:
    members, alternates = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    result = []
    for _ in range(count):
        result.append(CouncilSize(members, alternates))
        members += draw(st.integers(0, 4))
        alternates += draw(st.integers(0, 4))
    return result


@st.composite
def tables(draw: st.DrawFn) -> CouncilSizeTable:
    count = draw(st.integers(1, 6))
    bounds = sorted(
        draw(st.sets(st.integers(1, MAX_POPULATION - 1), min_size=count - 1, max_size=count - 1))
    )
    city_sizes = draw(sizes_growing(count))
    village_sizes = draw(sizes_growing(2))
    names = draw(
        st.lists(st.sampled_from(["تهران", "مشهد", "اهواز", "Karaj"]), unique=True, max_size=3)
    )
    return CouncilSizeTable(
        city_brackets=tuple(
            CityBracket(up_to, s.members, s.alternates)
            for up_to, s in zip([*bounds, None], city_sizes, strict=True)
        ),
        village_threshold=draw(st.integers(1, 100_000)),
        village_small=village_sizes[0],
        village_large=village_sizes[1],
        boundary_goes_to=draw(st.sampled_from(["lower", "upper"])),
        named_cities=tuple((name, draw(sizes_growing(1))[0]) for name in names),
    )


def test_ahvaz() -> None:
    assert size(DEFAULT, "city", 1_184_788, "اهواز") == (13, 8)


@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (0, (5, 3)),
        (20_000, (5, 3)),
        (120_000, (7, 5)),
        (300_000, (9, 6)),
        (700_000, (11, 7)),
        (1_500_000, (13, 8)),
        (3_000_000, (15, 10)),
        (MAX_POPULATION, (15, 10)),
    ],
)
def test_default_city_brackets(population: int, expected: tuple[int, int]) -> None:
    assert size(DEFAULT, "city", population) == expected


@pytest.mark.parametrize("name", ["تهران", " تهران ", "تِهران", "ﺗﻬﺮﺍﻥ"])
def test_tehran_by_name(name: str) -> None:
    assert size(DEFAULT, "city", 8_693_706, name) == (21, 11)
    assert size(DEFAULT, "city", 8_693_706) == (15, 10)


def test_named_cities_are_cities_only() -> None:
    assert size(DEFAULT, "village", 500, "تهران") == (3, 2)


@pytest.mark.parametrize(
    ("population", "lower", "upper"),
    [
        (49_999, (5, 3), (5, 3)),
        (50_000, (5, 3), (7, 5)),
        (50_001, (7, 5), (7, 5)),
        (200_000, (7, 5), (9, 6)),
        (500_000, (9, 6), (11, 7)),
        (1_000_000, (11, 7), (13, 8)),
        (2_000_000, (13, 8), (15, 10)),
    ],
)
def test_city_boundaries_under_both_rules(
    population: int, lower: tuple[int, int], upper: tuple[int, int]
) -> None:
    assert size(DEFAULT, "city", population) == lower
    assert size(UPPER, "city", population) == upper


@pytest.mark.parametrize(
    ("population", "lower", "upper"),
    [(1_499, (3, 2), (3, 2)), (1_500, (3, 2), (5, 3)), (1_501, (5, 3), (5, 3))],
)
def test_village_boundary_under_both_rules(
    population: int, lower: tuple[int, int], upper: tuple[int, int]
) -> None:
    assert size(DEFAULT, "village", population) == lower
    assert size(UPPER, "village", population) == upper


def test_population_refusals() -> None:
    error = refused(
        CouncilSizeRefusal.NEGATIVE_POPULATION, council_size, DEFAULT, kind="city", population=-1
    )
    assert "-1" in error.en
    error = refused(
        CouncilSizeRefusal.POPULATION_TOO_LARGE,
        council_size,
        DEFAULT,
        kind="village",
        population=MAX_POPULATION + 1,
    )
    assert "20,000,001" in error.en and "absurd" in error.en
    refused(CouncilSizeRefusal.UNKNOWN_KIND, council_size, DEFAULT, kind="town", population=10)
    with pytest.raises(TypeError):
        council_size(DEFAULT, kind="city", population=cast(int, "5000"))


@given(tables(), kinds, populations, populations)
def test_a_larger_place_never_gets_a_smaller_council(
    table: CouncilSizeTable, kind: str, first: int, second: int
) -> None:
    smaller, larger = sorted([first, second])
    small, large = size(table, kind, smaller), size(table, kind, larger)
    assert small[0] <= large[0] and small[1] <= large[1]


@given(tables(), st.integers(min_value=0, max_value=MAX_POPULATION - 1))
def test_upper_is_lower_shifted_by_one(table: CouncilSizeTable, population: int) -> None:
    lower = dataclasses.replace(table, boundary_goes_to="lower")
    upper = dataclasses.replace(table, boundary_goes_to="upper")
    limits = {b.up_to for b in table.city_brackets} | {table.village_threshold}
    for kind in ("city", "village"):
        assert size(upper, kind, population) == size(lower, kind, population + 1)
        if population not in limits:
            assert size(upper, kind, population) == size(lower, kind, population)


@given(tables())
def test_each_bracket_bound_belongs_where_the_rule_says(table: CouncilSizeTable) -> None:
    lower = dataclasses.replace(table, boundary_goes_to="lower")
    upper = dataclasses.replace(table, boundary_goes_to="upper")
    for here, following in itertools.pairwise(table.city_brackets):
        assert here.up_to is not None
        assert council_size(lower, kind="city", population=here.up_to) == here.size
        assert council_size(lower, kind="city", population=here.up_to + 1) == following.size
        assert council_size(upper, kind="city", population=here.up_to - 1) == here.size
        assert council_size(upper, kind="city", population=here.up_to) == following.size


@given(tables())
def test_table_round_trips_through_json(table: CouncilSizeTable) -> None:
    data = table_to_dict(table)
    assert table_from_dict(data) == table
    assert table_from_dict(json.loads(json.dumps(data))) == table


def test_default_table_as_data() -> None:
    data = table_to_dict(DEFAULT)
    assert data["boundary_goes_to"] == "lower"
    assert data["village_threshold"] == 1500
    assert data["named_cities"] == [{"name": "تهران", "members": 21, "alternates": 11}]
    assert cast(list[dict[str, object]], data["city_brackets"])[-1] == {
        "up_to": None,
        "members": 15,
        "alternates": 10,
    }


def bracket_table(*brackets: CityBracket, **changes: Any) -> CouncilSizeTable:
    return dataclasses.replace(DEFAULT, city_brackets=tuple(brackets), **changes)


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: bracket_table(), CouncilSizeRefusal.NO_BRACKETS),
        (lambda: bracket_table(CityBracket(100, 5, 3)), CouncilSizeRefusal.OPEN_ENDED_BRACKET),
        (
            lambda: bracket_table(CityBracket(None, 5, 3), CityBracket(100, 7, 5)),
            CouncilSizeRefusal.OPEN_ENDED_BRACKET,
        ),
        (
            lambda: bracket_table(CityBracket(None, 5, 3), CityBracket(None, 7, 5)),
            CouncilSizeRefusal.OPEN_ENDED_BRACKET,
        ),
        (
            lambda: bracket_table(
                CityBracket(100, 5, 3), CityBracket(100, 7, 5), CityBracket(None, 9, 6)
            ),
            CouncilSizeRefusal.BRACKETS_NOT_INCREASING,
        ),
        (
            lambda: bracket_table(
                CityBracket(200, 5, 3), CityBracket(100, 7, 5), CityBracket(None, 9, 6)
            ),
            CouncilSizeRefusal.BRACKETS_NOT_INCREASING,
        ),
        (
            lambda: bracket_table(CityBracket(100, 7, 5), CityBracket(None, 5, 3)),
            CouncilSizeRefusal.SIZE_DECREASES,
        ),
        (
            lambda: bracket_table(CityBracket(100, 7, 3), CityBracket(None, 5, 3)),
            CouncilSizeRefusal.SIZE_DECREASES,
        ),
        (
            lambda: bracket_table(CityBracket(100, 5, 5), CityBracket(None, 5, 3)),
            CouncilSizeRefusal.SIZE_DECREASES,
        ),
        (
            lambda: bracket_table(CityBracket(0, 5, 3), CityBracket(None, 7, 5)),
            CouncilSizeRefusal.NOT_POSITIVE,
        ),
        (lambda: CityBracket(None, 0, 3), CouncilSizeRefusal.NOT_POSITIVE),
        (lambda: CouncilSize(5, -1), CouncilSizeRefusal.NOT_POSITIVE),
        (lambda: CouncilSize(True, 1), CouncilSizeRefusal.NOT_POSITIVE),
        (
            lambda: dataclasses.replace(DEFAULT, village_threshold=0),
            CouncilSizeRefusal.NOT_POSITIVE,
        ),
        (
            lambda: dataclasses.replace(
                DEFAULT, village_small=CouncilSize(5, 3), village_large=CouncilSize(3, 2)
            ),
            CouncilSizeRefusal.SIZE_DECREASES,
        ),
        (
            lambda: dataclasses.replace(DEFAULT, boundary_goes_to=cast(Any, "middle")),
            CouncilSizeRefusal.BAD_BOUNDARY_RULE,
        ),
        (
            lambda: dataclasses.replace(
                DEFAULT,
                named_cities=(("تهران", CouncilSize(21, 11)), ("  تهران", CouncilSize(21, 11))),
            ),
            CouncilSizeRefusal.BAD_CITY_NAME,
        ),
        (
            lambda: dataclasses.replace(DEFAULT, named_cities=((" \u200c", CouncilSize(21, 11)),)),
            CouncilSizeRefusal.BAD_CITY_NAME,
        ),
    ],
)
def test_invalid_tables_are_refused(make: Any, code: CouncilSizeRefusal) -> None:
    error = refused(code, make)
    assert error.fa and error.en


def test_validate_table_accepts_the_default() -> None:
    validate_table(DEFAULT)


def test_open_ended_message_says_which_bracket() -> None:
    error = refused(
        CouncilSizeRefusal.OPEN_ENDED_BRACKET,
        bracket_table,
        CityBracket(None, 5, 3),
        CityBracket(100, 7, 5),
    )
    assert "bracket 1 of 2" in error.en


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    """The default table's data with the value at ``path`` replaced (or removed)."""
    data: dict[str, Any] = json.loads(json.dumps(table_to_dict(DEFAULT)))
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    if value is REMOVE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


REMOVE = object()


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (["village_threshold"], "1500", "village_threshold"),
        (["village_threshold"], 1500.0, "village_threshold"),
        (["village_threshold"], True, "village_threshold"),
        (["village_threshold"], REMOVE, "missing key 'village_threshold'"),
        (["extra"], 1, "unknown key 'extra'"),
        (["city_brackets", 1, "members"], "7", "city_brackets[1].members"),
        (["city_brackets", 0, "up_to"], "50000", "city_brackets[0].up_to"),
        (["city_brackets", 2], [9, 6], "city_brackets[2]"),
        (["city_brackets"], "none", "city_brackets"),
        (["city_brackets"], {"up_to": 1}, "city_brackets"),
        (["village_small"], [3, 2], "village_small"),
        (["village_large", "alternates"], None, "village_large.alternates"),
        (["boundary_goes_to"], "middle", "boundary_goes_to"),
        (["boundary_goes_to"], 1, "boundary_goes_to"),
        (["named_cities", 0, "name"], 7, "named_cities[0].name"),
        (["named_cities", 0, "seats"], 7, "unknown key 'seats'"),
    ],
)
def test_malformed_data_is_refused_with_its_path(path: list[Any], value: Any, where: str) -> None:
    error = refused(CouncilSizeRefusal.MALFORMED_DATA, table_from_dict, broken(path, value))
    assert where in error.en
    assert error.fa


def test_data_that_is_not_an_object_is_refused() -> None:
    refused(CouncilSizeRefusal.MALFORMED_DATA, table_from_dict, cast(Any, [1, 2]))


def test_well_formed_data_for_a_bad_table_is_refused_by_the_table_rules() -> None:
    refused(
        CouncilSizeRefusal.BRACKETS_NOT_INCREASING,
        table_from_dict,
        broken(["city_brackets", 1, "up_to"], 10),
    )
