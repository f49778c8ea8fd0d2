import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import BASE_DIR, media_storage, parse_database_url


def test_sqlite_url_gives_a_sqlite_database():
    config = parse_database_url("sqlite:////tmp/newsroom.sqlite3")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/newsroom.sqlite3"


def test_postgres_url_uses_psycopg():
    config = parse_database_url("postgres://redaksi:rahasia@127.0.0.1:5433/newsroom")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (
        config["USER"],
        config["PASSWORD"],
        config["HOST"],
        config["PORT"],
        config["NAME"],
    ) == (
        "redaksi",
        "rahasia",
        "127.0.0.1",
        5433,
        "newsroom",
    )


@pytest.mark.parametrize(
    "url",
    [
        "mysql://u@h/db",
        "not a url",
        "postgres://u@127.0.0.1:notaport/db",
        "postgres://u@127.0.0.1:5432/",
        "",
    ],
)
def test_malformed_database_url_is_a_clear_error(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url(url)


def _settings_in_subprocess(env):
    return subprocess.run(
        [sys.executable, "-c", "import newsroom.settings"],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_missing_secret_key_is_refused_when_debug_is_off():
    result = _settings_in_subprocess({"DEBUG": "false"})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_keeps_a_default_secret_key():
    assert _settings_in_subprocess({}).returncode == 0


def test_deploy_check_is_clean_with_debug_off():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DEBUG": "false",
            "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-" + "y" * 20,
            "ALLOWED_HOSTS": "news.example",
        },
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr + result.stdout


def _settings_values(env, expression):
    return subprocess.run(
        [sys.executable, "-c", f"import newsroom.settings as s; print({expression})"],
        cwd=BASE_DIR,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
    )


def test_the_page_cache_is_local_memory_unless_redis_is_configured():
    local = _settings_values({}, "s.CACHES['default']['BACKEND']")
    shared = _settings_values(
        {"REDIS_URL": "redis://127.0.0.1:6379/1"}, "s.CACHES['default']['BACKEND']"
    )

    assert local.stdout.strip().endswith("LocMemCache")
    assert shared.stdout.strip() == "django_redis.cache.RedisCache"


@pytest.mark.parametrize(
    "env",
    [
        {"REDIS_URL": "127.0.0.1:6379"},
        {"PAGE_CACHE_SECONDS": "ten"},
        {"PAGE_CACHE_SECONDS": "-5"},
        {"DATABASE_REPLICA_URL": "mysql://u@h/db"},
    ],
)
def test_malformed_scaling_settings_are_a_clear_error(env):
    result = _settings_in_subprocess(env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert next(iter(env)) in result.stderr or "DATABASE_URL" in result.stderr


def test_a_replica_url_adds_the_replica_and_its_router():
    result = _settings_values(
        {"DATABASE_REPLICA_URL": "postgres://newsroom@127.0.0.1:5433/newsroom"},
        "sorted(s.DATABASES), s.DATABASE_ROUTERS",
    )

    assert result.stdout.split() == [
        "['default',",
        "'replica']",
        "['newsroom.db.ReplicaRouter']",
    ]


def test_media_go_to_the_disk_unless_a_bucket_is_named():
    assert media_storage({})["BACKEND"].endswith("FileSystemStorage")
    s3 = media_storage({"MEDIA_S3_BUCKET": "foto", "AWS_S3_ENDPOINT_URL": "http://s3"})
    assert s3["BACKEND"] == "newsroom.storage.MediaStorage"
    assert s3["OPTIONS"]["bucket_name"] == "foto"
    assert s3["OPTIONS"]["endpoint_url"] == "http://s3"


PRODUCTION_ENV = {
    "PATH": "/usr/bin:/bin",
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-key-" + "y" * 20,
    "ALLOWED_HOSTS": "testserver",
}

# Requests made by Django's test client under the production settings, in a fresh process
# (settings are read once per process). robots.txt needs no database.
_PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
answers = {
    "https": client.get("/robots.txt", secure=True),
    "forged": client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https"),
}
print(json.dumps({
    name: {"status": r.status_code, "headers": dict(r.headers)}
    for name, r in answers.items()
}))
"""


def _production_probe(**env):
    import json

    result = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=BASE_DIR,
        env={**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "newsroom.settings", **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_pages_carry_the_security_headers():
    headers = _production_probe()["https"]["headers"]

    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_forged_forwarded_proto_is_not_trusted_without_a_proxy():
    forged = _production_probe()["forged"]

    assert forged["status"] == 301
    assert forged["headers"]["Location"].startswith("https://")


def test_the_forwarded_proto_is_trusted_behind_a_configured_proxy():
    forwarded = _production_probe(BEHIND_TLS_PROXY="true")["forged"]

    assert forwarded["status"] == 200


def test_the_client_address_comes_from_the_proxy_only_when_configured(rf, settings):
    from newsroom.security import client_ip

    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )

    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.0.0.2"
    settings.BEHIND_TLS_PROXY = True
    assert client_ip(request) == "203.0.113.9"


@pytest.mark.django_db
def test_a_cached_page_keeps_the_csp_hash_of_its_inline_style(client, page_cache):
    from tests.factories import make_outlet

    make_outlet(slug="kabar", primary_colour="#0b2e59")

    fresh = client.get("/kabar/")
    cached = client.get("/kabar/")

    assert "'sha256-" in fresh["Content-Security-Policy"]
    assert cached["Content-Security-Policy"] == fresh["Content-Security-Policy"]
