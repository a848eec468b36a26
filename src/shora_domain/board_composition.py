"""How many people each board and each station roster needs, and what is still missing.

The numbers are the law as far as public sources show (DOMAIN.md, medium confidence):
the county executive board has 11 members (the governor, who chairs it, a judiciary
representative, the head of civil registration and 8 trustees chosen from 30 nominees the
governor puts forward and the county supervisory board clears) and 5 alternates; county
supervisory boards have 5 trustees, district boards 3, the provincial high board usually
3. The HQs have a head and as many members as the governorate assigns. A station has a
chair and a secretary at least (old regulation, medium); members and device operators are
optional. They are data: each election stores its own table (``table_to_dict``) and shows
it on the boards' settings page, where an official may correct it.

``board_gaps`` and ``roster_gaps`` are the gates: the list of what is missing, empty when
the board or the roster is complete.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from .digits import format_number
from .errors import DomainError
from .staff_roles import NOMINATED_ROLES, BoardKind, SeatRole, StaffRole
from .stored_data import StoredDataReader

#: A seat count above this is a typing mistake, not a board.
MAX_SEATS = 200
MAX_NOMINEES = 500


class CompositionRefusal(enum.Enum):
    NEGATIVE = "composition.negative"
    TOO_LARGE = "composition.too_large"
    MAXIMUM_BELOW_MINIMUM = "composition.maximum_below_minimum"
    REPEATED_ROLE = "composition.repeated_role"
    UNKNOWN_ROLE = "composition.unknown_role"
    MISSING_BOARD = "composition.missing_board"
    NOMINEES_WITHOUT_TRUSTEES = "composition.nominees_without_trustees"
    MALFORMED_DATA = "composition.malformed_data"


def _whole(value: int, at_least: int, limit: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < at_least:
        raise DomainError(
            CompositionRefusal.NEGATIVE,
            fa=f"«{what}» باید عددی صحیح و دست‌کم {format_number(at_least)} باشد، نه {value!r}.",
            en=f"{what} must be a whole number of at least {at_least}, not {value!r}.",
        )
    if value > limit:
        raise DomainError(
            CompositionRefusal.TOO_LARGE,
            fa=f"«{what}» بیش از {format_number(limit)} ناممکن است ({format_number(value)}).",
            en=f"{what} cannot exceed {limit} ({value}).",
        )


@dataclass(frozen=True)
class Seat:
    """``minimum`` to ``maximum`` people in ``role`` (maximum None: as many as assigned)."""

    role: str
    minimum: int
    maximum: int | None

    def __post_init__(self) -> None:
        _whole(self.minimum, 0, MAX_SEATS, f"minimum of {self.role}")
        if self.maximum is not None:
            _whole(self.maximum, 1, MAX_SEATS, f"maximum of {self.role}")
            if self.maximum < self.minimum:
                raise DomainError(
                    CompositionRefusal.MAXIMUM_BELOW_MINIMUM,
                    fa=f"بیشینهٔ «{self.role}» از کمینهٔ آن کمتر است.",
                    en=f"The maximum of {self.role} is below its minimum.",
                )

    def allows(self, count: int) -> bool:
        """Whether ``count`` people may hold this seat at once."""
        return self.maximum is None or count <= self.maximum


def _check_roles(seats: tuple[Seat, ...], known: type[enum.StrEnum], where: str) -> None:
    seen: set[str] = set()
    for seat in seats:
        if seat.role not in {member.value for member in known}:
            raise DomainError(
                CompositionRefusal.UNKNOWN_ROLE,
                fa=f"نقش ناشناختهٔ «{seat.role}» در {where}.",
                en=f"Unknown role {seat.role!r} in {where}.",
            )
        if seat.role in seen:
            raise DomainError(
                CompositionRefusal.REPEATED_ROLE,
                fa=f"نقش «{seat.role}» در {where} دو بار آمده است.",
                en=f"The role {seat.role!r} appears twice in {where}.",
            )
        seen.add(seat.role)


@dataclass(frozen=True)
class BoardComposition:
    """The seats of one kind of board and how many trustee nominees it needs."""

    kind: BoardKind
    seats: tuple[Seat, ...]
    nominees_needed: int

    def __post_init__(self) -> None:
        _check_roles(self.seats, SeatRole, self.kind.value)
        _whole(self.nominees_needed, 0, MAX_NOMINEES, f"nominees of {self.kind.value}")
        if self.nominees_needed and not self.has_nominated_seats:
            raise DomainError(
                CompositionRefusal.NOMINEES_WITHOUT_TRUSTEES,
                fa=f"برای {self.kind.label()} نامزد معتمد خواسته شده اما جای معتمد ندارد.",
                en=f"The {self.kind.label('en')} asks for nominees but has no trustee seat.",
            )

    @property
    def has_nominated_seats(self) -> bool:
        return any(SeatRole(seat.role) in NOMINATED_ROLES for seat in self.seats)

    def seat(self, role: str) -> Seat | None:
        return next((seat for seat in self.seats if seat.role == role), None)

    @property
    def minimum_members(self) -> int:
        return sum(seat.minimum for seat in self.seats)


@dataclass(frozen=True)
class CompositionTable:
    """Every kind of board, and the station roster."""

    boards: tuple[BoardComposition, ...]
    station_roster: tuple[Seat, ...]

    def __post_init__(self) -> None:
        kinds = [board.kind for board in self.boards]
        missing = [kind.value for kind in BoardKind if kind not in kinds]
        if missing or len(kinds) != len(set(kinds)):
            raise DomainError(
                CompositionRefusal.MISSING_BOARD,
                fa=f"جدول ترکیب هیئت‌ها باید هر نوع هیئت را یک بار داشته باشد ({missing}).",
                en=f"The composition table needs every kind of board exactly once ({missing}).",
            )
        _check_roles(self.station_roster, StaffRole, "station_roster")
        field = [
            seat.role for seat in self.station_roster if not StaffRole(seat.role).is_at_station
        ]
        if field:
            raise DomainError(
                CompositionRefusal.UNKNOWN_ROLE,
                fa=f"بازرس و مربی جزو کارکنان شعبه نیستند ({field}).",
                en=f"Inspectors and trainers are not part of a station roster ({field}).",
            )

    def board(self, kind: BoardKind) -> BoardComposition:
        return next(board for board in self.boards if board.kind == kind)

    def roster_seat(self, role: str) -> Seat | None:
        return next((seat for seat in self.station_roster if seat.role == role), None)


def _seats(*seats: tuple[str, int, int | None]) -> tuple[Seat, ...]:
    return tuple(Seat(role, minimum, maximum) for role, minimum, maximum in seats)


DEFAULT_COMPOSITION_TABLE = CompositionTable(
    boards=(
        BoardComposition(BoardKind.PROVINCE_HQ, _seats(("chair", 1, 1), ("member", 0, None)), 0),
        BoardComposition(
            BoardKind.PROVINCE_SUPERVISORY, _seats(("chair", 1, 1), ("member", 2, 2)), 0
        ),
        BoardComposition(BoardKind.COUNTY_HQ, _seats(("chair", 1, 1), ("member", 0, None)), 0),
        BoardComposition(
            BoardKind.COUNTY_EXECUTIVE,
            _seats(
                ("governor", 1, 1),
                ("judiciary_representative", 1, 1),
                ("civil_registry_head", 1, 1),
                ("trustee", 8, 8),
                ("alternate", 5, 5),
            ),
            30,
        ),
        BoardComposition(
            BoardKind.COUNTY_SUPERVISORY, _seats(("chair", 1, 1), ("member", 4, 4)), 0
        ),
        BoardComposition(
            BoardKind.DISTRICT_SUPERVISORY, _seats(("chair", 1, 1), ("member", 2, 2)), 0
        ),
    ),
    station_roster=_seats(
        ("station_chair", 1, 1),
        ("secretary", 1, 3),
        ("station_member", 0, 5),
        ("identity_device_operator", 0, 2),
        ("voting_device_operator", 0, 2),
    ),
)


@dataclass(frozen=True)
class Gap:
    """One thing missing from a board or a roster, for people in two languages."""

    code: str
    fa: str
    en: str

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa


@dataclass(frozen=True)
class BoardFacts:
    """What a board has: active members per seat role, nominees (not rejected), cleared."""

    filled: Mapping[str, int]
    nominees: int = 0
    cleared: int = 0


def _seat_gaps(seat: Seat, filled: int, label_fa: str, label_en: str, plural_en: str) -> list[Gap]:
    n = format_number
    if filled < seat.minimum:
        if seat.minimum == 1:
            return [Gap("seat_empty", f"{label_fa} تعیین نشده است", f"no {label_en}")]
        return [
            Gap(
                "seat_short",
                f"{n(seat.minimum)} {label_fa} لازم است، {n(filled)} تعیین شده",
                f"{seat.minimum} {plural_en} needed, {filled} chosen",
            )
        ]
    if not seat.allows(filled):
        assert seat.maximum is not None
        return [
            Gap(
                "seat_over",
                f"{n(filled)} {label_fa} تعیین شده، بیشینه {n(seat.maximum)}",
                f"{filled} {plural_en} chosen, at most {seat.maximum}",
            )
        ]
    return []


def board_gaps(composition: BoardComposition, facts: BoardFacts) -> list[Gap]:
    """What the board still lacks (empty when complete), seat by seat, then nominees."""
    gaps: list[Gap] = []
    for seat in composition.seats:
        role = SeatRole(seat.role)
        gaps += _seat_gaps(
            seat,
            facts.filled.get(seat.role, 0),
            role.label("fa"),
            role.label("en"),
            role.label("en", plural=True),
        )
    if facts.nominees < composition.nominees_needed:
        gaps.append(
            Gap(
                "nominees_short",
                f"{format_number(facts.nominees)} نامزد معتمد معرفی شده، "
                f"{format_number(composition.nominees_needed)} لازم است",
                f"{facts.nominees} nominees, {composition.nominees_needed} needed",
            )
        )
    to_choose = sum(
        max(seat.minimum - facts.filled.get(seat.role, 0), 0)
        for seat in composition.seats
        if SeatRole(seat.role).is_from_nominees
    )
    chosen = sum(
        facts.filled.get(seat.role, 0)
        for seat in composition.seats
        if SeatRole(seat.role).is_from_nominees
    )
    unchosen_cleared = max(facts.cleared - chosen, 0)
    if to_choose > unchosen_cleared:
        gaps.append(
            Gap(
                "cleared_short",
                f"هیئت نظارت تنها {format_number(unchosen_cleared)} نامزد انتخاب‌نشده را تأیید "
                f"کرده است؛ برای جاهای خالی معتمدان {format_number(to_choose)} نفر لازم است",
                f"only {unchosen_cleared} cleared nominees are left to choose from; "
                f"{to_choose} trustee seats are empty",
            )
        )
    return gaps


def roster_gaps(roster: tuple[Seat, ...], filled: Mapping[str, int]) -> list[Gap]:
    """What a station's roster still lacks (empty when complete)."""
    gaps: list[Gap] = []
    for seat in roster:
        role = StaffRole(seat.role)
        gaps += _seat_gaps(
            seat,
            filled.get(seat.role, 0),
            role.label("fa"),
            role.label("en"),
            role.label("en", plural=True),
        )
    return gaps


