"""Calls of the station protocol through the centre's real API, as a station process makes them."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.polling.conftest import Device


def post(device: Device | None, path: str, body: dict[str, Any]) -> Any:
    headers = {"Authorization": f"Bearer {device.token}"} if device else {}
    return Client().post(
        f"/api/polling/{path}", body, content_type="application/json", headers=headers
    )


def claim(device: Device, national_code: str, **changes: str) -> Any:
    body = {"national_code": national_code, "document": "national_card", "fingerprint": "match"}
    body.update(changes)
    return post(device, "claims", body)


def ballot_entry(
    day: Any, token: str, constituency: Any, codes: list[str] | None = None, **changes: Any
) -> dict[str, Any]:
    """A ballot as a station journals it: validated, sealed to the election key, a receipt."""
    from django.utils import timezone

    from shora.candidates.selectors import frozen_ballot
    from shora_domain.ballot_choices import cast_ballot_bytes, choices_validate
    from shora_domain.ballot_sealing import ballot_context, ballot_seal
    from shora_domain.polling_hours import hour_label
    from shora_domain.receipt_codes import receipt_code_new
    from shora_domain.signed_documents import b64encode

    definition = frozen_ballot(constituency)
    keyed = codes if codes is not None else [definition.candidates[0].code]
    cast = choices_validate(definition, keyed)
    sealed = ballot_seal(
        cast_ballot_bytes(cast),
        bytes(day.election.polling_key.public_key),
        context=ballot_context(str(day.election.pk), constituency.code),
    )
    entry = {
        "kind": "ballot",
        "token": token,
        "constituency": constituency.code,
        "sealed": b64encode(sealed),
        "receipt_code": receipt_code_new(),
        "hour": hour_label(timezone.localtime()),
    }
    entry.update(changes)
    return entry


def send_batch(device: Device, seq: int, entries: list[dict[str, Any]], **changes: Any) -> Any:
    batch = {"station": device.record.station.code, "seq": seq, "entries": entries}
    batch.update(changes)
    return post(device, "batches", {"batch": batch, "signature": device.sign(batch)})
