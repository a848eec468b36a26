"""Rate limits of the public "where do I vote" look-up, counted in the database.

Counters are kept per client address and per national code in fixed windows of time, in
the database, so every server process shares them. The limits are settings:

    SHORA_WHERE_TO_VOTE_PER_IP            look-ups per address per window (10)
    SHORA_WHERE_TO_VOTE_IP_MINUTES        the address window, in minutes (10)
    SHORA_WHERE_TO_VOTE_PER_CODE          look-ups of one national code per window (5)
    SHORA_WHERE_TO_VOTE_CODE_MINUTES      the code window, in minutes (60)

A national code is counted under a keyed hash of it (HMAC with the secret key), never
the code itself, so the counters are no list of who was looked up. They are not audited
either: they are a guard, not the election's state, and a log of look-ups would be the
very list the guard protects. Behind a reverse proxy the client's address is the last
one its ``X-Forwarded-For`` names, trusted only from ``SHORA_FORWARDED_ALLOW_IPS``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import os
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from shora.registers.models import LookupCount


@dataclass(frozen=True)
class Limit:
    kind: str  # "ip" or "code"
    allowed: int
    window: datetime.timedelta


def ip_limit() -> Limit:
    return Limit(
        "ip",
        int(getattr(settings, "SHORA_WHERE_TO_VOTE_PER_IP", 10)),
        datetime.timedelta(minutes=int(getattr(settings, "SHORA_WHERE_TO_VOTE_IP_MINUTES", 10))),
    )


def code_limit() -> Limit:
    return Limit(
        "code",
        int(getattr(settings, "SHORA_WHERE_TO_VOTE_PER_CODE", 5)),
        datetime.timedelta(minutes=int(getattr(settings, "SHORA_WHERE_TO_VOTE_CODE_MINUTES", 60))),
    )


def _trusted_proxies() -> set[str]:
    configured = getattr(settings, "SHORA_FORWARDED_ALLOW_IPS", None) or os.environ.get(
        "SHORA_FORWARDED_ALLOW_IPS", "127.0.0.1"
    )
    return {address.strip() for address in str(configured).split(",") if address.strip()}


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, or the last hop its trusted proxy forwarded."""
    peer = str(request.META.get("REMOTE_ADDR", "") or "unknown")
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    trusted = _trusted_proxies()
    if forwarded and ("*" in trusted or peer in trusted):
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1][:64]
    return peer[:64]


def code_bucket(national_code: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), national_code.encode(), hashlib.sha256
    ).hexdigest()
    return f"code:{digest[:40]}"


def _window_start(now: datetime.datetime, window: datetime.timedelta) -> datetime.datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % seconds, tz=datetime.UTC)


@transaction.atomic
def lookup_count_add(*, bucket: str, limit: Limit) -> int:
    """Count one more look-up in ``bucket``'s current window; the window's count after it.

    Atomic under concurrency: the increment is one UPDATE; the first look-up of a window
    creates the row, and a concurrent creator that loses the race increments instead.
    """
    now = timezone.now()
    start = _window_start(now, limit.window)
    LookupCount.objects.filter(
        window_start__lt=now - 2 * limit.window, bucket__startswith=f"{limit.kind}:"
    ).delete()
    counter = LookupCount.objects.filter(bucket=bucket, window_start=start)
    if not counter.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                LookupCount.objects.create(bucket=bucket, window_start=start, count=1)
        except IntegrityError:
            counter.update(count=F("count") + 1)
    return int(counter.values_list("count", flat=True).get())


def lookup_count(*, bucket: str, limit: Limit) -> int:
    """The look-ups counted in ``bucket``'s current window, counting none."""
    start = _window_start(timezone.now(), limit.window)
    found = LookupCount.objects.filter(bucket=bucket, window_start=start)
    return int(found.values_list("count", flat=True).first() or 0)


def lookup_allowed(*, bucket: str, limit: Limit) -> bool:
    """Count the look-up; whether it is within the limit."""
    return lookup_count_add(bucket=bucket, limit=limit) <= limit.allowed
