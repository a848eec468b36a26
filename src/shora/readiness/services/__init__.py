"""Writes of the checklist: each service runs in one transaction and audits itself."""

from shora.readiness.services.deficiencies import (
    deficiency_assign,
    deficiency_mark_fixed,
    deficiency_start,
    deficiency_verify,
)
from shora.readiness.services.digest import digest_record
from shora.readiness.services.inspections import InspectionOutcome, ItemAnswer, inspection_record
from shora.readiness.services.organisations import organisation_change, organisation_register
from shora.readiness.services.photos import photo_store
from shora.readiness.services.submissions import (
    county_checklist_acknowledge,
    county_checklist_return,
    county_checklist_submit,
)
from shora.readiness.services.templates import (
    ItemFields,
    template_create_default,
    template_draft_open,
    template_item_add,
    template_item_change,
    template_item_remove,
    template_version_publish,
)

__all__ = [
    "InspectionOutcome",
    "ItemAnswer",
    "ItemFields",
    "county_checklist_acknowledge",
    "county_checklist_return",
    "county_checklist_submit",
    "deficiency_assign",
    "deficiency_mark_fixed",
    "deficiency_start",
    "deficiency_verify",
    "digest_record",
    "inspection_record",
    "organisation_change",
    "organisation_register",
    "photo_store",
    "template_create_default",
    "template_draft_open",
    "template_item_add",
    "template_item_change",
    "template_item_remove",
    "template_version_publish",
]
