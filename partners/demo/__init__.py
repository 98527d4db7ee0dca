"""Demo partners: 66 clearly fictional organisations spread over Flanders and Brussels.

Idempotent: a partner that exists (by slug) is left as it is.
"""

import datetime
import json
from pathlib import Path

from django.utils.text import slugify

DATA_DIR = Path(__file__).resolve().parent


def load(pages=None):
    from partners.models import (
        EducationForm,
        Partner,
        Sector,
        StudyDomain,
        WorkplaceLearningKind,
    )

    with open(DATA_DIR / "partners.json", encoding="utf-8") as handle:
        data = json.load(handle)["partners"]
    sectors = {s.slug: s for s in Sector.objects.all()}
    domains = {d.slug: d for d in StudyDomain.objects.all()}
    forms = {f.slug: f for f in EducationForm.objects.all()}
    kinds = {k.slug: k for k in WorkplaceLearningKind.objects.all()}
    existing = set(Partner.objects.values_list("slug", flat=True))
    created = 0
    for item in data:
        slug = slugify(item["name"])
        if slug in existing:
            continue
        partner = Partner(
            name=item["name"],
            slug=slug,
            kind=item["kind"],
            description=item["description"],
            website=item["website"],
            street=item["street"],
            postcode=item["postcode"],
            municipality=item["municipality"],
            sector=sectors.get(item["sector"]),
            places_per_year=item["places_per_year"],
            mentor_available=item["mentor_available"],
            mentor_trained=item["mentor_trained"],
            languages=item["languages"],
            contact_name=item["contact"]["name"],
            contact_role=item["contact"]["role"],
            contact_email=item["contact"]["email"],
            contact_phone=item["contact"]["phone"],
            last_confirmed=datetime.date.fromisoformat(item["last_confirmed"]),
            live=False,
        )
        partner.full_clean()
        partner.save()
        partner.study_domains.set([domains[s] for s in item["study_domains"]])
        partner.education_forms.set([forms[s] for s in item["education_forms"]])
        partner.kinds.set([kinds[s] for s in item["kinds"]])
        partner.save_revision().publish()
        created += 1
    return created
