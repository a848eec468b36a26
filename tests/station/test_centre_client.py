"""The station's client of the centre: JSON both ways, the bearer token, and "unreachable"
kept apart from "refused" with the centre's own words."""

from __future__ import annotations

import json
import time

import pytest

from shora.station.centre_client import (
    CentreClient,
    CentreProblem,
    CentreRefused,
    CentreUnreachable,
    LinkStatus,
)


def test_a_get_sends_the_bearer_token_and_reads_json(fake_centre):
    fake_centre.routes[("GET", "/api/polling/station")] = (200, {"state": "open", "n": "۱"})
    link = LinkStatus()
    client = CentreClient(fake_centre.url + "/", "dev_secret", link=link)
    assert client.get("/api/polling/station") == {"state": "open", "n": "۱"}
    _, _, headers, _ = fake_centre.requests[0]
    assert headers["Authorization"] == "Bearer dev_secret"
    assert link.up is True


def test_a_post_sends_bytes_exactly_as_given(fake_centre):
    fake_centre.routes[("POST", "/x")] = (200, {"ok": True})
    client = CentreClient(fake_centre.url)
    body = '{"batch":{"a":"ب"},"signature":"c2ln"}'.encode()
    client.post("/x", body)
    client.post("/x", {"b": "پ"})
    assert fake_centre.posted("/x")[0] == body
    assert json.loads(fake_centre.posted("/x")[1]) == {"b": "پ"}
    assert "Authorization" not in fake_centre.requests[0][2]  # enrolment has no token yet


def test_a_refusal_carries_the_centres_code_messages_and_facts(fake_centre):
    fake_centre.routes[("POST", "/api/polling/claims")] = (
        409,
        {
            "code": "polling.already_voted",
            "message_fa": "این شخص پیش‌تر در شعبهٔ ۱۰۰۰۲ رأی داده است.",
            "message_en": "This person has already voted, at station 10002.",
            "station": "10002",
            "hour": "09:00",
        },
    )
    link = LinkStatus()
    with pytest.raises(CentreRefused) as refused:
        CentreClient(fake_centre.url, "t", link=link).post("/api/polling/claims", {})
    assert refused.value.code is CentreProblem.REFUSED
    assert refused.value.centre_code == "polling.already_voted"
    assert refused.value.status == 409
    assert refused.value.fa.startswith("این شخص")
    assert refused.value.en.startswith("This person")
    assert refused.value.body["station"] == "10002"
    assert link.up is True  # the centre answered: the link is up


@pytest.mark.parametrize(
    ("status", "body", "words"),
    [
        (401, {"detail": "Unauthorized"}, "token"),
        (422, {"detail": [{"loc": ["body", "code"], "msg": "field required"}]}, "422"),
        (404, {"detail": "Not Found"}, "404"),
    ],
)
def test_a_refusal_without_the_usual_shape_still_says_what_happened(
    fake_centre, status, body, words
):
    fake_centre.routes[("POST", "/y")] = (status, body)
    with pytest.raises(CentreRefused) as refused:
        CentreClient(fake_centre.url).post("/y", {})
    assert words in refused.value.en
    assert refused.value.fa
    assert refused.value.centre_code == f"http_{status}"


@pytest.mark.parametrize(
    ("status", "answer"),
    [(500, {"code": "x"}), (502, b"<html>bad gateway</html>"), (200, b"not json"), (200, b"\xff")],
)
def test_an_answer_that_is_not_the_centres_counts_as_unreachable(fake_centre, status, answer):
    fake_centre.routes[("GET", "/z")] = (status, answer)
    link = LinkStatus()
    with pytest.raises(CentreUnreachable) as down:
        CentreClient(fake_centre.url, link=link).get("/z")
    assert down.value.code is CentreProblem.UNREACHABLE
    assert link.up is False and link.why


def test_nobody_listening_is_unreachable_in_both_languages(closed_port):
    with pytest.raises(CentreUnreachable) as down:
        CentreClient(closed_port).get("/api/polling/station")
    assert "could not be reached" in down.value.en
    assert "مرکز" in down.value.fa


def test_an_unknown_host_is_unreachable():
    with pytest.raises(CentreUnreachable):
        CentreClient("http://centre.invalid").get("/api/polling/station")


def test_a_silent_centre_times_out(fake_centre):
    def slow(body):
        time.sleep(2)
        return 200, {}

    fake_centre.routes[("GET", "/slow")] = slow
    with pytest.raises(CentreUnreachable) as down:
        CentreClient(fake_centre.url, timeout=0.2).get("/slow")
    assert "timed out" in down.value.en
