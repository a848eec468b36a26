"""Election day as the centre stores it.

Secrecy (DESIGN.md invariant 2) shapes every table here: a participation names the voter
but no ballot or token; a token and a ballot name no voter; ballot and token ids are random
(UUID4), never sequential; every time on a participation, a token or a ballot is cut to the
hour, and nothing records when a batch of ballots arrived more finely than that. The unique
constraint on (election, voter) is invariant 1: the database refuses a second participation
whatever the concurrency.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shora.accounts.models import DeviceToken
from shora.elections.models import Constituency, County, Election, PollingStation
from shora.registers.models import Voter


class ElectionKey(models.Model):
    """The election's public key (X25519) and how its private key was split. The private key
    itself is never stored: only the shares, each sealed with its holder's passphrase."""

    election = models.OneToOneField(Election, on_delete=models.PROTECT, related_name="polling_key")
    public_key = models.BinaryField()
    fingerprint = models.CharField(max_length=39)
    threshold = models.PositiveSmallIntegerField()
    holders = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The provincial HQ user who ran the ceremony; empty for the system.",
    )

    def __str__(self) -> str:
        return f"{self.election_id}: {self.fingerprint}"


class KeyShareHolding(models.Model):
    """One holder's share of the election's private key, sealed with the holder's passphrase."""

    election_key = models.ForeignKey(ElectionKey, on_delete=models.PROTECT, related_name="shares")
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    index = models.PositiveSmallIntegerField()
    sealed = models.BinaryField()

    class Meta:
        ordering = ["index"]
        constraints = [
            models.UniqueConstraint(
                fields=["election_key", "index"], name="key_share_index_unique"
            ),
            models.UniqueConstraint(
                fields=["election_key", "holder"], name="key_share_holder_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"share {self.index} of {self.election_key_id}"


class EnrolmentCode(models.Model):
    """A one-time code with which a station process enrols; only its SHA-256 is stored."""

    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when issued on the command line by the system's operator.",
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"enrolment code of station {self.station_id}"


class StationDevice(models.Model):
    """An enrolled station process: its Ed25519 public key and its device token."""

    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="devices")
    device_token = models.OneToOneField(
        DeviceToken, on_delete=models.PROTECT, related_name="station_device"
    )
    public_key = models.BinaryField()
    label = models.CharField(max_length=100)
    enrolled_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.label} ({self.station_id})"


class StationDay(models.Model):
    """A station's opening and closing, each with the document the station signed."""

    station = models.OneToOneField(
        PollingStation, on_delete=models.PROTECT, related_name="polling_day"
    )
    device = models.ForeignKey(StationDevice, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    opening_document = models.JSONField()
    opening_signature = models.CharField(max_length=100)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_document = models.JSONField(null=True, blank=True)
    closing_signature = models.CharField(max_length=100, blank=True)
    last_seq = models.PositiveIntegerField(default=0)
    undelivered_tokens = models.PositiveIntegerField(
        default=0,
        help_text="Tokens issued whose answer never reached the station, voided at the close.",
    )

    def __str__(self) -> str:
        return f"day of station {self.station_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class PollingExtension(models.Model):
    """Polls kept open later in a county: the executive board asks, the supervisory board
    confirms; only a confirmed extension moves the closing time."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="extensions")
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="+")
    closes_at = models.TimeField(_("polls close at"))
    reason = models.CharField(_("reason"), max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.county_id} until {self.closes_at}"


class Participation(models.Model):
    """That a voter took part, where and in which hour. Names no token and no ballot."""

    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    voter = models.ForeignKey(Voter, on_delete=models.PROTECT, related_name="+", db_index=False)
    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    hour = models.DateTimeField()
    document = models.CharField(max_length=20)
    fingerprint = models.CharField(max_length=16)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "voter"], name="one_participation_per_voter"
            ),
        ]

    def __str__(self) -> str:
        return f"participation in {self.election_id}"


class TokenStatus(models.TextChoices):
    ISSUED = "issued", _("issued")
    USED = "used", _("used")
    VOIDED = "voided", _("voided")


class BallotToken(models.Model):
    """A one-time right to cast one ballot of one constituency at one station. Carries no
    voter identity; only the SHA-256 of the token is kept."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    token_hash = models.CharField(max_length=64, unique=True)
    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    issued_hour = models.DateTimeField()
    status = models.CharField(max_length=8, choices=TokenStatus.choices, default=TokenStatus.ISSUED)
    void_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["station", "status"], name="token_station_status")]

    def __str__(self) -> str:
        return f"token {self.status}"


class Ballot(models.Model):
    """An encrypted ballot as a station forwarded it. Unreadable until the tally."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    sealed = models.BinaryField()
    sealed_sha256 = models.CharField(max_length=64)
    receipt_code = models.CharField(max_length=12)
    hour = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["election", "receipt_code"], name="ballot_receipt_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"ballot {self.pk}"


class ForwardedBatch(models.Model):
    """A batch a station forwarded: stored once, whatever how often it is sent."""

    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    seq = models.PositiveIntegerField()
    body_sha256 = models.CharField(max_length=64)
    signature = models.CharField(max_length=100)
    entries = models.PositiveIntegerField()
    refused = models.PositiveIntegerField(default=0)
    received_hour = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["station", "seq"], name="batch_seq_unique"),
        ]

    def __str__(self) -> str:
        return f"batch {self.seq} of {self.station_id}"


class IncidentCategory(models.TextChoices):
    DEVICE_FAILURE = "device_failure", _("device failure")
    NETWORK = "network", _("network link lost")
    DISPUTE = "dispute", _("dispute")
    COMPLAINT = "complaint", _("complaint")
    ASSISTED_VOTER = "assisted_voter", _("voter assisted by a companion")
    OTHER = "other", _("other")


class Incident(models.Model):
    """Something that happened at a station, as its staff recorded it (minute precision)."""

    id = models.UUIDField(primary_key=True, editable=False)
    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20, choices=IncidentCategory.choices)
    text = models.TextField()
    recorded_by = models.CharField(max_length=150)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.category} at {self.station_id}"


class ProvisionalOutcome(models.Model):
    """What became of a ballot a station took while it could not reach the centre (the
    election's offline policy "provisional"): counted when the voter's participation could
    be recorded on reconnecting, otherwise kept out of the count with the reason. Names no
    voter; the receipt code lets the voter look the outcome up."""

    id = models.UUIDField(primary_key=True, editable=False)
    station = models.ForeignKey(PollingStation, on_delete=models.PROTECT, related_name="+")
    receipt_code = models.CharField(max_length=12)
    accepted = models.BooleanField()
    reason_code = models.CharField(max_length=60, blank=True)
    hour = models.DateTimeField()

    def __str__(self) -> str:
        return f"provisional {'accepted' if self.accepted else 'rejected'}"
