"""compose.yaml describes the production set-up; no container engine runs here, so it is parsed
and checked against what the test suite itself runs (gunicorn command, settings, worker)."""

import re
from pathlib import Path

import pytest
import yaml

from django.core.management import get_commands

from tests.support.servers import GUNICORN_COMMAND

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "compose.yaml").read_text())


def test_compose_defines_the_whole_production_setup(compose):
    services = compose["services"]
    assert {"postgres", "redis", "elasticsearch", "minio", "migrate", "worker", "nginx"} <= set(
        services
    )
    app_servers = [name for name in services if re.fullmatch(r"app\d+", name)]
    assert len(app_servers) >= 2


def test_app_servers_are_stateless_and_use_every_engine(compose):
    for name in ("app1", "app2", "worker"):
        env = compose["services"][name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert env["ELASTICSEARCH_URL"] == "http://elasticsearch:9200"
        assert env["TASKS_BACKEND"] == "database"
        # Media on S3-compatible storage: nothing written to the app server's disk.
        assert env["AWS_STORAGE_BUCKET_NAME"] and env["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
        assert "volumes" not in compose["services"][name]
        assert "SECRET_KEY" in env and "?" in env["SECRET_KEY"], "the secret must come from outside"


def test_the_commands_are_the_ones_the_tests_run():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert '"gunicorn", "portal.wsgi", "--no-control-socket"' in dockerfile
    assert ", ".join(f'"{part}"' for part in GUNICORN_COMMAND) in dockerfile
    commands = get_commands()
    assert "db_worker" in commands and "update_index" in commands and "migrate" in commands


def test_worker_and_migrations(compose):
    services = compose["services"]
    assert services["worker"]["command"][:3] == ["python", "manage.py", "db_worker"]
    assert "migrate --noinput" in " ".join(services["migrate"]["command"])
    assert (
        services["app1"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    )


def test_varnish_balances_over_every_app_server_behind_nginx(compose):
    conf = (BASE_DIR / "deploy" / "nginx.conf").read_text()
    assert "server varnish:80" in conf
    assert "X-Forwarded-Proto" in conf
    volume = compose["services"]["nginx"]["volumes"][0]
    assert volume.startswith("./deploy/nginx.conf:")
    backends = (BASE_DIR / "deploy" / "varnish" / "compose" / "backends.vcl").read_text()
    app_servers = sorted(name for name in compose["services"] if re.fullmatch(r"app\d+", name))
    assert sorted(re.findall(r'\.host = "(app\d+)"', backends)) == app_servers
    # Only the app servers (and the worker) may purge.
    purgers = re.search(r"acl purgers \{(.*?)\}", backends, re.S).group(1)
    assert set(re.findall(r'"([^"]+)"', purgers)) == {*app_servers, "worker", "localhost"}
    for service in app_servers:
        assert compose["services"][service]["environment"]["FRONTEND_CACHE_URL"] == (
            "http://varnish:80"
        )
