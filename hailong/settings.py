"""Settings for hailong. Every value comes from an environment variable (see ``.env.example``)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.utils.csp import CSP

from hailong.core.env import (
    ConfigError,
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HAILONG_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)

DATABASE_URL = env_str("DATABASE_URL", "sqlite:///var/hailong.sqlite3")
DATABASES = {"default": database_from_url(DATABASE_URL, BASE_DIR)}
USING_SQLITE = DATABASES["default"]["ENGINE"].endswith("sqlite3")


def _secret_key() -> str:
    """SECRET_KEY from the environment; on the embedded SQLite setup, a key kept in var/."""
    key = env_str("SECRET_KEY", "")
    if key:
        return key
    if not USING_SQLITE:
        raise ConfigError("SECRET_KEY must be set when running on PostgreSQL (production)")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Rows per aggregate cell that concurrent submissions spread over (see hailong/indices/models.py).
# SQLite has one writer at a time, so splitting cells cannot help there.
AGGREGATE_SHARDS = max(1, env_int("AGGREGATE_SHARDS", 1 if USING_SQLITE else 8))
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_tasks_db",
    "hailong.core",
    "hailong.units",
    "hailong.accounts",
    "hailong.surveys",
    "hailong.dossiers",
    "hailong.responses",
    "hailong.sampling",
    "hailong.paper",
    "hailong.kiosk",
    "hailong.jobs",
    "hailong.indices",
    "hailong.reports",
    "hailong.campaigns",
    "hailong.performance",
    "hailong.portal",
    "hailong.publication",
    "hailong.api",
    "hailong.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "hailong.core.middleware.NFCMiddleware",
    "hailong.core.locale.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hailong.urls"
WSGI_APPLICATION = "hailong.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hailong" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hailong.web.context_processors.navigation",
            ],
        },
    }
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)

# Vietnamese first: vi is the default, en is available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "hailong" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["hailong.formats"]
LANGUAGE_COOKIE_NAME = "hailong_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "hailong" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploads: refuse big bodies early (a form field can stay small; files go to disk).
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
HAILONG_MAX_IMPORT_BYTES = env_int("HAILONG_MAX_IMPORT_BYTES", 50 * 1024 * 1024)
HAILONG_MAX_IMPORT_ROWS = env_int("HAILONG_MAX_IMPORT_ROWS", 200_000)
# API: requests one token may make per minute (beyond: 429 with Retry-After).
HAILONG_API_RATE_PER_MINUTE = env_int("HAILONG_API_RATE_PER_MINUTE", 300)
# Figures from fewer answers than this are not shown outside the ward's own staff.
HAILONG_SMALL_CELL_THRESHOLD = env_int("HAILONG_SMALL_CELL_THRESHOLD", 10)
# Behind nginx: the request header that carries the client address (e.g. HTTP_X_REAL_IP).
HAILONG_CLIENT_IP_HEADER = env_str("HAILONG_CLIENT_IP_HEADER", "")
# Desk kiosks: this many perfect-score responses within these minutes at one tablet are
# flagged "burst" for the leader (never dropped); submissions a tablet may send per 10 minutes.
HAILONG_KIOSK_BURST_COUNT = env_int("HAILONG_KIOSK_BURST_COUNT", 5)
HAILONG_KIOSK_BURST_MINUTES = env_int("HAILONG_KIOSK_BURST_MINUTES", 10)
HAILONG_KIOSK_SUBMITS_PER_10_MIN = env_int("HAILONG_KIOSK_SUBMITS_PER_10_MIN", 60)

CACHES = {
    "default": {
        "BACKEND": (
            "django.core.cache.backends.redis.RedisCache"
            if env_str("REDIS_URL", "")
            else "django.core.cache.backends.locmem.LocMemCache"
        ),
        "LOCATION": env_str("REDIS_URL", "hailong"),
        # Local memory keeps 300 entries by default and culls a third when full: too few for
        # rate-limit counters, drafts' caches and rendered public pages of a whole ward.
        **({} if env_str("REDIS_URL", "") else {"OPTIONS": {"MAX_ENTRIES": 20_000}}),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", default=False) else None
)
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        "OPTIONS": (
            {}
            if "console" in env_str("EMAIL_BACKEND", "console")
            or "locmem" in env_str("EMAIL_BACKEND", "console")
            else {
                "host": env_str("EMAIL_HOST", "localhost"),
                "port": env_int("EMAIL_PORT", 25),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
            }
        ),
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "hailong@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django.tasks with the database backend (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "reports", "imports"],
    }
}
HAILONG_TASK_MAX_ATTEMPTS = env_int("HAILONG_TASK_MAX_ATTEMPTS", 5)
HAILONG_TASK_STALE_SECONDS = env_int("HAILONG_TASK_STALE_SECONDS", 900)
# A worker that misses four beats counts as dead; the reaper then requeues its task.
HAILONG_WORKER_HEARTBEAT_SECONDS = env_int("HAILONG_WORKER_HEARTBEAT_SECONDS", 15)
# Finished task results, scheduler slots and maintenance runs older than this are pruned.
HAILONG_TASK_RESULT_DAYS = env_int("HAILONG_TASK_RESULT_DAYS", 14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
