"""Sign-in in two steps: password (with lockout), then a one-time code where required.

Provincial HQ users and key holders must pass the second step; on their first sign-in
they enrol an authenticator app from a QR code shown once.
"""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from shora.accounts.models import User
from shora.accounts.services import (
    sign_in_check,
    sign_in_record,
    two_factor_confirm,
    two_factor_device,
    two_factor_pending_device,
)
from shora_domain.errors import DomainError

PENDING_USER = "shora_pending_user"
NEXT_URL = "shora_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}):
        return candidate
    return "/"


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            user = sign_in_check(
                request=request,
                username=request.POST.get("username", "").strip(),
                password=request.POST.get("password", ""),
            )
        except DomainError as refusal:
            error = refusal
        else:
            next_url = _safe_next(request, request.POST.get("next"))
            if user.needs_two_factor:
                request.session.cycle_key()
                request.session[PENDING_USER] = user.pk
                request.session[NEXT_URL] = next_url
                return redirect("accounts:two_factor")
            login(request, user)
            sign_in_record(user=user)
            return redirect(next_url)
    return render(
        request,
        "accounts/sign_in.html",
        {"error": error, "next": request.GET.get("next", "")},
        status=401 if error else 200,
    )


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    user = User.objects.filter(pk=request.session.get(PENDING_USER)).first()
    if user is None:
        return redirect("accounts:sign_in")
    error = None
    if request.method == "POST":
        try:
            device = two_factor_confirm(user=user, code=request.POST.get("code", ""))
        except DomainError as refusal:
            error = refusal
        else:
            next_url = request.session.get(NEXT_URL, "/")
            login(request, user)
            otp_login(request, device)
            sign_in_record(user=user)
            return redirect(next_url)
    enrolling = two_factor_device(user) is None
    context = {"error": error, "enrolling": enrolling, "user_name": user.get_full_name()}
    if enrolling:
        device = two_factor_pending_device(user)
        context["qr"] = _qr_svg(device.config_url)
        context["secret"] = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context, status=401 if error else 200)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:sign_in")
