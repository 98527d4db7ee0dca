"""The partner directory: companies, schools and organisations that offer workplace learning.

`Partner` is a Wagtail snippet with draft state, revisions, a moderation workflow and locking, so
that a company's registration and later updates are reviewed before they go live. The directory
page (`PartnerDirectoryPage`) lists the published ones with facets and serves each partner's own
page. The taxonomies are editable data, filled with their real values by a data migration.
"""

from partners.choices import LANGUAGE_CHOICES, PartnerKind

from .directory_page import PartnerDirectoryPage
from .partner import (
    Partner,
    PartnerQuerySet,
    school_year_label,
    school_year_start,
)
from .registration import (
    PartnerAccessKey,
    PartnerRegistration,
    RegistrationKind,
    RegistrationSource,
    RegistrationStatus,
)
from .taxonomies import (
    EducationForm,
    Province,
    Sector,
    StudyDomain,
    Taxonomy,
    WorkplaceLearningKind,
)

__all__ = [
    "LANGUAGE_CHOICES",
    "EducationForm",
    "Partner",
    "PartnerDirectoryPage",
    "PartnerAccessKey",
    "PartnerKind",
    "PartnerQuerySet",
    "PartnerRegistration",
    "Province",
    "RegistrationKind",
    "RegistrationSource",
    "RegistrationStatus",
    "Sector",
    "StudyDomain",
    "Taxonomy",
    "WorkplaceLearningKind",
    "school_year_label",
    "school_year_start",
]
