"""A partner's fields, declared once: which are public, which are private, which the registration
asks, and what kind of value each holds.

Read by the registration form (its sections and `registration_data()`), the change form's
starting values, `POST /api/registrations/` (the JSON types it accepts), the registration-to-
partner mapping (`partners.registration.services.apply_data`), the admin form's contact panel,
the data-subject export (`partners.privacy`) and the CSV exchange (its columns). Adding a field
is described in docs/partners.md ("A partner's fields").
"""

from dataclasses import dataclass

from django.apps import apps

# What a field holds, which decides how it is copied, exchanged and typed in JSON.
TEXT = "text"  # a string on the Partner
RICH_TEXT = "rich_text"  # HTML on the Partner, plain text in the registration
CHOICE = "choice"  # a string from a fixed list (PartnerKind)
TAXONOMY = "taxonomy"  # a foreign key to a taxonomy, exchanged by slug
TAXONOMIES = "taxonomies"  # a many-to-many relation to a taxonomy, exchanged as slugs
NUMBER = "number"  # a whole number
YES_NO = "yes_no"  # a boolean, "ja"/"nee" in the form
CODES = "codes"  # a JSON list of codes (languages)
DATE = "date"
DERIVED = "derived"  # computed from other fields (province, coordinates): exported, never imported

# Who may see it.
PUBLIC = "public"  # the partner's page, the API, the directory CSV
PRIVATE = "private"  # the contact person: only the registration, the admin, the operator's
# export and the data-subject export


@dataclass(frozen=True)
class PartnerField:
    name: str
    kind: str
    visibility: str = PUBLIC
    # Asked by the registration form (and the change form, and the registration API).
    registration: bool = True
    # For TAXONOMY and TAXONOMIES: the taxonomy's model, "app_label.ModelName".
    taxonomy: str = ""

    def taxonomy_model(self):
        return apps.get_model(self.taxonomy)


# In the order of the exchange's columns (`manage.py export_partners`), a stable interface.
FIELDS = (
    PartnerField("enterprise_number", TEXT),
    PartnerField("slug", TEXT, registration=False),
    PartnerField("name", TEXT),
    PartnerField("kind", CHOICE),
    PartnerField("sector", TAXONOMY, taxonomy="partners.Sector"),
    PartnerField("description", RICH_TEXT),
    PartnerField("website", TEXT),
    PartnerField("street", TEXT),
    PartnerField("postcode", TEXT),
    PartnerField("municipality", TEXT),
    PartnerField("province", DERIVED, registration=False),
    PartnerField("latitude", DERIVED, registration=False),
    PartnerField("longitude", DERIVED, registration=False),
    PartnerField("kinds", TAXONOMIES, taxonomy="partners.WorkplaceLearningKind"),
    PartnerField("study_domains", TAXONOMIES, taxonomy="partners.StudyDomain"),
    PartnerField("education_forms", TAXONOMIES, taxonomy="partners.EducationForm"),
    PartnerField("places_per_year", NUMBER),
    PartnerField("mentor_available", YES_NO),
    PartnerField("mentor_trained", YES_NO),
    PartnerField("languages", CODES, registration=False),
    PartnerField("last_confirmed", DATE, registration=False),
    PartnerField("contact_name", TEXT, PRIVATE),
    PartnerField("contact_role", TEXT, PRIVATE),
    PartnerField("contact_email", TEXT, PRIVATE),
    PartnerField("contact_phone", TEXT, PRIVATE),
)
BY_NAME = {field.name: field for field in FIELDS}

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
CONSENT = ("consent_privacy", "consent_publication")

PUBLIC_FIELDS = tuple(field.name for field in FIELDS if field.visibility == PUBLIC)
PRIVATE_FIELDS = CONTACT
# What a registration may set on a Partner, in the form's order.
REGISTRATION_FIELDS = ORGANISATION + CONTACT + OFFER


def of_kind(*kinds, names=None):
    """The names (of `names`, else of all fields) whose kind is one of `kinds`."""
    names = names if names is not None else tuple(BY_NAME)
    return tuple(name for name in names if BY_NAME[name].kind in kinds)
