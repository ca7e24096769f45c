"""Accord's settings, read from the environment.

Every setting has a safe default for a single-user installation on SQLite; a bad
value stops Accord at start-up with a message naming the variable.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _project_root() -> Path:
    """The checkout Accord runs from (an editable install), else the working directory."""
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "pyproject.toml").exists():
        return candidate
    return Path.cwd()


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}: expected true or false, got {raw!r}")


def _seconds(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a number of seconds, got {raw!r}") from None
    if value < 0:
        raise ImproperlyConfigured(f"{name}: expected 0 or more seconds, got {value}")
    return value


PROJECT_ROOT = _project_root()
VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR") or PROJECT_ROOT / "var")

DEBUG = _flag("ACCORD_DEBUG", default=True)
SECRET_KEY = os.environ.get("ACCORD_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("ACCORD_SECRET_KEY: must be set when ACCORD_DEBUG is false")
    SECRET_KEY = "accord-development-only-key-not-for-production"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ACCORD_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]


def _audit_key() -> str | None:
    """ACCORD_AUDIT_KEY: the key of the audit trail's HMAC chain (None: the key file)."""
    raw = (os.environ.get("ACCORD_AUDIT_KEY") or "").strip()
    if not raw:
        return None
    if len(raw) < 32:
        raise ImproperlyConfigured(
            "ACCORD_AUDIT_KEY: expected at least 32 characters (make one with"
            f" `openssl rand -hex 32`), got {len(raw)}"
        )
    return raw


# The audit trail is chained by HMAC-SHA256 under a key kept outside the database:
# ACCORD_AUDIT_KEY, else the file ACCORD_AUDIT_KEY_FILE (made, mode 0600, when the
# first entry is written). A restore needs the key the backup's trail was written under.
ACCORD_AUDIT_KEY = _audit_key()
ACCORD_AUDIT_KEY_FILE = Path(os.environ.get("ACCORD_AUDIT_KEY_FILE") or VAR_DIR / "audit.key")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "accord.core",
    "accord.registry",
    "accord.bodies",
    "accord.documents",
    "accord.meetings",
    "accord.decisions",
    "accord.implementation",
    "accord.records",
    "accord.publishing",
    "accord.accounts",
    "accord.search",
    "accord.api",
    "accord.cli",
    "accord.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy (django-csp) and Permissions-Policy on every answer.
    "csp.middleware.CSPMiddleware",
    "accord.core.headers.PermissionsPolicyMiddleware",
    # Before WhiteNoise, so that static files are not framed either.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Static files with far-future cache headers and precompressed variants.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compression of pages and API answers (Django masks the CSRF token in every
    # response, so compressed pages do not expose it to BREACH-style guessing).
    # (Document files are sent as stored: already compressed, their ETag their checksum.)
    "accord.core.compression.GZipMiddleware",
    # ETag/Last-Modified on every GET answer; If-None-Match/If-Modified-Since → 304.
    "django.middleware.http.ConditionalGetMiddleware",
    # Vary: Authorization, Cookie on every answer; Cache-Control: private on those
    # answered for a session or a token (inside the above, so a 304 keeps them).
    "accord.core.headers.PerViewerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The names and titles a page shows without a translation into its language.
    "accord.web.untranslated.UntranslatedMiddleware",
    # Oversized bodies (413), and addresses, queries and forms that are not UTF-8 text.
    "accord.core.guard.InputGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second factor (TOTP).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs API token users in before the audit context names the actor.
    "accord.accounts.middleware.BearerTokenMiddleware",
    "accord.core.audit.AuditContextMiddleware",
    # Last, as django-axes requires: it answers throttled logins.
    "axes.middleware.AxesMiddleware",
    # Anonymous GETs served from memory while the record is unchanged.
    "accord.core.response_cache.ResponseCacheMiddleware",
]

# Answers are cached per process, keyed by the audit trail's newest hash and the
# reader's standing (see accord.core.response_cache): a write anywhere makes every key new.
ACCORD_RESPONSE_CACHE = _flag("ACCORD_RESPONSE_CACHE", default=True)
ACCORD_CACHED_PATHS = (  # prefixes
    "/api/v1/",
    "/organizations/",
    "/search/",
    "/people/",
    "/calendar/",
    "/feeds/",
    "/releases/",
    "/export/",
)
ACCORD_CACHED_PAGES = ("/",)  # exact paths
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "accord-responses",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: refuses logins from throttled sources.
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, the signed-in user's look-up built once.
    "accord.accounts.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/tasks/"  # a signed-in reader lands on what is theirs to do

