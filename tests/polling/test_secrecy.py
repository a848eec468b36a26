"""Secrecy, read off the schema, the stored rows and the logs: nothing links a voter to a
ballot; ballot and token ids are random; no ballot time is finer than the hour; while the
polls are open the centre holds only ciphertexts."""

from __future__ import annotations

import json
import logging

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from shora.audit.models import AuditEvent
from shora.polling.models import Ballot, BallotToken, Participation, ProvisionalOutcome
from shora.registers.models import Voter
from tests.polling.api_calls import ballot_entry, claim, send_batch

pytestmark = pytest.mark.django_db

BALLOT_SIDE = {
    "polling.ballot",
    "polling.ballottoken",
    "polling.forwardedbatch",
    "polling.provisionaloutcome",
}
VOTER_SIDE = {"registers.voter", "polling.participation"}


def _related(model: type[models.Model]) -> set[str]:
    return {
        f.related_model._meta.label_lower
        for f in model._meta.get_fields()
        if f.is_relation and f.related_model is not None and f.concrete
    }


def test_no_table_of_the_ballot_side_refers_to_the_voter_side_or_back():
    for model in apps.get_app_config("polling").get_models():
        label = model._meta.label_lower
        related = _related(model)
        if label in BALLOT_SIDE:
            assert not related & VOTER_SIDE, (label, related)
        if label in VOTER_SIDE:
            assert not related & BALLOT_SIDE, (label, related)


def test_the_database_columns_of_ballots_and_tokens_hold_no_fine_time_and_no_serial_id():
    with connection.cursor() as cursor:
        for model in (Ballot, BallotToken, ProvisionalOutcome):
            table = model._meta.db_table
            columns = connection.introspection.get_table_description(cursor, table)
            names = {column.name for column in columns}
            assert "voter_id" not in names and "participation_id" not in names
            time_columns = {
                f.column for f in model._meta.concrete_fields if isinstance(f, models.DateTimeField)
            }
            assert time_columns <= {"hour", "issued_hour"}, (table, time_columns)
            assert isinstance(model._meta.pk, models.UUIDField)
    participation_fields = {f.name for f in Participation._meta.concrete_fields}
    assert not {"token", "ballot", "token_hash", "receipt_code"} & participation_fields


def test_after_a_day_of_voting_no_row_log_or_audit_event_ties_a_voter_to_a_ballot(
    day, device, caplog
):
    caplog.set_level(logging.DEBUG)
    voters = day.add_voters(day.geo.city_a, 5)
    entries = []
    for voter in voters:
        token = claim(device, voter.national_code).json()["token"]
        entries.append(ballot_entry(day, token, day.geo.city_a))
    assert send_batch(device, 1, entries).json()["stored"] == 5

    ballots = list(Ballot.objects.all())
    ids = sorted(str(b.id) for b in ballots)
    assert all(b.id.version == 4 for b in ballots)
    assert len(set(ids)) == 5
    for row in (*ballots, *BallotToken.objects.all(), *Participation.objects.all()):
        moment = getattr(row, "hour", None) or row.issued_hour
        assert timezone.localtime(moment).minute == 0 and moment.second == 0
    # ciphertexts only: no candidate code appears in what the centre stored
    for ballot in ballots:
        assert b"shora-cast" not in bytes(ballot.sealed)

    national_codes = [v.national_code for v in voters]
    receipts = [e["receipt_code"] for e in entries]
    tokens = [e["token"] for e in entries]
    logged = "\n".join(record.getMessage() for record in caplog.records)
    audited = json.dumps(list(AuditEvent.objects.values("old", "new", "target_id")), default=str)
    for text in (logged, audited):
        for secret in (*national_codes, *receipts, *tokens):
            assert secret not in text
    assert Voter.objects.filter(national_code__in=national_codes).count() == 5


def test_what_the_centre_holds_opens_only_with_k_shares_and_then_reads_as_cast(day, device):
    from shora.polling.models import KeyShareHolding
    from shora_domain.ballot_choices import cast_ballot_from_bytes
    from shora_domain.ballot_sealing import ballot_context, ballot_open
    from shora_domain.election_key import share_open, shares_combine
    from shora_domain.errors import DomainError
    from tests.polling.conftest import PASSPHRASES

    voter = day.add_voters(day.geo.city_a, 1)[0]
    token = claim(device, voter.national_code).json()["token"]
    entry = ballot_entry(day, token, day.geo.city_a)
    assert send_batch(device, 1, [entry]).json()["stored"] == 1
    sealed = bytes(Ballot.objects.get().sealed)
    key = day.election.polling_key
    context = ballot_context(str(day.election.pk), day.geo.city_a.code)
    shares = [
        share_open(
            bytes(holding.sealed),
            passphrase=passphrase,
            election_ref=str(day.election.pk),
            public_key=bytes(key.public_key),
        )
        for holding, passphrase in zip(
            KeyShareHolding.objects.order_by("index"), PASSPHRASES, strict=True
        )
    ]
    with pytest.raises(DomainError):
        shares_combine(shares[:1], threshold=2)
    private = shares_combine(shares[1:], threshold=2)
    cast = cast_ballot_from_bytes(ballot_open(sealed, private, context=context))
    assert cast.constituency_code == day.geo.city_a.code
    assert len(cast.choices) == 1
    with pytest.raises(DomainError):
        ballot_open(sealed, private, context=ballot_context(str(day.election.pk), "2001"))
