"""The election's phase moves forward through gates; settings are checked and audited."""

from __future__ import annotations

import datetime

import pytest

from shora.audit.models import AuditEvent
from shora.elections.errors import ElectionRefusal, PhaseGateError
from shora.elections.models import Election
from shora.elections.services import (
    constituency_create,
    constituency_size_override,
    election_create,
    election_phase_advance,
    election_settings_update,
    station_create,
)
from shora_domain.errors import DomainError


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_setup_moves_to_registration_when_nothing_is_missing(geo):
    election_phase_advance(actor=None, election=geo.election, to_phase="registration")
    geo.election.refresh_from_db()
    assert geo.election.phase == "registration"
    event = AuditEvent.objects.order_by("-number").first()
    assert (event.old, event.new) == ({"phase": "setup"}, {"phase": "registration"})


def test_the_gate_lists_every_constituency_without_a_station(geo):
    orphan = constituency_create(
        actor=None,
        election=geo.election,
        district=geo.district_a2,
        code="1003",
        kind="village",
        name="بی‌شعبه",
        population=300,
    )
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=geo.election, to_phase="registration")
    )
    assert isinstance(error, PhaseGateError)
    assert [p.code for p in error.problems] == ["constituency_without_station"]
    assert orphan.code in error.problems[0].en
    geo.election.refresh_from_db()
    assert geo.election.phase == "setup"


def test_an_empty_election_cannot_leave_setup(geo):
    empty = election_create(
        actor=None,
        province=geo.province,
        name="خالی",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
    )
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=empty, to_phase="registration")
    )
    assert "no_constituencies" in [p.code for p in error.problems]


def test_a_phase_moved_backwards_is_refused_and_nothing_changes(geo):
    election_phase_advance(actor=None, election=geo.election, to_phase="registration")
    events = AuditEvent.objects.count()
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=geo.election, to_phase="setup")
    )
    assert error.code == ElectionRefusal.PHASE_BACKWARDS
    assert "رو به جلو" in error.fa
    assert AuditEvent.objects.count() == events


def test_phases_cannot_be_skipped(geo):
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=geo.election, to_phase="review")
    )
    assert error.code == ElectionRefusal.PHASE_SKIPPED


def test_an_unknown_phase_is_refused(geo):
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=geo.election, to_phase="finished")
    )
    assert error.code == ElectionRefusal.PHASE_BACKWARDS


def test_tallied_needs_a_tally(geo):
    Election.objects.filter(pk=geo.election.pk).update(phase="closed")
    error = _refusal(
        lambda: election_phase_advance(actor=None, election=geo.election, to_phase="tallied")
    )
    assert [p.code for p in error.problems] == ["no_tally"]


def test_polling_hours_below_the_minimum_are_refused(geo):
    error = _refusal(
        lambda: election_settings_update(
            actor=None, election=geo.election, changes={"closes_at": datetime.time(16)}
        )
    )
    assert error.code == ElectionRefusal.POLLING_HOURS_TOO_SHORT
    geo.election.refresh_from_db()
    assert geo.election.closes_at == datetime.time(18)


def test_settings_freeze_once_review_begins(geo):
    Election.objects.filter(pk=geo.election.pk).update(phase="review")
    error = _refusal(
        lambda: election_settings_update(
            actor=None, election=geo.election, changes={"appeal_days": 7}
        )
    )
    assert error.code == ElectionRefusal.SETTINGS_FROZEN


def test_an_unknown_setting_is_refused(geo):
    error = _refusal(
        lambda: election_settings_update(
            actor=None, election=geo.election, changes={"phase": "certified"}
        )
    )
    assert error.code == ElectionRefusal.BAD_SETTING


def test_a_malformed_council_table_is_refused(geo):
    with pytest.raises(DomainError):
        election_settings_update(
            actor=None,
            election=geo.election,
            changes={"council_size_table": {"city_brackets": "x"}},
        )


def test_council_size_is_derived_from_the_law_table(geo):
    assert (geo.city_a.members, geo.city_a.alternates) == (13, 8)  # Ahvaz: over one million
    assert (geo.city_b.members, geo.city_b.alternates) == (9, 6)
    assert (geo.village_a.members, geo.village_a.alternates) == (3, 2)


def test_an_override_needs_a_reason_and_is_recorded(geo):
    error = _refusal(
        lambda: constituency_size_override(
            actor=None, constituency=geo.city_b, members=11, alternates=7, reason="  "
        )
    )
    assert error.code == ElectionRefusal.OVERRIDE_WITHOUT_REASON
    constituency_size_override(
        actor=None, constituency=geo.city_b, members=11, alternates=7, reason="سرشماری ۱۴۰۵"
    )
    geo.city_b.refresh_from_db()
    assert (geo.city_b.members, geo.city_b.alternates) == (11, 7)
    event = AuditEvent.objects.order_by("-number").first()
    assert event.old["members"] == 9
    assert event.new["reason"] == "سرشماری ۱۴۰۵"


