"""Forms that take what people type: Persian, Arabic-Indic or Latin digits, Jalali dates."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.elections.models import Election
from shora.elections.services import EDITABLE_SETTINGS
from shora.web.language import reader_language
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError
from shora_domain.jalali import format_jalali_numeric, parse_jalali_date


class JalaliDateField(forms.DateField):
    """A date typed on the Jalali calendar (۱۴۰۵/۰۲/۱۱), in any digits."""

    widget = forms.TextInput(attrs={"placeholder": "۱۴۰۵/۰۲/۱۱", "dir": "ltr"})

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_jalali_date(str(value))
        except DomainError as refusal:
            raise forms.ValidationError(refusal.message(reader_language())) from refusal

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return format_jalali_numeric(value, reader_language())
        return to_persian_digits(value) if value and reader_language() == "fa" else value


class PersianDigitsInput(forms.TextInput):
    """A text box that shows its value in the reader's digits (and takes any digits)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime.time):
            value = value.strftime("%H:%M")
        formatted: str | None = super().format_value(value)
        if formatted is None or reader_language() == "en":
            return formatted
        return to_persian_digits(formatted)


def persian_digits_formfield(field: Any, **kwargs: Any) -> Any:
    """Numbers and times shown in Persian digits; other fields as Django makes them."""
    formfield = field.formfield(**kwargs)
    if isinstance(formfield, forms.IntegerField):
        formfield.widget = PersianDigitsInput(attrs={"inputmode": "numeric", "dir": "ltr"})
    elif isinstance(formfield, forms.TimeField):
        formfield.widget = PersianDigitsInput(attrs={"dir": "ltr", "placeholder": "۰۸:۰۰"})
    return formfield


class LatinDigitsFormMixin:
    """Converts Persian and Arabic-Indic digits in the submitted data before validation."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                data.setlist(key, [to_latin_digits(v) for v in data.getlist(key)])
        super().__init__(data, *args, **kwargs)  # type: ignore[call-arg]


class ElectionSettingsForm(LatinDigitsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    polling_date = JalaliDateField(label=_("Polling day"))
    council_size_table = forms.CharField(
        label=_("Council size table (JSON)"), widget=forms.Textarea(attrs={"rows": 8, "dir": "ltr"})
    )

    class Meta:
        model = Election
        fields = list(EDITABLE_SETTINGS)
        formfield_callback = persian_digits_formfield

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance and not self.is_bound:
            self.initial["council_size_table"] = json.dumps(
                self.instance.council_size_table, ensure_ascii=False, indent=1
            )

    def clean_council_size_table(self) -> Any:
        try:
            return json.loads(self.cleaned_data["council_size_table"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(_("This is not valid JSON.")) from error

    def readable_rows(self) -> list[tuple[str, str, str]]:
        """(name, label, value as a person reads it) of every setting, for readers who may
        not change them: choices by their label, yes/no, hours as HH:MM, Persian digits."""
        rows = []
        for bound in self:
            field, value = bound.field, bound.value()
            if isinstance(field, forms.BooleanField):
                shown = str(_("yes") if value else _("no"))
            elif isinstance(field, forms.ChoiceField):
                labels = {choice: label for choice, label in field.choices}  # type: ignore[union-attr]
                shown = str(labels.get(value, value))
            else:
                shown = field.widget.format_value(field.prepare_value(value)) or ""
            rows.append((bound.name, str(bound.label), shown))
        return rows

    def changes(self, stored: Election) -> dict[str, Any]:
        """Only the settings whose value differs from ``stored``.

        (A bound ModelForm writes the new values onto its own instance while validating,
        so the comparison is against a copy the form never saw.)
        """
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_SETTINGS
            if self.cleaned_data[name] != getattr(stored, name)
        }
