"""``shora demo``: the small demo province, its elections and its users."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.db.models import Count

from shora.accounts.models import Role, User
from shora.audit.models import AuditEvent
from shora.audit.selectors import audit_chain_problems
from shora.demo.build import (
    DRILL_ELECTION_NAME,
    ELECTION_NAME,
    POLLING_DATE,
    DemoSummary,
    demo_accounts_table,
    demo_build,
)
from shora.demo.people import DEMO_PASSWORD, DEMO_USERNAMES
from shora.elections.models import (
    Constituency,
    County,
    District,
    Election,
    Phase,
    PollingStation,
    Province,
)

from .test_plan import KHUZESTAN_COUNTIES

pytestmark = pytest.mark.django_db

SEED_COUNTIES_FA = ("اهواز", "آبادان", "خرمشهر", "باوی", "شادگان", "کارون", "حمیدیه", "هویزه")


def _real() -> Election:
    return Election.objects.get(is_drill=False)


def _drill() -> Election:
    return Election.objects.get(is_drill=True)


def test_the_small_demo_builds(small_demo: DemoSummary) -> None:
    assert small_demo.counties == 30
    assert small_demo.districts == 6
    assert 30 <= small_demo.stations <= 50
    assert small_demo.cities == 7
    assert small_demo.villages == 24
    assert small_demo.users == 10
    assert small_demo.seats == sum(c.members for c in Constituency.objects.filter(
        election=_real()))
    assert small_demo.drill_stations > 0


def test_khuzestan_has_its_thirty_counties(small_demo: DemoSummary) -> None:
    province = Province.objects.get()
    assert (province.name, province.name_en) == ("خوزستان", "Khuzestan")
    names = set(County.objects.filter(province=province).values_list("name", flat=True))
    assert names == set(KHUZESTAN_COUNTIES)
    assert set(SEED_COUNTIES_FA) <= names


def test_the_small_demo_gives_three_seed_counties_their_districts(
    small_demo: DemoSummary,
) -> None:
    with_districts = set(
        County.objects.annotate(n=Count("districts")).filter(n__gt=0).values_list("name_en",
                                                                                  flat=True)
    )
    assert with_districts == {"Ahvaz", "Karun", "Hoveyzeh"}
    ahvaz = set(District.objects.filter(county__name_en="Ahvaz").values_list("name", flat=True))
    assert ahvaz == {"مرکزی", "اسماعیلیه"}


def test_ahvaz_has_thirteen_members_and_eight_alternates_by_the_law_table(
    small_demo: DemoSummary,
) -> None:
    ahvaz = Constituency.objects.get(election=_real(), name="اهواز", kind="city")
    assert ahvaz.population == 1_184_788
    assert (ahvaz.members, ahvaz.alternates) == (13, 8)
    assert ahvaz.size_override_reason == ""
    villages = Constituency.objects.filter(kind="village")
    assert {(v.members, v.alternates) for v in villages} == {(3, 2), (5, 3)}


def test_every_constituency_has_a_station_and_every_station_a_constituency(
    small_demo: DemoSummary,
) -> None:
    assert not Constituency.objects.annotate(n=Count("stations")).filter(n=0).exists()
    assert not PollingStation.objects.annotate(n=Count("constituencies")).filter(n=0).exists()
    for station in PollingStation.objects.prefetch_related("constituencies"):
        for constituency in station.constituencies.all():
            assert constituency.election_id == station.election_id
            assert constituency.district_id == station.district_id
    assert PollingStation.objects.filter(election=_real(), name__startswith="مسجد جامع").exists()


def test_connectivity_is_visibly_mixed(small_demo: DemoSummary) -> None:
    kinds = Counter(
        PollingStation.objects.filter(election=_real()).values_list("connectivity", flat=True)
    )
    assert len(kinds) >= 3


def test_each_role_has_its_demo_user_and_each_signs_in_with_the_demo_password(
    small_demo: DemoSummary,
) -> None:
    users = User.objects.filter(username__in=DEMO_USERNAMES)
    roles = Counter(users.values_list("role", flat=True))
    assert roles == {Role.PROVINCE_HQ: 1, Role.SUPERVISOR: 4, Role.COUNTY: 2, Role.DISTRICT: 1,
                     Role.STATION: 1, Role.TRAINER: 1}
    keepers = users.filter(holds_key_share=True)
    assert sorted(keepers.values_list("username", flat=True)) == ["keeper1", "keeper2", "keeper3"]
    assert all(keeper.needs_two_factor for keeper in keepers)
    for username in DEMO_USERNAMES:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
        assert authenticate(username=username, password="wrong-password") is None
    hq = User.objects.get(username="hq")
    assert hq.needs_two_factor
    assert not User.objects.get(username="supervisor").needs_two_factor
    units = {
        user.username: user
        for user in users.select_related("county", "district__county", "station__district__county")
    }
    assert units["ahvaz"].county is not None and units["ahvaz"].county.name_en == "Ahvaz"
    assert units["abadan"].county is not None and units["abadan"].county.name_en == "Abadan"
    district = units["district"].district
    assert district is not None and district.county.name_en == "Ahvaz" and district.name == "مرکزی"
    station = units["station"].station
    assert station is not None and station.election == _real()
    assert station.district.county.name_en == "Ahvaz" and station.code == "0606-0001"
    assert all(user.first_name and user.last_name for user in users)


def test_the_accounts_table_lists_every_user_with_the_password() -> None:
    # Built inside the test: the table reads the users from the database.
    demo_build(small=True)
    table = demo_accounts_table()
    for username in DEMO_USERNAMES:
        assert any(line.startswith(username + " ") for line in table.splitlines())
    assert table.count(DEMO_PASSWORD) == len(DEMO_USERNAMES)
    hq_line = next(line for line in table.splitlines() if line.startswith("hq "))
    assert "two-factor" in hq_line and "ستاد انتخابات استان" in hq_line


def test_the_real_election_is_in_registration_and_the_drill_is_apart(
    small_demo: DemoSummary,
) -> None:
    real, drill = _real(), _drill()
    assert real.name == ELECTION_NAME and drill.name == DRILL_ELECTION_NAME
    assert real.polling_date == POLLING_DATE
    assert (real.opens_at.hour, real.closes_at.hour) == (8, 18)
    assert real.phase == Phase.REGISTRATION and drill.phase == Phase.REGISTRATION
    assert drill.is_drill and not real.is_drill
    drill_councils = set(drill.constituencies.values_list("pk", flat=True))
    real_councils = set(real.constituencies.values_list("pk", flat=True))
    assert drill_councils and not drill_councils & real_councils
    drill_stations = set(drill.stations.values_list("pk", flat=True))
    assert drill_stations and not drill_stations & set(real.stations.values_list("pk", flat=True))
    assert set(drill.constituencies.values_list("district__county__name_en", flat=True)) == {
        "Karun", "Ahvaz", "Hoveyzeh"}  # the last two copied by the drills' demo (docs/drills.md)
    served = set(Constituency.objects.filter(stations__election=drill).values_list("pk",
                                                                                   flat=True))
    assert served == drill_councils


def test_everything_is_audited_and_the_chain_holds(small_demo: DemoSummary) -> None:
    """The geography, elections and users by the system (the readiness story, 7xx events,
    and the registers, 4xx-6xx, have their own tests: test_readiness_demo.py,
    test_registers_demo.py); the whole chain holds."""
    geography_and_people = AuditEvent.objects.filter(event_type__lt=400)
    created = geography_and_people.values_list("event_type", flat=True)
    expected = (1 + 30 + small_demo.districts + 2 + small_demo.constituencies
                + small_demo.drill_constituencies + small_demo.stations
                + small_demo.drill_stations + 2 + small_demo.users)
    assert len(created) == expected
    assert set(geography_and_people.values_list("actor_name", flat=True)) == {"system"}
    checked, problems = audit_chain_problems()
    assert checked == AuditEvent.objects.count() and problems == []


def test_building_again_changes_nothing(small_demo: DemoSummary) -> None:
    models = (Province, County, District, Election, Constituency, PollingStation, User,
              AuditEvent)
    before = {model: model.objects.count() for model in models}
    last_event = AuditEvent.objects.order_by("-number").first()
    assert demo_build(small=True) == small_demo
    assert demo_build(small=False) == small_demo  # already built: a full one is not added
    assert {model: model.objects.count() for model in models} == before
    assert AuditEvent.objects.order_by("-number").first() == last_event


def test_nothing_is_printed_unless_progress_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    demo_build(small=True)
    assert capsys.readouterr().out == ""
    demo_build(small=True, progress=True)
    assert "already built" in capsys.readouterr().out
