"""Readers' pages read from a streaming replica; everything else uses the primary.

Switched on by DATABASE_REPLICA_URL (settings add the "replica" alias and this router).
Only a request handled by `ReplicaReadsMiddleware` may read from the replica, and only when
it is a GET or HEAD without a session (staff, so the admin and previews, have one) and the
browser has not written within REPLICA_LAG_SECONDS: the replica may lag, and an editor must
see their own change at once. Commands, migrations and the importer use the primary.
"""

from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "read_primary"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_reads_replica = ContextVar("newsroom_reads_replica", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_replica.get() and has_replica():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # One database, two copies of it.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        writes = request.method not in SAFE_METHODS
        reader = not (
            writes
            or PIN_COOKIE in request.COOKIES
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        )
        token = _reads_replica.set(reader)
        try:
            response = self.get_response(request)
        finally:
            _reads_replica.reset(token)
        if writes and has_replica():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_LAG_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
