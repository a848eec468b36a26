"""Forms of the candidates' pages: any digits, Jalali dates, the domain's labels for choices."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.candidates.models import CandidacySchedule
from shora.candidates.services import PersonDetails
from shora.candidates.services.calendar import SCHEDULE_FIELDS
from shora.web.forms import (
    JalaliDateField,
    LatinDigitsFormMixin,
    PersianDigitsInput,
    persian_digits_formfield,
)
from shora.web.language import reader_language
from shora_domain.candidate_profile import (
    DEGREE_LABELS,
    GENDER_LABELS,
    MILITARY_SERVICE_LABELS,
    VETERAN_LABELS,
)
from shora_domain.jalali import format_jalali_date


def choices_of(labels: Mapping[Any, tuple[str, str]]) -> Callable[[], list[tuple[str, str]]]:
    """Choices labelled in the reader's language when the form is shown."""

    def choices() -> list[tuple[str, str]]:
        index = 1 if reader_language() == "en" else 0
        return [(member.value, pair[index]) for member, pair in labels.items()]

    return choices


class RegistrationForm(LatinDigitsFormMixin, forms.Form):
    national_code = forms.CharField(
        label=_("National code"),
        max_length=40,
        widget=PersianDigitsInput(attrs={"dir": "ltr", "inputmode": "numeric", "autofocus": True}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=200)
    last_name = forms.CharField(label=_("Surname"), max_length=200)
    father_name = forms.CharField(label=_("Father's name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=choices_of(GENDER_LABELS))
    birth_date = JalaliDateField(label=_("Birth date"))
    degree = forms.ChoiceField(label=_("Highest degree"), choices=choices_of(DEGREE_LABELS))
    military_service = forms.ChoiceField(
        label=_("Military service (men)"),
        choices=choices_of(MILITARY_SERVICE_LABELS),
        initial="card",
    )
    veteran_status = forms.ChoiceField(
        label=_("Veteran status"), choices=choices_of(VETERAN_LABELS), initial="none"
    )
    clean_record_issued_on = JalaliDateField(
        label=_("Clean-record certificate issued on"), required=False
    )
    residence_confirmed = forms.BooleanField(
        label=_("Residence in the constituency confirmed"), required=False
    )

    def details(self) -> PersonDetails:
        data = self.cleaned_data
        return PersonDetails(
            national_code=data["national_code"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            father_name=data["father_name"],
            gender=data["gender"],
            birth_date=data["birth_date"],
            degree=data["degree"],
            military_service=data["military_service"],
            clean_record_issued_on=data["clean_record_issued_on"],
            residence_confirmed=data["residence_confirmed"],
            veteran_status=data["veteran_status"],
        )


class ReviewStepForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    to = forms.TypedChoiceField(label=_("Move to"), coerce=int)
    residence_confirmed = forms.BooleanField(
        label=_("Residence in the new constituency confirmed"), required=False
    )

    def __init__(self, *args: Any, destinations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = destinations


class HouseholdsForm(LatinDigitsFormMixin, forms.Form):
    households = forms.IntegerField(
        label=_("Households"),
        min_value=1,
        max_value=10_000_000,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "numeric"}),
    )


class ScheduleForm(LatinDigitsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = CandidacySchedule
        fields = list(SCHEDULE_FIELDS)
        formfield_callback = persian_digits_formfield

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and "persons_per_household" in data:
            data = data.copy()
            typed = data["persons_per_household"]
            data["persons_per_household"] = typed.replace("\u066b", ".").replace("/", ".")
        super().__init__(data, *args, **kwargs)
        for name, field in list(self.fields.items()):
            if isinstance(field, forms.DateField):
                self.fields[name] = JalaliDateField(label=field.label, required=True)
        self.fields["persons_per_household"].widget = forms.TextInput(
            attrs={"dir": "ltr", "inputmode": "decimal"}
        )

    def shown(self, stored: CandidacySchedule, language: str) -> list[tuple[str, str]]:
        """(label, value) of each field as a person reads it: Jalali dates, HH:MM, digits."""
        rows = []
        for name in SCHEDULE_FIELDS:
            value = getattr(stored, name)
            if isinstance(value, datetime.date):
                text = format_jalali_date(value, language)
            elif isinstance(value, datetime.time):
                text = value.strftime("%H:%M")
            else:
                text = str(value).replace(".", "\u066b" if language == "fa" else ".")
            rows.append((str(self.fields[name].label), text))
        return rows

    def changes(self, stored: CandidacySchedule) -> dict[str, Any]:
        """Every field whose value differs from ``stored`` (a fresh copy the form never saw)."""
        return {
            name: self.cleaned_data[name]
            for name in SCHEDULE_FIELDS
            if self.cleaned_data[name] != getattr(stored, name)
        }


class CandidatesFileForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of candidates (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
