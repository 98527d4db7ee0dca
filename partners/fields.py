"""A partner's fields, declared once: which are public, which are private, which the registration
asks and with which limits, what kind of value each holds, and how the API documents it.

Read by the registration form (its sections, its limits and `registration_data()`), the change
form's starting values, `POST /api/registrations/` (the JSON types it accepts), the API's
schemas and OpenAPI document (partners/schemas.py), the registration-to-partner mapping
(`partners.registration.services.apply_data`), the admin form's contact panel, the data-subject
export (`partners.privacy`) and the CSV exchange (its columns). Adding a field is described in
docs/partners.md ("A partner's fields").
"""

from dataclasses import dataclass

from django.apps import apps

from partners.choices import PartnerKind

# What a field holds, which decides how it is copied, exchanged and typed in JSON.
TEXT = "text"  # a string on the Partner
RICH_TEXT = (
    "rich_text"  # HTML on the Partner (the API's `<name>_html`), plain text in the registration
)
CHOICE = "choice"  # a string from a fixed list (`choices`)
TAXONOMY = "taxonomy"  # a foreign key to a taxonomy, exchanged by slug
TAXONOMIES = "taxonomies"  # a many-to-many relation to a taxonomy, exchanged as slugs
NUMBER = "number"  # a whole number
DECIMAL = "decimal"  # a number with decimals (coordinates)
YES_NO = "yes_no"  # a boolean, "ja"/"nee" in the form
CODES = "codes"  # a JSON list of codes (languages)
DATE = "date"

# Who may see it.
PUBLIC = "public"  # the partner's page, the API, the directory CSV
PRIVATE = "private"  # the contact person: only the registration, the admin, the operator's
# export and the data-subject export

# Where the API (GET /api/partners/) gives a public field.
LIST = "list"  # in every result of the list and in the detail
DETAIL = "detail"  # only in GET /api/partners/{id}/


@dataclass(frozen=True)
class PartnerField:
    name: str
    kind: str
    visibility: str = PUBLIC
    # Asked by the registration form (and the change form, and the registration API).
    registration: bool = True
    # For TAXONOMY and TAXONOMIES: the taxonomy's model, "app_label.ModelName".
    taxonomy: str = ""
    # For CHOICE: the TextChoices it takes.
    choices: type | None = None
    # Computed from other fields (province, coordinates): exported, never imported or asked.
    derived: bool = False
    # What the registration requires and accepts (its form and `POST /api/registrations/`):
    # required, at most `max_length` characters, a number from `min_value` to `max_value`; a
    # required list of taxonomy values needs at least one.
    required: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    # What the field holds, for the API's documentation (Dutch, as the registration's messages).
    description: str = ""
    api: str = LIST

    def taxonomy_model(self):
        return apps.get_model(self.taxonomy)


