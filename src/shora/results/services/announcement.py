"""The lottery's public value: announced by the provincial HQ before the polls close.

A tie the law leaves to chance is drawn from a seed that mixes the stations' signed
receipts roots (fixed at each station's close, before any count) with this value (fixed
in public before the polls close, so before any root is known). Neither the HQ nor the
stations can choose a seed, and anyone can recompute it from the published record. The
value is announced once and never changed; the tally refuses to run without it.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election
from shora.results.access import can_run_tally
from shora.results.errors import ResultsRefusal
from shora.results.models import ElectionResultsSettings
from shora.results.selectors import lottery_value_may_be_announced
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.persian_text import normalize_persian

MAX_ANNOUNCED_CHARACTERS = 200
_SPACES = re.compile(r"\s+")


def announced_value_normalise(text: str) -> str:
    """The value as it enters the seed: Latin digits, Persian letters, single spaces."""
    return _SPACES.sub(" ", to_latin_digits(normalize_persian(text))).strip()


@transaction.atomic
def lottery_value_announce(
    *, actor: Any, election: Election, value: str
) -> ElectionResultsSettings:
    """Record the value the HQ announced in public, before the polls close; once."""
    if actor is not None and not can_run_tally(actor, election):
        raise PermissionDenied
    election = Election.objects.select_for_update().get(pk=election.pk)
    if ElectionResultsSettings.objects.filter(election=election).exists():
        raise DomainError(
            ResultsRefusal.ANNOUNCED_ALREADY,
            fa="مقدار قرعه پیش‌تر اعلام شده است و دیگر تغییر نمی‌کند.",
            en="The lottery value has already been announced and can no longer change.",
        )
    if not lottery_value_may_be_announced(election):
        raise DomainError(
            ResultsRefusal.ANNOUNCED_TOO_LATE,
            fa="مقدار قرعه باید پیش از پایان اخذ رأی اعلام شود؛ اکنون دیر است.",
            en="The lottery value must be announced before the polls close; it is too late.",
        )
    said = announced_value_normalise(value if isinstance(value, str) else "")
    if not said or len(said) > MAX_ANNOUNCED_CHARACTERS:
        raise DomainError(
            ResultsRefusal.ANNOUNCED_EMPTY,
            fa=(
                "مقدار قرعه را بنویسید (حداکثر "
                f"{to_persian_digits(MAX_ANNOUNCED_CHARACTERS)} نویسه)."
            ),
            en=f"Write the lottery value (at most {MAX_ANNOUNCED_CHARACTERS} characters).",
        )
    settings = ElectionResultsSettings.objects.create(
        election=election,
        announced_lottery_value=said,
        announced_at=timezone.now(),
        announced_by=actor,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.RESULTS_LOTTERY_VALUE_ANNOUNCED,
        target=settings,
        unit=f"election:{election.pk}",
        new={"announced_lottery_value": said},
    )
    return settings
