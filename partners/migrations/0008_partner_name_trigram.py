"""pg_trgm and a trigram index on partner names, for the directory's forgiving name search
(partners/name_search.py: "laswerk" finds "Laswerkplaats ...", "codekai" finds "Codekaai ...").

With the GIN index, `name %> 'laswerk'` reads the index instead of comparing every name. The
index is created outside the model state, like 0007: SQLite (development, part of the test
suite) has neither the extension nor GIN indexes, and searches names with LIKE there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX_NAME = "partner_name_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON partners_partner "
            "USING gin (name gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("partners", "0007_partner_live_recent_index")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
