"""The JSON API (django-ninja). OpenAPI document at /api/openapi.json, browsable at /api/docs.

People authenticate with their signed-in session (and CSRF token); polling devices with a
bearer token issued for their station. Domain refusals become 400/409 with the code and
both messages; scope refusals become 403; one place, here, does the mapping.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import APIKeyCookie, HttpBearer

from shora.accounts.models import DeviceToken
from shora.accounts.services import device_token_check
from shora.elections.errors import ElectionRefusal, PhaseGateError
from shora.polling.errors import CONFLICTS as POLLING_CONFLICTS
from shora.polling.errors import UNAUTHORISED as POLLING_UNAUTHORISED
from shora.polling.errors import PollingError
from shora_domain.errors import DomainError


class SignedInSession(APIKeyCookie):
    """A person signed in through the sign-in page (two-factor done where required)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if getattr(user, "needs_two_factor", False) and not user.is_verified():  # type: ignore[attr-defined]
            return None
        return user


class DeviceBearer(HttpBearer):
    """A polling device with its station's token."""

    def authenticate(self, request: HttpRequest, token: str) -> DeviceToken:
        return device_token_check(token)


api = NinjaAPI(
    title="shora",
    version="1",
    description="The centre's API: geography, elections and their gates; polling devices.",
    urls_namespace="api",
    auth=SignedInSession(),
)

_CONFLICT_CODES = {
    ElectionRefusal.GATE_NOT_PASSED,
    ElectionRefusal.PHASE_BACKWARDS,
    ElectionRefusal.PHASE_SKIPPED,
    ElectionRefusal.SETTINGS_FROZEN,
    ElectionRefusal.GEOGRAPHY_FROZEN,
}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    body: dict[str, Any] = {
        "code": error.code.value,
        "message_fa": error.fa,
        "message_en": error.en,
    }
    if isinstance(error, PhaseGateError):
        body["missing"] = [
            {"code": p.code, "message_fa": p.fa, "message_en": p.en}  # type: ignore[attr-defined]
            for p in error.problems
        ]
    if isinstance(error, PollingError):
        body.update(error.details)
    status = 409 if error.code in _CONFLICT_CODES | POLLING_CONFLICTS else 400
    if error.code.value.startswith("token_") or error.code in POLLING_UNAUTHORISED:
        status = 401
    return api.create_response(request, body, status=status)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request,
        {
            "code": "outside_scope",
            "message_fa": "این مورد خارج از حوزهٔ دسترسی شماست.",
            "message_en": "This lies outside your unit.",
        },
        status=403,
    )


from shora.accounts.api import router as devices_router  # noqa: E402
from shora.boards.api import router as boards_router  # noqa: E402
from shora.candidates.api import router as candidates_router  # noqa: E402
from shora.elections.api import router as elections_router  # noqa: E402
from shora.polling.api import enrol_router as polling_enrol_router  # noqa: E402
from shora.polling.api import officials_router as polling_officials_router  # noqa: E402
from shora.polling.api import router as polling_router  # noqa: E402
from shora.readiness.api import router as readiness_router  # noqa: E402
from shora.registers.api import router as registers_router  # noqa: E402

api.add_router("/", elections_router)
api.add_router("/", registers_router)
api.add_router("/", candidates_router)
api.add_router("/", boards_router)
api.add_router("/", readiness_router)
api.add_router("/device", devices_router, auth=DeviceBearer())
api.add_router("/", polling_router)
api.add_router("/", polling_enrol_router)
api.add_router("/", polling_officials_router)
