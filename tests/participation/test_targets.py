"""The HQ's targets and goals: any digits, 0 to 100 only, audited; nobody else sets them."""

from __future__ import annotations

import pytest

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.participation.models import CountyTarget, WomensGoal

pytestmark = pytest.mark.django_db


def url(geo):
    return f"/elections/{geo.election.pk}/participation/targets/"


def post_target(client, geo, county, target, last=""):
    return client.post(url(geo), {"county": county.pk, "target": target, "last_turnout": last})


def test_the_hq_sets_a_target_in_persian_digits_and_it_is_audited(geo, as_user):
    client = as_user("province_hq")
    response = post_target(client, geo, geo.county_a, "۶۵٫۵", "٥٠")
    assert response.status_code == 302
    row = CountyTarget.objects.get(election=geo.election, county=geo.county_a)
    assert (row.target_tenths, row.last_turnout_tenths) == (655, 500)
    event = AuditEvent.objects.get(event_type=AuditEventType.PARTICIPATION_TARGET_SET)
    assert event.new == {"target_tenths": 655, "last_turnout_tenths": 500}
    assert event.unit == f"county:{geo.county_a.code}"
    assert event.actor == client.user
    post_target(client, geo, geo.county_a, "70")
    second = AuditEvent.objects.filter(event_type=AuditEventType.PARTICIPATION_TARGET_SET).last()
    assert second.old == {"target_tenths": 655, "last_turnout_tenths": 500}
    assert second.new == {"target_tenths": 700, "last_turnout_tenths": None}


@pytest.mark.parametrize(
    ("target", "last"),
    [
        ("101", ""),
        ("-1", ""),
        ("۱۰۱", ""),
        ("abc", ""),
        ("65", "100.5"),
        ("65", "-3"),
        ("x" * 5000, ""),
    ],
)
def test_a_bad_target_is_refused_and_changes_nothing(geo, as_user, target, last):
    client = as_user("province_hq")
    assert post_target(client, geo, geo.county_a, "60").status_code == 302
    events = AuditEvent.objects.count()
    response = post_target(client, geo, geo.county_a, target, last)
    assert response.status_code == 400
    assert 'data-testid="error"' in response.content.decode()
    assert CountyTarget.objects.get(county=geo.county_a).target_tenths == 600
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("role", ["county", "district", "supervisor", "trainer", "station"])
def test_only_the_hq_sets_targets(geo, as_user, role):
    client = as_user(role)
    assert client.get(url(geo)).status_code == 403
    assert post_target(client, geo, geo.county_a, "60").status_code == 403
    assert not CountyTarget.objects.exists()


def test_an_unknown_county_or_group_is_refused(geo, as_user):
    client = as_user("province_hq")
    assert client.post(url(geo), {"county": "999999", "target": "50"}).status_code == 404
    assert client.post(url(geo), {"county": "x", "target": "50"}).status_code == 400
    bad_group = client.post(url(geo), {"what": "goal", "group": "nobody", "goal": "50"})
    assert bad_group.status_code == 400
    assert not WomensGoal.objects.exists()


def test_the_hq_sets_and_clears_a_womens_goal(geo, as_user):
    client = as_user("province_hq")
    client.post(url(geo), {"what": "goal", "group": "boards", "goal": "۳۰"})
    assert WomensGoal.objects.get(group="boards").goal_tenths == 300
    assert (
        client.post(url(geo), {"what": "goal", "group": "boards", "goal": "130"}).status_code == 400
    )
    assert WomensGoal.objects.get(group="boards").goal_tenths == 300
    client.post(url(geo), {"what": "goal", "group": "boards", "goal": ""})
    assert not WomensGoal.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.WOMENS_GOAL_SET).count() == 2


def test_the_goal_shows_beside_the_share(geo, as_user):
    client = as_user("province_hq")
    client.post(url(geo), {"what": "goal", "group": "eligible", "goal": "50"})
    response = client.get(f"/elections/{geo.election.pk}/participation/")
    goals = {line.group.value: line.goal_tenths for line in response.context["womens"]}
    assert goals["eligible"] == 500
    assert goals["boards"] is None
