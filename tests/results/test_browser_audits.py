"""Recounts and the paper-record audit as the officials see them in Persian: right to
left, the app's font, Persian digits, nothing wider than the screen, on a desktop and a
phone; a recount that found a difference and an audit with a station entered."""

from __future__ import annotations

from typing import Any

import pytest

from shora.results.models import ConstituencyResult
from shora.results.services.paper_audit import paper_audit_draw, paper_counts_enter
from shora.results.services.recounts import recount_ask
from shora.results.services.sessions import tally_session_open
from tests.polling_pages.test_browser import DESKTOP, PHONE, _assert_persian_page, _session
from tests.results.conftest import shares_entered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_recounts_and_the_paper_audit_in_the_browser(
    closed, live_server, browser, screenshots, make_user, viewport: dict[str, int], name: str
) -> Any:
    session = tally_session_open(actor=closed.hq, election=closed.election)
    shares_entered(session, closed.day.holders, [0, 1])
    city = closed.geo.city_a
    recount_ask(actor=closed.hq, constituency=city, reason="درخواست بازشماری نامزد")
    result = ConstituencyResult.objects.get(constituency=city)
    result.counts = {**result.counts, "blank": 4}
    result.save(update_fields=["counts"])
    recount_ask(actor=closed.hq, constituency=city, reason="بازبینی پس از شکایت")
    supervisor = make_user("supervisor", username="sup")
    audit = paper_audit_draw(actor=supervisor, constituency=city)
    station = audit.sample[0]
    electronic = result.station_counts[station]
    typed = {
        "ballots": str(electronic["ballots"]),
        "blank": str(electronic["blank"]),
        "void": str(electronic["void"] + electronic["rejected"]),
        **{f"votes:{code}": str(votes) for code, votes in electronic["votes"].items()},
    }
    first = next(code for code, votes in electronic["votes"].items() if votes > 0)
    typed[f"votes:{first}"] = str(electronic["votes"][first] - 1)
    typed["blank"] = str(electronic["blank"] + 1)
    paper_counts_enter(actor=supervisor, constituency=city, station_code=station, entered=typed)

    page = _session(browser, live_server, closed.hq, viewport)
    base = f"{live_server.url}/elections/{closed.election.pk}/results/constituencies/{city.pk}"
    page.goto(f"{base}/recounts/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=different]").count() == 1
    assert page.locator("[data-testid=same]").count() == 1
    page.screenshot(path=str(screenshots / f"results-recounts-{name}.png"), full_page=True)
    page.goto(f"{base}/paper-audit/")
    _assert_persian_page(page)
    assert page.locator("[data-testid=differs]").count() == 1
    page.screenshot(path=str(screenshots / f"results-paper-audit-{name}.png"), full_page=True)
