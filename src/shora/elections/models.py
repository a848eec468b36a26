"""Geography and elections.

Province, county and district are lasting geography. Constituencies (a city or a village
council) and polling stations belong to one election, so a drill election has its own
and can never touch the real one's.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from shora_domain.persian_text import normalize_persian


class Province(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    name_key = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["name_key"]

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="counties")
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    name_key = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["name_key"]
        verbose_name_plural = "counties"
        constraints = [
            models.UniqueConstraint(fields=["province", "name_key"], name="county_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="districts")
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    name_key = models.CharField(max_length=100, editable=False)

    class Meta:
        ordering = ["name_key"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name_key"], name="district_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Phase(models.TextChoices):
    """The election's phases in order; an election only moves forward, one gate at a time."""

    SETUP = "setup", _("setup")
    REGISTRATION = "registration", _("registration")
    REVIEW = "review", _("review")
    READY = "ready", _("ready")
    POLLING = "polling", _("polling")
    CLOSED = "closed", _("closed")
    TALLIED = "tallied", _("tallied")
    CERTIFIED = "certified", _("certified")


class OfflinePolicy(models.TextChoices):
    REFUSE = "refuse", _("refuse voters until the link is back")
    PROVISIONAL = "provisional", _("accept provisionally, reconcile later")


class CityEducation(models.TextChoices):
    DIPLOMA = "diploma", _("diploma")
    ASSOCIATE = "associate", _("associate degree")
    BACHELOR = "bachelor", _("bachelor's degree")


class Election(models.Model):
    """One election of a province. The fields under "settings" are DOMAIN.md's medium and
    low confidence rules: defaults from the law as far as public sources show, shown on the
    election's settings page so that an official can see and correct them."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="elections")
    name = models.CharField(_("name"), max_length=200)
    polling_date = models.DateField(_("polling day"))
    opens_at = models.TimeField(_("polls open at"))
    closes_at = models.TimeField(_("polls close at"))
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.SETUP)
    is_drill = models.BooleanField(
        default=False, help_text=_("A training election, isolated from the real one.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # settings (DOMAIN.md medium/low)
    council_size_table = models.JSONField()
    voter_minimum_age = models.PositiveSmallIntegerField(_("voters' minimum age"), default=18)
    candidate_minimum_age = models.PositiveSmallIntegerField(
        _("candidates' minimum age"), default=25
    )
    minimum_polling_hours = models.PositiveSmallIntegerField(
        _("minimum polling hours"),
        default=10,
        help_text=_("The boards may extend polling together; they may not shorten it."),
    )
    residence_rule_applies = models.BooleanField(
        _("residence rule applies"),
        default=False,
        help_text=_(
            "Before 1403 voters in small cities needed a year's residence; unverified since."
        ),
    )
    residence_rule_population_below = models.PositiveIntegerField(
        _("residence rule: cities below this population"), default=100_000
    )
    city_education_required = models.CharField(
        _("education required of city candidates"),
        max_length=16,
        choices=CityEducation.choices,
        default=CityEducation.ASSOCIATE,
        help_text=_("Sources disagree: associate or bachelor's degree."),
    )
    city_higher_education_population_from = models.PositiveIntegerField(
        _("cities needing the higher degree: population from"), default=200_000
    )
    village_literacy_households_up_to = models.PositiveIntegerField(
        _("villages where literacy suffices: households up to"), default=200
    )
    appeal_days = models.PositiveSmallIntegerField(_("days to appeal a rejection"), default=4)
    constituency_move_deadline_days = models.PositiveSmallIntegerField(
        _("last day to move constituency: days before polling"), default=15
    )
    clean_record_max_age_days = models.PositiveSmallIntegerField(
        _("clean-record certificate: maximum age in days"), default=90
    )
    offline_policy = models.CharField(
        _("a station without its link"),
        max_length=16,
        choices=OfflinePolicy.choices,
        default=OfflinePolicy.REFUSE,
        help_text=_("Refuse voters, or accept them provisionally and reconcile on reconnecting."),
    )

    class Meta:
        ordering = ["-polling_date", "name"]

    def __str__(self) -> str:
        return self.name


class ConstituencyKind(models.TextChoices):
    CITY = "city", _("city")
    VILLAGE = "village", _("village")


class Constituency(models.Model):
    """A city or a village council of one election."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="constituencies")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="constituencies")
    code = models.CharField(max_length=16)
    kind = models.CharField(max_length=8, choices=ConstituencyKind.choices)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    name_key = models.CharField(max_length=100, editable=False)
    population = models.PositiveIntegerField()
    members = models.PositiveSmallIntegerField()
    alternates = models.PositiveSmallIntegerField()
    size_override_reason = models.TextField(
        blank=True, help_text="Why members/alternates differ from the law table; empty if not."
    )

    class Meta:
        ordering = ["name_key"]
        verbose_name_plural = "constituencies"
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="constituency_code_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Connectivity(models.TextChoices):
    FIBRE = "fibre", _("fibre")
    COPPER = "copper", _("copper")
    MOBILE = "mobile", _("mobile")
    SATELLITE = "satellite", _("satellite")
    NONE = "none", _("none")


class PollingStation(models.Model):
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="stations")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="stations")
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=150)
    address = models.CharField(max_length=300, blank=True)
    connectivity = models.CharField(max_length=12, choices=Connectivity.choices)
    constituencies = models.ManyToManyField(Constituency, related_name="stations")

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["election", "code"], name="station_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def name_key(name: str) -> str:
    """The stored comparison form of a unit's name (one normalisation everywhere)."""
    return normalize_persian(name)
