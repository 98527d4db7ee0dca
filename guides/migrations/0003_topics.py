"""The topics that tag guide chapters, with their real values."""

from django.db import migrations

TOPICS = [
    ("werkplekleren", "Werkplekleren", "Leren en oefenen in een echte werksituatie die ook een leersituatie is."),
    ("duaal-leren", "Duaal leren", "Een opleiding die leren op school en leren op een werkplek bewust combineert."),
    ("stage", "Stage", "Leerlingenstages, snuffelstages en observatiestages: voorbereiden, begeleiden en afronden."),
    ("mentoring", "Mentoring", "De mentor op de werkplek: rol, vaardigheden en opleiding."),
    ("evaluatie", "Evaluatie", "Opvolgen, feedback geven en beoordelen wat een leerling op de werkplek leert."),
    ("wettelijk-kader", "Wettelijk kader", "Regelgeving, overeenkomsten, verzekering, welzijn en veiligheid op het werk."),
    ("kwaliteit", "Kwaliteit", "Voorwaarden voor leerrijk werkplekleren en afstemming tussen school en werkplek."),
    ("valkuilen", "Valkuilen", "Wat vaak misloopt bij werkplekleren, en hoe je het voorkomt."),
    ("samenwerking", "Samenwerking", "Afspraken en rollen van school, werkplek, leerling en ouders."),
]


def create_topics(apps, schema_editor):
    Topic = apps.get_model("guides", "Topic")
    for slug, name, description in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def remove_topics(apps, schema_editor):
    Topic = apps.get_model("guides", "Topic")
    Topic.objects.filter(slug__in=[slug for slug, _name, _description in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("guides", "0002_guides_chapters_topics_glossary")]

    operations = [migrations.RunPython(create_topics, remove_topics)]
