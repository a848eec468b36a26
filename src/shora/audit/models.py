"""The audit log as stored: one row per event, each chained to the one before by its hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    number = models.PositiveBigIntegerField(unique=True)
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    actor_name = models.CharField(max_length=150, help_text="The actor's username, or 'system'.")
    unit = models.CharField(max_length=100, blank=True, help_text="Where: e.g. county:ahvaz.")
    event_type = models.PositiveSmallIntegerField()
    target_type = models.CharField(max_length=60)
    target_id = models.CharField(max_length=60, blank=True)
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    event_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"#{self.number} {self.event_type} {self.target_type}:{self.target_id}"


class AuditChainHead(models.Model):
    """A single row holding the chain's last number and hash.

    Appending locks this row (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers
    itself), so concurrent services get consecutive numbers and a proper chain.
    """

    last_number = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"chain head at #{self.last_number}"
