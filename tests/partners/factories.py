"""Partner factories. Taxonomy rows come from the data migration; factories look them up by slug."""

import datetime

import factory

from partners.models import (
    EducationForm,
    Partner,
    PartnerKind,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
)


class PartnerFactory(factory.django.DjangoModelFactory):
    """A draft partner in Gent; `published=True` publishes it with a revision, as editors do."""

    name = factory.Sequence(lambda n: f"Testbedrijf {n} (fictief)")
    kind = PartnerKind.COMPANY
    description = "<p>Een fictief bedrijf voor de tests.</p>"
    street = "Teststraat 1"
    postcode = "9000"
    municipality = "Gent"
    sector = factory.LazyFunction(lambda: Sector.objects.get(slug="bouw"))
    places_per_year = 2
    mentor_available = True
    languages = factory.LazyFunction(lambda: ["nl"])
    contact_name = "Jan Privé"
    contact_role = "zaakvoerder"
    contact_email = factory.Sequence(lambda n: f"contact{n}@bedrijf.example")
    contact_phone = "+3292345678"
    last_confirmed = factory.LazyFunction(datetime.date.today)
    live = False

    class Meta:
        model = Partner
        skip_postgeneration_save = True

    @factory.post_generation
    def kinds(self, create, extracted, **kwargs):
        if create:
            self.kinds.set(WorkplaceLearningKind.objects.by_slugs(extracted or ["leerlingenstage"]))

    @factory.post_generation
    def study_domains(self, create, extracted, **kwargs):
        if create:
            self.study_domains.set(StudyDomain.objects.by_slugs(extracted or ["stem"]))

    @factory.post_generation
    def education_forms(self, create, extracted, **kwargs):
        if create:
            self.education_forms.set(EducationForm.objects.by_slugs(extracted or ["arbeidsmarkt"]))


def published_partner(**kwargs):
    """A partner published through a revision, as an editor would."""
    partner = PartnerFactory(**kwargs)
    partner.save_revision().publish()
    partner.refresh_from_db()
    return partner
