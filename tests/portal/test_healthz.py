import pytest

from django.db import connection


@pytest.mark.django_db
def test_healthz_reports_every_part(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == {"ok": True, "vendor": connection.vendor}
    assert body["cache"] == {"ok": True, "backend": "LocMemCache"}
    assert body["search"]["ok"] is True
    assert body["search"]["backend"].endswith("SearchBackend")
    assert "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_degraded_when_redis_is_unreachable(client, settings):
    # A real Redis client against a port where nothing listens.
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    from portal.cache_backend import ResilientRedisCache

    ResilientRedisCache.reset_backoff()
    response = client.get("/healthz")
    ResilientRedisCache.reset_backoff()
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["cache"]["ok"] is False
    assert body["database"]["ok"] is True
