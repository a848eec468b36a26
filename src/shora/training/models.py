"""Training: a programme per role made of modules, their question banks, weekly sessions,
attendance and test attempts.

A ``SessionSeries`` is entered once (county, weekday, time, from a date) and expanded into
``Session`` rows up to polling day, so weekly sessions are never typed again. Each person
has one ``Trainee`` row whose random code opens their own test page and marks them present.
At most one attempt per person and module is open at a time, and attempt numbers are
unique per person and module: the database refuses a second concurrent attempt and an
attempt beyond the limit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from shora_domain.staff_roles import StaffRole

#: Executive board members train too; they hold a seat, not a staff post.
BOARD_MEMBER = "board_member"
TRAINING_ROLES = (*(role.value for role in StaffRole), BOARD_MEMBER)


class Programme(models.Model):
    """What one role must learn and do in one election to be certified."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="training_programmes"
    )
    role = models.CharField(max_length=32, choices=[(r, r) for r in TRAINING_ROLES])
    title = models.CharField(max_length=200)
    questions_per_test = models.PositiveSmallIntegerField(default=10)
    time_limit_minutes = models.PositiveSmallIntegerField(default=20)
    pass_percent = models.PositiveSmallIntegerField(default=70)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    sessions_required = models.PositiveSmallIntegerField(default=2)
    drills_required = models.PositiveSmallIntegerField(default=0)
    drill_min_score = models.PositiveSmallIntegerField(default=60)

    class Meta:
        ordering = ["election", "role"]
        constraints = [
            models.UniqueConstraint(fields=["election", "role"], name="programme_once_per_role"),
        ]

    def __str__(self) -> str:
        return self.title


class Module(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField()
    text_en = models.TextField(blank=True)
    multiple = models.BooleanField(default=False)
    explanation = models.TextField(blank=True)
    explanation_en = models.TextField(blank=True)

    class Meta:
        ordering = ["module", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=500)
    text_en = models.CharField(max_length=500, blank=True)
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "pk"]

    def __str__(self) -> str:
        return self.text


class Trainee(models.Model):
    """A person's personal training code: it opens their test page and marks them present."""

    person = models.OneToOneField("boards.Person", on_delete=models.CASCADE, related_name="trainee")
    code = models.CharField(max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"trainee {self.person_id}"


class SessionSeries(models.Model):
    """A weekly session, entered once and repeated every week until polling day."""

    election = models.ForeignKey(
        "elections.Election", on_delete=models.PROTECT, related_name="training_series"
    )
    county = models.ForeignKey("elections.County", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "elections.District", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("venue"), max_length=300)
    capacity = models.PositiveIntegerField(_("capacity"))
    roles = models.JSONField(default=list)
    modules = models.ManyToManyField(Module, related_name="series", blank=True)
    # Python's weekday: Monday 0 … Saturday 5, Sunday 6.
    weekday = models.PositiveSmallIntegerField()
    starts_at = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=90)
    first_date = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["county", "weekday", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    series = models.ForeignKey(SessionSeries, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    cancelled = models.BooleanField(default=False)

    class Meta:
        ordering = ["date", "series__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["series", "date"], name="session_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.series_id} on {self.date}"


class AttendanceMethod(models.TextChoices):
    LIST = "list", _("ticked on the list")
    CODE = "code", _("by code")


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("boards.Person", on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=8, choices=AttendanceMethod.choices)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["session", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="present_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} at {self.session_id}"


class TestAttempt(models.Model):
    __test__ = False  # a model, not a pytest test class

    person = models.ForeignKey("boards.Person", on_delete=models.PROTECT, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    seed = models.CharField(max_length=64)
    question_ids = models.JSONField(default=list)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    # {"question id": [choice ids]} as submitted (never shown to anyone but the person and
    # the trainers, counties, HQ and supervisors of the person's unit).
    answers = models.JSONField(default=dict)
    marks = models.PositiveSmallIntegerField(null=True, blank=True)
    out_of = models.PositiveSmallIntegerField(default=0)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)
    late = models.BooleanField(default=False)

    class Meta:
        ordering = ["module", "person", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module"],
                condition=Q(submitted_at__isnull=True),
                name="one_open_attempt_per_module",
            ),
            models.UniqueConstraint(
                fields=["person", "module", "number"], name="attempt_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of {self.person_id} on {self.module_id}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None
