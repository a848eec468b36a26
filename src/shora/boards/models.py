"""Who serves the election: people, boards and their seats, trustee nominees, station rosters.

One ``Person`` per election and national code (a database constraint): the same person
typed under two spellings is one person. A ``Board`` exists per election, kind and unit;
its row is made with its first nominee or member. Seats are ``BoardMembership`` rows and
posts at stations or in the field ``StaffPost`` rows; ending a seat or a post keeps the
row (with when and why) so a roster's history stays readable.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora_domain.board_composition import DEFAULT_COMPOSITION_TABLE, table_to_dict
from shora_domain.staff_roles import BoardKind, BoardLevel, StaffRole


class Gender(models.TextChoices):
    FEMALE = "female", _("woman")
    MALE = "male", _("man")


class Relation(models.TextChoices):
    PARENT = "parent", _("parent")
    CHILD = "child", _("child")
    SPOUSE = "spouse", _("spouse")
    SIBLING = "sibling", _("sibling")


class RelativePolicy(models.TextChoices):
    WARN = "warn", _("warn and list it")
    BLOCK = "block", _("refuse the post")


class NominationStatus(models.TextChoices):
    NOMINATED = "nominated", _("awaiting clearance")
    CLEARED = "cleared", _("cleared")
    REJECTED = "rejected", _("not cleared")


class Person(models.Model):
    """Someone who serves (or is nominated to serve) in one election."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="staff_people"
    )
    national_code = models.CharField(max_length=10)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(max_length=8, choices=Gender.choices)
    phone = models.CharField(max_length=11, blank=True)
    # The unit that registered the person (neither: the provincial HQ).
    county = models.ForeignKey(
        "elections.County", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "elections.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name_key", "national_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "national_code"], name="staff_person_once_per_election"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class DeclaredRelative(models.Model):
    """A first-degree relative the person declared: ``national_code`` is their ``relation``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    national_code = models.CharField(max_length=10)
    relation = models.CharField(max_length=8, choices=Relation.choices)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "national_code"], name="relative_declared_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.national_code} ({self.relation})"


class Board(models.Model):
    """One board of one election at one unit: the province, a county or a district."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="boards"
    )
    kind = models.CharField(max_length=24, choices=[(k.value, k.value) for k in BoardKind])
    province = models.ForeignKey("elections.Province", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(
        "elections.County", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "elections.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["election", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "kind"],
                condition=Q(county__isnull=True, district__isnull=True),
                name="board_once_per_province",
            ),
            models.UniqueConstraint(
                fields=["election", "kind", "county"],
                condition=Q(county__isnull=False, district__isnull=True),
                name="board_once_per_county",
            ),
            models.UniqueConstraint(
                fields=["election", "kind", "district"],
                condition=Q(district__isnull=False),
                name="board_once_per_district",
            ),
            models.CheckConstraint(
                name="board_unit_matches_kind",
                condition=(
                    Q(
                        kind__in=[k.value for k in BoardKind if k.level == BoardLevel.PROVINCE],
                        county__isnull=True,
                        district__isnull=True,
                    )
                    | Q(
                        kind__in=[k.value for k in BoardKind if k.level == BoardLevel.COUNTY],
                        county__isnull=False,
                        district__isnull=True,
                    )
                    | Q(
                        kind__in=[k.value for k in BoardKind if k.level == BoardLevel.DISTRICT],
                        county__isnull=False,
                        district__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.district_id or self.county_id or self.province_id}"

    @property
    def board_kind(self) -> BoardKind:
        return BoardKind(self.kind)


class BoardMembership(models.Model):
    """A seat held on a board, from ``appointed_at`` until ``ended_at``."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=32)
    nomination = models.ForeignKey(
        "TrusteeNomination",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    appointed_at = models.DateTimeField(auto_now_add=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["board", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "person"],
                condition=Q(ended_at__isnull=True),
                name="one_seat_per_person_per_board",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role} on {self.board_id}"


class TrusteeNomination(models.Model):
    """A trustee the governor nominated, which the supervisory board clears or not."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="nominations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="nominations")
    status = models.CharField(
        max_length=12, choices=NominationStatus.choices, default=NominationStatus.NOMINATED
    )
    nominated_at = models.DateTimeField(auto_now_add=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ruled_at = models.DateTimeField(null=True, blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["board", "nominated_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["board", "person"], name="nominated_once_per_board"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} nominated to {self.board_id} ({self.status})"


class StaffPost(models.Model):
    """A post at a polling station, or an inspector's or trainer's post in a county or district.

    A person holds one such post per election (a database constraint on the active rows);
    a station has one chair at a time (another).
    """

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="staff_posts"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="staff_posts")
    role = models.CharField(max_length=32, choices=[(r.value, r.value) for r in StaffRole])
    station = models.ForeignKey(
        "elections.PollingStation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff_posts",
    )
    county = models.ForeignKey(
        "elections.County", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "elections.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appointed_at = models.DateTimeField(auto_now_add=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["station", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_at__isnull=True),
                name="one_staff_post_per_person",
            ),
            models.UniqueConstraint(
                fields=["station"],
                condition=Q(ended_at__isnull=True, role=StaffRole.STATION_CHAIR.value),
                name="one_chair_per_station",
            ),
            models.CheckConstraint(
                name="staff_post_place_matches_role",
                condition=(
                    Q(
                        role__in=[r.value for r in StaffRole if r.is_at_station],
                        station__isnull=False,
                        county__isnull=True,
                        district__isnull=True,
                    )
                    | Q(
                        role__in=[r.value for r in StaffRole if not r.is_at_station],
                        station__isnull=True,
                        county__isnull=False,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role}"


def default_composition_table() -> dict[str, object]:
    return table_to_dict(DEFAULT_COMPOSITION_TABLE)


class BoardSettings(models.Model):
    """The boards' settings of one election (DOMAIN.md medium confidence), shown and
    corrected on the boards' settings page. Without a row the defaults apply."""

    election = models.OneToOneField(
        "elections.Election", on_delete=models.PROTECT, related_name="board_settings"
    )
    composition_table = models.JSONField(default=default_composition_table)
    relative_policy = models.CharField(
        _("a declared first-degree relative of a candidate serving there"),
        max_length=8,
        choices=RelativePolicy.choices,
        default=RelativePolicy.WARN,
    )

    def __str__(self) -> str:
        return f"board settings of {self.election_id}"
