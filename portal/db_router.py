"""Send the reads of anonymous page views to a read replica, when one is configured.

Editors, forms and anything that writes keep reading from the primary, so nobody reads their own
write from a replica that lags behind. PortalReplicaMiddleware marks the requests that may use the
replica (anonymous GET/HEAD outside the admin and the API); the router then answers "replica" for
their reads. Without DATABASE_REPLICA_URL neither is installed (see portal/settings/base.py).
"""

from contextvars import ContextVar

from django.conf import settings

_use_replica = ContextVar("use_replica", default=False)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if _use_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class ReplicaMiddleware:
    """Place after AuthenticationMiddleware."""

    PRIMARY_ONLY = ("/admin/", "/api/registrations", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replica_ok = (
            "replica" in settings.DATABASES
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(self.PRIMARY_ONLY)
            and not request.user.is_authenticated
        )
        token = _use_replica.set(replica_ok)
        try:
            return self.get_response(request)
        finally:
            _use_replica.reset(token)
