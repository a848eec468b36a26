"""Making room for the demo: refuse a database that holds more than the demo, else empty it.

A demo database is disposable, but only a demo database. The demo is built only where no
other province exists, and rebuilt (deleted first) only where, besides the demo province,
nothing else exists: no other province, and no user bound to anything but the demo
province's units (a superuser counts as something else). Rebuilding deletes the rows of
every table of the project's apps and of every table that points at them (the users'
authenticators, say), the audit log and its chain head included, and the sessions.
"""

from __future__ import annotations

import enum

from django.apps import apps
from django.db import models
from django.db.models import Q

from shora.accounts.models import User
from shora.elections.models import Province
from shora_domain.errors import DomainError


class DemoRefusal(enum.Enum):
    NOT_A_DEMO_DATABASE = "demo.not_a_demo_database"


def _not_a_demo_database(found_fa: str, found_en: str) -> DomainError:
    return DomainError(
        DemoRefusal.NOT_A_DEMO_DATABASE,
        fa=(f"این پایگاه داده جز داده‌های نمایشی، {found_fa} هم دارد؛ نسخهٔ نمایشی فقط در "
            "پایگاه داده‌ای جداگانه ساخته یا بازسازی می‌شود (SHORA_HOME یا "
            "SHORA_DATABASE_URL دیگری به کار ببرید)."),
        en=(f"This database holds more than the demo ({found_en}); the demo is only built or "
            "rebuilt in a database of its own (use another SHORA_HOME or SHORA_DATABASE_URL)."),
    )


def demo_refuse_beside_other_provinces(demo_code: str) -> None:
    """Refuse to build the demo into a database that holds another province."""
    others = Province.objects.exclude(code=demo_code).order_by("code")
    if others.exists():
        names = "، ".join(province.name for province in others[:5])
        names_en = ", ".join(province.name_en or province.code for province in others[:5])
        raise _not_a_demo_database(f"استان‌های {names}", f"the provinces {names_en}")


def demo_refuse_unless_alone(province: Province) -> None:
    """Refuse a rebuild unless the database holds nothing but the demo ``province``."""
    demo_refuse_beside_other_provinces(province.code)
    outsiders = User.objects.exclude(
        Q(province=province)
        | Q(county__province=province)
        | Q(district__county__province=province)
        | Q(station__district__county__province=province)
    ).order_by("username")
    if outsiders.exists():
        names = ", ".join(user.username for user in outsiders[:5])
        raise _not_a_demo_database(f"کاربران دیگری ({names})", f"other users: {names}")


def _wiped_models() -> list[type[models.Model]]:
    """The project's models and every model pointing at one of them, each listed before
    the models it points at, so that deleting in this order meets no protected row."""
    chosen = {model for model in apps.get_models() if model.__module__.startswith("shora.")}
    growing = True
    while growing:
        growing = False
        for model in apps.get_models():
            if model not in chosen and any(
                field.related_model in chosen for field in model._meta.concrete_fields
                if field.is_relation
            ):
                chosen.add(model)
                growing = True
    points_at = {
        model: {
            field.related_model for field in model._meta.concrete_fields
            if field.is_relation and field.related_model in chosen and field.related_model != model
        }
        for model in chosen
    }
    ordered: list[type[models.Model]] = []
    remaining = sorted(chosen, key=lambda model: model._meta.label)
    while remaining:
        pointed_at = {target for model in remaining for target in points_at[model]}
        free = [model for model in remaining if model not in pointed_at] or remaining[:1]
        ordered += free
        remaining = [model for model in remaining if model not in free]
    return ordered


def demo_wipe() -> None:
    """Delete every row of the project (see the module notes). Run inside a transaction."""
    for model in _wiped_models():
        model._base_manager.all().delete()
    if apps.is_installed("django.contrib.sessions"):
        from django.contrib.sessions.models import Session

        Session.objects.all().delete()
