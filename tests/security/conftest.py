import os
import subprocess
import uuid

import pytest

from tests.support.servers import GunicornServer, prepare, production_env


@pytest.fixture(scope="session")
def production_server(tmp_path_factory):
    """gunicorn with production settings on a demo database of its own (SQLite file)."""
    folder = tmp_path_factory.mktemp("production")
    env = production_env(
        f"sqlite:///{folder / 'db.sqlite3'}", folder / "static", SECURE_SSL_REDIRECT=1
    )
    prepare(env)
    with GunicornServer(env, workers=1) as server:
        yield server


# PostgreSQL databases for the live-server tests (faults, load, API fuzzing): one migrated demo
# database per session, cloned for each module with CREATE DATABASE ... TEMPLATE (seconds,
# where migrating and loading the demo again would take minutes).

PG_SERVER = os.environ.get("WPP_SECURITY_PG_SERVER", "postgres://postgres@127.0.0.1:5432")


def psql(database, sql):
    return subprocess.run(
        ["psql", f"{PG_SERVER}/{database}", "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A migrated database with the demo content, and its collected static files."""
    folder = tmp_path_factory.mktemp("pg-template")
    name = f"wpp_sec_template_{uuid.uuid4().hex[:8]}"
    psql("postgres", f'CREATE DATABASE "{name}"')
    try:
        prepare(production_env(f"{PG_SERVER}/{name}", folder / "static"))
        yield {"name": name, "static": folder / "static"}
    finally:
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def pg_clone(demo_template):
    """A fresh copy of the demo database for one test module: its name."""
    name = f"wpp_sec_{uuid.uuid4().hex[:12]}"
    psql("postgres", f'CREATE DATABASE "{name}" TEMPLATE "{demo_template["name"]}"')
    try:
        yield name
    finally:
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
