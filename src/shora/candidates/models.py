"""Candidacies, their review history, the registration and review calendar, frozen ballots.

A person (national code) holds at most one active candidacy per election: a partial unique
index on the active statuses, so even two registrations at the same instant leave one.
Every review step is a ``ReviewStep`` row (who, when, which board, decision, reason), kept
for the candidate's page. A ``Ballot`` is written once per constituency when the election
enters "ready": its entries (codes) are never updated — the database itself refuses it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora.elections.models import Constituency, Election
from shora_domain.candidate_profile import Degree, Gender, MilitaryService, VeteranStatus
from shora_domain.candidate_review import (
    ACTIVE_STATUSES,
    Board,
    CandidacyStatus,
    ReviewAction,
)

ACTIVE_STATUS_VALUES = sorted(status.value for status in ACTIVE_STATUSES)


def _values(kind: type[object]) -> list[str]:
    return [member.value for member in kind]  # type: ignore[attr-defined]


class CandidacySchedule(models.Model):
    """The election's registration windows and review deadlines (each deadline a last day).

    Until the provincial HQ saves it, ``candidacy_schedule_for`` gives the defaults of the
    7th round (DOMAIN.md) shifted to the election's polling day, unsaved.
    """

    election = models.OneToOneField(
        Election, on_delete=models.PROTECT, related_name="candidacy_schedule"
    )
    city_registration_opens_on = models.DateField(_("cities: registration opens"))
    city_registration_closes_on = models.DateField(_("cities: registration closes"))
    village_registration_opens_on = models.DateField(_("villages: registration opens"))
    village_registration_closes_on = models.DateField(_("villages: registration closes"))
    registration_opens_at = models.TimeField(_("registration hours: from"))
    registration_closes_at = models.TimeField(_("registration hours: until"))
    city_executive_deadline = models.DateField(_("cities: executive board decides by"))
    city_supervisory_deadline = models.DateField(_("cities: supervisory board rules by"))
    city_high_board_deadline = models.DateField(_("cities: high board hears appeals by"))
    village_executive_deadline = models.DateField(_("villages: executive board decides by"))
    village_supervisory_deadline = models.DateField(_("villages: supervisory board rules by"))
    village_high_board_deadline = models.DateField(_("villages: high board hears appeals by"))
    persons_per_household = models.DecimalField(
        _("persons per household (villages without a recorded count)"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("3.3"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"schedule of {self.election}"


class VillageHouseholds(models.Model):
    """A village's number of households, as recorded by its county (decides literacy)."""

    constituency = models.OneToOneField(
        Constituency, on_delete=models.PROTECT, related_name="households_record"
    )
    households = models.PositiveIntegerField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.constituency}: {self.households}"


class Candidacy(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="candidacies")
    constituency = models.ForeignKey(
        Constituency, on_delete=models.PROTECT, related_name="candidacies"
    )
    national_code = models.CharField(max_length=10)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    father_name = models.CharField(max_length=100)
    name_key = models.CharField(max_length=220, editable=False, help_text="search_key of the name")
    gender = models.CharField(max_length=8)
    birth_date = models.DateField()
    degree = models.CharField(max_length=16)
    veteran_status = models.CharField(max_length=24, default=VeteranStatus.NONE.value)
    military_service = models.CharField(max_length=24)
    clean_record_issued_on = models.DateField()
    residence_confirmed = models.BooleanField()
    status = models.CharField(max_length=20, default=CandidacyStatus.REGISTERED.value)
    status_changed_at = models.DateTimeField()
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moved_from = models.ForeignKey(
        Constituency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Set by the one move a candidacy may make.",
    )

    class Meta:
        verbose_name_plural = "candidacies"
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "national_code"],
                condition=Q(status__in=ACTIVE_STATUS_VALUES),
                name="candidacy_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=Q(status__in=_values(CandidacyStatus)), name="candidacy_status_known"
            ),
            models.CheckConstraint(
                condition=Q(gender__in=_values(Gender)), name="candidacy_gender"
            ),
            models.CheckConstraint(
                condition=Q(degree__in=_values(Degree)), name="candidacy_degree"
            ),
            models.CheckConstraint(
                condition=Q(veteran_status__in=_values(VeteranStatus)), name="candidacy_veteran"
            ),
            models.CheckConstraint(
                condition=Q(military_service__in=_values(MilitaryService)),
                name="candidacy_military_service",
            ),
        ]
        indexes = [
            models.Index(fields=["constituency", "status"], name="candidacy_constituency_status"),
            models.Index(fields=["election", "status"], name="candidacy_election_status"),
            models.Index(fields=["election", "national_code"], name="candidacy_national_code"),
            models.Index(
                fields=["election", "name_key", "birth_date"], name="candidacy_name_birth"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def status_enum(self) -> CandidacyStatus:
        return CandidacyStatus(self.status)


class ReviewStep(models.Model):
    """One step of a candidacy's history, from its registration on."""

    candidacy = models.ForeignKey(Candidacy, on_delete=models.PROTECT, related_name="steps")
    action = models.CharField(max_length=24)
    board = models.CharField(max_length=16)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    acted_at = models.DateTimeField()
    reason = models.TextField(blank=True)
    deadline = models.DateField(null=True, blank=True, help_text="The last day this step had.")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["acted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=_values(ReviewAction)), name="review_step_action"
            ),
            models.CheckConstraint(condition=Q(board__in=_values(Board)), name="review_step_board"),
        ]

    def __str__(self) -> str:
        return f"{self.candidacy_id}: {self.action}"


class Ballot(models.Model):
    """A constituency's frozen candidate list: the ballot polling and tallying read."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    constituency = models.OneToOneField(
        Constituency, on_delete=models.PROTECT, related_name="ballot"
    )
    frozen_at = models.DateTimeField()
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField(help_text="The canonical ballot definition (shora-ballot/1).")
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"ballot of {self.constituency}"


class BallotEntry(models.Model):
    """One candidate on a frozen ballot. Never updated (a database trigger refuses it)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="entries")
    constituency = models.ForeignKey(Constituency, on_delete=models.PROTECT, related_name="+")
    candidacy = models.OneToOneField(
        Candidacy, on_delete=models.PROTECT, related_name="ballot_entry"
    )
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=12)
    display_name = models.CharField(max_length=210)
    name_key = models.CharField(max_length=220)

    class Meta:
        ordering = ["ballot", "position"]
        verbose_name_plural = "ballot entries"
        constraints = [
            models.UniqueConstraint(
                fields=["constituency", "code"], name="ballot_code_unique_in_constituency"
            ),
            models.UniqueConstraint(fields=["ballot", "position"], name="ballot_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"
