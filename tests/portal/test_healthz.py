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
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["cache"]["ok"] is False
    assert body["database"]["ok"] is True
