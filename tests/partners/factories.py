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
    school_year_start,
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


def sector(slug):
    return Sector.objects.get(slug=slug)


def directory_partners():
    """Five published partners spread over Flanders and one draft, for the directory tests.

    Chosen so that every filter has something to include and something to leave out.
    """
    today = datetime.date.today()
    long_ago = today - datetime.timedelta(days=500)
    partners = {
        "bakery": published_partner(
            name="Bakkerij Korenbloem (fictief)",
            description="<p>Ambachtelijke bakkerij met broden, taarten en pralines.</p>",
            postcode="9000",
            municipality="Gent",
            sector=sector("voeding"),
            kinds=["snuffelstage", "leerlingenstage"],
            study_domains=["voeding-en-horeca"],
            education_forms=["arbeidsmarkt", "dbso"],
            places_per_year=3,
            last_confirmed=today,
            contact_name="Griet Geheim",
            contact_email="griet.geheim@korenbloem.example",
            contact_phone="+3292345678",
        ),
        "garage": published_partner(
            name="Garage Kouterhof (fictief)",
            description="<p>Onderhoud en herstelling van wagens.</p>",
            postcode="9050",
            municipality="Gentbrugge",
            sector=sector("auto-en-mobiliteit"),
            kinds=["leerlingenstage", "werkplek-duaal-leren"],
            study_domains=["stem"],
            education_forms=["dubbele-finaliteit", "arbeidsmarkt"],
            places_per_year=2,
            last_confirmed=long_ago,
        ),
        "school": published_partner(
            name="Vormingscentrum Lindeveld (fictief)",
            kind="school",
            description="<p>Vormingscentrum voor volwassenen.</p>",
            postcode="3500",
            municipality="Hasselt",
            sector=sector("onderwijs"),
            kinds=["observatiestage", "gastles"],
            study_domains=["maatschappij-en-welzijn", "taal-en-cultuur"],
            education_forms=["doorstroom"],
            places_per_year=0,
            last_confirmed=None,
        ),
        "hotel": published_partner(
            name="Hotel Duinhoek (fictief)",
            description="<p>Hotel met restaurant aan de rand van de stad.</p>",
            postcode="8000",
            municipality="Brugge",
            sector=sector("horeca-en-toerisme"),
            kinds=["leerlingenstage", "snuffelstage"],
            study_domains=["voeding-en-horeca"],
            education_forms=["arbeidsmarkt", "hbo5"],
            places_per_year=4,
            last_confirmed=max(today - datetime.timedelta(days=1), school_year_start()),
        ),
        "webagency": published_partner(
            name="Webbureau Beukedal (fictief)",
            kind="sectororganisatie",
            description="<p>Websites en apps voor kleine ondernemingen.</p>",
            postcode="2000",
            municipality="Antwerpen",
            sector=sector("ict"),
            kinds=["project-met-een-bedrijf", "leerlingenstage"],
            study_domains=["stem", "economie-en-organisatie"],
            education_forms=["doorstroom", "dubbele-finaliteit"],
            places_per_year=1,
            last_confirmed=max(today - datetime.timedelta(days=2), school_year_start()),
        ),
    }
    partners["draft"] = PartnerFactory(
        name="Geheime Bakkerij Concept (fictief)",
        postcode="9000",
        municipality="Gent",
        kinds=["snuffelstage"],
        study_domains=["voeding-en-horeca"],
    )
    return partners
