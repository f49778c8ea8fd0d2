"""Settings for the newsroom CMS, read from the environment.

Development works with no environment at all (SQLite file, DEBUG on, a fixed key).
Production sets DEBUG=false, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable; anything but a yes/no word is refused."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.replace(",", " ").split() if item.strip()]


def env_int(name: str, default: int) -> int:
    """Read a non-negative whole number from the environment."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a whole number of 0 or more."
        )
    return value


def media_storage(environ) -> dict:
    """STORAGES["default"]: the media folder, or an S3 bucket when MEDIA_S3_BUCKET is set.

    Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads
    them itself); AWS_S3_ENDPOINT_URL points at MinIO or another S3-compatible service.
    """
    bucket = environ.get("MEDIA_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    options = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        # Photos are public: plain, cacheable URLs instead of signed, expiring ones.
        "querystring_auth": False,
        # A new upload never replaces another article's photo of the same name.
        "file_overwrite": False,
    }
    return {"BACKEND": "newsroom.storage.MediaStorage", "OPTIONS": options}


def parse_database_url(url: str) -> dict:
    """Turn DATABASE_URL into Django's DATABASES entry, refusing malformed values clearly."""
    schemes = ("sqlite://", "postgres://", "postgresql://", "pgsql://")
    if not url.startswith(schemes):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not understood: use sqlite:///path/to/db.sqlite3 "
            "or postgres://user:password@host:port/name."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is malformed: {exc}."
        ) from exc
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"DATABASE_URL={url!r} names no database.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["ENGINE"] = "django.db.backends.postgresql"
        config["CONN_HEALTH_CHECKS"] = True
    return config


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off, set SECRET_KEY to a long random value, "
            'e.g. python -c "import secrets; print(secrets.token_urlsafe(50))".'
        )
    SECRET_KEY = (
        "django-insecure-development-only-key-never-use-in-production-0123456789"
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", ".localhost", "[::1]", "testserver"] if DEBUG else [],
)
# Hosts that serve the whole network (`/`, `/<outlet>/...`): requests to them skip the
# outlet-hostname lookup. Any other host is matched against Outlet.hostnames.
NETWORK_HOSTS = env_list(
    "NETWORK_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# Set only when a reverse proxy that terminates TLS sits in front and overwrites
# X-Forwarded-Proto and appends to X-Forwarded-For: without one, any client could send
# those headers and pass for secure, or for another address.
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "articles.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles: its collectstatic also writes the outlets' 500 pages.
    "articles",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_prose_editor",  # the body editor's static files
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.security.CSPMiddleware",
    "newsroom.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that writes a body, inside WhiteNoise (static files come
    # compressed) and above ConditionalGetMiddleware, which then sees the plain body.
    "newsroom.compression.TextGZipMiddleware",
    "articles.images.UploadRollbackMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # Before anything reads the database: may this request read from the replica?
    "newsroom.db.ReplicaReadsMiddleware",
    "articles.site.routing.OutletHostMiddleware",
    "articles.site.routing.PublicLanguageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "articles.admin.middleware.DeskMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Late, so a cached page skips only the view and every header is still added.
    "articles.site.cache.PageCacheMiddleware",
    # Inside the page cache: a cached page keeps its inline styles' CSP hashes.
    "newsroom.security.InlineStyleHashesMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

# The readers' pages and sitemaps are Jinja2 templates (templates/site/, several times
# faster to render than Django's language); the admin, and the sitemap index Django's
# sitemaps app renders, keep Django's (everything else under templates/). Jinja2 is
# asked first: the public pages are the busy ones, and its folder holds nothing else.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "site"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "articles.site.jinja.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
            "libraries": {
                "desk_tags": "articles.admin.templatetags",
            },
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
# A streaming replica of the primary: readers' pages read from it (newsroom.db).
if replica_url := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = parse_database_url(replica_url)
    # Under test the replica connects to its own server but to the test database's name,
    # which streaming replication copies from the primary.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.db.ReplicaRouter"]
# How far the replica may lag behind the primary: a browser that wrote reads from the
# primary this long, and a page is not cached this long after a change (a reader's page
# rendered from the replica then may not show it yet).
REPLICA_LAG_SECONDS = env_int("REPLICA_LAG_SECONDS", 10)

# The page cache (articles.pagecache): one process's memory by default, Redis to share it.
if redis_url := os.environ.get("REDIS_URL"):
    if not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL={redis_url!r} is not understood: use redis://host:port/db."
        )
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis_url,
            # A Redis outage makes pages slower (uncached), never a 500.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long a rendered page is kept for anonymous readers (0 turns the cache off), and how
# long a CDN or proxy in front may keep it (`s-maxage`): the longest it can serve a
# page after the change that made it stale.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_CDN_SECONDS = env_int("PAGE_CACHE_CDN_SECONDS", 30)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "newsroom.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": media_storage(os.environ),
    "staticfiles": {
        "BACKEND": "newsroom.staticfiles.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Without a manifest (collectstatic not run) StaticStorage serves plain names, with a
# warning, from the source folders; `make serve` collects before it starts.
STATIC_COLLECTED = (STATIC_ROOT / "staticfiles.json").exists()

# In development WhiteNoise serves straight from the app and project static folders.
WHITENOISE_USE_FINDERS = DEBUG or not STATIC_COLLECTED
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "admin:login"

# Content-Security-Policy (django-csp): scripts and styles from this site only. An inline
# <script> or <style> needs the request's nonce (`{{ CSP_NONCE }}`, the admin's way) or,
# on cacheable public pages, a hash (`{% call inline_style() %}`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes). An account is locked for one client address only, so
# guessing from elsewhere cannot lock an editor out on deadline. A superuser unlocks in
# the admin (Access attempts), an outlet's chief from the list of its staff.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_ip"

# Deployment hardening; all of it is what `check --deploy` asks for once DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
