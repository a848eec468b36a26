"""A drill run: one station of a drill election taken through election day, measured.

The measures are kept in columns (what the pages, the weekly charts and the training
evaluation read) and, in full, in ``measures`` (every step as it was timed). A run names the
roster people who took part, so training can count a person's drills; it never names a voter.
At most one run of a station is running at a time (a database constraint), so a second drill
cannot start on a station whose drill has not ended.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The first digit of the national codes of a drill's synthetic people (preparation.py).
#: Here, beside the model, so that the selectors need not import the preparation (and,
#: through it, polling's services: training's selectors import ours).
DRILL_CODE_PREFIX = 9


class DrillKind(models.TextChoices):
    TRAINER = "trainer", _("run by a trainer")
    SIMULATED = "simulated", _("simulated")


class DrillRun(models.Model):
    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="drill_runs"
    )
    station = models.ForeignKey(
        "elections.PollingStation", on_delete=models.PROTECT, related_name="drill_runs"
    )
    # The station's county, kept here because every page and chart scopes by it.
    county = models.ForeignKey("elections.County", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=DrillKind.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty for a run started on the command line.",
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    participants = models.ManyToManyField("boards.Person", related_name="drill_runs", blank=True)
    voters = models.PositiveIntegerField(default=0)
    seconds_to_open = models.FloatField(null=True, blank=True)
    seconds_per_voter = models.FloatField(null=True, blank=True)
    seconds_to_close = models.FloatField(
        null=True, blank=True, help_text="From the close to the centre having the signed counts."
    )
    errors = models.PositiveIntegerField(default=0)
    # {"kind": count}: what went wrong (refused claim, spoiled ballot, link lost, ...).
    error_kinds = models.JSONField(default=dict, blank=True)
    measures = models.JSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(finished_at__isnull=True),
                name="one_running_drill_per_station",
            ),
            models.CheckConstraint(
                name="drill_score_in_range", condition=Q(score__isnull=True) | Q(score__lte=100)
            ),
        ]
        indexes = [models.Index(fields=["county", "finished_at"], name="drill_county_finished")]

    def __str__(self) -> str:
        return f"drill {self.pk} of station {self.station_id}"

    @property
    def is_running(self) -> bool:
        return self.finished_at is None
