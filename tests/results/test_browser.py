"""The tally as the officials see it in Persian: right to left, the app's font, Persian
digits, nothing wider than the screen, on a desktop and a phone. Screenshots go to
./screenshots/ for a person to look at."""

from __future__ import annotations

from typing import Any

import pytest

from shora.results.services.sessions import tally_session_open
from tests.polling_pages.test_browser import DESKTOP, PHONE, _assert_persian_page, _session
from tests.results.conftest import shares_entered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_tally_and_a_result_in_the_browser(
    closed, live_server, browser, screenshots, viewport: dict[str, int], name: str
) -> Any:
    session = tally_session_open(actor=closed.hq, election=closed.election)
    shares_entered(session, closed.day.holders, [0])
    holder = closed.day.holders[1]
    page = _session(browser, live_server, holder, viewport)
    page.goto(f"{live_server.url}/elections/{closed.election.pk}/results/share/")
    _assert_persian_page(page)
    page.screenshot(path=str(screenshots / f"results-share-{name}.png"), full_page=True)
    page.fill("input[name=passphrase]", _passphrase(1))
    page.click("[data-testid=enter-share]")
    page.wait_for_url(f"**/elections/{closed.election.pk}/results/")
    _assert_persian_page(page)
    assert page.inner_text("[data-testid=count-tallied]") == "۳"
    page.screenshot(path=str(screenshots / f"results-tally-{name}.png"), full_page=True)
    city = closed.geo.city_a
    page.goto(f"{live_server.url}/elections/{closed.election.pk}/results/constituencies/{city.pk}/")
    _assert_persian_page(page)
    assert "۱۳" in page.inner_text("[data-testid=standings]")
    page.screenshot(path=str(screenshots / f"results-constituency-{name}.png"), full_page=True)


def _passphrase(index: int) -> str:
    from tests.polling.conftest import PASSPHRASES

    return PASSPHRASES[index]
