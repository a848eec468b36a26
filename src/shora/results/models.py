"""The tally as the centre stores it.

* ``ElectionResultsSettings``: the value the provincial HQ announces in public before the
  polls close; with the stations' signed receipts roots it seeds the tie lottery.
* ``StationExclusion``: a station the boards leave out of the tally (the county's executive
  board decides, the province's supervisory board confirms); only a confirmed exclusion
  counts.
* ``TallySession`` and ``ShareEntry``: k of the n key holders each type their passphrase
  on their own screen; each opened share waits in a ``ShareEntry`` row from its holder's
  entry until the tally has run or the session is cancelled, and no longer: the rows are
  deleted in the transaction that stores the results (or cancels the session). Meanwhile
  fewer than k share values lie in the database, which open nothing alone; the k-th share
  arrives, the private key is assembled in the memory of the one process that runs the
  tally, used and dropped. The assembled private key is never stored.
* ``ConstituencyResult`` and ``ConstituencyBallots``: the counts (of the whole and of
  each station), the winners and alternates, the ties and how they were broken, the
  lottery's seed; and the opened ballots, shuffled, without receipt codes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora.elections.models import Constituency, Election, PollingStation
from shora.polling.models import KeyShareHolding


class ElectionResultsSettings(models.Model):
    """The lottery's public value, announced by the provincial HQ before the polls close."""

    election = models.OneToOneField(
        Election, on_delete=models.PROTECT, related_name="results_settings"
    )
    announced_lottery_value = models.CharField(_("announced lottery value"), max_length=200)
    announced_at = models.DateTimeField()
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"results settings of {self.election_id}"


class StationExclusion(models.Model):
    """A station left out of the tally: decided by the county's executive board with a
    reason, confirmed by the province's supervisory board. Its ballots are not counted."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    station = models.OneToOneField(
        PollingStation, on_delete=models.PROTECT, related_name="tally_exclusion"
    )
    reason = models.CharField(_("reason"), max_length=500)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"exclusion of station {self.station_id}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class SessionStatus(models.TextChoices):
    OPEN = "open", _("waiting for the key holders")
    RAN = "ran", _("tallied")
    CANCELLED = "cancelled", _("cancelled")


class TallySession(models.Model):
    """One sitting of the key holders: opened by the provincial HQ, run once k shares are
    in, or cancelled. At most one session of an election is open at a time."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    threshold = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=SessionStatus.choices)
    run_on_command_line = models.BooleanField(
        default=False,
        help_text="The k-th share does not run the tally in its request; `shora tally` does.",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    holders_entered = models.JSONField(
        default=list, help_text="Usernames and share numbers of those who entered a share."
    )
    tallied = models.JSONField(default=list, help_text="Codes of the constituencies tallied.")
    left_out = models.JSONField(
        default=list, help_text="Constituencies left for a later session, with the problems."
    )
    refusal = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["election"],
                condition=Q(status="open"),
                name="one_open_tally_session_per_election",
            ),
        ]

    def __str__(self) -> str:
        return f"tally session {self.pk} of {self.election_id} ({self.status})"


class ShareEntry(models.Model):
    """A holder's share, opened with their passphrase, waiting for the others. Exists only
    while its session is open: deleted when the tally has run or the session is cancelled."""

    session = models.ForeignKey(TallySession, on_delete=models.CASCADE, related_name="entries")
    holding = models.ForeignKey(KeyShareHolding, on_delete=models.PROTECT, related_name="+")
    index = models.PositiveSmallIntegerField()
    value = models.TextField(help_text="The share's value, a decimal number.")
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(fields=["session", "holding"], name="one_entry_per_share"),
        ]

    def __str__(self) -> str:
        return f"share {self.index} in session {self.session_id}"


class ConstituencyResult(models.Model):
    """A constituency's tally: counts, per-station counts, standings, ties, the seed."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="+")
    constituency = models.OneToOneField(
        Constituency, on_delete=models.PROTECT, related_name="tally_result"
    )
    session = models.ForeignKey(TallySession, on_delete=models.PROTECT, related_name="+")
    counts = models.JSONField()
    station_counts = models.JSONField(help_text="Station code → the count of its ballots.")
    standings = models.JSONField()
    ties = models.JSONField()
    seed = models.CharField(max_length=64)
    receipts_roots = models.JSONField(help_text="The counted stations' signed receipts roots.")
    excluded_stations = models.JSONField(default=list)
    tallied_at = models.DateTimeField()

    class Meta:
        ordering = ["constituency__code"]

    def __str__(self) -> str:
        return f"result of {self.constituency_id}"


class ConstituencyBallots(models.Model):
    """The constituency's opened ballots in shuffled order, one JSON line each as it was
    sealed (a ballot that did not open is the line ``null``), gzip-compressed. No receipt
    code, no station, no hour: nothing that ties a line to a voter or a moment."""

    result = models.OneToOneField(
        ConstituencyResult, on_delete=models.CASCADE, related_name="ballots"
    )
    jsonl_gzip = models.BinaryField()
    jsonl_sha256 = models.CharField(max_length=64)
    lines = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"ballots of {self.result_id}"


# The certification lives in its own module; imported here so that Django registers it.
from shora.results.certification_models import ConstituencyCertification  # noqa: E402
from shora.results.recount_models import PaperAudit, PaperAuditEntry, Recount  # noqa: E402

__all__ = [
    "ConstituencyBallots",
    "ConstituencyCertification",
    "ConstituencyResult",
    "ElectionResultsSettings",
    "PaperAudit",
    "PaperAuditEntry",
    "Recount",
    "SessionStatus",
    "ShareEntry",
    "StationExclusion",
    "TallySession",
]
