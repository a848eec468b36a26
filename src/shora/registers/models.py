"""The voter register of an election, its imports, and the public look-up's rate counters.

A ``Voter`` is one person (national code) in one election's register: the database refuses
a second row for the same code. Rows are changed only by an import of the civil
registry's extract (``imports``); a person missing from a newer extract is marked removed
(``removed_by``), not deleted, so that the history of the register stays readable and
anything that refers to the voter keeps its reference.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora.elections.models import Constituency, Election


class Gender(models.TextChoices):
    FEMALE = "female", _("woman")
    MALE = "male", _("man")


class BirthCalendar(models.TextChoices):
    JALALI = "jalali", _("Jalali")
    GREGORIAN = "gregorian", _("Gregorian")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("running")
    APPLIED = "applied", _("applied")
    REFUSED = "refused", _("refused: bad rows")
    FAILED = "failed", _("failed: the file was refused")
    INTERRUPTED = "interrupted", _("interrupted")


class VoterImport(models.Model):
    """One run of ``shora import voters``: who, when, which file, and what it did."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="voter_imports")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    operator = models.CharField(
        max_length=200, help_text="The user, or the system account and host of the command line."
    )
    process = models.CharField(
        max_length=200, blank=True, help_text="host:pid of the importing process while it runs."
    )
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    file_size = models.PositiveBigIntegerField()
    birth_calendar = models.CharField(max_length=10, choices=BirthCalendar.choices)
    import_good_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=ImportStatus.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    problems = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(
        default=0, help_text="Voters kept as they were because their row was bad."
    )
    message_fa = models.TextField(blank=True)
    message_en = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class Voter(models.Model):
    # (election, national_code) is unique and indexed: no second index on election alone.
    # The database checks the constituency reference, and the constituency's own reference
    # to its election, so no election can vanish under a voter; the import writes both from
    # the same election. Checking the election too would cost one more foreign-key check per
    # row (a third of a first import of millions, docs/benchmarks.md) and add nothing.
    election = models.ForeignKey(
        Election,
        on_delete=models.PROTECT,
        related_name="voters",
        db_index=False,
        db_constraint=False,
    )
    national_code = models.CharField(max_length=10)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    father_name = models.CharField(max_length=100, blank=True)
    name_key = models.CharField(
        max_length=210, help_text="search_key(last name), a space, search_key(first name)."
    )
    gender = models.CharField(max_length=6, choices=Gender.choices)
    birth_date = models.DateField()
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="voters")
    deceased = models.BooleanField(default=False)
    barred = models.BooleanField(default=False)
    residence_since = models.DateField(null=True, blank=True)
    # The import that last added or changed the row, and the one that removed it. Import
    # records are never deleted; the database does not check these two references, which
    # spares millions of foreign-key checks per import (the constituency's is checked).
    imported_by = models.ForeignKey(
        VoterImport,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )
    removed_by = models.ForeignKey(
        VoterImport,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name_key", "national_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "national_code"], name="voter_national_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(gender__in=["female", "male"]), name="voter_gender_known"
            ),
        ]
        indexes = [
            models.Index(
                fields=["election", "name_key"],
                name="voter_name_key",
                opclasses=["int8_ops", "varchar_pattern_ops"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name} ({self.national_code})"

    @property
    def in_register(self) -> bool:
        return self.removed_by_id is None


class LookupCount(models.Model):
    """How many look-ups one client (or one national code) made in one window of time.

    ``bucket`` is "ip:<address>" or "code:<keyed hash of the code>" (never the code itself);
    ``window_start`` is the start of a fixed window. Shared by every server process.
    """

    bucket = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "window_start"], name="lookup_count_unique"),
        ]
        indexes = [models.Index(fields=["window_start"], name="lookup_count_window")]

    def __str__(self) -> str:
        return f"{self.bucket} @ {self.window_start}: {self.count}"
