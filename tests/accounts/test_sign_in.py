"""Sign-in: strong hashing, lockout after failures, two-factor for HQ and key holders, expiry."""

from __future__ import annotations

import datetime

import pyotp
import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from shora.accounts.models import User
from shora.audit.models import AuditEvent
from tests.conftest import PASSWORD


def _sign_in(client: Client, username: str, password: str = PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_the_project_hashes_passwords_with_argon2():
    from shora import settings as project_settings  # the file, not the test's fast override

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_stored_password_is_an_argon2_hash(make_user):
    user = make_user("county")
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password


def test_county_user_signs_in_with_password_alone(make_user, client):
    make_user("county")
    response = _sign_in(client, "county")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # signed in: home redirects to the county


def test_wrong_password_is_refused_with_a_message(make_user, client):
    make_user("county")
    response = _sign_in(client, "county", "wrong")
    assert response.status_code == 401
    assert "نام کاربری یا گذرواژه نادرست است" in response.content.decode()


def test_unknown_user_gets_the_same_refusal(client, db):
    response = _sign_in(client, "nobody", "wrong")
    assert response.status_code == 401
    assert "نام کاربری یا گذرواژه نادرست است" in response.content.decode()


def test_lockout_after_repeated_failures_even_with_the_right_password(make_user, client):
    make_user("county")
    for _ in range(settings.SHORA_LOCKOUT_FAILURES):
        _sign_in(client, "county", "wrong")
    response = _sign_in(client, "county")  # right password, but locked
    assert response.status_code == 401
    assert "قفل" in response.content.decode()
    user = User.objects.get(username="county")
    assert user.locked_until > timezone.now()
    assert AuditEvent.objects.filter(event_type=304, target_id=str(user.pk)).count() == 1


def test_lock_ends_after_its_time(make_user, client):
    user = make_user("county")
    user.locked_until = timezone.now() - datetime.timedelta(seconds=1)
    user.save()
    assert _sign_in(client, "county").status_code == 302


def test_a_success_resets_the_failure_count(make_user, client):
    make_user("county")
    for _ in range(settings.SHORA_LOCKOUT_FAILURES - 1):
        _sign_in(client, "county", "wrong")
    assert _sign_in(client, "county").status_code == 302
    assert User.objects.get(username="county").failed_sign_ins == 0


def test_hq_must_enrol_and_pass_two_factor(make_user, client):
    make_user("province_hq")
    response = _sign_in(client, "province_hq")
    assert response["Location"] == "/accounts/two-factor/"
    assert client.get("/").status_code == 302
    assert client.get("/").get("Location", "").startswith("/accounts/sign-in/")  # not signed in yet
    page = client.get("/accounts/two-factor/")
    secret = page.context["secret"]
    assert client.post("/accounts/two-factor/", {"code": "000000"}).status_code == 401
    code = pyotp.TOTP(secret).now()
    persian_code = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert client.post("/accounts/two-factor/", {"code": persian_code}).status_code == 302
    assert client.get("/").status_code == 302
    assert client.get("/").get("Location", "").startswith("/province/")
    assert TOTPDevice.objects.get(user__username="province_hq").confirmed


def test_key_holder_needs_two_factor_too(geo, client):
    from shora.accounts.services import user_create

    user_create(
        actor=None,
        username="keyholder",
        password=PASSWORD,
        role="county",
        county=geo.county_a,
        holds_key_share=True,
    )
    assert _sign_in(client, "keyholder")["Location"] == "/accounts/two-factor/"


def test_two_factor_page_without_password_step_goes_back_to_sign_in(client, db):
    assert client.get("/accounts/two-factor/")["Location"] == "/accounts/sign-in/"


def test_sessions_expire_when_idle_and_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_open_redirect_is_refused(make_user, client):
    make_user("county")
    response = client.post(
        "/accounts/sign-in/",
        {"username": "county", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize("role", ["province_hq", "county"])
def test_sign_out_ends_the_session(make_user, client_as, role):
    client = client_as(role)
    client.post("/accounts/sign-out/")
    assert client.get("/").status_code == 302
    assert client.get("/").get("Location", "").startswith("/accounts/sign-in/")
