"""An inspector's answers: checked against the version inspected with, turned into results.

Every item of the version is answered once and nothing else is; a measured value is read
in any digits and compared with the item's threshold; a photo item needs its photo, which
is checked and stored on the way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from shora.elections.models import PollingStation
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.models import InspectionResult, Photo, TemplateItem, TemplateVersion
from shora.readiness.services.common import clean_text
from shora.readiness.services.photos import photo_store
from shora_domain.digits import format_number, to_persian_digits
from shora_domain.readiness_checks import (
    CheckKind,
    Comparison,
    MeasuredCheck,
    parse_measured_value,
    result_passes,
)

LISTED = 5


@dataclass(frozen=True)
class ItemAnswer:
    """An inspector's answer to one item, as given: the value as typed, the photo as
    uploaded (or already stored)."""

    item_id: int
    passed: bool | None = None
    value: str | Decimal | None = None
    photo: IO[bytes] | bytes | Photo | None = None
    photo_name: str = ""
    note: str = ""


def published_items(version: TemplateVersion, station: PollingStation) -> list[TemplateItem]:
    if version.template.election_id != station.election_id:
        raise refuse(
            ReadinessRefusal.WRONG_ELECTION,
            fa="این چک‌لیست از انتخابات دیگری است.",
            en="This checklist belongs to another election.",
        )
    if not version.is_published:
        raise refuse(
            ReadinessRefusal.VERSION_NOT_PUBLISHED,
            fa="بازرسی فقط با نسخهٔ منتشرشدهٔ چک‌لیست ثبت می‌شود.",
            en="Inspections are recorded only against a published version of the checklist.",
        )
    return list(version.items.all())


def refuse_unknown_and_missing(
    answers: Sequence[ItemAnswer], items: dict[int, TemplateItem], version: TemplateVersion
) -> None:
    seen: set[int] = set()
    unknown = [answer.item_id for answer in answers if answer.item_id not in items]
    if unknown:
        shown = "، ".join(to_persian_digits(i) for i in unknown[:LISTED])
        raise refuse(
            ReadinessRefusal.ITEM_NOT_IN_VERSION,
            fa=f"بند(های) {shown} در نسخهٔ {format_number(version.number)} این چک‌لیست نیست.",
            en=(
                f"Item(s) {', '.join(map(str, unknown[:LISTED]))} are not in version "
                f"{version.number} of this checklist."
            ),
        )
    for answer in answers:
        if answer.item_id in seen:
            item = items[answer.item_id]
            raise refuse(
                ReadinessRefusal.ITEM_ANSWERED_TWICE,
                fa=f"به بند «{item.text}» دو بار پاسخ داده شده است.",
                en=f"The item “{item.text_en or item.text}” is answered twice.",
            )
        seen.add(answer.item_id)
    missing = [item for pk, item in items.items() if pk not in seen]
    if missing:
        more_fa = (
            f" و {format_number(len(missing) - LISTED)} بند دیگر" if len(missing) > LISTED else ""
        )
        more_en = f" and {len(missing) - LISTED} more" if len(missing) > LISTED else ""
        raise refuse(
            ReadinessRefusal.ITEMS_UNANSWERED,
            fa="به این بندها پاسخ داده نشده است: "
            + "، ".join(f"«{item.text}»" for item in missing[:LISTED])
            + more_fa,
            en="These items are not answered: "
            + "; ".join(f"“{item.text_en or item.text}”" for item in missing[:LISTED])
            + more_en,
        )


def stored_photo(answer: ItemAnswer, item: TemplateItem, actor: Any) -> Photo | None:
    if answer.photo is None or isinstance(answer.photo, Photo):
        return answer.photo
    return photo_store(actor=actor, upload=answer.photo, name=answer.photo_name or item.text)


def answer_result(answer: ItemAnswer, item: TemplateItem, actor: Any) -> InspectionResult:
    value = answer.value
    if isinstance(value, str):
        value = parse_measured_value(value, item=item.text) if value.strip() else None
    measured = (
        MeasuredCheck(item.threshold, Comparison(item.comparison))
        if item.threshold is not None and item.comparison
        else None
    )
    photo = stored_photo(answer, item, actor)
    passed = result_passes(
        CheckKind(item.check_kind),
        answer=answer.passed,
        value=value,
        has_photo=photo is not None,
        measured=measured,
        item=item.text,
    )
    return InspectionResult(
        item=item,
        passed=passed,
        value=value if CheckKind(item.check_kind) is CheckKind.MEASURED else None,
        photo=photo,
        note=clean_text(answer.note)[:500],
    )


def finding_of(result: InspectionResult) -> str:
    item = result.item
    if result.value is not None:
        value = f"{result.value.normalize():f}"
        return clean_text(f"{to_persian_digits(value)} {item.unit} {result.note}")[:300]
    return result.note[:300]
