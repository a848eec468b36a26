"""Enrolment: a one-time code, from the command line or an official, exchanged once by the
station process for its device token."""

from __future__ import annotations

import re

import pytest

from shora.cli import main
from shora.polling.models import EnrolmentCode, StationDevice
from shora.polling.services.devices import station_enrol
from shora_domain.digits import to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.signed_documents import signing_key_generate

pytestmark = pytest.mark.django_db


def _issue(capsys, geo, station="10001"):
    code = main(
        ["polling", "enrolment-code", "--election", str(geo.election.pk), "--station", station]
    )
    assert code == 0
    printed = capsys.readouterr().out
    return re.search(r"\d{4}-\d{4}-\d{4}-\d{4}", printed).group(0)


def test_the_printed_code_enrols_once_even_typed_in_persian_digits(geo, capsys):
    code = _issue(capsys, geo)
    assert EnrolmentCode.objects.get().code_hash not in code
    _, public = signing_key_generate()
    enrolment = station_enrol(code=to_persian_digits(code), public_key=public, label="میز ۱")
    assert enrolment.device.station == geo.station_a1
    assert enrolment.device_token.startswith("shd_")
    with pytest.raises(DomainError) as again:
        station_enrol(code=code, public_key=public, label="again")
    assert again.value.code.value == "polling.enrolment_code_unknown"
    assert StationDevice.objects.count() == 1


def test_bad_codes_keys_and_stations_are_refused(geo, capsys):
    code = _issue(capsys, geo)
    _, public = signing_key_generate()
    for wrong in ("", "0000-0000-0000-0000", "x" * 500):
        with pytest.raises(DomainError):
            station_enrol(code=wrong, public_key=public, label="")
    with pytest.raises(DomainError) as short_key:
        station_enrol(code=code, public_key=public[:16], label="")
    assert short_key.value.code.value == "polling.bad_public_key"
    assert not StationDevice.objects.exists()
    assert (
        main(["polling", "enrolment-code", "--election", str(geo.election.pk), "--station", "99"])
        == 2
    )