@pytest.mark.parametrize("population", [-1, 30_000_000])
def test_negative_or_absurd_population_is_refused(geo, population):
    before = geo.election.constituencies.count()
    with pytest.raises((DomainError, ValueError)):
        constituency_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="1999",
            kind="city",
            name="نادرست",
            population=population,
        )
    assert geo.election.constituencies.count() == before


def test_duplicate_codes_are_refused(geo):
    error = _refusal(
        lambda: constituency_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="1001",
            kind="city",
            name="دیگر",
            population=1000,
        )
    )
    assert error.code == ElectionRefusal.DUPLICATE_CODE
    error = _refusal(
        lambda: station_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="10001",
            name="دیگر",
            connectivity="fibre",
            constituencies=[geo.city_a],
        )
    )
    assert error.code == ElectionRefusal.DUPLICATE_CODE


def test_names_are_stored_with_one_normalisation(geo):
    arabic = constituency_create(
        actor=None,
        election=geo.election,
        district=geo.district_a1,
        code="1500",
        kind="village",
        name="كوي علي",
        population=100,
    )
    assert arabic.name_key == "کوی علی"


def test_a_drill_election_has_its_own_councils_and_stations(geo):
    drill = election_create(
        actor=None,
        province=geo.province,
        name="تمرین",
        polling_date=datetime.date(2026, 5, 1),
        opens_at=datetime.time(8),
        closes_at=datetime.time(18),
        is_drill=True,
    )
    constituency_create(
        actor=None,
        election=drill,
        district=geo.district_a1,
        code="1001",
        kind="city",
        name="اهواز",
        population=1_184_788,
    )
    assert drill.constituencies.count() == 1
    assert geo.election.constituencies.filter(code="1001").count() == 1
    assert not geo.election.constituencies.filter(election=drill).exists()


def test_settings_page_takes_jalali_dates_and_persian_digits(geo, client_as):
    client = client_as("province_hq")
    form = client.get(f"/elections/{geo.election.pk}/settings/").context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()}
    data.update(
        {
            "polling_date": "۱۴۰۵/۰۲/۱۲",
            "opens_at": "۰۷:۰۰",
            "appeal_days": "۵",
            "residence_rule_applies": "",
        }
    )
    response = client.post(f"/elections/{geo.election.pk}/settings/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    geo.election.refresh_from_db()
    assert geo.election.polling_date == datetime.date(2026, 5, 2)
    assert geo.election.opens_at == datetime.time(7)
    assert geo.election.appeal_days == 5


def test_settings_page_refuses_a_bad_jalali_date_and_changes_nothing(geo, client_as):
    client = client_as("province_hq")
    form = client.get(f"/elections/{geo.election.pk}/settings/").context["form"]
    data = {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }
    data.update({"polling_date": "۱۴۰۵/۱۳/۴۰", "residence_rule_applies": ""})
    response = client.post(f"/elections/{geo.election.pk}/settings/", data)
    assert response.status_code == 400
    geo.election.refresh_from_db()
    assert geo.election.polling_date == datetime.date(2026, 5, 1)


@pytest.mark.parametrize("phase", ["ready", "polling", "closed"])
def test_councils_and_stations_are_frozen_once_ready(geo, phase):
    Election.objects.filter(pk=geo.election.pk).update(phase=phase)
    geo.election.refresh_from_db()
    before = (geo.election.constituencies.count(), geo.election.stations.count())
    for attempt in (
        lambda: constituency_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="1777",
            kind="village",
            name="تازه",
            population=50,
        ),
        lambda: station_create(
            actor=None,
            election=geo.election,
            district=geo.district_a1,
            code="17777",
            name="تازه",
            connectivity="fibre",
            constituencies=[geo.city_a],
        ),
        lambda: constituency_size_override(
            actor=None, constituency=geo.city_a, members=15, alternates=10, reason="x"
        ),
    ):
        assert _refusal(attempt).code == ElectionRefusal.GEOGRAPHY_FROZEN
    assert (geo.election.constituencies.count(), geo.election.stations.count()) == before


def test_settings_form_shows_persian_digits_and_hours_without_seconds(geo, client_as):
    page = client_as("province_hq").get(f"/elections/{geo.election.pk}/settings/")
    html = page.content.decode()
    assert 'value="۰۸:۰۰"' in html
    assert 'value="۱۸"' in html  # voters' minimum age
    assert 'value="۱۴۰۵/۰۲/۱۱"' in html


def test_readers_see_settings_as_people_read_them(geo, client_as):
    html = client_as("supervisor").get(f"/elections/{geo.election.pk}/settings/").content.decode()
    assert "<td>۰۸:۰۰</td>" in html
    assert "<td>خیر</td>" in html  # the residence rule, not "False"
    assert "<td>کاردانی</td>" in html  # the education choice by its label
    assert "False" not in html
