"""Forms of the tally's pages. The passphrase box is never filled back in, and the
passphrase goes to the service exactly as typed: the domain normalises it (digits, spaces,
Arabic letters) as it did when the share was sealed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from shora.elections.models import PollingStation
from shora.results.services.announcement import MAX_ANNOUNCED_CHARACTERS
from shora_domain.election_key import MAX_PASSPHRASE_CHARACTERS


class AnnounceForm(forms.Form):
    value = forms.CharField(
        label=_("Lottery value announced in public"),
        max_length=MAX_ANNOUNCED_CHARACTERS,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )


class SessionOpenForm(forms.Form):
    run_on_command_line = forms.BooleanField(
        label=_("Run the count on the command line (shora tally), not in the last holder's page"),
        required=False,
    )


class ShareForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Your passphrase"),
        strip=False,
        max_length=MAX_PASSPHRASE_CHARACTERS,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "off", "dir": "auto"}
        ),
    )


class StationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} · {obj.name}"


class ExclusionForm(forms.Form):
    station = StationChoiceField(label=_("Station"), queryset=PollingStation.objects.none())
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, stations: QuerySet[PollingStation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        station = self.fields["station"]
        assert isinstance(station, forms.ModelChoiceField)
        station.queryset = stations
