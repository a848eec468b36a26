"""The key ceremony: a public key, k-of-n shares each sealed with its holder's passphrase,
the private key itself stored nowhere; and no polling without it."""

from __future__ import annotations

import pytest

from shora.accounts.services import user_create
from shora.audit.models import AuditEvent
from shora.elections.gates import phase_gate_problems
from shora.elections.models import Election, Phase
from shora.polling.models import ElectionKey, KeyShareHolding
from shora.polling.services.keys import key_ceremony
from shora_domain.election_key import private_key_matches, share_open, shares_combine
from shora_domain.errors import DomainError
from tests.conftest import PASSWORD
from tests.polling.conftest import PASSPHRASES, key_holders

pytestmark = pytest.mark.django_db


def _ceremony(geo, holders, passphrases=PASSPHRASES, threshold=2, actor=None):
    return key_ceremony(
        actor=actor,
        election=geo.election,
        threshold=threshold,
        holders=list(zip(holders, passphrases, strict=True)),
    )


def test_any_two_of_three_shares_rebuild_the_key_and_nothing_else_is_stored(geo):
    holders = key_holders(geo)
    key = _ceremony(geo, holders)
    public = bytes(key.public_key)
    opened = [
        share_open(
            bytes(holding.sealed),
            passphrase=passphrase,
            election_ref=str(geo.election.pk),
            public_key=public,
        )
        for holding, passphrase in zip(
            KeyShareHolding.objects.order_by("index"), PASSPHRASES, strict=True
        )
    ]
    for pair in ((0, 1), (1, 2), (0, 2)):
        private = shares_combine([opened[i] for i in pair], threshold=2)
        assert private_key_matches(private, public)
    with pytest.raises(DomainError):
        shares_combine(opened[:1], threshold=2)
    event = AuditEvent.objects.get(event_type=801)
    assert event.new["fingerprint"] == key.fingerprint
    assert event.new["holders"] == ["holder0", "holder1", "holder2"]
    assert [h.holder.username for h in KeyShareHolding.objects.order_by("index")] == event.new[
        "holders"
    ]


def test_a_share_does_not_open_with_another_holders_passphrase(geo):
    key = _ceremony(geo, key_holders(geo))
    first = KeyShareHolding.objects.get(index=1)
    with pytest.raises(DomainError):
        share_open(
            bytes(first.sealed),
            passphrase=PASSPHRASES[1],
            election_ref=str(geo.election.pk),
            public_key=bytes(key.public_key),
        )


def test_who_may_hold_a_share(geo, make_user):
    holders = key_holders(geo)
    county = user_create(
        actor=None, username="county-holder", password=PASSWORD, role="county",
        county=geo.county_a, holds_key_share=True,
    )  # fmt: skip
    not_flagged = make_user("supervisor", username="plain-supervisor")
    for wrong in (county, not_flagged):
        with pytest.raises(DomainError) as refused:
            _ceremony(geo, [holders[0], holders[1], wrong])
        assert refused.value.code.value == "polling.key_holder_not_allowed"
    with pytest.raises(DomainError) as repeated:
        _ceremony(geo, [holders[0], holders[1], holders[0]])
    assert repeated.value.code.value == "polling.key_holder_repeated"
    with pytest.raises(DomainError) as same:
        _ceremony(geo, holders, passphrases=(PASSPHRASES[0], PASSPHRASES[0], PASSPHRASES[2]))
    assert same.value.code.value == "polling.passphrase_repeated"
    with pytest.raises(DomainError):
        _ceremony(geo, holders, passphrases=("short", PASSPHRASES[1], PASSPHRASES[2]))
    with pytest.raises(DomainError):
        _ceremony(geo, holders, threshold=4)
    assert not ElectionKey.objects.exists()
    assert not KeyShareHolding.objects.exists()


def test_one_ceremony_per_election_and_only_before_polling(geo):
    holders = key_holders(geo)
    _ceremony(geo, holders)
    with pytest.raises(DomainError) as again:
        _ceremony(geo, holders)
    assert again.value.code.value == "polling.key_exists"
    assert ElectionKey.objects.count() == 1


def test_no_key_after_polling_started(geo):
    Election.objects.filter(pk=geo.election.pk).update(phase=Phase.POLLING)
    geo.election.refresh_from_db()
    with pytest.raises(DomainError) as late:
        _ceremony(geo, key_holders(geo))
    assert late.value.code.value == "polling.not_polling"


def test_the_polling_gate_asks_for_the_key(geo):
    codes = [p.code for p in phase_gate_problems(geo.election, Phase.POLLING)]
    assert "no_election_key" in codes
    _ceremony(geo, key_holders(geo))
    codes = [p.code for p in phase_gate_problems(geo.election, Phase.POLLING)]
    assert "no_election_key" not in codes


def test_only_the_provincial_hq_runs_the_ceremony(geo, make_user):
    from django.core.exceptions import PermissionDenied

    holders = key_holders(geo)
    for role in ("supervisor", "county"):
        with pytest.raises(PermissionDenied):
            _ceremony(geo, holders, actor=make_user(role, username=f"not-hq-{role}"))
    key = _ceremony(geo, holders, actor=make_user("province_hq"))
    assert AuditEvent.objects.get(event_type=801).actor_name == "province_hq"
    assert key.created_by.username == "province_hq"


def test_passphrases_equal_once_normalised_are_the_same_passphrase(geo):
    with pytest.raises(DomainError) as same:
        _ceremony(
            geo,
            key_holders(geo),
            passphrases=("عبارت عبور شمارهٔ ۳", "عبارت عبور شمارهٔ 3", PASSPHRASES[2]),
        )
    assert same.value.code.value == "polling.passphrase_repeated"
