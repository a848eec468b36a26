"""Users, their role and unit, and the tokens polling devices sign in with."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_HQ = "province_hq", _("provincial election HQ")
    COUNTY = "county", _("county governorate")
    DISTRICT = "district", _("district governorate")
    STATION = "station", _("polling station")
    SUPERVISOR = "supervisor", _("supervisory board")
    TRAINER = "trainer", _("trainer")


class User(AbstractUser):
    """A person with exactly one role, bound to the unit that role works in.

    provincial HQ and supervisory board: a province; county and trainer: a county;
    district: a district; station: a polling station. A database constraint keeps the unit
    consistent with the role.
    """

    role = models.CharField(max_length=16, choices=Role.choices)
    province = models.ForeignKey(
        "elections.Province", null=True, blank=True, on_delete=models.PROTECT
    )
    county = models.ForeignKey("elections.County", null=True, blank=True, on_delete=models.PROTECT)
    district = models.ForeignKey(
        "elections.District", null=True, blank=True, on_delete=models.PROTECT
    )
    station = models.ForeignKey(
        "elections.PollingStation", null=True, blank=True, on_delete=models.PROTECT
    )
    holds_key_share = models.BooleanField(
        default=False, help_text="Will hold a share of an election key: needs two-factor sign-in."
    )
    failed_sign_ins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_unit_matches_role",
                condition=(
                    Q(role__in=["province_hq", "supervisor"], province__isnull=False)
                    | Q(role__in=["county", "trainer"], county__isnull=False)
                    | Q(role="district", district__isnull=False)
                    | Q(role="station", station__isnull=False)
                    | Q(is_superuser=True)
                ),
            ),
        ]

    @property
    def needs_two_factor(self) -> bool:
        return self.role == Role.PROVINCE_HQ or self.holds_key_share


class DeviceToken(models.Model):
    """A polling device's API credential. Only the SHA-256 of the token is stored."""

    station = models.ForeignKey(
        "elections.PollingStation", on_delete=models.PROTECT, related_name="device_tokens"
    )
    label = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.label} ({self.station_id})"
