"""The portal's vocabulary (search/vocabulary.py), with a trigram index for "Bedoelde je ...?".

The GIN index (PostgreSQL only, outside the model state like partners' 0007 and 0008) lets
`word % 'werkplekleeren'` read the index instead of comparing every word.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

INDEX_NAME = "search_vocabulary_word_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON search_vocabularyword "
            "USING gin (word gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_search_page_routes_zero_results'),
    ]

    operations = [
        TrigramExtension(),
        migrations.CreateModel(
            name='VocabularyWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=60, unique=True, verbose_name='Woord')),
                ('documents', models.PositiveIntegerField(default=0, verbose_name='Aantal documenten')),
            ],
            options={
                'verbose_name': 'Woord uit de inhoud',
                'verbose_name_plural': 'Woorden uit de inhoud',
            },
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
