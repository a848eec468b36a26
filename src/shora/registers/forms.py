"""Forms of the register's pages: what people type, in any digits, on the Jalali calendar."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.web.forms import JalaliDateField, LatinDigitsFormMixin
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code


class NationalCodeField(forms.CharField):
    """A national code in any digits, with or without dashes; cleaned to ten digits."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off",
                       "placeholder": "۱۲۳۴۵۶۷۸۹۰"}
            ),
        )  # fmt: skip
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            return parse_national_code(text)
        except DomainError as refusal:
            raise forms.ValidationError(refusal.message(reader_language())) from refusal


class WhereToVoteForm(LatinDigitsFormMixin, forms.Form):
    national_code = NationalCodeField(label=_("National code"))
    birth_date = JalaliDateField(
        label=_("Date of birth (Jalali)"),
        widget=forms.TextInput(attrs={"placeholder": "۱۳۶۵/۰۶/۳۱", "dir": "ltr"}),
    )


class VoterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("National code, or last name (and first name)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
