"""The lottery's public value: announced by the HQ while the polls are open, once, never
empty; typed in any digits it is the same value."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from shora.audit.models import AuditEvent
from shora.elections.models import Election, Phase
from shora.results.errors import ResultsRefusal
from shora.results.models import ElectionResultsSettings
from shora.results.services.announcement import (
    announced_value_normalise,
    lottery_value_announce,
)
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from tests.results.election_day import station_closed, station_opened

pytestmark = pytest.mark.django_db


def _refusal(call):
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.code


def test_the_hq_announces_once_and_the_value_is_kept_in_latin_digits(day, hq):
    settings = lottery_value_announce(actor=hq, election=day.election, value="  ۷ ۱۳\t٢٩  ")
    assert settings.announced_lottery_value == "7 13 29"
    assert AuditEvent.objects.get(event_type=901).new == {"announced_lottery_value": "7 13 29"}
    again = _refusal(lambda: lottery_value_announce(actor=hq, election=day.election, value="1"))
    assert again == ResultsRefusal.ANNOUNCED_ALREADY
    assert ElectionResultsSettings.objects.get().announced_lottery_value == "7 13 29"


@pytest.mark.parametrize("value", ["", "   ", "\u200c", "x" * 201])
def test_an_empty_or_huge_value_is_refused(day, hq, value):
    code = _refusal(lambda: lottery_value_announce(actor=hq, election=day.election, value=value))
    assert code == ResultsRefusal.ANNOUNCED_EMPTY
    assert not ElectionResultsSettings.objects.exists()


@pytest.mark.parametrize("role", ["supervisor", "county", "district", "station", "trainer"])
def test_only_the_hq_announces(day, make_user, role):
    with pytest.raises(PermissionDenied):
        lottery_value_announce(actor=make_user(role), election=day.election, value="1234")
    assert not ElectionResultsSettings.objects.exists()


def test_once_a_station_has_closed_it_is_too_late(day, hq):
    station_closed(station_opened(day, day.geo.station_b1))
    late = _refusal(lambda: lottery_value_announce(actor=hq, election=day.election, value="12"))
    assert late == ResultsRefusal.ANNOUNCED_TOO_LATE


@pytest.mark.parametrize("phase", [Phase.CLOSED, Phase.TALLIED, Phase.CERTIFIED])
def test_after_the_polls_closed_it_is_too_late(day, hq, phase):
    Election.objects.filter(pk=day.election.pk).update(phase=phase)
    late = _refusal(lambda: lottery_value_announce(actor=hq, election=day.election, value="12"))
    assert late == ResultsRefusal.ANNOUNCED_TOO_LATE


def test_after_the_closing_time_it_is_too_late(day, hq):
    import datetime

    Election.objects.filter(pk=day.election.pk).update(
        polling_date=datetime.date(2020, 5, 1), closes_at=datetime.time(18)
    )
    late = _refusal(lambda: lottery_value_announce(actor=hq, election=day.election, value="12"))
    assert late == ResultsRefusal.ANNOUNCED_TOO_LATE


@given(st.text(alphabet="0123456789 \t", max_size=40))
def test_persian_and_latin_digits_announce_the_same_value(text):
    assert announced_value_normalise(to_persian_digits(text)) == announced_value_normalise(text)
    once = announced_value_normalise(text)
    assert announced_value_normalise(once) == once
    assert "  " not in once and once == once.strip()
