"""The page language: Persian unless the person chose English with the switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, so most browsers
(set to English) would open in English; shora is Persian first, and only the language
cookie that the switch sets changes that.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def reader_language() -> str:
    """The active language as the domain's messages know it: "fa" or "en"."""
    return "en" if (translation.get_language() or "fa").startswith("en") else "fa"


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
