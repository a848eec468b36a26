"""How many members and alternates a council has, from its population.

The table is data (stored on each election and shown on its settings page), not
constants. The one open question of the law, which bracket an exact boundary value such
as 50,000 falls in, is the table's ``boundary_goes_to`` and is decided in
``_within_limit`` only; it applies alike to the city brackets and the village threshold.
A valid table never gives a larger place a smaller council.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from .digits import format_number
from .errors import DomainError
from .persian_text import normalize_persian
from .stored_data import StoredDataReader

BoundaryRule = Literal["lower", "upper"]
PlaceKind = Literal["city", "village"]

#: More people than this in one city or village is a typing mistake, not a census.
MAX_POPULATION = 20_000_000


class CouncilSizeRefusal(enum.Enum):
    """Why a council size, or a council-size table, was refused."""

    NEGATIVE_POPULATION = "council_size.negative_population"
    POPULATION_TOO_LARGE = "council_size.population_too_large"
    UNKNOWN_KIND = "council_size.unknown_kind"
    NO_BRACKETS = "council_size.no_brackets"
    OPEN_ENDED_BRACKET = "council_size.open_ended_bracket"
    BRACKETS_NOT_INCREASING = "council_size.brackets_not_increasing"
    NOT_POSITIVE = "council_size.not_positive"
    SIZE_DECREASES = "council_size.size_decreases"
    BAD_BOUNDARY_RULE = "council_size.bad_boundary_rule"
    BAD_CITY_NAME = "council_size.bad_city_name"
    MALFORMED_DATA = "council_size.malformed_data"


def _check_positive(value: int, what_en: str, what_fa: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise DomainError(
            CouncilSizeRefusal.NOT_POSITIVE,
            fa=f"{what_fa} باید عددی صحیح و مثبت باشد، نه {value!r}.",
            en=f"{what_en} must be a positive whole number, not {value!r}.",
        )


@dataclass(frozen=True)
class CouncilSize:
    """A council's number of members and of alternates."""

    members: int
    alternates: int

    def __post_init__(self) -> None:
        _check_positive(self.members, "The number of members", "شمار اعضای اصلی")
        _check_positive(self.alternates, "The number of alternates", "شمار اعضای علی‌البدل")


@dataclass(frozen=True)
class CityBracket:
    """Cities of up to ``up_to`` people (None: no upper bound) get this council."""

    up_to: int | None
    members: int
    alternates: int

    def __post_init__(self) -> None:
        if self.up_to is not None:
            _check_positive(self.up_to, "A bracket's upper bound", "سقف جمعیت یک رده")
        CouncilSize(self.members, self.alternates)

    @property
    def size(self) -> CouncilSize:
        return CouncilSize(self.members, self.alternates)


@dataclass(frozen=True)
class CouncilSizeTable:
    """The whole rule: city brackets, the village threshold, the boundary rule and
    named cities (such as Tehran) whose council size is set by name."""

    city_brackets: tuple[CityBracket, ...]
    village_threshold: int
    village_small: CouncilSize
    village_large: CouncilSize
    boundary_goes_to: BoundaryRule
    named_cities: tuple[tuple[str, CouncilSize], ...]

    def __post_init__(self) -> None:
        validate_table(self)


