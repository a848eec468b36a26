"""Posts one person may not hold together in one election.

* One station or field post per person per election (a station chair cannot also be
  another station's secretary, nor an inspector).
* A board member does not also serve at a station, or as an inspector or trainer, inside
  the board's authority: the boards appoint, run and watch those posts.
* A supervisory board member does not also sit on an executive board or an HQ whose
  authority overlaps: a board does not supervise itself.
* Nobody sits twice on one board.

Authority is compared by constituencies: two posts overlap when some constituency lies
within both. ``post_clashes`` is pure: the caller passes the person's posts.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class PostSide(enum.StrEnum):
    EXECUTIVE = "executive"
    SUPERVISORY = "supervisory"
    FIELD = "field"


@dataclass(frozen=True)
class PostPlace:
    """A post by where it is: ``key`` names it ("board:12", "station:4"…)."""

    key: str
    side: PostSide
    label_fa: str
    label_en: str
    constituency_ids: frozenset[int]


class ClashKind(enum.StrEnum):
    SAME_POST = "same_post"
    SECOND_FIELD_POST = "second_field_post"
    BOARD_AND_FIELD = "board_and_field"
    SUPERVISING_ITSELF = "supervising_itself"


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    held: PostPlace
    fa: str
    en: str

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa


def _overlap(first: PostPlace, second: PostPlace) -> bool:
    return not first.constituency_ids.isdisjoint(second.constituency_ids)


def _clash(held: PostPlace, new: PostPlace) -> Clash | None:
    if held.key == new.key:
        return Clash(
            ClashKind.SAME_POST,
            held,
            f"این شخص هم‌اکنون در «{held.label_fa}» خدمت می‌کند.",
            f"This person already serves on the {held.label_en}.",
        )
    sides = {held.side, new.side}
    if held.side == PostSide.FIELD and new.side == PostSide.FIELD:
        return Clash(
            ClashKind.SECOND_FIELD_POST,
            held,
            "هر شخص در هر انتخابات تنها یک سمت در شعبه یا میدان دارد؛ "
            f"این شخص «{held.label_fa}» است.",
            f"A person holds one station or field post per election; this person is "
            f"already {held.label_en}.",
        )
    if PostSide.FIELD in sides and _overlap(held, new):
        return Clash(
            ClashKind.BOARD_AND_FIELD,
            held,
            f"عضو هیئت در قلمرو همان هیئت در شعبه یا میدان خدمت نمی‌کند؛ "
            f"این شخص در «{held.label_fa}» است.",
            f"A board member does not serve at a station or in the field within the board's "
            f"own area; this person serves as {held.label_en}.",
        )
    if sides == {PostSide.SUPERVISORY, PostSide.EXECUTIVE} and _overlap(held, new):
        return Clash(
            ClashKind.SUPERVISING_ITSELF,
            held,
            f"هیئت نظارت بر خود نظارت نمی‌کند؛ این شخص در «{held.label_fa}» است "
            "و قلمرو دو هیئت هم‌پوشانی دارد.",
            f"A board does not supervise itself: this person serves on the {held.label_en}, "
            "whose area overlaps.",
        )
    return None


def post_clashes(held: Iterable[PostPlace], new: PostPlace) -> list[Clash]:
    """Why a person who holds ``held`` may not also take ``new`` (empty: they may)."""
    return [clash for post in held if (clash := _clash(post, new)) is not None]
