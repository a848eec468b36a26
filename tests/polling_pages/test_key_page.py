"""The election key's page: who sees it, the ceremony through the form, and every kind of bad
input refused with a clear message, no key made and no passphrase sent back."""

from __future__ import annotations

import html

import pytest

from shora.accounts.services import user_create
from shora.elections.models import Election, Phase
from shora.polling.models import ElectionKey, KeyShareHolding
from shora_domain.election_key import share_open
from tests.conftest import PASSWORD
from tests.polling.conftest import PASSPHRASES, key_holders

pytestmark = pytest.mark.django_db

ALLOWED = {"province_hq", "supervisor"}
ROLES = ("province_hq", "supervisor", "county", "trainer", "district", "station")


def _url(geo):
    return f"/elections/{geo.election.pk}/polling/key/"


def _ceremony_post(holders, passphrases=PASSPHRASES, threshold="2", repeats=None):
    data = {"threshold": threshold, "holders": [str(h.pk) for h in holders]}
    for index, holder in enumerate(holders):
        data[f"passphrase_{holder.pk}"] = passphrases[index]
        data[f"repeat_{holder.pk}"] = (repeats or passphrases)[index]
    return data


@pytest.mark.parametrize("role", ROLES)
def test_only_the_province_s_hq_and_supervisors_open_the_key_page(geo, as_user, role):
    response = as_user(role).get(_url(geo))
    assert response.status_code == (200 if role in ALLOWED else 403)


def test_the_hq_of_another_province_is_refused(geo, as_user):
    from shora.elections.services import province_create

    other = province_create(actor=None, code="07", name="فارس")
    assert as_user("province_hq", province=other).get(_url(geo)).status_code == 403


def test_the_hq_is_offered_the_ceremony_with_the_province_s_key_holders_only(geo, as_user):
    holders = key_holders(geo)
    user_create(
        actor=None, username="county-flagged", password=PASSWORD, role="county",
        county=geo.county_a, holds_key_share=True,
    )  # fmt: skip
    user_create(
        actor=None, username="unflagged-supervisor", password=PASSWORD, role="supervisor",
        province=geo.province,
    )  # fmt: skip
    page = as_user("province_hq").get(_url(geo)).content.decode()
    assert 'data-testid="ceremony-form"' in page
    for holder in holders:
        assert f'data-testid="holder-{holder.username}"' in page
    assert "county-flagged" not in page and "unflagged-supervisor" not in page
    assert page.count('type="password"') == 2 * len(holders)


def test_a_supervisor_reads_but_is_offered_no_ceremony_and_cannot_post_one(geo, as_user):
    holders = key_holders(geo)
    client = as_user("supervisor")
    page = client.get(_url(geo)).content.decode()
    assert 'data-testid="no-key"' in page and "ceremony-form" not in page
    assert client.post(_url(geo), _ceremony_post(holders)).status_code == 403
    assert not ElectionKey.objects.exists()


def test_the_ceremony_through_the_form_makes_a_2_of_3_key_each_share_opening_with_its_passphrase(
    geo, as_user
):
    holders = key_holders(geo)
    client = as_user("province_hq")
    response = client.post(_url(geo), _ceremony_post(holders, threshold="۲"))
    assert response.status_code == 302
    key = ElectionKey.objects.get()
    assert (key.threshold, key.holders, key.created_by) == (2, 3, client.user)
    shares = KeyShareHolding.objects.order_by("index")
    assert [share.holder for share in shares] == holders
    for share, passphrase in zip(shares, PASSPHRASES, strict=True):
        opened = share_open(
            bytes(share.sealed),
            passphrase=passphrase,
            election_ref=str(geo.election.pk),
            public_key=bytes(key.public_key),
        )
        assert opened.index == share.index
    page = client.get(_url(geo)).content.decode()
    assert key.fingerprint in page
    assert "۲" in page and "۳" in page
    assert all(holder.username in page for holder in holders)
    assert "ceremony-form" not in page
    for passphrase in PASSPHRASES:
        assert passphrase not in page


def test_two_of_the_three_holders_with_arabic_digits_in_k(geo, as_user):
    holders = key_holders(geo)
    response = as_user("province_hq").post(
        _url(geo), _ceremony_post(holders[:2], PASSPHRASES[:2], threshold="٢")
    )
    assert response.status_code == 302
    key = ElectionKey.objects.get()
    assert (key.threshold, key.holders) == (2, 2)


LONG = "x" * 1025


