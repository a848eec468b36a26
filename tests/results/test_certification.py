"""Certification: the county executive board approves, the supervisory board confirms;
refused for the wrong board, twice, before the tally, or confirmation before approval;
audited; the election is certified only when every constituency is confirmed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from shora.audit.events import AuditEventType
from shora.audit.models import AuditEvent
from shora.elections.gates import phase_gate_problems
from shora.elections.models import Election, Phase
from shora.results.models import ConstituencyCertification
from shora.results.services.certification import (
    CertificationRefusal,
    certification_approve,
    certification_confirm,
)
from shora_domain.errors import DomainError
from tests.results.certification_builders import board_seat, boards_seated, result_write


@pytest.fixture
def county(make_user):
    return make_user("county", username="county_a")


@pytest.fixture
def county_b(make_user, geo):
    return make_user("county", username="county_b", county=geo.county_b)


@pytest.fixture
def supervisor(make_user):
    return make_user("supervisor", username="sup")


@pytest.fixture
def tallied(geo):
    boards_seated(geo)
    return result_write(geo, geo.city_a)


def _refusal(call) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def test_approval_then_confirmation_keep_names_and_times(geo, tallied, county, supervisor):
    approved = certification_approve(actor=county, constituency=geo.city_a)
    assert [m["name"] for m in approved.approving_members] == ["احمد فرماندار", "سارا معتمدی"]
    assert approved.approved_at is not None and not approved.is_confirmed
    confirmed = certification_confirm(actor=supervisor, constituency=geo.city_a)
    assert confirmed.is_confirmed and confirmed.confirmed_by == supervisor
    assert [m["name"] for m in confirmed.confirming_members] == [
        "محمود ناظری",
        "نرگس بازرس",
    ]  # chair first
    assert confirmed.confirmed_at >= confirmed.approved_at


def test_both_steps_are_audited(geo, tallied, county, supervisor):
    certification_approve(actor=county, constituency=geo.city_a)
    certification_confirm(actor=supervisor, constituency=geo.city_a)
    kinds = list(
        AuditEvent.objects.filter(
            event_type__in=[AuditEventType.RESULT_APPROVED, AuditEventType.RESULT_CONFIRMED]
        ).values_list("event_type", flat=True)
    )
    assert sorted(kinds) == [AuditEventType.RESULT_APPROVED, AuditEventType.RESULT_CONFIRMED]


@pytest.mark.parametrize("role", ["supervisor", "province_hq", "district", "station", "trainer"])
def test_only_the_county_executive_approves(geo, tallied, make_user, role):
    with pytest.raises(PermissionDenied):
        certification_approve(actor=make_user(role), constituency=geo.city_a)
    assert not ConstituencyCertification.objects.exists()


def test_another_county_cannot_approve(geo, tallied, county_b):
    with pytest.raises(PermissionDenied):
        certification_approve(actor=county_b, constituency=geo.city_a)


@pytest.mark.parametrize("role", ["county", "province_hq", "district"])
def test_only_the_supervisors_confirm(geo, tallied, county, make_user, role):
    certification_approve(actor=county, constituency=geo.city_a)
    with pytest.raises(PermissionDenied):
        certification_confirm(actor=make_user(role, username=f"x_{role}"), constituency=geo.city_a)


def test_a_supervisor_of_another_province_cannot_confirm(geo, tallied, county, make_user):
    from shora.elections.services import province_create

    other = province_create(actor=None, code="07", name="فارس", name_en="Fars")
    stranger = make_user("supervisor", username="far", province=other)
    certification_approve(actor=county, constituency=geo.city_a)
    with pytest.raises(PermissionDenied):
        certification_confirm(actor=stranger, constituency=geo.city_a)


def test_approving_twice_is_refused(geo, tallied, county):
    certification_approve(actor=county, constituency=geo.city_a)
    error = _refusal(lambda: certification_approve(actor=county, constituency=geo.city_a))
    assert error.code == CertificationRefusal.APPROVED_ALREADY


def test_confirming_twice_is_refused(geo, tallied, county, supervisor):
    certification_approve(actor=county, constituency=geo.city_a)
    certification_confirm(actor=supervisor, constituency=geo.city_a)
    error = _refusal(lambda: certification_confirm(actor=supervisor, constituency=geo.city_a))
    assert error.code == CertificationRefusal.CONFIRMED_ALREADY


def test_confirmation_before_approval_is_refused(geo, tallied, supervisor):
    error = _refusal(lambda: certification_confirm(actor=supervisor, constituency=geo.city_a))
    assert error.code == CertificationRefusal.NOT_APPROVED
    assert "تصویب" in error.message("fa")


def test_nothing_before_the_tally(geo, county, supervisor):
    boards_seated(geo)
    error = _refusal(lambda: certification_approve(actor=county, constituency=geo.city_a))
    assert error.code == CertificationRefusal.NOT_TALLIED
    error = _refusal(lambda: certification_confirm(actor=supervisor, constituency=geo.city_a))
    assert error.code == CertificationRefusal.NOT_TALLIED


def test_a_board_with_no_serving_member_cannot_approve(geo, county):
    result_write(geo, geo.city_a)
    error = _refusal(lambda: certification_approve(actor=county, constituency=geo.city_a))
    assert error.code == CertificationRefusal.NO_MEMBERS


def test_a_member_whose_seat_ended_is_not_named(geo, county):
    from django.utils import timezone

    from shora.boards.models import BoardMembership

    result_write(geo, geo.city_a)
    board = board_seat(geo, "county_executive", geo.county_a, [("نادر", "رفته", "trustee")])
    board_seat(geo, "county_executive", geo.county_a, [("مینا", "مانده", "trustee")])
    BoardMembership.objects.filter(board=board, person__last_name="رفته").update(
        ended_at=timezone.now()
    )
    approved = certification_approve(actor=county, constituency=geo.city_a)
    assert [m["name"] for m in approved.approving_members] == ["مینا مانده"]


def _certified_gate(election: Election) -> list[str]:
    return [p.code for p in phase_gate_problems(election, Phase.CERTIFIED)]


def test_the_election_is_certified_only_when_every_constituency_is_confirmed(
    geo, tallied, county, supervisor, make_user, county_b
):
    assert _certified_gate(geo.election) == ["not_certified"]
    for constituency in (geo.village_a, geo.city_b):
        result_write(geo, constituency)
    for constituency, approver in (
        (geo.city_a, county),
        (geo.village_a, county),
        (geo.city_b, county_b),
    ):
        certification_approve(actor=approver, constituency=constituency)
    problems = phase_gate_problems(geo.election, Phase.CERTIFIED)
    assert len(problems) == 1 and "2001" in problems[0].en and "1001" in problems[0].en
    for constituency in (geo.city_a, geo.village_a):
        certification_confirm(actor=supervisor, constituency=constituency)
    problems = phase_gate_problems(geo.election, Phase.CERTIFIED)
    assert "2001" in problems[0].en and "1001" not in problems[0].en
    assert "۲۰۰۱" in problems[0].fa
    certification_confirm(actor=supervisor, constituency=geo.city_b)
    assert _certified_gate(geo.election) == []


# The page: the county approves, the supervisor confirms, through the browser's form.


def test_the_page_records_both_steps(geo, tallied, client_as):
    url = f"/elections/{geo.election.pk}/results/constituencies/{geo.city_a.pk}/certification/"
    county = client_as("county")
    assert b'data-testid="approve"' in county.get(url).content
    assert county.post(url, {"action": "approve"}).status_code == 302
    again = county.post(url, {"action": "approve"})
    assert again.status_code == 409
    assert county.post(url, {"action": "confirm"}).status_code == 403
    supervisor = client_as("supervisor")
    assert b'data-testid="confirm"' in supervisor.get(url).content
    assert supervisor.post(url, {"action": "confirm"}).status_code == 302
    assert "نرگس بازرس" in supervisor.get(url).content.decode()
    assert supervisor.post(url, {"action": "nonsense"}).status_code == 400


def test_the_page_before_the_tally_offers_nothing(geo, client_as):
    url = f"/elections/{geo.election.pk}/results/constituencies/{geo.city_a.pk}/certification/"
    county = client_as("county")
    page = county.get(url)
    assert b'data-testid="not-tallied"' in page.content and b"approve" not in page.content
    assert county.post(url, {"action": "approve"}).status_code == 409
