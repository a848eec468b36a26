"""A trainer's drill for one station team: the page gives the enrolment code and starts
the clock, the team drills on the real station code, the run ends at the close."""

from __future__ import annotations

import re

import pytest
from django.db import transaction

from shora.audit.models import AuditEvent
from shora.drills.centre_server import CentreServer
from shora.drills.errors import DrillError
from shora.drills.models import DrillKind, DrillRun
from shora.drills.preparation import drill_prepare
from shora.drills.services import drill_run_begin, drill_start, drill_station_reset
from shora.drills.trainer_runs import drill_close_call, drill_run_stop
from shora.polling.models import StationDay, StationDevice
from shora.registers.models import Voter
from shora.station.centre_client import centre_client_of
from shora.station.enrolment import station_enrol
from shora.station.identity_desk import voter_claim
from shora.station.journal import Journal
from shora.station.station_day import station_close, station_open
from shora.station.voting import ballot_cast
from shora_domain.digits import to_latin_digits, to_persian_digits


@pytest.fixture
def prepared(drill_geo):
    drill_prepare(
        actor=None,
        election=drill_geo.election,
        county=drill_geo.county_a,
        voters_per_constituency=6,
    )
    return drill_geo


def _start(client, geo, station):
    return client.post(
        f"/elections/{geo.election.pk}/drills/start/",
        {"station": to_persian_digits(str(station.pk))},
    )


def _code(page: str) -> str:
    block = page.split('data-testid="enrolment-code"')[1]
    found = re.search(r"<strong[^>]*>([^<]+)</strong>", block)
    assert found
    return to_latin_digits(found.group(1))


def _team_day(geo, code: str, url: str, tmp_path, voters: int) -> Journal:
    """What the station team does on its console, by the console's own code."""
    journal = station_enrol(
        journal_path=tmp_path / "station.journal",
        centre_url=url,
        code=code,
        console_password="a-long-console-password",
    )
    client = centre_client_of(journal)
    chair, secretary = _roster(geo.station_a1)
    station_open(journal, client, chair=chair, staff_present=[chair, secretary])
    for voter in Voter.objects.filter(constituency=geo.city_a).order_by("pk")[:voters]:
        ticket = voter_claim(
            journal,
            client,
            national_code=voter.national_code,
            document="national_card",
            fingerprint="match",
        )
        ballot_cast(journal, ticket=ticket.ticket, keyed=[])
    return journal


def _roster(station) -> tuple[str, str]:
    from shora.boards.models import StaffPost

    posts = StaffPost.objects.filter(station=station).select_related("person").order_by("role")
    by_role = {post.role: post.person.national_code for post in posts}
    return by_role["station_chair"], by_role["secretary"]


def test_a_trainers_drill_from_the_page_to_the_close(prepared, client_as, tmp_path) -> None:
    geo = prepared
    trainer = client_as("trainer")
    response = _start(trainer, geo, geo.station_a1)
    assert response.status_code == 200
    page = response.content.decode()
    code = _code(page)
    script = page.split('data-testid="script"')[1].split("</ol>")[0]
    assert script.count("<li>") == 12  # a dozen voters of the register the start made
    run = DrillRun.objects.get()
    assert run.kind == DrillKind.TRAINER and run.finished_at is None
    assert run.participants.count() == 2
    assert run.started_by.username == "trainer"

    with CentreServer() as centre:
        journal = _team_day(geo, code, centre.url, tmp_path, voters=3)
        trainer.post(f"/elections/{geo.election.pk}/drills/runs/{run.pk}/close-call/")
        station_close(journal, centre_client_of(journal), early_confirmed=True)

    # the run ends when its page (or the list) sees the centre's closing
    page = trainer.get(f"/elections/{geo.election.pk}/drills/runs/{run.pk}/").content.decode()
    run.refresh_from_db()
    assert run.finished_at is not None
    assert run.voters == 3
    assert run.seconds_to_open is not None and run.seconds_to_close is not None
    assert run.seconds_per_voter is not None and run.errors == 0
    assert run.score == 100 and run.passed
    assert 'data-testid="score"' in page and "۱۰۰" in page
    assert "enrolment-code" not in page  # the code is shown once only


def test_a_second_drill_while_one_runs_is_refused(prepared, client_as) -> None:
    geo = prepared
    trainer = client_as("trainer")
    assert _start(trainer, geo, geo.station_a1).status_code == 200
    response = _start(trainer, geo, geo.station_a1)
    assert response.status_code == 302
    assert DrillRun.objects.count() == 1
    page = trainer.get(response["Location"]).content.decode()
    assert "هنوز در جریان است" in page


def test_a_new_drill_resets_the_station_after_a_finished_one(prepared, client_as, tmp_path):
    geo = prepared
    trainer = client_as("trainer")
    code = _code(_start(trainer, geo, geo.station_a1).content.decode())
    with CentreServer() as centre:
        _team_day(geo, code, centre.url, tmp_path, voters=2)
    first = DrillRun.objects.get()
    trainer.post(f"/elections/{geo.election.pk}/drills/runs/{first.pk}/stop/")
    first.refresh_from_db()
    assert first.finished_at is not None and first.error_kinds == {"ended_before_the_close": 1}
    assert first.seconds_to_close is None and not first.passed

    assert _start(trainer, geo, geo.station_a1).status_code == 200
    assert not StationDay.objects.filter(station=geo.station_a1).exists()
    assert not StationDevice.objects.filter(station=geo.station_a1).exists()
    reset = AuditEvent.objects.filter(event_type=1203).get()
    assert reset.old["participations"] == 2 and reset.old["station_days"] == 1


