"""Forms of the checklist's pages: any digits, Jalali dates, files checked by the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from shora.elections.models import County, PollingStation
from shora.readiness.models import (
    Area,
    CheckKind,
    Comparison,
    Organisation,
    OrganisationKind,
    Severity,
    TemplateItem,
)
from shora.readiness.services import ItemAnswer, ItemFields
from shora.web.forms import JalaliDateField, LatinDigitsFormMixin
from shora.web.language import reader_language
from shora_domain.errors import DomainError
from shora_domain.readiness_checks import parse_measured_value

YES_NO = [("yes", _("yes")), ("no", _("no"))]


class InspectionHeadForm(LatinDigitsFormMixin, forms.Form):
    inspected_on = JalaliDateField(label=_("Inspected on"))
    inspector_name = forms.CharField(label=_("Inspector"), max_length=150, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def item_answers(data: Any, files: Any) -> list[ItemAnswer]:
    """Every ``item-<id>-…`` field posted, as answers (the service refuses any id not in the
    version used, and any item left unanswered)."""
    ids: set[int] = set()
    for key in list(data.keys()) + list(files.keys()):
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "item" and parts[1].isdigit():
            ids.add(int(parts[1]))
    answers = []
    for item_id in sorted(ids):
        answer = data.get(f"item-{item_id}-passed", "")
        upload = files.get(f"item-{item_id}-photo")
        answers.append(
            ItemAnswer(
                item_id=item_id,
                passed={"yes": True, "no": False}.get(answer),
                value=data.get(f"item-{item_id}-value") or None,
                photo=upload,
                photo_name=upload.name if upload is not None else "",
                note=data.get(f"item-{item_id}-note", "")[:500],
            )
        )
    return answers


class OrganisationChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.get_kind_display()})"


class AssignForm(LatinDigitsFormMixin, forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    responsible_person = forms.CharField(label=_("Responsible person"), max_length=150)
    due_on = JalaliDateField(label=_("Due date"))

    def __init__(self, *args: Any, station: PollingStation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        county = station.district.county
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            Q(county=county) | Q(county__isnull=True), province_id=county.province_id
        ).order_by("kind", "name_key")


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class FixForm(forms.Form):
    note = forms.CharField(label=_("What was done"), required=False, max_length=500)
    photo = forms.FileField(label=_("Photo (optional)"), required=False)


class VerifyForm(LatinDigitsFormMixin, forms.Form):
    passed = forms.ChoiceField(
        label=_("Does the item now pass?"),
        choices=YES_NO,
        required=False,
        widget=forms.RadioSelect,
    )
    value = forms.CharField(label=_("Measured value"), required=False, max_length=40)
    photo = forms.FileField(label=_("Photo"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def answer(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("passed") or "")


class OrganisationForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=OrganisationKind.choices)
    county = forms.ModelChoiceField(
        label=_("county"),
        queryset=County.objects.none(),
        required=False,
        empty_label=_("the whole province"),
    )
    name = forms.CharField(label=_("name"), max_length=150)
    contact_person = forms.CharField(label=_("contact person"), max_length=150)
    phone = forms.CharField(
        label=_("phone"), max_length=30, widget=forms.TextInput(attrs={"dir": "ltr"})
    )

    def __init__(self, *args: Any, counties: QuerySet[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["county"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = counties


class ItemForm(forms.Form):
    text = forms.CharField(label=_("item (Persian)"), max_length=300)
    text_en = forms.CharField(label=_("item (English)"), max_length=300, required=False)
    area = forms.ChoiceField(label=_("area"), choices=Area.choices)
    severity = forms.ChoiceField(label=_("severity"), choices=Severity.choices)
    responsible_kind = forms.ChoiceField(
        label=_("responsible organisation"), choices=OrganisationKind.choices
    )
    check_kind = forms.ChoiceField(label=_("checked by"), choices=CheckKind.choices)
    threshold = forms.CharField(
        label=_("threshold"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"dir": "ltr", "inputmode": "decimal"}),
    )
    comparison = forms.ChoiceField(
        label=_("comparison"), choices=[("", "—"), *Comparison.choices], required=False
    )
    unit = forms.CharField(label=_("unit (Persian)"), max_length=30, required=False)
    unit_en = forms.CharField(label=_("unit (English)"), max_length=30, required=False)

    @classmethod
    def for_item(cls, item: TemplateItem) -> ItemForm:
        threshold = f"{item.threshold.normalize():f}" if item.threshold is not None else ""
        return cls(
            initial={
                "text": item.text,
                "text_en": item.text_en,
                "area": item.area,
                "severity": item.severity,
                "responsible_kind": item.responsible_kind,
                "check_kind": item.check_kind,
                "threshold": threshold,
                "comparison": item.comparison,
                "unit": item.unit,
                "unit_en": item.unit_en,
            }
        )

    def clean_threshold(self) -> Decimal | None:
        typed = self.cleaned_data.get("threshold") or ""
        if not typed.strip():
            return None
        try:
            return parse_measured_value(typed)
        except DomainError as refusal:
            raise forms.ValidationError(refusal.message(reader_language())) from refusal

    def fields_value(self) -> ItemFields:
        data = self.cleaned_data
        return ItemFields(
            area=data["area"],
            text=data["text"],
            severity=data["severity"],
            responsible_kind=data["responsible_kind"],
            check_kind=data["check_kind"],
            text_en=data["text_en"],
            threshold=data["threshold"],
            comparison=data["comparison"],
            unit=data["unit"],
            unit_en=data["unit_en"],
        )


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the provincial HQ"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("acknowledge", _("acknowledge")), ("return", _("return with comments"))]
    )
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)
