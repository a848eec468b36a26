"""``shora training expand-sessions``: the weeks missing up to a later polling day."""

from __future__ import annotations

import datetime

from shora.cli import main as shora
from shora.training.models import Session


def test_a_later_polling_day_gets_its_weeks(world, capsys):
    before = Session.objects.filter(series=world.series).count()
    world.geo.election.polling_date = datetime.date(2026, 5, 15)
    world.geo.election.save(update_fields=["polling_date"])
    assert shora(["training", "expand-sessions", "--election", str(world.geo.election.pk)]) == 0
    assert Session.objects.filter(series=world.series).count() == before + 2
    assert "اهواز" in capsys.readouterr().out
    assert shora(["training", "expand-sessions"]) == 0  # again: nothing more
    assert Session.objects.filter(series=world.series).count() == before + 2


def test_an_unknown_election_is_refused(world, capsys):
    assert shora(["training", "expand-sessions", "--election", "9999"]) == 1
    assert "There is no election" in capsys.readouterr().out
