"""Django settings for shora, read from the environment.

SHORA_DATABASE_URL   database (default: SQLite in $SHORA_HOME/shora.sqlite3, WAL mode)
SHORA_SECRET_KEY     secret key (default: generated once into $SHORA_HOME/secret_key)
SHORA_ALLOWED_HOSTS  comma-separated host names (default: localhost,127.0.0.1)
SHORA_DEBUG          "1" to show Django's debug pages (never in production)
SHORA_HOME           where the embedded database and the generated secret live (default: ./var)
SHORA_SECURE_COOKIES "1" when served over HTTPS (secure cookies, HSTS)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
SHORA_HOME = Path(os.environ.get("SHORA_HOME", "var")).resolve()


def _secret_key() -> str:
    from_environment = os.environ.get("SHORA_SECRET_KEY")
    if from_environment:
        return from_environment
    key_file = SHORA_HOME / "secret_key"
    if not key_file.exists():
        SHORA_HOME.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SHORA_DEBUG") == "1"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("SHORA_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "shora.accounts",
    "shora.audit",
    "shora.elections",
    "shora.registers",
    "shora.candidates",
    "shora.boards",
    "shora.readiness",
    "shora.polling",
    "shora.results",
    "shora.station",
    "shora.participation",
    "shora.drills",
    "shora.training",
    "shora.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shora.web.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shora.urls"
WSGI_APPLICATION = "shora.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            "builtins": ["shora.web.templatetags.persian"],
        },
    },
]

_default_database = f"sqlite:///{SHORA_HOME / 'shora.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("SHORA_DATABASE_URL", _default_database), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SHORA_HOME.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock when a transaction starts, so concurrent writers queue instead of failing.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "web:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in: lock an account for SHORA_LOCKOUT_MINUTES after this many failures in a row.
SHORA_LOCKOUT_FAILURES = int(os.environ.get("SHORA_LOCKOUT_FAILURES", "5"))
SHORA_LOCKOUT_MINUTES = int(os.environ.get("SHORA_LOCKOUT_MINUTES", "15"))

# Readiness photos: where they are kept (back this folder up), the largest accepted, and
# how many days ahead a deficiency counts as "due soon".
SHORA_MEDIA_ROOT = Path(os.environ.get("SHORA_MEDIA_ROOT", str(SHORA_HOME / "media")))
SHORA_READINESS_PHOTO_MAX_BYTES = int(
    os.environ.get("SHORA_READINESS_PHOTO_MAX_BYTES", str(5 * 1024 * 1024))
)
SHORA_READINESS_SOON_DAYS = int(os.environ.get("SHORA_READINESS_SOON_DAYS", "7"))

# The public "where do I vote" page: look-ups allowed per client address and per national
# code within a window, so the register cannot be enumerated.
SHORA_WHERE_TO_VOTE_PER_IP = int(os.environ.get("SHORA_WHERE_TO_VOTE_PER_IP", "10"))
SHORA_WHERE_TO_VOTE_IP_MINUTES = int(os.environ.get("SHORA_WHERE_TO_VOTE_IP_MINUTES", "10"))
SHORA_WHERE_TO_VOTE_PER_CODE = int(os.environ.get("SHORA_WHERE_TO_VOTE_PER_CODE", "5"))
SHORA_WHERE_TO_VOTE_CODE_MINUTES = int(os.environ.get("SHORA_WHERE_TO_VOTE_CODE_MINUTES", "60"))

# Sessions end after 30 idle minutes and at the latest when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
_secure = os.environ.get("SHORA_SECURE_COOKIES") == "1"
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_HSTS_SECONDS = 31536000 if _secure else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Tehran"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = SHORA_HOME / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The app serves its own files (font, css, htmx) through WhiteNoise: no outside network.
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SHORA_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
