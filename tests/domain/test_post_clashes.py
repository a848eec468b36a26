"""Posts one person may not hold together."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.post_clashes import ClashKind, PostPlace, PostSide, post_clashes


def place(key: str, side: PostSide, ids: set[int]) -> PostPlace:
    return PostPlace(key, side, f"«{key}»", key, frozenset(ids))


COUNTY_EXECUTIVE = place("board:county_executive:1", PostSide.EXECUTIVE, {1, 2, 3})
COUNTY_SUPERVISORY = place("board:county_supervisory:1", PostSide.SUPERVISORY, {1, 2, 3})
COUNTY_HQ = place("board:county_hq:1", PostSide.EXECUTIVE, {1, 2, 3})
OTHER_SUPERVISORY = place("board:county_supervisory:2", PostSide.SUPERVISORY, {7, 8})
STATION_IN = place("staff:station_chair:station:5", PostSide.FIELD, {2})
STATION_OUT = place("staff:secretary:station:9", PostSide.FIELD, {8})


def kinds(held: list[PostPlace], new: PostPlace) -> list[ClashKind]:
    return [clash.kind for clash in post_clashes(held, new)]


def test_nobody_sits_twice_on_one_board():
    assert kinds([COUNTY_EXECUTIVE], COUNTY_EXECUTIVE) == [ClashKind.SAME_POST]


def test_one_station_or_field_post_per_election():
    assert kinds([STATION_OUT], STATION_IN) == [ClashKind.SECOND_FIELD_POST]


def test_a_board_member_does_not_serve_at_a_station_the_board_covers():
    assert kinds([COUNTY_EXECUTIVE], STATION_IN) == [ClashKind.BOARD_AND_FIELD]
    assert kinds([STATION_IN], COUNTY_SUPERVISORY) == [ClashKind.BOARD_AND_FIELD]
    assert kinds([COUNTY_EXECUTIVE], STATION_OUT) == []


def test_a_board_does_not_supervise_itself():
    assert kinds([COUNTY_EXECUTIVE], COUNTY_SUPERVISORY) == [ClashKind.SUPERVISING_ITSELF]
    assert kinds([COUNTY_SUPERVISORY], COUNTY_HQ) == [ClashKind.SUPERVISING_ITSELF]
    assert kinds([COUNTY_EXECUTIVE], OTHER_SUPERVISORY) == []


def test_the_governor_chairs_the_executive_board_and_sits_in_the_hq():
    assert kinds([COUNTY_EXECUTIVE], COUNTY_HQ) == []


def test_each_clash_names_the_post_held():
    [clash] = post_clashes([COUNTY_EXECUTIVE], STATION_IN)
    assert clash.held == COUNTY_EXECUTIVE
    assert "«board:county_executive:1»" in clash.fa and "board:county_executive:1" in clash.en


sides = st.sampled_from(list(PostSide))
places = st.builds(
    place, st.sampled_from(["a", "b", "c"]), sides, st.sets(st.integers(1, 4), max_size=4)
)


@given(st.lists(places, max_size=5), places)
def test_clashes_are_symmetric_between_two_posts(held: list[PostPlace], new: PostPlace):
    for post in held:
        forward = bool(post_clashes([post], new))
        backward = bool(post_clashes([new], post))
        assert forward == backward
    assert len(post_clashes(held, new)) <= len(held)
