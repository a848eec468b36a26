"""The audit chain as stored: every service writes a numbered, chained event; tampering is found."""

from __future__ import annotations

import itertools
import threading

import pytest
from django.db import connection, connections

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.cli import main as shora
from shora.elections.services import district_create, election_settings_update
from shora_domain.audit_chain import ChainProblemKind


def _kinds_at(number: int) -> set[ChainProblemKind]:
    _, problems = audit_chain_problems()
    return {p.kind for p in problems if p.number == number}


def test_every_service_wrote_a_chained_event(geo):
    events = list(AuditEvent.objects.order_by("number"))
    assert [e.number for e in events] == list(range(1, len(events) + 1))
    assert len(events) >= 11  # province, election, counties, districts, councils, stations
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.event_hash
    assert audit_chain_problems() == (len(events), [])


def test_settings_change_records_old_and_new_values(geo):
    election_settings_update(actor=None, election=geo.election, changes={"appeal_days": 5})
    event = AuditEvent.objects.order_by("-number").first()
    assert event.event_type == AuditEventType.ELECTION_SETTINGS_CHANGED
    assert event.old == {"appeal_days": 4}
    assert event.new == {"appeal_days": 5}
    assert event.target_id == str(geo.election.pk)


def test_an_edited_event_is_named(geo):
    AuditEvent.objects.filter(number=5).update(new={"name": "forged"})
    assert ChainProblemKind.EDITED in _kinds_at(5)


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link(geo):
    from shora.audit.services import audit_payload
    from shora_domain.audit_chain import event_hash

    event = AuditEvent.objects.get(number=4)
    event.new = {"name": "forged"}
    event.event_hash = event_hash(
        number=4, previous_hash=event.previous_hash, payload=audit_payload(event)
    )
    event.save()
    assert _kinds_at(4) == set()
    assert ChainProblemKind.BROKEN_LINK in _kinds_at(5)


def test_a_removed_event_is_named(geo):
    AuditEvent.objects.filter(number=6).delete()
    _, problems = audit_chain_problems()
    assert any(p.kind == ChainProblemKind.MISSING and p.number == 6 for p in problems)


def test_a_removed_last_event_is_found_through_the_chain_head(geo):
    last = AuditEvent.objects.order_by("-number").first()
    last.delete()
    _, problems = audit_chain_problems()
    assert [(p.number, p.kind) for p in problems] == [(last.number, ChainProblemKind.MISSING)]


def test_reordered_events_are_found(geo):
    a, b = AuditEvent.objects.get(number=3), AuditEvent.objects.get(number=7)
    # swap their content and hashes, keeping the numbers: the order of the log changed
    AuditEvent.objects.filter(pk=a.pk).update(number=1_000_000)
    AuditEvent.objects.filter(pk=b.pk).update(number=3)
    AuditEvent.objects.filter(pk=a.pk).update(number=7)
    _, problems = audit_chain_problems()
    assert {p.number for p in problems} >= {3, 7}


def test_cli_audit_verify_exit_codes(geo, capsys):
    assert shora(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    AuditEvent.objects.filter(number=2).update(actor_name="someone-else")
    assert shora(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "event #2" in out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_services_get_consecutive_numbers_and_one_chain(geo):
    """Eight threads create districts at once (nothing shared but the chain head): the chain
    stays whole, with no number twice."""
    assert connection.vendor == "postgresql"
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def change(worker: int) -> None:
        try:
            barrier.wait()
            for step in range(5):
                district_create(
                    actor=None,
                    county=geo.county_b,
                    code=f"9{worker}{step}",
                    name=f"بخش {worker}-{step}",
                )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=change, args=(n,)) for n in range(8)]
    before = AuditEvent.objects.count()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.count() == before + 40
    assert audit_chain_problems()[1] == []
