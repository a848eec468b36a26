"""Forms of the boards' pages: every field takes Persian, Arabic-Indic or Latin digits and
Arabic or Persian letters; the services do the real checking."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from shora.boards.models import Gender, Relation, RelativePolicy
from shora.web.forms import LatinDigitsFormMixin
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.national_code import parse_national_code
from shora_domain.staff_roles import FIELD_ROLES, SeatRole, StaffRole


class NationalCodeField(forms.CharField):
    """A national code in any digits, with dashes or spaces; checked to its check digit."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("National code"))
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)
        self.widget.attrs.update({"dir": "ltr", "inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        try:
            return parse_national_code(text)
        except DomainError as refusal:
            raise forms.ValidationError(refusal.message(reader_language())) from refusal


class PersonForm(LatinDigitsFormMixin, forms.Form):
    national_code = NationalCodeField()
    first_name = forms.CharField(label=_("First name"), max_length=200)
    last_name = forms.CharField(label=_("Last name"), max_length=200)
    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
    phone = forms.CharField(label=_("Phone (optional)"), max_length=40, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs.update({"dir": "ltr", "inputmode": "tel"})


class PersonChangeForm(PersonForm):
    """The same, without the national code: it never changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["national_code"]


def _labelled(roles: list[str], language: str) -> list[tuple[str, str]]:
    labels = {role.value: role.label(language) for role in [*SeatRole, *StaffRole]}
    return [(role, labels[role]) for role in roles]


class AppointForm(LatinDigitsFormMixin, forms.Form):
    """A registered person (by national code) to a seat or post of one of ``roles``."""

    national_code = NationalCodeField()
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = _labelled(roles, reader_language())


class NominateForm(LatinDigitsFormMixin, forms.Form):
    national_code = NationalCodeField()


class RuleForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("clear", _("clear")), ("reject", _("do not clear"))]
    )
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class ChooseForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = _labelled(
            [SeatRole.TRUSTEE.value, SeatRole.ALTERNATE.value], reader_language()
        )


class EndForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RelativeForm(LatinDigitsFormMixin, forms.Form):
    national_code = NationalCodeField(label=_("The relative's national code"))
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)


class FieldPostForm(LatinDigitsFormMixin, forms.Form):
    national_code = NationalCodeField()
    role = forms.ChoiceField(label=_("Role"))
    district = forms.TypedChoiceField(
        label=_("District"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args: Any, districts: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        district_field = self.fields["district"]
        assert isinstance(role_field, forms.ChoiceField)
        assert isinstance(district_field, forms.ChoiceField)
        role_field.choices = _labelled(sorted(FIELD_ROLES), reader_language())
        district_field.choices = [("", _("the whole county")), *districts]


class BoardSettingsForm(forms.Form):
    relative_policy = forms.ChoiceField(
        label=_("A declared first-degree relative of a candidate serving there"),
        choices=RelativePolicy.choices,
    )
    composition_table = forms.CharField(
        label=_("Composition of the boards and the station roster (JSON)"),
        widget=forms.Textarea(attrs={"rows": 16, "dir": "ltr"}),
    )

    def clean_composition_table(self) -> Any:
        try:
            return json.loads(self.cleaned_data["composition_table"])
        except json.JSONDecodeError as error:
            raise forms.ValidationError(_("This is not valid JSON.")) from error