def test_a_trainer_of_another_county_is_refused(prepared, client_as) -> None:
    geo = prepared
    other = client_as("trainer", county=geo.county_b)
    assert _start(other, geo, geo.station_a1).status_code == 403
    assert not DrillRun.objects.exists()
    run = drill_start(actor=None, station=geo.station_a1).run if False else None
    assert run is None


def test_services_refuse_the_wrong_actor_and_a_finished_run(prepared, make_user) -> None:
    geo = prepared
    other = make_user("trainer", username="other", county=geo.county_b)
    supervisor = make_user("supervisor")
    with pytest.raises(Exception) as refused:
        drill_start(actor=other, station=geo.station_a1)
    assert refused.type.__name__ == "PermissionDenied"
    with pytest.raises(Exception) as refused:
        drill_start(actor=supervisor, station=geo.station_a1)
    assert refused.type.__name__ == "PermissionDenied"
    mine = make_user("trainer", username="mine")
    run = drill_start(actor=mine, station=geo.station_a1).run
    with pytest.raises(Exception) as refused:
        drill_close_call(actor=other, run=run)
    assert refused.type.__name__ == "PermissionDenied"
    drill_run_stop(actor=mine, run=run)
    with pytest.raises(DrillError) as ended:
        drill_run_stop(actor=mine, run=run)
    assert ended.value.code.value == "drills.not_running"
    with pytest.raises(DrillError):
        drill_close_call(actor=mine, run=run)


def test_a_running_drill_station_cannot_be_reset(prepared) -> None:
    geo = prepared
    drill_start(actor=None, station=geo.station_a1) if False else None

    with transaction.atomic():
        drill_run_begin(actor=None, station=geo.station_a1, kind=DrillKind.SIMULATED)
    with pytest.raises(DrillError) as refused:
        drill_station_reset(actor=None, station=geo.station_a1)
    assert refused.value.code.value == "drills.already_running"


def test_drill_pages_are_not_found_on_a_real_election(geo, client_as) -> None:
    hq = client_as("province_hq")
    assert hq.get(f"/elections/{geo.election.pk}/drills/").status_code == 404
    response = hq.post(
        f"/elections/{geo.election.pk}/drills/start/", {"station": geo.station_a1.pk}
    )
    assert response.status_code == 404
    assert not DrillRun.objects.exists()


@pytest.mark.parametrize("typed", ["", "abc", "999999", "١٢٣٤٥٦"])
def test_a_bad_station_is_not_found(prepared, client_as, typed) -> None:
    response = client_as("trainer").post(
        f"/elections/{prepared.election.pk}/drills/start/", {"station": typed}
    )
    assert response.status_code == 404
    assert not DrillRun.objects.exists()


def test_the_supervisory_board_reads_but_does_not_start_or_end(prepared, client_as) -> None:
    geo = prepared
    run = drill_start(actor=None, station=geo.station_a1).run
    supervisor = client_as("supervisor")
    base = f"/elections/{geo.election.pk}/drills"
    assert supervisor.get(f"{base}/runs/{run.pk}/").status_code == 200
    assert _start(supervisor, geo, geo.station_a2).status_code == 403
    assert supervisor.post(f"{base}/runs/{run.pk}/stop/").status_code == 403
    assert supervisor.post(f"{base}/runs/{run.pk}/close-call/").status_code == 403
    run.refresh_from_db()
    assert run.finished_at is None and "close_called_at" not in run.measures
    assert DrillRun.objects.count() == 1


def test_another_countys_trainer_cannot_end_or_call_the_close(prepared, client_as) -> None:
    geo = prepared
    run = drill_start(actor=None, station=geo.station_a1).run
    other = client_as("trainer", county=geo.county_b)
    base = f"/elections/{geo.election.pk}/drills/runs/{run.pk}"
    assert other.get(f"{base}/").status_code == 403
    assert other.post(f"{base}/stop/").status_code == 403
    assert other.post(f"{base}/close-call/").status_code == 403
    run.refresh_from_db()
    assert run.finished_at is None


def test_calling_the_close_twice_keeps_the_first_moment(prepared, client_as) -> None:
    geo = prepared
    trainer = client_as("trainer")
    run = drill_start(actor=None, station=geo.station_a1).run
    base = f"/elections/{geo.election.pk}/drills/runs/{run.pk}"
    assert trainer.post(f"{base}/close-call/").status_code == 302
    run.refresh_from_db()
    first = run.measures["close_called_at"]
    trainer.post(f"{base}/close-call/")
    run.refresh_from_db()
    assert run.measures["close_called_at"] == first


def test_a_new_start_voids_the_earlier_code_never_used(prepared, tmp_path) -> None:
    geo = prepared
    first = drill_start(actor=None, station=geo.station_a1)
    drill_run_stop(actor=None, run=first.run)
    drill_start(actor=None, station=geo.station_a1)
    with CentreServer() as centre, pytest.raises(Exception) as refused:
        station_enrol(
            journal_path=tmp_path / "late.journal",
            centre_url=centre.url,
            code=first.enrolment_code,
            console_password="a-long-console-password",
        )
    assert "enrolment code" in str(refused.value)
