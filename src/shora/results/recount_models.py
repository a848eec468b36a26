"""Recounts of a tallied constituency and the paper-record audit, as the centre stores them.

* ``Recount``: asked with a reason by the provincial HQ (run at once) or by the county of
  the constituency (run once the province's supervisory board confirms it). It re-counts
  the stored shuffled ballots and keeps the recount's figures and every difference from the
  stored result; whether the result was certified when it was recounted is kept too.
* ``PaperAudit`` and ``PaperAuditEntry``: a sample of a constituency's counted stations,
  drawn from the constituency's public seed (``shora_domain.paper_audit``); the auditors
  enter each sampled station's paper counts, compared with its electronic count.
Imported by ``models.py`` so that Django finds them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Recount(models.Model):
    result = models.ForeignKey(
        "results.ConstituencyResult", on_delete=models.PROTECT, related_name="recounts"
    )
    reason = models.CharField(max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="None: the centre's command line (`shora recount`), acting for the HQ.",
    )
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    ran_at = models.DateTimeField(null=True, blank=True)
    was_certified = models.BooleanField(
        default=False, help_text="The result was confirmed by the supervisory board when recounted."
    )
    same = models.BooleanField(null=True, help_text="None until it has run.")
    counts = models.JSONField(default=dict, help_text="The recount's count.")
    differences = models.JSONField(default=list, help_text="Each difference, in English.")

    class Meta:
        app_label = "results"
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"recount {self.pk} of {self.result_id}"

    @property
    def has_run(self) -> bool:
        return self.ran_at is not None


class PaperAudit(models.Model):
    result = models.OneToOneField(
        "results.ConstituencyResult", on_delete=models.PROTECT, related_name="paper_audit"
    )
    seed = models.CharField(max_length=64)
    stations = models.JSONField(help_text="The counted stations' codes the sample was drawn from.")
    sample = models.JSONField(help_text="The sampled stations' codes, in the order drawn.")
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    drawn_at = models.DateTimeField()

    class Meta:
        app_label = "results"

    def __str__(self) -> str:
        return f"paper audit of {self.result_id}"


class PaperAuditEntry(models.Model):
    audit = models.ForeignKey(PaperAudit, on_delete=models.CASCADE, related_name="entries")
    station_code = models.CharField(max_length=64)
    paper = models.JSONField(
        help_text="The paper counts: votes per candidate, blank, void, ballots."
    )
    electronic = models.JSONField(help_text="The station's electronic count at the tally.")
    differences = models.JSONField(default=list)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        app_label = "results"
        ordering = ["station_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "station_code"], name="one_paper_entry_per_sampled_station"
            ),
        ]

    def __str__(self) -> str:
        return f"paper counts of station {self.station_code} in {self.audit_id}"

    @property
    def matches(self) -> bool:
        return not self.differences
