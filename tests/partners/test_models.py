import datetime

import pytest

from django.core.exceptions import ValidationError

from partners.migrations import __path__ as migrations_path  # noqa: F401 - the package exists
from partners.models import (
    EducationForm,
    Partner,
    Province,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
    school_year_start,
)
from tests.partners.factories import PartnerFactory, published_partner


@pytest.mark.django_db
def test_data_migration_creates_the_real_taxonomies():
    assert list(StudyDomain.objects.values_list("name", flat=True)) == [
        "Taal en cultuur",
        "STEM",
        "Kunst en creatie",
        "Land- en tuinbouw",
        "Economie en organisatie",
        "Maatschappij en welzijn",
        "Sport",
        "Voeding en horeca",
        "Domeinoverschrijdend",
    ]
    assert WorkplaceLearningKind.objects.count() == 10
    assert set(WorkplaceLearningKind.objects.values_list("slug", flat=True)) >= {
        "snuffelstage",
        "werkplek-duaal-leren",
        "leerlingenstage",
    }
    assert EducationForm.objects.filter(slug="dbso").exists()
    assert Sector.objects.count() == 20
    assert Province.objects.count() == 11
    assert Province.objects.get(refnis_code="70000").name == "Limburg"


def test_migration_function_is_idempotent_and_keeps_added_terms(django_db_blocker, db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("partners.migrations.0003_taxonomy_values")
    StudyDomain.objects.create(name="Extra domein", slug="extra")
    migration.create_taxonomies(apps, None)
    assert StudyDomain.objects.count() == 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("postcode", "municipality", "province"),
    [
        ("3500", "Hasselt", "Limburg"),
        ("9000", "Gent", "Oost-Vlaanderen"),
        ("2000", "Antwerpen", "Antwerpen"),
        ("1000", "Brussel", "Brussels Hoofdstedelijk Gewest"),
        ("8000", "Brugge", "West-Vlaanderen"),
        ("3000", "Leuven", "Vlaams-Brabant"),
        ("1300", "Waver", "Waals-Brabant"),
        ("9850", "Deinze", "Oost-Vlaanderen"),  # Nevele merged into Deinze in 2025
    ],
)
def test_province_and_municipality_follow_from_the_postcode(postcode, municipality, province):
    partner = PartnerFactory(postcode=postcode, municipality="")
    assert partner.municipality == municipality
    assert partner.province.name == province
    assert partner.latitude is not None and partner.longitude is not None


@pytest.mark.django_db
def test_clean_normalises_and_checks_the_municipality():
    partner = PartnerFactory.build(
        enterprise_number="BE 0566.988.259", postcode="9030", municipality="mariakerke"
    )
    partner.clean()
    assert partner.enterprise_number == "0566988259"
    assert partner.municipality == "Gent"

    partner = PartnerFactory.build(
        postcode="3500", municipality="Gent", enterprise_number="0566988258"
    )
    with pytest.raises(ValidationError) as error:
        partner.clean()
    assert set(error.value.message_dict) == {"municipality", "enterprise_number"}
    assert "hoort niet bij postcode 3500" in error.value.message_dict["municipality"][0]


@pytest.mark.django_db
def test_enterprise_number_is_unique_when_given_and_optional():
    PartnerFactory(enterprise_number="0566988259")
    PartnerFactory(enterprise_number=None)
    PartnerFactory(enterprise_number="")
    assert Partner.objects.filter(enterprise_number__isnull=True).count() == 2
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError of the database in use
        PartnerFactory(enterprise_number="0566988259")


@pytest.mark.django_db
def test_slugs_are_unique_and_never_a_route_of_the_directory():
    first = PartnerFactory(name="Bakkerij Korst")
    second = PartnerFactory(name="Bakkerij Korst")
    reserved = PartnerFactory(name="Registreren")
    assert first.slug == "bakkerij-korst"
    assert second.slug == "bakkerij-korst-2"
    assert reserved.slug == "registreren-partner"


@pytest.mark.django_db
def test_domain_queries():
    gent = published_partner(postcode="9000", kinds=["snuffelstage"], study_domains=["stem"])
    hasselt = published_partner(
        postcode="3500",
        municipality="Hasselt",
        kinds=["leerlingenstage", "snuffelstage"],
        study_domains=["sport"],
    )
    PartnerFactory(postcode="9000", kinds=["snuffelstage"])  # draft: never in published()

    assert set(Partner.objects.published()) == {gent, hasselt}
    assert set(Partner.objects.published().offering(kinds=["snuffelstage"])) == {gent, hasselt}
    assert list(
        Partner.objects.published().offering(kinds=["snuffelstage"], study_domains=["sport"])
    ) == [hasselt]
    near_gent = Partner.objects.published().near(51.05, 3.7167, 10)
    assert list(near_gent) == [gent]
    assert near_gent[0].distance < 10


@pytest.mark.django_db
def test_places_this_school_year_need_a_confirmation_since_september():
    start = school_year_start(datetime.date(2026, 11, 29))
    assert start == datetime.date(2026, 9, 1)
    assert school_year_start(datetime.date(2027, 3, 1)) == datetime.date(2026, 9, 1)
    confirmed = published_partner(places_per_year=3, last_confirmed=datetime.date.today())
    published_partner(
        places_per_year=3, last_confirmed=school_year_start() - datetime.timedelta(days=1)
    )
    published_partner(places_per_year=0, last_confirmed=datetime.date.today())
    assert confirmed.has_places_this_school_year
