"""The one rule every drill service starts with: a drill never touches a real election."""

from __future__ import annotations

from shora.drills.errors import DrillError, DrillRefusal
from shora.elections.models import Election


def refuse_unless_drill(election: Election) -> None:
    """Refuse (DrillError) unless ``election`` is a drill election, read fresh from the
    database so that a stale object in memory cannot let a real election through."""
    if not Election.objects.filter(pk=election.pk, is_drill=True).exists():
        raise DrillError(
            DrillRefusal.NOT_A_DRILL,
            fa="تمرین تنها روی انتخابات آزمایشی اجرا می‌شود؛ این انتخابات واقعی است.",
            en="Drills run only on a drill election; this election is a real one.",
        )