# Passwords are hashed with Argon2 (the others remain only to read older hashes).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# Login throttling (django-axes): after 5 failures for one user name from one
# address, further attempts are refused for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
# The answer to a throttled sign-in: a page saying why and for how long (429).
AXES_LOCKOUT_CALLABLE = "accord.accounts.views.locked_out"

ROOT_URLCONF = "accord.config.urls"
WSGI_APPLICATION = "accord.config.wsgi.application"

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
                "accord.web.untranslated.untranslated",
                # The reader's name and form token, or their slots on a page shared by
                # the readers of one standing (accord.core.response_cache).
                "accord.web.personal.personal",
            ],
        },
    },
]


def _database() -> dj_database_url.DBConfig:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'accord.sqlite3'}"
    try:
        # A connection is kept for the next requests of the same worker thread (a new
        # PostgreSQL connection per request costs more than most answers), checked
        # before reuse; 0 closes it after each request.
        config = dj_database_url.parse(
            url,
            conn_max_age=_seconds("ACCORD_DB_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"DATABASE_URL: cannot be read ({exc})") from exc
    if config["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(config["NAME"])
        if str(name) != ":memory:":
            name.parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # IMMEDIATE: a writer takes the lock at BEGIN, so two writers queue
            # instead of failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            # WAL: readers never wait for the writer, and a crash of the process
            # mid-write leaves the last committed state. FULL: each commit is on disk
            # before it is acknowledged, so a power cut loses nothing acknowledged
            # either (NORMAL could lose the last commits; it saves ~4 ms a commit).
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
        config["TEST"] = {"NAME": str(VAR_DIR / "test-accord.sqlite3")}
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # Statements bound on the server, and prepared once a connection has run the
        # same one a few times: PostgreSQL then plans it once per connection, not at
        # every run. Planning the access rules' joins cost more than running them: a
        # meeting page read afresh spent 24 ms of the server's CPU, 11 ms prepared.
        # Options given in DATABASE_URL's query string take precedence.
        options = config.setdefault("OPTIONS", {})
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", _prepare_threshold())
        # No JIT compilation of statements: PostgreSQL compiles a statement it
        # estimates costly at every run, and the people the record page suggests at
        # 100,000 meetings spent 60 ms compiling, 50 ms running.
        if _jit() == "off":
            options.setdefault("options", "-c jit=off")
    return config


def _jit() -> str:
    """ACCORD_DB_JIT: `off` (PostgreSQL compiles no statement, the default) or `server`
    (as the server is configured), for a pooler that passes no startup options."""
    raw = (os.environ.get("ACCORD_DB_JIT") or "off").strip().lower()
    if raw not in ("off", "server"):
        raise ImproperlyConfigured(f"ACCORD_DB_JIT: expected off or server, got {raw!r}")
    return raw


def _prepare_threshold() -> int | None:
    """ACCORD_DB_PREPARE_THRESHOLD: the runs of a statement on a connection after which
    PostgreSQL keeps it prepared (psycopg's prepare_threshold); `off` prepares none, as
    a pooler in transaction mode that does not track prepared statements needs."""
    raw = (os.environ.get("ACCORD_DB_PREPARE_THRESHOLD") or "").strip().lower()
    if raw == "":
        return 5
    if raw == "off":
        return None
    if raw.isdigit():
        return int(raw)
    raise ImproperlyConfigured(
        f"ACCORD_DB_PREPARE_THRESHOLD: expected a number of runs (0 or more) or off, got {raw!r}"
    )


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("zh-hans", "中文")]
TIME_ZONE = "UTC"
USE_I18N = True
# The interface's translations: src/accord/locale/<language>/LC_MESSAGES/django.po,
# compiled to .mo by `make bootstrap` (`make messages` extracts new strings).
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it to exist
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production `accord serve` collects static files with hashed names and
    # compressed copies (WhiteNoise's, each content compressed once), served by
    # WhiteNoise with far-future cache headers.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "accord.core.static.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG


def _positive(name: str, default: int) -> int:
    raw = os.environ.get(name) or str(default)
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ImproperlyConfigured(f"{name}: expected a positive whole number, got {raw!r}")
    return value


def _files_storage() -> dict:
    """Where document files are kept: a directory (`local`, the default) or a bucket of
    an S3-compatible object store (`s3`, through django-storages and boto3)."""
    kind = os.environ.get("ACCORD_FILES_STORAGE") or "local"
    if kind == "local":
        location = Path(os.environ.get("ACCORD_FILES_DIR") or VAR_DIR / "files")
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": str(location),
                "base_url": None,
                "file_permissions_mode": 0o640,
                "directory_permissions_mode": 0o750,
            },
        }
    if kind != "s3":
        raise ImproperlyConfigured(f"ACCORD_FILES_STORAGE: expected local or s3, got {kind!r}")
    bucket = os.environ.get("ACCORD_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("ACCORD_S3_BUCKET: must be set when ACCORD_FILES_STORAGE=s3")
    options = {
        "bucket_name": bucket,
        "location": os.environ.get("ACCORD_S3_PREFIX", ""),
        # Files are only ever served through Accord, which checks who may read them.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for option, variable in [
        ("endpoint_url", "ACCORD_S3_ENDPOINT_URL"),
        ("region_name", "ACCORD_S3_REGION"),
        ("access_key", "ACCORD_S3_ACCESS_KEY_ID"),
        ("secret_key", "ACCORD_S3_SECRET_ACCESS_KEY"),
        ("addressing_style", "ACCORD_S3_ADDRESSING_STYLE"),
    ]:
        if value := os.environ.get(variable):
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES["documents"] = _files_storage()
# The largest document file accepted (bytes); larger uploads are refused (413).
ACCORD_MAX_UPLOAD_BYTES = _positive("ACCORD_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
# Uploads keep no more than the limit (and one byte) on disk while they arrive.
FILE_UPLOAD_HANDLERS = ["accord.documents.uploads.LimitedUploadHandler"]


def _positive_seconds(name: str, default: float) -> float:
    raw = os.environ.get(name) or str(default)
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not (math.isfinite(value) and value > 0):
        raise ImproperlyConfigured(f"{name}: expected a positive number of seconds, got {raw!r}")
    return value


def _extract_limits() -> tuple[float, int, int, int, int]:
    """What reading an uploaded file's text may take (accord.documents.extract): the
    seconds and the memory (MB) of the process that reads it; the pages of a PDF, the
    characters of text and the MB of XML of a DOCX or ODT package read."""
    memory = _positive("ACCORD_EXTRACT_MEMORY_MB", 512)
    if memory < 128:
        raw = os.environ.get("ACCORD_EXTRACT_MEMORY_MB")
        raise ImproperlyConfigured(
            f"ACCORD_EXTRACT_MEMORY_MB: expected at least 128 (MB), got {raw!r}"
        )
    return (
        _positive_seconds("ACCORD_EXTRACT_TIMEOUT", 20),
        memory,
        _positive("ACCORD_EXTRACT_MAX_PAGES", 2_000),
        _positive("ACCORD_EXTRACT_MAX_TEXT", 1_000_000),
        _positive("ACCORD_EXTRACT_MAX_XML_MB", 20),
    )


(
    ACCORD_EXTRACT_TIMEOUT,
    ACCORD_EXTRACT_MEMORY_MB,
    ACCORD_EXTRACT_MAX_PAGES,
    ACCORD_EXTRACT_MAX_TEXT,
    ACCORD_EXTRACT_MAX_XML_MB,
) = _extract_limits()

# Django's sessions in the database, their look-up built once (accord.accounts.sessions).
SESSION_ENGINE = "accord.accounts.sessions"

# Production profile (ACCORD_DEBUG=false): HTTPS only, secure cookies, HSTS.
# ACCORD_HTTPS=false serves plain HTTP (behind a proxy on the same host, or for
# local measurements); ACCORD_PROXY_SSL_HEADER names the header a TLS-terminating
# proxy sets (e.g. X-Forwarded-Proto).
HTTPS = _flag("ACCORD_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if proxy_header := os.environ.get("ACCORD_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "accord.web.views.csrf_failure"

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from Accord
# itself only; no inline script or style anywhere (the API docs' Swagger UI included,
# served from Accord's static files), no plugin, no framing, forms post to Accord.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # data: images: the icons of Swagger UI's stylesheet (an image cannot run code).
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features Accord never uses, turned off for its pages and anything they embed.
ACCORD_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(),"
    " microphone=(), payment=(), usb=()"
)

# Second factor (django-otp, TOTP): the issuer named in authenticator apps.
OTP_TOTP_ISSUER = "Accord"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
}
