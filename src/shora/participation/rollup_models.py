"""The running totals' tables (see ``participation.rollup`` for why and how)."""

from __future__ import annotations

from django.db import models

from shora.elections.models import Constituency, Election, PollingStation


class RegisterSummary(models.Model):
    """Eligible voters per constituency (``{id: {"n", "women", <band>…}}``) at ``version``."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=200)
    counts = models.JSONField()

    class Meta:
        app_label = "participation"

    def __str__(self) -> str:
        return f"register summary of {self.election_id}"


class TurnoutMark(models.Model):
    """How far the participations are folded: the last id, the holes below it."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="+")
    version = models.CharField(max_length=200)
    last_id = models.BigIntegerField(default=0)
    holes = models.JSONField(default=list, help_text="[[id, first seen (epoch seconds)], …]")

    class Meta:
        app_label = "participation"

    def __str__(self) -> str:
        return f"turnout mark of {self.election_id}: {self.last_id}"


class VotedByGroup(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="+")
    women = models.BooleanField()
    band = models.CharField(max_length=16)
    n = models.IntegerField()

    class Meta:
        app_label = "participation"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "constituency", "women", "band"], name="voted_by_group_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.n}"


class VotedByHour(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    n = models.IntegerField()

    class Meta:
        app_label = "participation"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "constituency", "hour"], name="voted_by_hour_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.n}"


class VotedByStation(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(PollingStation, on_delete=models.CASCADE, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="+")
    n = models.IntegerField()

    class Meta:
        app_label = "participation"
        constraints = [
            models.UniqueConstraint(
                fields=["election", "station", "constituency"], name="voted_by_station_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.election_id}: {self.n}"