def validate_table(table: CouncilSizeTable) -> None:
    """Refuse a table that cannot be meant: see the messages for each rule."""
    brackets = table.city_brackets
    if not brackets:
        raise DomainError(
            CouncilSizeRefusal.NO_BRACKETS,
            fa="جدول باید دست‌کم یک ردهٔ جمعیتی برای شهرها داشته باشد.",
            en="The table needs at least one population bracket for cities.",
        )
    open_ended = [i for i, bracket in enumerate(brackets) if bracket.up_to is None]
    if open_ended != [len(brackets) - 1]:
        found_en = f"{len(open_ended)} brackets have none" if open_ended else "none has"
        if open_ended and len(open_ended) == 1:
            found_en = f"bracket {open_ended[0] + 1} of {len(brackets)} has none"
        raise DomainError(
            CouncilSizeRefusal.OPEN_ENDED_BRACKET,
            fa="دقیقاً یک رده، و آن هم ردهٔ آخر، باید بی‌سقف باشد.",
            en=f"Exactly one bracket, the last, must have no upper bound; {found_en}.",
        )
    for lower, upper in itertools.pairwise(brackets):
        if upper.up_to is not None and lower.up_to is not None and upper.up_to <= lower.up_to:
            raise DomainError(
                CouncilSizeRefusal.BRACKETS_NOT_INCREASING,
                fa=(
                    "سقف رده‌ها باید پیوسته بزرگ‌تر شود؛ "
                    f"{format_number(upper.up_to)} پس از {format_number(lower.up_to)} آمده است."
                ),
                en=(
                    "Bracket bounds must strictly increase; "
                    f"{format_number(upper.up_to, 'en')} comes after "
                    f"{format_number(lower.up_to, 'en')}."
                ),
            )
        _check_growing(lower.size, upper.size, "a larger city bracket", "ردهٔ بزرگ‌تر شهری")
    _check_positive(table.village_threshold, "The village threshold", "مرز جمعیت روستا")
    _check_growing(table.village_small, table.village_large, "large villages", "روستای بزرگ")
    if table.boundary_goes_to not in ("lower", "upper"):
        raise DomainError(
            CouncilSizeRefusal.BAD_BOUNDARY_RULE,
            fa=f"قاعدهٔ مرز باید «lower» یا «upper» باشد، نه {table.boundary_goes_to!r}.",
            en=f"The boundary rule must be 'lower' or 'upper', not {table.boundary_goes_to!r}.",
        )
    seen: set[str] = set()
    for name, _size in table.named_cities:
        key = normalize_persian(name)
        if not key or key in seen:
            raise DomainError(
                CouncilSizeRefusal.BAD_CITY_NAME,
                fa=f"نام شهر «{name}» خالی یا تکراری است.",
                en=f"The city name “{name}” is empty or repeated.",
            )
        seen.add(key)


def _check_growing(smaller: CouncilSize, larger: CouncilSize, what_en: str, what_fa: str) -> None:
    if larger.members < smaller.members or larger.alternates < smaller.alternates:
        raise DomainError(
            CouncilSizeRefusal.SIZE_DECREASES,
            fa=f"شورای {what_fa} نمی‌تواند از شورای جای کوچک‌تر کوچک‌تر باشد.",
            en=f"The council of {what_en} cannot be smaller than that of a smaller place.",
        )


def _within_limit(population: int, limit: int, rule: BoundaryRule) -> bool:
    """THE boundary rule: does ``population`` belong to the part up to ``limit``?"""
    return population <= limit if rule == "lower" else population < limit


def council_size(
    table: CouncilSizeTable, *, kind: PlaceKind, population: int, name: str = ""
) -> CouncilSize:
    """The council size of a city or village with ``population`` people."""
    if kind not in ("city", "village"):
        raise DomainError(
            CouncilSizeRefusal.UNKNOWN_KIND,
            fa=f"نوع «{kind}» شناخته نیست؛ باید «city» (شهر) یا «village» (روستا) باشد.",
            en=f"Unknown kind {kind!r}; it must be 'city' or 'village'.",
        )
    if isinstance(population, bool) or not isinstance(population, int):
        raise TypeError(f"population must be an int, got {type(population).__name__}")
    if population < 0:
        raise DomainError(
            CouncilSizeRefusal.NEGATIVE_POPULATION,
            fa=f"جمعیت نمی‌تواند منفی باشد ({format_number(population)}).",
            en=f"A population cannot be negative ({format_number(population, 'en')}).",
        )
    if population > MAX_POPULATION:
        raise DomainError(
            CouncilSizeRefusal.POPULATION_TOO_LARGE,
            fa=(
                f"جمعیت {format_number(population)} نفر برای یک شهر یا روستا ناممکن است "
                f"(بیش از {format_number(MAX_POPULATION)})؛ احتمالاً رقمی اشتباه وارد شده است."
            ),
            en=(
                f"A population of {format_number(population, 'en')} is absurd for one city "
                f"or village (over {format_number(MAX_POPULATION, 'en')}); "
                "probably a typing mistake."
            ),
        )
    rule = table.boundary_goes_to
    if kind == "village":
        if _within_limit(population, table.village_threshold, rule):
            return table.village_small
        return table.village_large
    if name:
        wanted = normalize_persian(name)
        for city, size in table.named_cities:
            if normalize_persian(city) == wanted:
                return size
    for bracket in table.city_brackets:
        if bracket.up_to is None or _within_limit(population, bracket.up_to, rule):
            return bracket.size
    raise AssertionError("a validated table ends with an open-ended bracket")


