"""Polling devices authenticate with their station's token; expired, revoked or forged ones fail."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from shora.accounts.models import DeviceToken
from shora.accounts.services import device_token_issue, device_token_revoke
from shora.cli import main as shora


@pytest.fixture
def token(geo) -> str:
    _, issued = device_token_issue(
        actor=None,
        station=geo.station_a1,
        label="identity device",
        valid_for=datetime.timedelta(days=1),
    )
    return issued


def _whoami(client, token: str):
    return client.get("/api/device/whoami", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_device_acts_for_its_own_station(client, geo, token):
    response = _whoami(client, token)
    assert response.status_code == 200
    assert response.json()["station_code"] == geo.station_a1.code


def test_only_the_hash_is_stored(geo, token):
    record = DeviceToken.objects.get()
    assert token not in record.token_hash
    assert len(record.token_hash) == 64


def test_a_forged_token_is_refused(client, geo, token):
    forged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    response = _whoami(client, forged)
    assert response.status_code == 401
    assert response.json()["code"] == "token_unknown"


def test_an_expired_token_is_refused(client, geo, token):
    DeviceToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _whoami(client, token)
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert "منقضی" in response.json()["message_fa"]


def test_a_revoked_token_is_refused(client, geo, token):
    device_token_revoke(actor=None, record=DeviceToken.objects.get())
    assert _whoami(client, token).json()["code"] == "token_revoked"


def test_no_token_is_refused(client, geo):
    assert client.get("/api/device/whoami").status_code == 401


def test_a_device_token_does_not_open_the_peoples_api(client, geo, token):
    response = client.get(
        f"/api/stations/{geo.station_a1.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 401


def test_cli_issues_a_token_that_works(client, geo, capsys):
    assert (
        shora(
            [
                "user",
                "device-token",
                "--election",
                str(geo.election.pk),
                "--station",
                geo.station_b1.code,
                "--label",
                "voting device",
            ]
        )
        == 0
    )
    printed = [line for line in capsys.readouterr().out.split() if line.startswith("shd_")]
    assert len(printed) == 1
    assert _whoami(client, printed[0]).json()["station_code"] == geo.station_b1.code


def test_cli_refuses_an_unknown_station(geo):
    assert (
        shora(
            [
                "user",
                "device-token",
                "--election",
                str(geo.election.pk),
                "--station",
                "99999",
                "--label",
                "x",
            ]
        )
        == 2
    )
    assert DeviceToken.objects.count() == 0
