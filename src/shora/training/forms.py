"""The training forms: a weekly session series, and a code typed or scanned at the door."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.polling.forms import AnyDigitsIntegerField, AnyDigitsTimeField
from shora.training.models import TRAINING_ROLES
from shora.web.forms import JalaliDateField
from shora_domain.staff_roles import role_label

#: Python's weekday numbers in the Iranian week's order, Saturday first.
WEEKDAYS = (
    (5, _("Saturday")),
    (6, _("Sunday")),
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
)


def role_choices(language: str) -> list[tuple[str, str]]:
    return [
        (
            role,
            str(_("executive board member"))
            if role == "board_member"
            else role_label(role, language),
        )
        for role in TRAINING_ROLES
    ]


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=200)
    place = forms.CharField(label=_("venue"), max_length=300)
    capacity = AnyDigitsIntegerField(label=_("capacity"), min_value=1, max_value=10_000)
    roles = forms.MultipleChoiceField(
        label=_("roles invited"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    weekday = forms.TypedChoiceField(label=_("weekday"), choices=WEEKDAYS, coerce=int)
    starts_at = AnyDigitsTimeField(label=_("starts at"))
    first_date = JalaliDateField(label=_("from"))

    def __init__(self, *args: object, language: str = "fa", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["roles"].choices = role_choices(language)  # type: ignore[attr-defined]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("national code or training code"),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autofocus": True}),
    )


class ProgrammeForm(forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=())
    title = forms.CharField(label=_("title"), max_length=200)
    questions_per_test = AnyDigitsIntegerField(
        label=_("questions per test"), min_value=1, max_value=100, initial=10
    )
    time_limit_minutes = AnyDigitsIntegerField(
        label=_("minutes"), min_value=1, max_value=600, initial=20
    )
    pass_percent = AnyDigitsIntegerField(
        label=_("pass mark"), min_value=0, max_value=100, initial=70
    )
    max_attempts = AnyDigitsIntegerField(label=_("attempts"), min_value=1, max_value=20, initial=3)
    sessions_required = AnyDigitsIntegerField(
        label=_("sessions required"), min_value=0, max_value=100, initial=2
    )
    drills_required = AnyDigitsIntegerField(
        label=_("drills required"), min_value=0, max_value=100, initial=0
    )
    drill_min_score = AnyDigitsIntegerField(
        label=_("lowest drill score that counts"), min_value=0, max_value=100, initial=60
    )

    def __init__(self, *args: object, language: str = "fa", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["role"].choices = role_choices(language)  # type: ignore[attr-defined]


class ModuleForm(forms.Form):
    title = forms.CharField(label=_("module"), max_length=200)


class QuestionForm(forms.Form):
    module = forms.TypedChoiceField(label=_("module"), coerce=int, choices=())
    text = forms.CharField(label=_("question"), widget=forms.Textarea(attrs={"rows": 2}))
    choices = forms.CharField(
        label=_("choices, one a line; put * before each right one"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    multiple = forms.BooleanField(label=_("more than one right choice"), required=False)
    explanation = forms.CharField(
        label=_("explanation shown after the test"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, modules: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["module"].choices = modules  # type: ignore[attr-defined]

    def choice_lines(self) -> list[tuple[str, bool]]:
        lines = [line.strip() for line in self.cleaned_data["choices"].splitlines()]
        return [
            (line.lstrip("*").strip(), line.startswith("*")) for line in lines if line.strip("*")
        ]
