"""The readiness app's clock and limits, in one place that tests can hold still.

``now()`` is when something happens unless a service is told otherwise (the demo records
inspections of past weeks); ``today()`` is its date in Tehran. The limits come from
Django's settings when set there, else from the defaults below:

* ``SHORA_READINESS_PHOTO_MAX_BYTES`` — the largest photo accepted (default 5 MB);
* ``SHORA_READINESS_SOON_DAYS`` — "due soon" means due within this many days (default 7);
* ``SHORA_MEDIA_ROOT`` — where photos are stored (default ``SHORA_HOME/media``).
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

PHOTO_MAX_BYTES = 5 * 1024 * 1024
SOON_DAYS = 7


def now() -> datetime.datetime:
    return timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


def local_date(moment: datetime.datetime) -> datetime.date:
    """The date of ``moment`` in Tehran."""
    return timezone.localdate(moment)


def photo_max_bytes() -> int:
    return int(getattr(settings, "SHORA_READINESS_PHOTO_MAX_BYTES", PHOTO_MAX_BYTES))


def soon_days() -> int:
    return int(getattr(settings, "SHORA_READINESS_SOON_DAYS", SOON_DAYS))


def media_root() -> Path:
    configured = getattr(settings, "SHORA_MEDIA_ROOT", None)
    return Path(configured) if configured else Path(settings.SHORA_HOME) / "media"
