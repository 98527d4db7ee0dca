"""The fixed lists a partner's fields choose from (its kind, its languages).

Apart from the models so that the one declaration of a partner's fields (partners/fields.py), the
admin form and the models can all read them without importing each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    COMPANY = "bedrijf", _("Bedrijf")
    SCHOOL = "school", _("School")
    SECTOR_ORGANISATION = "sectororganisatie", _("Sectororganisatie")
    PUBLIC_SERVICE = "openbare-dienst", _("Openbare dienst")


LANGUAGE_CHOICES = [
    ("nl", _("Nederlands")),
    ("fr", _("Frans")),
    ("en", _("Engels")),
    ("de", _("Duits")),
]