DEFAULT_COUNCIL_SIZE_TABLE = CouncilSizeTable(
    city_brackets=(
        CityBracket(50_000, 5, 3),
        CityBracket(200_000, 7, 5),
        CityBracket(500_000, 9, 6),
        CityBracket(1_000_000, 11, 7),
        CityBracket(2_000_000, 13, 8),
        CityBracket(None, 15, 10),
    ),
    village_threshold=1_500,
    village_small=CouncilSize(3, 2),
    village_large=CouncilSize(5, 3),
    boundary_goes_to="lower",
    named_cities=(("تهران", CouncilSize(21, 11)),),
)


def table_to_dict(table: CouncilSizeTable) -> dict[str, object]:
    """The table as JSON-able data, for storing on an election."""

    def size(value: CouncilSize) -> dict[str, object]:
        return {"members": value.members, "alternates": value.alternates}

    return {
        "city_brackets": [
            {"up_to": b.up_to, "members": b.members, "alternates": b.alternates}
            for b in table.city_brackets
        ],
        "village_threshold": table.village_threshold,
        "village_small": size(table.village_small),
        "village_large": size(table.village_large),
        "boundary_goes_to": table.boundary_goes_to,
        "named_cities": [{"name": n, **size(s)} for n, s in table.named_cities],
    }


_SIZE_KEYS = ("members", "alternates")
_TABLE_KEYS = (
    "city_brackets", "village_threshold", "village_small", "village_large",
    "boundary_goes_to", "named_cities",
)  # fmt: skip


def table_from_dict(data: Mapping[str, object]) -> CouncilSizeTable:
    """The table stored by ``table_to_dict``; DomainError if ``data`` is malformed."""
    table = StoredDataReader(
        data, keys=_TABLE_KEYS, code=CouncilSizeRefusal.MALFORMED_DATA,
        title_en="council-size table", title_fa="دادهٔ جدول اندازهٔ شورا",
    )  # fmt: skip
    small, large = (
        table.child("village_small", _SIZE_KEYS),
        table.child("village_large", _SIZE_KEYS),
    )
    rule = table.choice("boundary_goes_to", ("lower", "upper"))
    return CouncilSizeTable(
        city_brackets=tuple(
            CityBracket(b.optional_whole("up_to"), b.whole("members"), b.whole("alternates"))
            for b in table.children("city_brackets", ("up_to", *_SIZE_KEYS))
        ),
        village_threshold=table.whole("village_threshold"),
        village_small=CouncilSize(small.whole("members"), small.whole("alternates")),
        village_large=CouncilSize(large.whole("members"), large.whole("alternates")),
        boundary_goes_to="lower" if rule == "lower" else "upper",
        named_cities=tuple(
            (c.text("name"), CouncilSize(c.whole("members"), c.whole("alternates")))
            for c in table.children("named_cities", ("name", *_SIZE_KEYS))
        ),
    )