# In the order of the exchange's columns (`manage.py export_partners`), a stable interface.
FIELDS = (
    PartnerField(
        "enterprise_number",
        TEXT,
        required=True,
        max_length=20,
        description="Ondernemingsnummer (KBO), bv. 0123.456.749 of BE0123456749.",
        api=DETAIL,
    ),
    PartnerField("slug", TEXT, registration=False),
    PartnerField(
        "name", TEXT, required=True, max_length=200, description="Naam van de organisatie."
    ),
    PartnerField(
        "kind", CHOICE, choices=PartnerKind, required=True, description="Soort organisatie."
    ),
    PartnerField(
        "sector",
        TAXONOMY,
        taxonomy="partners.Sector",
        required=True,
        description="Sector (korte naam).",
    ),
    PartnerField(
        "description",
        RICH_TEXT,
        max_length=1500,
        description="Wat de organisatie doet.",
        api=DETAIL,
    ),
    PartnerField(
        "website", TEXT, max_length=200, description="Website (niet verplicht).", api=DETAIL
    ),
    PartnerField(
        "street",
        TEXT,
        required=True,
        max_length=200,
        description="Straat en huisnummer.",
        api=DETAIL,
    ),
    PartnerField(
        "postcode",
        TEXT,
        required=True,
        max_length=10,
        description="Belgische postcode, 4 cijfers.",
    ),
    PartnerField(
        "municipality",
        TEXT,
        max_length=120,
        description="Gemeente (leeg: volgt uit de postcode).",
    ),
    PartnerField(
        "province", TAXONOMY, registration=False, taxonomy="partners.Province", derived=True
    ),
    PartnerField("latitude", DECIMAL, registration=False, derived=True),
    PartnerField("longitude", DECIMAL, registration=False, derived=True),
    PartnerField(
        "kinds",
        TAXONOMIES,
        taxonomy="partners.WorkplaceLearningKind",
        required=True,
        description="Vormen van werkplekleren (slugs).",
    ),
    PartnerField(
        "study_domains",
        TAXONOMIES,
        taxonomy="partners.StudyDomain",
        required=True,
        description="Studiedomeinen (slugs).",
    ),
    PartnerField(
        "education_forms",
        TAXONOMIES,
        taxonomy="partners.EducationForm",
        description="Onderwijsvormen (slugs).",
    ),
    PartnerField(
        "places_per_year",
        NUMBER,
        required=True,
        min_value=0,
        max_value=500,
        description="Plaatsen per schooljaar.",
    ),
    PartnerField("mentor_available", YES_NO, required=True, description="Er is een vaste mentor."),
    PartnerField(
        "mentor_trained",
        YES_NO,
        required=True,
        description="De mentor volgde een mentoropleiding.",
    ),
    PartnerField("languages", CODES, registration=False),
    PartnerField("last_confirmed", DATE, registration=False),
    PartnerField(
        "contact_name",
        TEXT,
        PRIVATE,
        required=True,
        max_length=120,
        description="Contactpersoon (privé).",
    ),
    PartnerField("contact_role", TEXT, PRIVATE, max_length=120, description="Functie (privé)."),
    PartnerField(
        "contact_email",
        TEXT,
        PRIVATE,
        required=True,
        max_length=254,
        description="E-mailadres (privé); krijgt de bevestigingslink.",
    ),
    PartnerField(
        "contact_phone",
        TEXT,
        PRIVATE,
        max_length=30,
        description="Telefoonnummer (privé, niet verplicht).",
    ),
)
BY_NAME = {field.name: field for field in FIELDS}


@dataclass(frozen=True)
class ConsentQuestion:
    """A question the registration asks that is never stored on the Partner: only "yes" counts
    (the registration keeps when it was given)."""

    name: str
    description: str


CONSENT_QUESTIONS = (
    ConsentQuestion("consent_privacy", "Akkoord met de privacyverklaring."),
    ConsentQuestion("consent_publication", "Akkoord met publicatie."),
)

# The registration form's groups, in the order the form asks them.
ORGANISATION = (
    "kind",
    "name",
    "enterprise_number",
    "website",
    "street",
    "postcode",
    "municipality",
    "sector",
    "description",
)
CONTACT = tuple(field.name for field in FIELDS if field.visibility == PRIVATE)
OFFER = (
    "kinds",
    "study_domains",
    "education_forms",
    "places_per_year",
    "mentor_available",
    "mentor_trained",
)
# Asked by the registration only, never stored on the Partner (the registration keeps when).
CONSENT = tuple(question.name for question in CONSENT_QUESTIONS)

PUBLIC_FIELDS = tuple(field.name for field in FIELDS if field.visibility == PUBLIC)
PRIVATE_FIELDS = CONTACT
DERIVED_FIELDS = tuple(field.name for field in FIELDS if field.derived)
# What a registration may set on a Partner, in the form's order.
REGISTRATION_FIELDS = ORGANISATION + CONTACT + OFFER


def of_kind(*kinds, names=None):
    """The names (of `names`, else of all fields) whose kind is one of `kinds`."""
    names = names if names is not None else tuple(BY_NAME)
    return tuple(name for name in names if BY_NAME[name].kind in kinds)
