"""The infrastructure checklist: templates, inspections, deficiencies, the counties' reports.

* A **checklist template** of an election has **versions**: a draft is edited, publishing
  freezes it for good; an inspection records the version it used.
* An **inspection** of a polling station records one **result** per item of its version;
  a failed item opens a **deficiency** of that station, assigned to a responsible
  **organisation** and a named person with a due date, tracked through its **history**
  until a re-inspection verifies it.
* Each county **submits** its checklist to the provincial HQ, which acknowledges it or
  returns it with comments; the daily **digest** of overdue and soon-due items is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    """Mirrors ``shora_domain.readiness_scoring.Severity``."""

    BLOCKING = "blocking", _("blocking")
    MAJOR = "major", _("major")
    MINOR = "minor", _("minor")


class DeficiencyStatus(models.TextChoices):
    """Mirrors ``shora_domain.readiness_scoring.DeficiencyStatus``."""

    OPEN = "open", _("open")
    IN_PROGRESS = "in_progress", _("in progress")
    FIXED = "fixed", _("fixed, awaiting verification")
    VERIFIED = "verified", _("verified by re-inspection")


class CheckKind(models.TextChoices):
    """Mirrors ``shora_domain.readiness_checks.CheckKind``."""

    YES_NO = "yes_no", _("yes or no")
    MEASURED = "measured", _("measured value")
    PHOTO = "photo", _("photo")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")


class Area(models.TextChoices):
    NETWORK = "network", _("network link and its backup")
    POWER = "power", _("power and UPS")
    IDENTITY_DEVICE = "identity_device", _("identity device")
    VOTING_DEVICE = "voting_device", _("voting device")
    PRINTER = "printer", _("printer and paper")
    SPARES = "spares", _("spare devices")
    BUILDING = "building", _("the building")
    ACCESSIBILITY = "accessibility", _("access for disabled and elderly voters")
    SECURITY = "security", _("security")


class OrganisationKind(models.TextChoices):
    TELECOM = "telecom", _("telecom operator")
    POWER = "power", _("power distributor")
    GOVERNORATE_IT = "governorate_it", _("governorate IT")
    EDUCATION = "education", _("education department (school buildings)")
    POLICE = "police", _("police")
    MUNICIPALITY = "municipality", _("municipality or village office")
    OTHER = "other", _("other organisation")


class Organisation(models.Model):
    """An organisation answerable for deficiencies: province-wide, or of one county."""

    province = models.ForeignKey("elections.Province", on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(
        "elections.County", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=150)
    name_key = models.CharField(max_length=150, editable=False)
    contact_person = models.CharField(_("contact person"), max_length=150)
    phone = models.CharField(_("phone"), max_length=20)

    class Meta:
        ordering = ["kind", "name_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "county", "name_key"], name="organisation_name_unique"
            ),
            models.UniqueConstraint(
                fields=["province", "name_key"],
                condition=Q(county__isnull=True),
                name="organisation_province_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ChecklistTemplate(models.Model):
    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="checklist_templates"
    )
    name = models.CharField(_("name"), max_length=150)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["election", "name"], name="checklist_template_unique")
        ]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """A version of a template: a draft while edited, frozen once published."""

    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_unique"),
            models.UniqueConstraint(
                fields=["template"],
                condition=Q(published_at__isnull=True),
                name="template_one_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TemplateItem(models.Model):
    """One item of a version. ``code`` names the same check across versions."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveIntegerField()
    code = models.SlugField(max_length=40)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    text = models.CharField(_("item (Persian)"), max_length=300)
    text_en = models.CharField(_("item (English)"), max_length=300, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    responsible_kind = models.CharField(
        _("responsible organisation"), max_length=20, choices=OrganisationKind.choices
    )
    check_kind = models.CharField(_("checked by"), max_length=10, choices=CheckKind.choices)
    threshold = models.DecimalField(
        _("threshold"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    comparison = models.CharField(
        _("comparison"), max_length=10, choices=Comparison.choices, blank=True
    )
    unit = models.CharField(_("unit (Persian)"), max_length=30, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=30, blank=True)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="template_item_code_unique"),
            models.UniqueConstraint(
                fields=["version", "position"], name="template_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Photo(models.Model):
    """An image checked by Pillow, stored once under SHORA_HOME/media by its SHA-256."""

    sha256 = models.CharField(max_length=64, unique=True)
    image_format = models.CharField(max_length=8)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.sha256[:12]}.{self.image_format.lower()}"


class Inspection(models.Model):
    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="inspections"
    )
    station = models.ForeignKey(
        "elections.PollingStation", on_delete=models.PROTECT, related_name="inspections"
    )
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    inspected_on = models.DateField(_("inspected on"))
    inspector_name = models.CharField(_("inspector"), max_length=150)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    note = models.TextField(_("note"), blank=True)
    passed = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        indexes = [models.Index(fields=["station", "inspected_on"])]

    def __str__(self) -> str:
        return f"inspection {self.pk} of {self.station_id}"


class InspectionResult(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="results")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    passed = models.BooleanField()
    value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["item__position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "item"], name="inspection_result_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {'pass' if self.passed else 'fail'}"


class Deficiency(models.Model):
    """A failed item of a station, tracked until a re-inspection verifies it fixed."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="deficiencies"
    )
    station = models.ForeignKey(
        "elections.PollingStation", on_delete=models.PROTECT, related_name="deficiencies"
    )
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    item_code = models.SlugField(max_length=40)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    found_by = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="found")
    finding = models.CharField(_("finding"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="deficiencies"
    )
    responsible_person = models.CharField(_("responsible person"), max_length=150, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=DeficiencyStatus.choices, default=DeficiencyStatus.OPEN
    )
    opened_at = models.DateTimeField()
    changed_at = models.DateTimeField()
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fixed_by_name = models.CharField(max_length=150, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by_name = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name_plural = "deficiencies"
        constraints = [
            # one unresolved deficiency per station and check, whatever the version
            models.UniqueConstraint(
                fields=["station", "item_code"],
                condition=~Q(status="verified"),
                name="deficiency_one_unresolved",
            ),
        ]
        indexes = [models.Index(fields=["election", "status"])]

    def __str__(self) -> str:
        return f"deficiency {self.pk}: {self.item_code} at {self.station_id}"


class DeficiencyEvent(models.Model):
    """One step of a deficiency's history."""

    class Action(models.TextChoices):
        OPENED = "opened", _("opened by an inspection")
        ASSIGNED = "assigned", _("assigned")
        STARTED = "started", _("work started")
        FIXED = "fixed", _("marked fixed")
        VERIFIED = "verified", _("verified by re-inspection")
        REOPENED = "reopened", _("reopened: the re-inspection failed")
        STILL_FAILING = "still_failing", _("found failing again")
        PASSED_UNVERIFIED = "passed_unverified", _("passed a re-inspection, not yet verifiable")

    deficiency = models.ForeignKey(Deficiency, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=150)
    from_status = models.CharField(max_length=12, choices=DeficiencyStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=DeficiencyStatus.choices)
    note = models.CharField(max_length=500, blank=True)
    inspection = models.ForeignKey(
        Inspection, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    photo = models.ForeignKey(
        Photo, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.deficiency_id} {self.action}"


class SubmissionState(models.TextChoices):
    SUBMITTED = "submitted", _("submitted, awaiting the HQ")
    ACKNOWLEDGED = "acknowledged", _("acknowledged by the HQ")
    RETURNED = "returned", _("returned with comments")


class CountySubmission(models.Model):
    """A county's checklist, formally submitted to the provincial HQ, as it stood then."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="readiness_submissions"
    )
    county = models.ForeignKey("elections.County", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    state = models.CharField(
        max_length=12, choices=SubmissionState.choices, default=SubmissionState.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by_name = models.CharField(max_length=150)
    submitted_at = models.DateTimeField()
    note = models.TextField(_("note"), blank=True)
    snapshot = models.JSONField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_by_name = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "county", "number"], name="submission_number_unique"
            ),
            models.UniqueConstraint(
                fields=["election", "county"],
                condition=Q(state="submitted"),
                name="submission_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"submission {self.number} of {self.county_id}"


class DigestRun(models.Model):
    """The daily digest of overdue and soon-due deficiencies, as it was composed."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="readiness_digests"
    )
    reference_day = models.DateField()
    soon_days = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField()
    content = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"digest of {self.reference_day}"
