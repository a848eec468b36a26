"""What the provincial HQ plans for participation: a target per county (and the last
election's turnout there, where the HQ entered it), and a goal for women's share in each
group of people. Percentages are kept in tenths (0 to 1000), as ``turnout_rules`` reads
them; the database refuses anything outside."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora.elections.models import County, Election


class CountyTarget(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    target_tenths = models.PositiveSmallIntegerField(null=True, blank=True)
    last_turnout_tenths = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "county"], name="county_target_unique"),
            models.CheckConstraint(
                condition=Q(target_tenths__lte=1000), name="county_target_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(last_turnout_tenths__lte=1000), name="county_last_turnout_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.county}: {self.target_tenths}"


class WomensGroup(models.TextChoices):
    ELIGIBLE = "eligible", _("eligible voters")
    VOTERS = "voters", _("voters on the day")
    REGISTERED = "registered", _("registered candidates")
    APPROVED = "approved", _("approved candidates")
    WINNERS = "winners", _("members elected")
    ALTERNATES = "alternates", _("alternate members")
    BOARDS = "boards", _("board members")
    ROSTERS = "rosters", _("station rosters")


class WomensGoal(models.Model):
    """The HQ's goal for women's share of one group, for the whole province."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    group = models.CharField(max_length=12, choices=WomensGroup.choices)
    goal_tenths = models.PositiveSmallIntegerField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["election", "group"], name="womens_goal_unique"),
            models.CheckConstraint(
                condition=Q(goal_tenths__lte=1000), name="womens_goal_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group}: {self.goal_tenths}"


class WomensSnapshot(models.Model):
    """Women's share of every group as it stood at a moment: taken when the election enters
    a phase (``on_demand`` False) or when the HQ asks. ``shares`` holds, for the province
    (key ``province``) and each county (``county:<id>``), ``{group: [women, total]}``:
    counts, not percentages, so that a later reader can add them up again."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    phase = models.CharField(max_length=16)
    on_demand = models.BooleanField(default=False)
    taken_at = models.DateTimeField()
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    shares = models.JSONField()

    class Meta:
        ordering = ["taken_at", "pk"]
        indexes = [models.Index(fields=["election", "taken_at"], name="womens_snapshot_time")]

    def __str__(self) -> str:
        return f"{self.election_id} {self.phase} {self.taken_at:%Y-%m-%d %H:%M}"


# The running totals live in their own module; imported here so that Django registers them.
from shora.participation.rollup_models import (  # noqa: E402
    RegisterSummary,
    TurnoutMark,
    VotedByGroup,
    VotedByHour,
    VotedByStation,
)

__all__ = [
    "CountyTarget",
    "RegisterSummary",
    "TurnoutMark",
    "VotedByGroup",
    "VotedByHour",
    "VotedByStation",
    "WomensGoal",
    "WomensGroup",
    "WomensSnapshot",
]
