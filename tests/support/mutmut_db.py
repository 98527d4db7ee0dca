"""A pytest plugin for `make mutants` only (loaded by `-p` in pyproject's [tool.mutmut]).

mutmut runs the tests once per mutant on one reused test database (`--reuse-db`: migrating it
for each mutant would take longer than the tests). The transactional tests among them flush
every table at their end, so the next run would start without the rows the data migrations
create (taxonomies, groups, workflows), fail, and count the mutant as killed. This puts those
rows back once at the start of each run.
"""

import pytest

DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


def uses_database(item):
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(scope="session", autouse=True)
def _migration_data_of_a_reused_database(request, django_db_blocker):
    # pytest-django sets up no test database when none of the selected tests uses one (mutmut
    # re-runs only new tests for its stats, e.g. the validators' pure-function tests).
    if not any(uses_database(item) for item in request.session.items):
        return
    request.getfixturevalue("django_db_setup")
    from django.contrib.auth.models import Group

    from tests.conftest import restore_migration_data

    with django_db_blocker.unblock():
        # Loading the migration graph costs a second or two: only after a flush.
        if not Group.objects.filter(name="Partnerbeheerders").exists():
            restore_migration_data()
