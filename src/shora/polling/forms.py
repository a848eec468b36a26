"""Forms of the election-day pages: the key ceremony and the extension of the polling hours.

Numbers and times are taken in Persian, Arabic-Indic or Latin digits. The passphrases of the
key ceremony are password boxes that are never filled back in when the form comes back with
an error, and are passed to the service exactly as typed: the domain normalises them (digits,
spaces, Arabic letters) the same way when the share is sealed and when it is opened.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.accounts.models import User
from shora.elections.models import County, Election
from shora.web.forms import PersianDigitsInput
from shora.web.language import reader_language
from shora_domain.digits import format_number, to_latin_digits
from shora_domain.election_key import (
    MAX_HOLDERS,
    MAX_PASSPHRASE_CHARACTERS,
    MIN_PASSPHRASE_CHARACTERS,
    MIN_THRESHOLD,
)
from shora_domain.persian_text import normalize_persian


class AnyDigitsIntegerField(forms.IntegerField):
    """A whole number typed in any digits."""

    widget = PersianDigitsInput(attrs={"inputmode": "numeric", "dir": "ltr"})

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = to_latin_digits(value)
        result: int | None = super().to_python(value)
        return result


class AnyDigitsTimeField(forms.TimeField):
    """A time of day (HH:MM) typed in any digits."""

    widget = PersianDigitsInput(attrs={"dir": "ltr", "placeholder": "۲۰:۰۰"})
    input_formats = ["%H:%M", "%H:%M:%S"]

    def to_python(self, value: Any) -> datetime.time | None:
        if isinstance(value, str):
            value = to_latin_digits(value).strip()
        result: datetime.time | None = super().to_python(value)
        return result


def _passphrase_box() -> forms.CharField:
    return forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_PASSPHRASE_CHARACTERS,
        widget=forms.PasswordInput(
            render_value=False, attrs={"autocomplete": "new-password", "dir": "auto"}
        ),
    )


class KeyCeremonyForm(forms.Form):
    """k, the holders ticked among ``candidates``, and each holder's passphrase typed twice
    in the holder's own pair of boxes."""

    threshold = AnyDigitsIntegerField(label=_("Shares needed to open the key (k)"), min_value=1)
    holders = forms.MultipleChoiceField(
        label=_("Key holders"), widget=forms.CheckboxSelectMultiple, required=True
    )

    def __init__(self, *args: Any, candidates: Iterable[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        holders = self.fields["holders"]
        assert isinstance(holders, forms.MultipleChoiceField)
        holders.choices = [(str(user.pk), holder_name(user)) for user in self.candidates]
        for user in self.candidates:
            self.fields[f"passphrase_{user.pk}"] = _passphrase_box()
            self.fields[f"repeat_{user.pk}"] = _passphrase_box()

    def holder_rows(self) -> list[tuple[User, bool, Any, Any]]:
        """(user, ticked, passphrase box, repeat box) of every candidate, for the template."""
        ticked = {str(value) for value in (self["holders"].value() or [])}
        return [
            (user, str(user.pk) in ticked, self[f"passphrase_{user.pk}"], self[f"repeat_{user.pk}"])
            for user in self.candidates
        ]

    def _chosen(self) -> list[User]:
        chosen = set(self.cleaned_data.get("holders") or [])
        return [user for user in self.candidates if str(user.pk) in chosen]

    def _check_passphrases(self, chosen: list[User]) -> None:
        seen: dict[str, User] = {}
        for user in self.candidates:
            typed = self.cleaned_data.get(f"passphrase_{user.pk}", "")
            repeat = self.cleaned_data.get(f"repeat_{user.pk}", "")
            if user not in chosen:
                if typed or repeat:
                    self.add_error(
                        f"passphrase_{user.pk}",
                        _("Tick this holder, or leave the passphrase empty."),
                    )
                continue
            normalised = normalize_persian(typed)
            if not typed:
                self.add_error(f"passphrase_{user.pk}", _("Type this holder's passphrase."))
            elif len(normalised) < MIN_PASSPHRASE_CHARACTERS:
                self.add_error(
                    f"passphrase_{user.pk}",
                    _("At least %(n)s characters, not counting spaces at either end.")
                    % {"n": format_number(MIN_PASSPHRASE_CHARACTERS, reader_language())},
                )
            elif normalize_persian(repeat) != normalised:
                self.add_error(
                    f"repeat_{user.pk}", _("The repeated passphrase differs from the first.")
                )
            elif normalised in seen:
                self.add_error(
                    f"passphrase_{user.pk}",
                    _("Another holder chose the same passphrase; each holder needs their own."),
                )
            else:
                seen[normalised] = user

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        chosen = self._chosen()
        if "holders" in cleaned and len(chosen) < MIN_THRESHOLD:
            self.add_error("holders", _("Choose at least two key holders."))
        if len(chosen) > MAX_HOLDERS:
            self.add_error(
                "holders",
                _("Choose at most %(n)s key holders.")
                % {"n": format_number(MAX_HOLDERS, reader_language())},
            )
        threshold = cleaned.get("threshold")
        if threshold is not None and chosen and not MIN_THRESHOLD <= threshold <= len(chosen):
            self.add_error(
                "threshold",
                _("k must be at least 2 and at most the number of holders chosen (%(n)s).")
                % {"n": format_number(len(chosen), reader_language())},
            )
        self._check_passphrases(chosen)
        return cleaned

    def holders_with_passphrases(self) -> list[tuple[User, str]]:
        """(holder, passphrase as typed) in the order of the shares."""
        return [(user, self.cleaned_data[f"passphrase_{user.pk}"]) for user in self._chosen()]


def holder_name(user: User) -> str:
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()


class CountyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ExtensionRequestForm(forms.Form):
    """A later closing time for one county's stations, and why."""

    county = CountyChoiceField(label=_("County"), queryset=County.objects.none())
    closes_at = AnyDigitsTimeField(label=_("Polls close at"))
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, election: Election, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = self.fields["county"]
        assert isinstance(county, forms.ModelChoiceField)
        # Every county of the province: whether this reader may ask for it is a question
        # of scope, answered 403 by the view, not an "invalid choice".
        county.queryset = County.objects.filter(province_id=election.province_id).order_by(
            "name_key"
        )
