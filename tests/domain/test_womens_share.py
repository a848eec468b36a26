"""Women's share: exact, rounded half up to tenths of a percent, shown in Persian digits."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.womens_share import NOBODY, Share, combined, format_percent, share_of


@st.composite
def shares(draw: st.DrawFn) -> Share:
    total = draw(st.integers(0, 10_000))
    return Share(draw(st.integers(0, total)), total)


@given(shares())
def test_a_share_lies_between_0_and_100_percent(share: Share):
    if share.total == 0:
        assert share.percent_tenths is None and share.fraction is None
        return
    assert 0 <= share.percent_tenths <= 1000
    assert share.women + share.men == share.total
    exact = Fraction(share.women * 1000, share.total)
    assert abs(share.percent_tenths - exact) <= Fraction(1, 2)
    assert (share.percent_tenths == 0) == (exact < Fraction(1, 2))
    assert (share.percent_tenths == 1000) == (exact >= Fraction(1999, 2))


@given(st.lists(shares(), max_size=30))
def test_combined_counts_are_the_sums(parts: list[Share]):
    whole = combined(parts)
    assert whole.women == sum(p.women for p in parts)
    assert whole.total == sum(p.total for p in parts)
    assert combined([]) == NOBODY


@given(st.lists(shares(), min_size=1, max_size=10))
def test_the_combined_share_lies_between_its_parts(parts: list[Share]):
    counted = [p.fraction for p in parts if p.fraction is not None]
    whole = combined(parts).fraction
    if not counted:
        assert whole is None
        return
    assert whole is not None
    assert min(counted) <= whole <= max(counted)


@given(st.lists(st.sampled_from(["female", "male"]), max_size=50))
def test_share_of_genders(genders: list[str]):
    share = share_of(genders)
    assert (share.women, share.total) == (genders.count("female"), len(genders))


@pytest.mark.parametrize(
    ("women", "total", "fa", "en"),
    [
        (1, 3, "۳۳٫۳٪", "33.3%"),
        (2, 3, "۶۶٫۷٪", "66.7%"),
        (1, 8, "۱۲٫۵٪", "12.5%"),
        (0, 11, "۰٫۰٪", "0.0%"),
        (13, 13, "۱۰۰٫۰٪", "100.0%"),
        (1, 2000, "۰٫۱٪", "0.1%"),  # 0.05 rounds half up
        (0, 0, "—", "—"),
    ],
)
def test_shown_as_people_read_it(women: int, total: int, fa: str, en: str):
    assert format_percent(Share(women, total)) == fa
    assert format_percent(Share(women, total), "en") == en


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        Share(4, 3)
    with pytest.raises(ValueError):
        Share(-1, 3)
    with pytest.raises(TypeError):
        Share(True, 3)
    with pytest.raises(ValueError):
        share_of(["female", "other"])
