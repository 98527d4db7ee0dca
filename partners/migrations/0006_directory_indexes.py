"""Indexes the directory's queries need at 100,000 partners (measured with EXPLAIN ANALYZE).

- partner_updated: the facet index's "has anything changed?" check, MAX(updated_at), on every
  request (a scan of the table without it: 50 ms).
- partner_id_text: Wagtail's search index stores object ids as text and joins on
  CAST(partner.id AS varchar); with this expression index PostgreSQL joins the (few) matches to
  their partners by index instead of casting all 100,000 ids (65 ms).
- A GIN index on (title || body) of Wagtail's search index table, which the database search
  backend matches against on PostgreSQL but Wagtail's migrations do not create: without it a
  text search scans every entry (100 ms at 100,000 entries). PostgreSQL only; IF NOT EXISTS
  because a later Wagtail release may add it. It helps the site-wide search too.
"""

import django.db.models.functions.comparison
from django.db import migrations, models

SEARCH_INDEX_NAME = "wagtailsearch_indexentry_title_body_gin"


def create_search_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SEARCH_INDEX_NAME} "
            "ON wagtailsearch_indexentry USING GIN ((title || body))"
        )


def drop_search_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {SEARCH_INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_registration_workflow"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="partner",
            index=models.Index(fields=["updated_at"], name="partner_updated"),
        ),
        migrations.AddIndex(
            model_name="partner",
            index=models.Index(
                django.db.models.functions.comparison.Cast(
                    "id", models.CharField(max_length=50)
                ),
                name="partner_id_text",
            ),
        ),
        migrations.RunPython(create_search_gin_index, drop_search_gin_index, elidable=False),
    ]
