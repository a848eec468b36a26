"""The console's forms: what the staff type, in any digits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.station.journal import INCIDENT_CATEGORIES
from shora_domain.digits import to_latin_digits

DOCUMENT_CHOICES = [
    ("national_card", _("National card")),
    ("birth_certificate", _("Birth certificate")),
    ("passport", _("Passport")),
    ("driving_licence", _("Driving licence")),
    ("military_card", _("Military service card")),
]
FINGERPRINT_CHOICES = [
    ("match", _("Matches")),
    ("no_match", _("Does not match")),
    ("not_available", _("Not available (no readable fingerprint)")),
]
INCIDENT_LABELS = {
    "device_failure": _("Device failure"),
    "dispute": _("Dispute"),
    "complaint": _("Complaint"),
    "assisted_voter": _("Assisted voter"),
    "other": _("Other"),
}
CODE_ATTRS = {"dir": "ltr", "inputmode": "numeric", "autocomplete": "off", "autofocus": True}


class OpeningForm(forms.Form):
    chair = forms.CharField(
        label=_("The chair's national code"), max_length=40, widget=forms.TextInput(CODE_ATTRS)
    )
    staff_present = forms.CharField(
        label=_("National codes of the staff present, one per line"),
        widget=forms.Textarea(attrs={"dir": "ltr", "rows": 6, "autocomplete": "off"}),
        max_length=2000,
    )

    def staff_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["staff_present"].splitlines() if line.strip()]


class DeskForm(forms.Form):
    national_code = forms.CharField(
        label=_("National code"), max_length=40, widget=forms.TextInput(CODE_ATTRS)
    )
    document = forms.ChoiceField(
        label=_("Identity document shown"),
        choices=DOCUMENT_CHOICES,
        initial="national_card",
        widget=forms.RadioSelect,
    )
    fingerprint = forms.ChoiceField(
        label=_("Fingerprint check"), choices=FINGERPRINT_CHOICES, widget=forms.RadioSelect
    )


class ProvisionalForm(forms.Form):
    """The second step of the desk when the centre is unreachable under the policy
    "provisional": the constituency the voter says, among the station's own only."""

    constituency = forms.ChoiceField(
        label=_("The constituency the voter says they belong to"), widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, constituencies: Sequence[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["constituency"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(constituencies)
        if len(constituencies) == 1:
            field.initial = constituencies[0][0]


class TicketForm(forms.Form):
    ticket = forms.CharField(
        label=_("Ticket number"), max_length=20, widget=forms.TextInput(CODE_ATTRS)
    )

    def clean_ticket(self) -> str:
        return to_latin_digits(self.cleaned_data["ticket"]).strip()


class VoidForm(forms.Form):
    ticket = forms.CharField(label=_("Ticket number"), max_length=20, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=300)
    password = forms.CharField(
        label=_("Console password (the chair confirms)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        max_length=1024,
    )

    def clean_ticket(self) -> str:
        return to_latin_digits(self.cleaned_data["ticket"]).strip()


class IncidentForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Kind"), choices=[(c, INCIDENT_LABELS[c]) for c in INCIDENT_CATEGORIES]
    )
    text = forms.CharField(
        label=_("What happened"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    recorded_by = forms.CharField(label=_("Recorded by"), max_length=200)


class ClosingForm(forms.Form):
    early = forms.BooleanField(
        label=_("The polls are closing before their closing time, and I confirm it"),
        required=False,
    )