@pytest.mark.parametrize(
    ("case", "passphrases", "repeats", "threshold"),
    [
        ("repeated across holders", (PASSPHRASES[0], PASSPHRASES[0], PASSPHRASES[2]), None, "2"),
        (
            "repeated once normalised",
            ("سومین عبارت عبور ۳", "سومین  عبارت عبور 3", PASSPHRASES[1]),
            None,
            "2",
        ),
        ("mismatched repeat", PASSPHRASES, (PASSPHRASES[0], "something else", PASSPHRASES[2]), "2"),
        ("too short", ("short one", *PASSPHRASES[1:]), None, "2"),
        ("short once trimmed", ("   abcdefghijk   ", *PASSPHRASES[1:]), None, "2"),
        ("empty", ("", *PASSPHRASES[1:]), None, "2"),
        ("huge", (LONG, *PASSPHRASES[1:]), None, "2"),
        ("k of 1", PASSPHRASES, None, "1"),
        ("k above n", PASSPHRASES, None, "4"),
        ("k not a number", PASSPHRASES, None, "دو"),
        ("k missing", PASSPHRASES, None, ""),
        ("k huge", PASSPHRASES, None, "9" * 30),
    ],
)  # fmt: skip
def test_bad_ceremony_input_is_refused_makes_nothing_and_echoes_no_passphrase(
    geo, as_user, case, passphrases, repeats, threshold
):
    holders = key_holders(geo)
    response = as_user("province_hq").post(
        _url(geo), _ceremony_post(holders, passphrases, threshold, repeats)
    )
    assert response.status_code == 400, case
    page = response.content.decode()
    assert 'class="errorlist' in page, case
    assert not ElectionKey.objects.exists() and not KeyShareHolding.objects.exists()
    for passphrase in {*passphrases, *(repeats or ())}:
        if passphrase.strip():
            assert f'value="{passphrase}"' not in page
            assert passphrase not in page, case


def test_a_non_holder_cannot_be_slipped_into_the_ceremony(geo, as_user, make_user):
    holders = key_holders(geo)
    county = user_create(
        actor=None, username="county-flagged", password=PASSWORD, role="county",
        county=geo.county_a, holds_key_share=True,
    )  # fmt: skip
    plain = make_user("supervisor", username="plain-supervisor")
    for intruder in (county, plain):
        data = _ceremony_post(
            [holders[0], holders[1], intruder], (*PASSPHRASES[:2], "intruder passphrase 1")
        )
        response = as_user("province_hq").post(_url(geo), data)
        assert response.status_code == 400
        assert "errorlist" in response.content.decode()
    assert not ElectionKey.objects.exists()


def test_fewer_than_two_holders_or_none_is_refused(geo, as_user):
    holders = key_holders(geo)
    client = as_user("province_hq")
    assert client.post(_url(geo), _ceremony_post(holders[:1], PASSPHRASES[:1])).status_code == 400
    assert client.post(_url(geo), {"threshold": "2"}).status_code == 400
    assert not ElectionKey.objects.exists()


def test_a_passphrase_typed_for_a_holder_not_ticked_is_pointed_out(geo, as_user):
    holders = key_holders(geo)
    data = _ceremony_post(holders[:2], PASSPHRASES[:2])
    data[f"passphrase_{holders[2].pk}"] = PASSPHRASES[2]
    response = as_user("province_hq").post(_url(geo), data)
    assert response.status_code == 400
    assert not ElectionKey.objects.exists()


def test_a_second_ceremony_is_refused_with_the_reason_and_the_first_key_kept(geo, as_user):
    holders = key_holders(geo)
    client = as_user("province_hq")
    assert client.post(_url(geo), _ceremony_post(holders)).status_code == 302
    first = ElectionKey.objects.get()
    again = client.post(_url(geo), _ceremony_post(holders, threshold="3"))
    assert again.status_code == 409
    page = again.content.decode()
    assert "کلید این انتخابات پیش‌تر ساخته شده است." in page
    assert first.fingerprint in page
    assert ElectionKey.objects.get() == first
    assert KeyShareHolding.objects.count() == 3


def test_the_refusal_is_in_english_for_an_english_reader(geo, as_user):
    holders = key_holders(geo)
    client = as_user("province_hq")
    client.post(_url(geo), _ceremony_post(holders))
    client.cookies["django_language"] = "en"
    again = client.post(_url(geo), _ceremony_post(holders))
    assert "This election's key has already been made." in html.unescape(again.content.decode())


def test_once_polling_has_begun_no_key_can_be_made(geo, as_user):
    holders = key_holders(geo)
    Election.objects.filter(pk=geo.election.pk).update(phase=Phase.POLLING)
    client = as_user("province_hq")
    page = client.get(_url(geo)).content.decode()
    assert 'data-testid="no-key"' in page and "ceremony-form" not in page
    refused = client.post(_url(geo), _ceremony_post(holders))
    assert refused.status_code == 409
    assert "کلید انتخابات تنها پیش از آغاز اخذ رأی ساخته می‌شود." in refused.content.decode()
    assert not ElectionKey.objects.exists()


def test_without_flagged_users_the_hq_is_told_how_to_get_holders(geo, as_user):
    page = as_user("province_hq").get(_url(geo)).content.decode()
    assert 'data-testid="no-holders"' in page
    assert "--key-holder" in page
