"""The boards' settings of an election, or the law's defaults until corrected."""

from __future__ import annotations

from shora.boards.models import BoardSettings
from shora.elections.models import Election
from shora_domain.board_composition import (
    DEFAULT_COMPOSITION_TABLE,
    CompositionTable,
    table_from_dict,
)
from shora_domain.conflicts import RelativePolicy


def composition_table_for(election: Election) -> CompositionTable:
    """The election's board composition table (the law's defaults until corrected)."""
    stored = BoardSettings.objects.filter(election=election).first()
    if stored is None:
        return DEFAULT_COMPOSITION_TABLE
    return table_from_dict(stored.composition_table)


def relative_policy_for(election: Election) -> RelativePolicy:
    stored = BoardSettings.objects.filter(election=election).first()
    return RelativePolicy(stored.relative_policy) if stored else RelativePolicy.WARN
