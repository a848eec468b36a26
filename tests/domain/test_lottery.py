"""The tie lottery: a seed fixed from published values, a draw anyone can redo with OpenSSL."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.errors import DomainError
from shora_domain.lottery import (
    LotteryDraw,
    LotteryRefusal,
    lottery_draw,
    lottery_seed,
    lottery_seed_check,
)

ROOT_A = "a" * 64
ROOT_B = "0" * 63 + "1"
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()

# The test vectors below were computed with OpenSSL 3.0 in a shell, not with Python:
#
#   R=$(printf 'a%.0s' $(seq 64))
#   printf '%s' '{"announced":"1234","constituency_code":"1001","election_ref":"E1",'\
#   '"format":"shora-lottery-seed/1","receipts_roots":["'$R'"]}' | openssl dgst -sha256
#
#   printf '%s' 101 | openssl dgst -sha256 -mac HMAC -macopt hexkey:$SEED   (and 117, …)
SEED = "f9633a8d85f57ed999e2e3f4036c2fd4458a527db9143ebcc466772a6a38231b"
SEED_PERSIAN = "b625a5722ea782b927dd65ce940fba92f410791c62b10a7a93acc0de31b775fb"
HMACS = {
    "117": "00f8d781adebf422115f67f87afa926ef086364afe47791d0b2bb51d9a24fc0f",
    "125": "08856bf4bf0331c52b3410062565bad18445e14cc62e5b4a49ad532570a0f3b7",
    "101": "2f7d1a5bb71de3c7ee4eb01708ffa650f769e0b3350b450f13ee3b1566cfcedf",
    "149": "4010b50f18a5e3b5b794baa5c76d0a56fd65e3126f3ae74483589cb6acf5a559",
    "130": "ee642d0aa5474cb463c81ca6d7c637981c8c3ab3c7c833f427cb0fe1edb6d9a5",
}


def seed_of(**changes: object) -> str:
    values: dict[str, object] = {
        "election_ref": "E1",
        "constituency_code": "1001",
        "receipts_roots": [ROOT_A],
        "announced": "1234",
    }
    values.update(changes)
    return lottery_seed(**values)  # type: ignore[arg-type]


def refusal(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    assert caught.value.fa and caught.value.en
    return caught.value


# ----- the seed -----


def test_the_seed_is_the_openssl_vector():
    assert seed_of() == SEED


def test_the_seed_with_persian_text_and_two_roots_is_the_openssl_vector():
    # announced "قرعه 1405"; the roots are sorted before hashing
    seed = lottery_seed(
        election_ref="khuzestan-1405",
        constituency_code="1001",
        receipts_roots=[ROOT_A, ROOT_B],
        announced="قرعه ۱۴۰۵",
    )
    assert seed == SEED_PERSIAN


def test_the_announced_value_is_read_in_any_digits_and_without_surrounding_spaces():
    assert seed_of(announced=" ۱۲۳۴\n") == SEED
    assert seed_of(announced="١٢٣٤") == SEED
    assert seed_of(announced="12 34") != SEED  # spaces inside are part of the value


def test_the_order_of_the_roots_does_not_matter_but_a_repeated_root_counts():
    assert seed_of(receipts_roots=[ROOT_A, ROOT_B]) == seed_of(receipts_roots=(ROOT_B, ROOT_A))
    two_empty = seed_of(receipts_roots=[EMPTY_ROOT, EMPTY_ROOT])  # two stations, no ballot
    assert two_empty != seed_of(receipts_roots=[EMPTY_ROOT])


@pytest.mark.parametrize(
    "change",
    [
        {"election_ref": "E2"},
        {"constituency_code": "1002"},
        {"receipts_roots": [ROOT_B]},
        {"receipts_roots": [ROOT_A, ROOT_B]},
        {"receipts_roots": []},
        {"announced": "1235"},
    ],
)
def test_every_published_value_moves_the_seed(change):
    assert seed_of(**change) != SEED


@given(st.text(min_size=1, max_size=40), st.text(min_size=1, max_size=40))
def test_a_different_announced_value_changes_the_seed(first, second):
    def cleaned(text: str) -> str:
        return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)).strip()

    if not cleaned(first) or not cleaned(second):
        return
    same = seed_of(announced=first) == seed_of(announced=second)
    assert same == (cleaned(first) == cleaned(second))


@pytest.mark.parametrize("announced", ["", "   ", "\u3000\n", None, 1234])
def test_an_empty_announced_value_is_refused(announced):
    assert refusal(seed_of, announced=announced).code is LotteryRefusal.EMPTY_ANNOUNCED


@pytest.mark.parametrize(
    "root",
    [
        "A" * 64,  # upper case
        "a" * 63,
        "a" * 65,
        "g" * 64,
        "",
        "۱" * 64,  # Persian digits
        " " + "a" * 63,
        "a" * 64 + "\n",
        None,
        b"a" * 64,
        "a" * 100_000,
    ],
)
def test_a_malformed_root_is_refused(root):
    error = refusal(seed_of, receipts_roots=[ROOT_A, root])
    assert error.code is LotteryRefusal.BAD_ROOT


@pytest.mark.parametrize("roots", [ROOT_A, ROOT_A.encode(), None, {ROOT_A}])
def test_roots_that_are_no_list_are_refused(roots):
    assert refusal(seed_of, receipts_roots=roots).code is LotteryRefusal.MALFORMED


@pytest.mark.parametrize("change", [{"election_ref": None}, {"constituency_code": 1001}])
def test_an_election_or_constituency_that_is_no_text_is_refused(change):
    assert refusal(seed_of, **change).code is LotteryRefusal.MALFORMED


# ----- the draw -----


def test_the_draw_is_the_openssl_vector():
    draw = lottery_draw(SEED, ["101", "117", "125", "130", "149"])
    assert draw == LotteryDraw(
        seed=SEED,
        items=("101", "117", "125", "130", "149"),
        order=("117", "125", "101", "149", "130"),
    )
    assert list(draw.order) == sorted(HMACS, key=HMACS.__getitem__)


def test_the_draw_is_python_hmac_with_the_seed_bytes_as_key():
    for item, digest in HMACS.items():
        assert hmac.new(bytes.fromhex(SEED), item.encode(), "sha256").hexdigest() == digest


def test_the_items_are_kept_as_given():
    draw = lottery_draw(SEED, ("149", "101"))
    assert draw.items == ("149", "101")
    assert draw.order == ("101", "149")


def test_no_items_and_one_item():
    assert lottery_draw(SEED, []).order == ()
    assert lottery_draw(SEED, ["101"]).order == ("101",)


def test_another_seed_draws_another_order():
    items = [str(n) for n in range(100, 120)]
    assert lottery_draw(SEED, items).order != lottery_draw(SEED_PERSIAN, items).order


@pytest.mark.parametrize(
    "seed",
    ["", SEED.upper(), SEED[:-1], SEED + "0", "z" * 64, " " + SEED[1:], None, bytes(32)],
)
def test_a_malformed_seed_is_refused(seed):
    assert refusal(lottery_draw, seed, ["101"]).code is LotteryRefusal.BAD_SEED
    assert refusal(lottery_seed_check, seed).code is LotteryRefusal.BAD_SEED


def test_a_well_formed_seed_passes_the_check():
    lottery_seed_check(SEED)


@pytest.mark.parametrize("items", [["101", "117", "101"], ("", "")])
def test_repeated_items_are_refused(items):
    assert refusal(lottery_draw, SEED, items).code is LotteryRefusal.REPEATED_ITEM


@pytest.mark.parametrize("items", ["101117", b"101", [101, 117], ["101", None], ["\ud800"]])
def test_items_that_are_no_texts_are_refused(items):
    assert refusal(lottery_draw, SEED, items).code is LotteryRefusal.MALFORMED


seeds = st.binary(min_size=32, max_size=32).map(bytes.hex)
item_lists = st.lists(st.text(max_size=8), unique=True, max_size=30)


@given(seeds, item_lists)
def test_the_same_seed_and_items_draw_the_same_order(seed, items):
    assert lottery_draw(seed, items) == lottery_draw(seed, list(items))


@given(seeds, item_lists, st.randoms(use_true_random=False))
def test_the_order_is_a_permutation_that_ignores_the_order_given(seed, items, rng):
    shuffled = list(items)
    rng.shuffle(shuffled)
    order = lottery_draw(seed, items).order
    assert sorted(order) == sorted(items)
    assert lottery_draw(seed, shuffled).order == order


@given(seeds, item_lists, st.data())
def test_drawing_some_of_the_items_keeps_their_order_in_the_draw_of_all(seed, items, data):
    some = data.draw(st.lists(st.sampled_from(items), unique=True) if items else st.just([]))
    whole = lottery_draw(seed, items).order
    assert lottery_draw(seed, some).order == tuple(item for item in whole if item in some)
