"""A constituency's certification: the county's executive board approves its result, the
supervisory board confirms it.

Each step keeps who recorded it, when, and the names of the board's members serving at
that moment (copied, not referenced: a member who leaves the board later stays on the
form that was signed while they sat). One row per constituency, made by the approval;
the confirmation fills its second half. Imported by ``models.py`` so that Django finds it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ConstituencyCertification(models.Model):
    """The approval (county executive board) and confirmation (supervisory board)."""

    result = models.OneToOneField(
        "results.ConstituencyResult", on_delete=models.PROTECT, related_name="certification"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField()
    approving_members = models.JSONField(
        help_text="The executive board's serving members: [{name, role}], as they sat."
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirming_members = models.JSONField(
        default=list, help_text="The supervisory board's serving members: [{name, role}]."
    )

    class Meta:
        app_label = "results"
        ordering = ["result__constituency__code"]

    def __str__(self) -> str:
        return f"certification of {self.result_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
