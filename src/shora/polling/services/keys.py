"""The key ceremony: the election's key pair made, its private key split into k-of-n
shares sealed with each holder's passphrase, and then forgotten.

The ceremony happens in one sitting: the holders are in the room and each types a
passphrase on the ceremony screen in turn. The private key exists only in this process's
memory for the length of one request; what is stored is the public key, its fingerprint
(printed on every station's zero report) and the sealed shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from shora.accounts.models import Role, User
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election, Phase
from shora.polling.access import can_make_election_key, require
from shora.polling.errors import PollingError, PollingRefusal
from shora.polling.models import ElectionKey, KeyShareHolding
from shora_domain.election_key import (
    election_keypair_generate,
    key_fingerprint,
    share_seal,
    shares_split,
)
from shora_domain.persian_text import normalize_persian

#: A key is made before polling starts, never during or after.
KEY_CEREMONY_PHASES = (Phase.SETUP, Phase.REGISTRATION, Phase.REVIEW, Phase.READY)


def election_ref(election: Election) -> str:
    """How the election is named inside sealed shares and ballots."""
    return str(election.pk)


def _refuse_holders(election: Election, holders: Sequence[tuple[User, str]]) -> None:
    seen_users: set[int] = set()
    seen_passphrases: set[str] = set()
    for user, passphrase in holders:
        if not user.holds_key_share or user.role not in (Role.PROVINCE_HQ, Role.SUPERVISOR):
            raise PollingError(
                PollingRefusal.KEY_HOLDER_NOT_ALLOWED,
                fa=f"«{user.get_username()}» دارندهٔ سهم کلید این انتخابات نیست.",
                en=f"{user.get_username()} is not a key holder of this election.",
            )
        if user.province_id != election.province_id:
            raise PollingError(
                PollingRefusal.KEY_HOLDER_NOT_ALLOWED,
                fa=f"«{user.get_username()}» از استان دیگری است.",
                en=f"{user.get_username()} belongs to another province.",
            )
        if user.pk in seen_users:
            raise PollingError(
                PollingRefusal.KEY_HOLDER_REPEATED,
                fa=f"«{user.get_username()}» دو بار آمده است؛ هر دارنده یک سهم دارد.",
                en=f"{user.get_username()} is named twice; each holder holds one share.",
            )
        said = normalize_persian(passphrase)
        if said in seen_passphrases:
            raise PollingError(
                PollingRefusal.PASSPHRASE_REPEATED,
                fa="دو دارنده یک گذرواژه را برگزیده‌اند؛ هر کس گذرواژهٔ خود را دارد.",
                en="Two holders chose the same passphrase; each needs their own.",
            )
        seen_users.add(user.pk)
        seen_passphrases.add(said)


@transaction.atomic
def key_ceremony(
    *, actor: Any, election: Election, threshold: int, holders: Sequence[tuple[User, str]]
) -> ElectionKey:
    """Make the election's key; ``holders`` are (user, passphrase) in the order of shares."""
    require(actor is None or can_make_election_key(actor, election))
    election = Election.objects.select_for_update().get(pk=election.pk)
    if ElectionKey.objects.filter(election=election).exists():
        raise PollingError(
            PollingRefusal.KEY_EXISTS,
            fa="کلید این انتخابات پیش‌تر ساخته شده است.",
            en="This election's key has already been made.",
        )
    if election.phase not in KEY_CEREMONY_PHASES:
        raise PollingError(
            PollingRefusal.NOT_POLLING,
            fa="کلید انتخابات تنها پیش از آغاز اخذ رأی ساخته می‌شود.",
            en="The election's key can only be made before polling starts.",
        )
    _refuse_holders(election, holders)
    pair = election_keypair_generate()
    shares = shares_split(pair.private_key, threshold=threshold, holders=len(holders))
    ref = election_ref(election)
    sealed = [
        share_seal(
            share,
            passphrase=passphrase,
            election_ref=ref,
            public_key=pair.public_key,
            threshold=threshold,
            holders=len(holders),
        )
        for share, (_, passphrase) in zip(shares, holders, strict=True)
    ]
    key = ElectionKey.objects.create(
        election=election,
        public_key=pair.public_key,
        fingerprint=key_fingerprint(pair.public_key),
        threshold=threshold,
        holders=len(holders),
        created_at=timezone.now(),
        created_by=actor,
    )
    KeyShareHolding.objects.bulk_create(
        KeyShareHolding(election_key=key, holder=user, index=share.index, sealed=blob)
        for share, (user, _), blob in zip(shares, holders, sealed, strict=True)
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.ELECTION_KEY_CEREMONY,
        target=key,
        unit=f"election:{election.pk}",
        new={
            "fingerprint": key.fingerprint,
            "threshold": threshold,
            "holders": [user.get_username() for user, _ in holders],
        },
    )
    return key
