"""Writes about people and devices: creating users, sign-in attempts and lockout, tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from shora.accounts.errors import AccountRefusal
from shora.accounts.models import DeviceToken, Role, User
from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import County, District, PollingStation, Province
from shora_domain.digits import to_latin_digits, to_persian_digits
from shora_domain.errors import DomainError

DEVICE_TOKEN_PREFIX = "shd_"  # noqa: S105 - the visible prefix of every device token


def _unit_label(user: User) -> str:
    for field in ("station", "district", "county", "province"):
        unit = getattr(user, field)
        if unit is not None:
            return f"{field}:{unit.code}"
    return ""


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    province: Province | None = None,
    county: County | None = None,
    district: District | None = None,
    station: PollingStation | None = None,
    holds_key_share: bool = False,
) -> User:
    expected = {
        Role.PROVINCE_HQ: province,
        Role.SUPERVISOR: province,
        Role.COUNTY: county,
        Role.TRAINER: county,
        Role.DISTRICT: district,
        Role.STATION: station,
    }
    if role not in expected or expected[Role(role)] is None:
        raise DomainError(
            AccountRefusal.ROLE_UNIT_MISMATCH,
            fa="نقش کاربر با واحد سازمانی او هم‌خوان نیست.",
            en=f"A {role} user must be bound to the unit of that role.",
        )
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=role,
        province=province,
        county=county,
        district=district,
        station=station,
        holds_key_share=holds_key_share,
    )
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.USER_CREATED,
        target=user,
        unit=_unit_label(user),
        new={"username": username, "role": role},
    )
    return user


def _locked_message(until: datetime.datetime) -> DomainError:
    local = timezone.localtime(until)
    clock = to_persian_digits(local.strftime("%H:%M"))
    return DomainError(
        AccountRefusal.LOCKED_OUT,
        fa=f"حساب به دلیل تلاش‌های ناموفق تا ساعت {clock} قفل است.",
        en=f"The account is locked after repeated failures until {local:%H:%M}.",
    )


def sign_in_check(*, request: Any, username: str, password: str) -> User:
    """The user whose password this is, or a refusal; failures count towards a lockout.

    A locked account is refused before its password is even checked, so guessing on goes
    nowhere. Each failure and each lockout is audited.
    """
    now = timezone.now()
    user = User.objects.filter(username=username).first()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        raise _locked_message(user.locked_until)
    authenticated = authenticate(request, username=username, password=password)
    if authenticated is not None:
        User.objects.filter(pk=authenticated.pk).update(failed_sign_ins=0, locked_until=None)
        return authenticated
    if user is not None:
        locked_until = _sign_in_failure_record(user_id=user.pk, now=now)
        if locked_until is not None:
            raise _locked_message(locked_until)
    raise DomainError(
        AccountRefusal.BAD_CREDENTIALS,
        fa="نام کاربری یا گذرواژه نادرست است.",
        en="The username or password is wrong.",
    )


@transaction.atomic
def _sign_in_failure_record(*, user_id: int, now: datetime.datetime) -> datetime.datetime | None:
    """Count a failure (audited); lock the account at the limit. Returns the lock's end."""
    user = User.objects.select_for_update().get(pk=user_id)
    user.failed_sign_ins += 1
    locked = user.failed_sign_ins >= settings.SHORA_LOCKOUT_FAILURES
    if locked:
        user.locked_until = now + datetime.timedelta(minutes=settings.SHORA_LOCKOUT_MINUTES)
        user.failed_sign_ins = 0
    user.save(update_fields=["failed_sign_ins", "locked_until"])
    audit_record(
        actor=None,
        event_type=AuditEventType.USER_LOCKED_OUT if locked else AuditEventType.USER_SIGN_IN_FAILED,
        target=user,
        unit=_unit_label(user),
    )
    return user.locked_until if locked else None


@transaction.atomic
def sign_in_record(*, user: User) -> None:
    audit_record(
        actor=user, event_type=AuditEventType.USER_SIGNED_IN, target=user, unit=_unit_label(user)
    )


def two_factor_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def two_factor_pending_device(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being enrolled, made on first need."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def two_factor_confirm(*, user: User, code: str) -> TOTPDevice:
    """Check a one-time code against the user's authenticator; confirm it on first use."""
    device = two_factor_device(user) or two_factor_pending_device(user)
    if not device.verify_token(to_latin_digits(code.strip())):
        raise DomainError(
            AccountRefusal.BAD_TWO_FACTOR_CODE,
            fa="کد یک‌بار مصرف نادرست یا منقضی است.",
            en="The one-time code is wrong or has expired.",
        )
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            event_type=AuditEventType.USER_TWO_FACTOR_ENROLLED,
            target=user,
            unit=_unit_label(user),
        )
    return device


def device_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def device_token_issue(
    *, actor: Any, station: PollingStation, label: str, valid_for: datetime.timedelta
) -> tuple[DeviceToken, str]:
    """A new token for a station's device; the token itself is shown once and never stored."""
    token = DEVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = DeviceToken.objects.create(
        station=station,
        label=label,
        token_hash=device_token_hash(token),
        expires_at=timezone.now() + valid_for,
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.DEVICE_TOKEN_ISSUED,
        target=record,
        unit=f"station:{station.code}",
        new={"label": label},
    )
    return record, token


@transaction.atomic
def device_token_revoke(*, actor: Any, record: DeviceToken) -> None:
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        event_type=AuditEventType.DEVICE_TOKEN_REVOKED,
        target=record,
        unit=f"station:{record.station.code}",
    )


def device_token_check(token: str) -> DeviceToken:
    """The device a bearer token belongs to, or why it is refused."""
    record = (
        DeviceToken.objects.select_related("station__election")
        .filter(token_hash=device_token_hash(token))
        .first()
    )
    if record is None:
        raise DomainError(
            AccountRefusal.TOKEN_UNKNOWN,
            fa="توکن دستگاه شناخته نیست.",
            en="The device token is not known.",
        )
    refuse_spent_token(record)
    return record


def refuse_spent_token(record: DeviceToken) -> None:
    """Refuse a device token that was revoked or has expired."""
    if record.revoked_at is not None:
        raise DomainError(
            AccountRefusal.TOKEN_REVOKED,
            fa="توکن دستگاه باطل شده است.",
            en="The device token has been revoked.",
        )
    if record.expires_at <= timezone.now():
        raise DomainError(
            AccountRefusal.TOKEN_EXPIRED,
            fa="توکن دستگاه منقضی شده است.",
            en="The device token has expired.",
        )
