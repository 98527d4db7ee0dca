"""Backups: a dump of the demo database restores into a fresh database with the same content.

This is the procedure README.md documents (pg_dump in custom format, pg_restore into an empty
database), run for real against the PostgreSQL server.
"""

import os
import shutil
import subprocess
import uuid

import pytest

from tests.support.servers import manage, production_env

pytestmark = pytest.mark.postgres

SERVER = os.environ.get("WPP_BACKUP_TEST_SERVER", "postgres://postgres@127.0.0.1:5432")
CHECKS = {
    "pages": "SELECT count(*) FROM wagtailcore_page",
    "live partners": "SELECT count(*) FROM partners_partner WHERE live",
    "revisions": "SELECT count(*) FROM wagtailcore_revision",
    "home title": "SELECT title FROM wagtailcore_page WHERE depth = 2",
    "partner names": "SELECT md5(string_agg(name, ',' ORDER BY name)) FROM partners_partner",
    "privacy page": "SELECT md5(body::text) FROM portal_contentpage c JOIN wagtailcore_page p ON p.id = c.page_ptr_id WHERE p.slug = 'privacy'",
}


def psql(database, sql):
    result = subprocess.run(
        ["psql", f"{SERVER}/{database}", "-tAc", sql],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


@pytest.fixture
def databases(tmp_path):
    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.fail("pg_dump and pg_restore are needed (Debian: postgresql-client)")
    source, target = (
        f"wpp_backup_src_{uuid.uuid4().hex[:8]}",
        f"wpp_backup_dst_{uuid.uuid4().hex[:8]}",
    )
    for name in (source, target):
        psql("postgres", f'CREATE DATABASE "{name}"')
    yield source, target
    for name in (source, target):
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_dump_restores_into_a_fresh_database_with_the_same_content(databases, tmp_path):
    source, target = databases
    env = production_env(f"{SERVER}/{source}", tmp_path / "static")
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo", "--no-admin")

    dump = tmp_path / "werkplekportaal.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", f"--file={dump}", f"{SERVER}/{source}"],
        check=True,
        timeout=120,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={SERVER}/{target}", str(dump)],
        check=True,
        timeout=120,
    )

    before = {name: psql(source, sql) for name, sql in CHECKS.items()}
    after = {name: psql(target, sql) for name, sql in CHECKS.items()}
    assert int(before["pages"]) > 10 and int(before["live partners"]) >= 60
    assert after == before

    # The restored database serves the site: Django sees no missing migration.
    restored = production_env(f"{SERVER}/{target}", tmp_path / "static")
    manage(restored, "migrate", "--check")
