"""Django settings of the station process (``shora station serve``), read from the
environment. The station has no database: everything it keeps is in its SQLite journal,
which it opens itself (``shora.station.journal``); sessions live in signed cookies.

SHORA_STATION_JOURNAL   the journal file (required; set by ``shora station serve``)
SHORA_ALLOWED_HOSTS     comma-separated host names (default: localhost,127.0.0.1)
SHORA_DEBUG             "1" to show Django's debug pages (never on polling day)
SHORA_SECURE_COOKIES    "1" when the console is served over HTTPS
SHORA_STATION_FORWARD_INTERVAL  seconds between forwarding passes (default 10)
SHORA_STATION_MIX       ballots of a constituency held back until this many wait (default 5)
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from shora.station.journal import Journal, Setting
from shora_domain.errors import DomainError

PACKAGE_DIR = Path(__file__).resolve().parent.parent

_journal_path = os.environ.get("SHORA_STATION_JOURNAL", "")
if not _journal_path:
    raise ImproperlyConfigured(
        "SHORA_STATION_JOURNAL is not set: run the console with 'shora station serve --journal "
        "PATH'."
    )
SHORA_STATION_JOURNAL = Path(_journal_path).resolve()
try:
    # One secret per station, made at enrolment: the signed session cookies of its console.
    SECRET_KEY = Journal.open(SHORA_STATION_JOURNAL).setting(Setting.SESSION_SECRET) or ""
except DomainError as refused:
    raise ImproperlyConfigured(f"{refused.en} / {refused.fa}") from refused

DEBUG = os.environ.get("SHORA_DEBUG") == "1"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("SHORA_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "shora.station",
    "shora.web",  # the font, the stylesheet and the Persian template filters
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shora.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shora.station.urls"
WSGI_APPLICATION = "shora.station.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["shora.web.templatetags.persian"],
        },
    },
]

DATABASES: dict[str, dict[str, object]] = {}

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"
# A console left alone for 20 minutes asks for the password again.
SESSION_COOKIE_AGE = 20 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "station_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Strict"
CSRF_COOKIE_SAMESITE = "Strict"
_secure = os.environ.get("SHORA_SECURE_COOKIES") == "1"
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The console serves its own files (font, css) through WhiteNoise from the packages'
# static folders: no outside network, nothing to collect on the station's machine.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

SHORA_STATION_FORWARD_INTERVAL = float(os.environ.get("SHORA_STATION_FORWARD_INTERVAL", "10"))
SHORA_STATION_MIX = int(os.environ.get("SHORA_STATION_MIX", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHORA_LOG_LEVEL", "INFO")},
}