def _seat_dicts(seats: tuple[Seat, ...]) -> list[dict[str, object]]:
    return [{"role": s.role, "minimum": s.minimum, "maximum": s.maximum} for s in seats]


def table_to_dict(table: CompositionTable) -> dict[str, object]:
    """The table as JSON-able data, for storing on an election."""
    return {
        "boards": {
            board.kind.value: {
                "seats": _seat_dicts(board.seats),
                "nominees_needed": board.nominees_needed,
            }
            for board in table.boards
        },
        "station_roster": _seat_dicts(table.station_roster),
    }


_SEAT_KEYS = ("role", "minimum", "maximum")


def _read_seats(readers: list[StoredDataReader]) -> tuple[Seat, ...]:
    return tuple(
        Seat(r.text("role"), r.whole("minimum"), r.optional_whole("maximum")) for r in readers
    )


def table_from_dict(data: Mapping[str, object]) -> CompositionTable:
    """The table stored by ``table_to_dict``; DomainError if ``data`` is malformed."""
    reader = StoredDataReader(
        data, keys=("boards", "station_roster"), code=CompositionRefusal.MALFORMED_DATA,
        title_en="board composition table", title_fa="دادهٔ جدول ترکیب هیئت‌ها",
    )  # fmt: skip
    boards = reader.child("boards", [kind.value for kind in BoardKind])
    compositions = []
    for kind in BoardKind:
        board = boards.child(kind.value, ("seats", "nominees_needed"))
        seats = _read_seats(board.children("seats", _SEAT_KEYS))
        compositions.append(BoardComposition(kind, seats, board.whole("nominees_needed")))
    return CompositionTable(
        boards=tuple(compositions),
        station_roster=_read_seats(reader.children("station_roster", _SEAT_KEYS)),
    )
