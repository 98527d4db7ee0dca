"""A partner in the directory, and the domain queries on partners."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ACos, Cast, Cos, Greatest, Least, Radians, Sin
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin
from wagtail.search.tasks import insert_or_update_object_task

from partners import fields as partner_fields
from partners import geo
from partners.choices import LANGUAGE_CHOICES, PartnerKind
from partners.contact import ContactForm
from partners.models.admin_form import PartnerAdminForm
from partners.validators import (
    format_enterprise_number,
    format_phone,
    normalise_enterprise_number,
    normalise_phone,
    normalise_postcode,
)

from .taxonomies import EducationForm, Province, Sector, StudyDomain, WorkplaceLearningKind


def live_directory():
    """The live directory page, under which every partner has its page (None without one).

    Found through the app registry, as a foreign key names a model: the page's module imports
    this one (its sitemap lists the partners), so this one cannot import it back.
    """
    return apps.get_model("partners", "PartnerDirectoryPage").objects.live().first()


def school_year_start(today=None):
    """1 September of the school year `today` falls in."""
    today = today or timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    return datetime.date(year, 9, 1)


def school_year_label(today=None):
    start = school_year_start(today)
    return f"{start.year}-{start.year + 1}"


class PartnerQuerySet(SearchableQuerySetMixin, models.QuerySet):
    """The directory's domain queries: `Partner.objects.published().offering(kinds=[...])`.

    Searchable (`.search(text)`) through Wagtail's search backend, like pages.
    """

    def published(self):
        return self.filter(live=True)

    def offering(self, kinds=(), study_domains=(), education_forms=()):
        """Partners offering ANY of the given values within each facet, and ALL facets given.

        Values are slugs or taxonomy instances.
        """
        queryset = self
        for field, values in (
            ("kinds", kinds),
            ("study_domains", study_domains),
            ("education_forms", education_forms),
        ):
            slugs = [getattr(value, "slug", value) for value in values or ()]
            if slugs:
                queryset = queryset.filter(
                    pk__in=Partner.objects.filter(**{f"{field}__slug__in": slugs}).values("pk")
                )
        return queryset

    def near(self, latitude, longitude, km):
        """Partners within `km` of a point, annotated with `distance` in km.

        A bounding box on the indexed coordinates narrows the rows first; the exact great-circle
        distance (spherical law of cosines, clamped for rounding) then decides.
        """
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(latitude, longitude, km)
        cosine = Cos(Radians(models.Value(latitude))) * Cos(Radians("latitude")) * Cos(
            Radians("longitude") - Radians(models.Value(longitude))
        ) + Sin(Radians(models.Value(latitude))) * Sin(Radians("latitude"))
        distance = ACos(
            Least(Greatest(cosine, models.Value(-1.0)), models.Value(1.0))
        ) * models.Value(geo.EARTH_RADIUS_KM)
        return (
            self.filter(
                latitude__gte=min_lat,
                latitude__lte=max_lat,
                longitude__gte=min_lon,
                longitude__lte=max_lon,
            )
            .annotate(distance=distance)
            .filter(distance__lte=km)
        )


class Partner(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """An organisation in the directory.

    Registered as a snippet (partners/wagtail_hooks.py), edited and moderated in the admin and
    published on the directory page at /partners/<slug>/. The contact person's details are
    private: they are used to forward messages from the contact form and never shown.
    """

    name = models.CharField(_("Naam"), max_length=200, help_text=_("De naam van de organisatie."))
    slug = models.SlugField(
        _("Korte naam"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Deel van het webadres; wordt uit de naam gemaakt als u het leeg laat."),
    )
    kind = models.CharField(
        _("Soort partner"),
        max_length=20,
        choices=PartnerKind.choices,
        default=PartnerKind.COMPANY,
        help_text=_("Bedrijf, school, sectororganisatie of openbare dienst."),
    )
    enterprise_number = models.CharField(
        _("Ondernemingsnummer"),
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Het nummer in de KBO, bijvoorbeeld 0123.456.749. Wordt nagekeken."),
    )
    description = RichTextField(
        _("Beschrijving"),
        features=["bold", "italic", "ul", "ol", "link"],
        blank=True,
        help_text=_("Wat de organisatie doet en wat een leerling er leert."),
    )
    website = models.URLField(_("Website"), blank=True, help_text=_("Begint met https://"))
    street = models.CharField(
        _("Straat en nummer"), max_length=200, blank=True, help_text=_("Het adres van de werkplek.")
    )
    postcode = models.CharField(
        _("Postcode"),
        max_length=4,
        help_text=_("Een Belgische postcode; de provincie volgt eruit."),
    )
    municipality = models.CharField(
        _("Gemeente"),
        max_length=120,
        blank=True,
        help_text=_("Wordt uit de postcode ingevuld als u het leeg laat."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("Provincie"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="partners",
    )
    latitude = models.FloatField(_("Breedtegraad"), null=True, blank=True, editable=False)
    longitude = models.FloatField(_("Lengtegraad"), null=True, blank=True, editable=False)
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("Sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="partners",
        help_text=_("De sector waarin de organisatie werkt."),
    )
    study_domains = ParentalManyToManyField(
        StudyDomain,
        verbose_name=_("Studiedomeinen"),
        blank=True,
        related_name="partners",
        help_text=_("Voor leerlingen van welke studiedomeinen is er plaats?"),
    )
    education_forms = ParentalManyToManyField(
        EducationForm,
        verbose_name=_("Onderwijsvormen"),
        blank=True,
        related_name="partners",
        help_text=_("Uit welke onderwijsvormen komen de leerlingen?"),
    )
    kinds = ParentalManyToManyField(
        WorkplaceLearningKind,
        verbose_name=_("Vormen van werkplekleren"),
        blank=True,
        related_name="partners",
        help_text=_("Wat biedt de organisatie aan: stage, snuffelstage, duaal leren, ..."),
    )
    places_per_year = models.PositiveSmallIntegerField(
        _("Plaatsen per schooljaar"),
        default=0,
        help_text=_("Hoeveel leerlingen er per schooljaar terechtkunnen (0 = nu geen plaats)."),
    )
    mentor_available = models.BooleanField(
        _("Mentor beschikbaar"),
        default=False,
        help_text=_("Er is een vaste begeleider voor de leerling op de werkplek."),
    )
    mentor_trained = models.BooleanField(
        _("Mentor opgeleid"),
        default=False,
        help_text=_("De mentor volgde een mentoropleiding."),
    )
    languages = models.JSONField(
        _("Talen"),
        default=list,
        blank=True,
        help_text=_("Talen waarin de leerling begeleid kan worden."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Een vierkant of liggend logo op een lichte achtergrond."),
    )
    contact_name = models.CharField(
        _("Naam contactpersoon"),
        max_length=120,
        blank=True,
        help_text=_("Privé: wordt nooit op de site getoond."),
    )
    contact_role = models.CharField(
        _("Functie contactpersoon"), max_length=120, blank=True, help_text=_("Privé.")
    )
    contact_email = models.EmailField(
        _("E-mailadres contactpersoon"),
        blank=True,
        help_text=_("Privé: berichten via het contactformulier komen hier aan."),
    )
    contact_phone = models.CharField(
        _("Telefoon contactpersoon"), max_length=20, blank=True, help_text=_("Privé.")
    )
    last_confirmed = models.DateField(
        _("Laatst bevestigd"),
        null=True,
        blank=True,
        help_text=_("Wanneer de organisatie voor het laatst bevestigde dat de gegevens kloppen."),
    )
    created_at = models.DateTimeField(_("Aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Gewijzigd"), auto_now=True)

    objects = PartnerQuerySet.as_manager()

    # Accepts the enterprise number as people write it (0566.988.259); see admin_forms.py.
    base_form_class = PartnerAdminForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("kind"),
                FieldPanel("enterprise_number"),
                FieldPanel("description"),
                FieldPanel("website"),
                FieldPanel("logo"),
                FieldPanel("sector"),
            ],
            heading=_("Organisatie"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
            ],
            heading=_("Adres"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("kinds", widget=forms.CheckboxSelectMultiple),
                FieldPanel("study_domains", widget=forms.CheckboxSelectMultiple),
                FieldPanel("education_forms", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel(
                    [
                        FieldPanel("places_per_year"),
                        FieldPanel("mentor_available"),
                        FieldPanel("mentor_trained"),
                    ]
                ),
                FieldPanel("languages"),
                FieldPanel("last_confirmed"),
            ],
            heading=_("Aanbod"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in partner_fields.CONTACT],
            heading=_("Contactpersoon (privé)"),
        ),
        FieldPanel("slug"),
    ]

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("municipality", boost=2),
        index.AutocompleteField("municipality"),
        index.RelatedFields("sector", [index.SearchField("name", boost=2)]),
        index.RelatedFields("province", [index.SearchField("name", boost=2)]),
        index.RelatedFields("study_domains", [index.SearchField("name")]),
        index.RelatedFields("kinds", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("kind"),
        index.FilterField("province_id"),
        index.FilterField("sector_id"),
        index.FilterField("places_per_year"),
        index.FilterField("last_confirmed"),
    ]

    class Meta:
        verbose_name = _("Partner")
        verbose_name_plural = _("Partners")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["live", "name"], name="partner_live_name"),
            models.Index(fields=["live", "province"], name="partner_live_province"),
            models.Index(fields=["live", "sector"], name="partner_live_sector"),
            models.Index(fields=["live", "kind"], name="partner_live_kind"),
            models.Index(fields=["live", "last_confirmed"], name="partner_live_confirmed"),
            models.Index(fields=["latitude", "longitude"], name="partner_location"),
            # The directory's facet index checks the newest change on every request.
            models.Index(fields=["updated_at"], name="partner_updated"),
            # The search index stores ids as text; this lets PostgreSQL join a text match to
            # its partners by index instead of casting every partner's id (see the migration).
            models.Index(Cast("id", models.CharField(max_length=50)), name="partner_id_text"),
        ]

    def __str__(self):
        return self.name

    # Derived fields: the province and coordinates follow from the postcode, never typed.

    def clean(self):
        super().clean()
        errors = {}
        if self.enterprise_number:
            try:
                self.enterprise_number = normalise_enterprise_number(self.enterprise_number)
            except ValidationError as error:
                errors["enterprise_number"] = error.messages
        else:
            self.enterprise_number = None
        try:
            self.postcode = normalise_postcode(self.postcode)
        except ValidationError as error:
            errors["postcode"] = error.messages
        else:
            if self.municipality:
                official = geo.match_municipality(self.postcode, self.municipality)
                if official is None:
                    names = ", ".join(geo.municipalities_for_postcode(self.postcode))
                    errors["municipality"] = [
                        _("%(municipality)s hoort niet bij postcode %(postcode)s (wel: %(names)s).")
                        % {
                            "municipality": self.municipality,
                            "postcode": self.postcode,
                            "names": names,
                        }
                    ]
                else:
                    self.municipality = official
        if self.contact_phone:
            try:
                self.contact_phone = normalise_phone(self.contact_phone)
            except ValidationError as error:
                errors["contact_phone"] = error.messages
        if self.slug and self.slug in self.RESERVED_SLUGS:
            errors["slug"] = [_("Deze korte naam is voorbehouden voor de partnergids zelf.")]
        unknown = set(self.languages or []) - {code for code, _label in LANGUAGE_CHOICES}
        if unknown:
            errors["languages"] = [_("Onbekende taal: %s") % ", ".join(sorted(unknown))]
        if errors:
            raise ValidationError(errors)

    def derive_location(self):
        """Fill municipality, province and coordinates from the postcode."""
        if not self.municipality:
            names = geo.municipalities_for_postcode(self.postcode)
            self.municipality = names[0] if names else ""
        province = Province.for_postcode(self.postcode)
        self.province_id = province.pk if province else None
        point = geo.centroid(self.postcode)
        self.latitude, self.longitude = point if point else (None, None)

    def save(self, *args, **kwargs):
        if self.enterprise_number == "":
            self.enterprise_number = None
        if not self.slug:
            self.slug = self.unique_slug()
        self.derive_location()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            # Every save counts as a change (publish and unpublish save only a few fields):
            # the directory's facet index watches updated_at.
            kwargs["update_fields"] = update_fields = [*update_fields, "updated_at"]
        pending = {
            name
            for name in getattr(self, "_cluster_related_objects", {})
            if name in self.M2M_SEARCH_FIELDS and (update_fields is None or name in update_fields)
        }
        super().save(*args, **kwargs)
        if pending:
            # ClusterableModel writes many-to-many relations after post_save, so the search
            # index (updated on post_save) missed them: index again now they are stored.
            insert_or_update_object_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )

    # Many-to-many relations whose names are in the search index (see search_fields).
    M2M_SEARCH_FIELDS = {"study_domains", "kinds"}

    @classmethod
    def get_indexed_objects(cls):
        # modelsearch prefetches many-to-many relations for indexing, but leaves modelcluster's
        # ParentalManyToManyField out; prefetched, they save ten queries per partner.
        return super().get_indexed_objects().prefetch_related(*sorted(cls.M2M_SEARCH_FIELDS))

    # Slugs the directory page uses for its own routes.
    RESERVED_SLUGS = {
        "registreren",
        "beheer",
        "export",
        "csv",
        "api",
        "aanvraag",
        "tekort-aan-plaatsen",
        "zoekopdracht-bewaren",
        "zoekopdracht",
    }

    def unique_slug(self):
        base = slugify(self.name)[:200] or "partner"
        if base in self.RESERVED_SLUGS:
            base = f"{base}-partner"
        slug, number = base, 2
        while Partner.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug = f"{base}-{number}"
            number += 1
        return slug

    # Presentation

    @property
    def enterprise_number_display(self):
        return format_enterprise_number(self.enterprise_number)

    @property
    def contact_phone_display(self):
        return format_phone(self.contact_phone)

    @property
    def has_places_this_school_year(self):
        return bool(
            self.places_per_year
            and self.last_confirmed
            and self.last_confirmed >= school_year_start()
        )

    @cached_property
    def language_labels(self):
        labels = dict(LANGUAGE_CHOICES)
        return [labels[code] for code in self.languages or [] if code in labels]

    @property
    def full_address(self):
        return ", ".join(
            part for part in (self.street, f"{self.postcode} {self.municipality}") if part
        )

    @property
    def map_url(self):
        """The address on OpenStreetMap (the listing links to it)."""
        return "https://www.openstreetmap.org/search?" + urlencode(
            {"query": f"{self.full_address}, België"}
        )

    def get_url_path(self, directory=None):
        """The path of the partner's page under the directory page (None without a directory).

        The one recipe for a partner's public address: the pages, the API, the CSV, the sitemap
        and the e-mails (partners.registration.links.partner_url) all build on it.
        """
        directory = directory or live_directory()
        if directory is None:
            return None
        _site_id, _root_url, page_path = directory.get_url_parts()
        return page_path + directory.reverse_subpage("partner", args=[self.slug])

    def get_url(self, request=None, directory=None):
        """The partner's page as a path (None while there is no directory)."""
        return self.get_url_path(directory)

    @property
    def url(self):
        return self.get_url()

    def get_preview_template(self, request, mode_name):
        return "partners/partner_page.html"

    def get_preview_context(self, request, mode_name):
        # Not as `page`: Wagtail's user bar would take the directory page for the previewed
        # object and look up the partner's revision among the page revisions (a 500 in the
        # moderators' workflow preview).
        return {
            "partner": self,
            "directory": live_directory(),
            "school_year": school_year_label(),
            "contact_form": ContactForm(),
            "preview": True,
        }

    def get_admin_url(self):
        return reverse("wagtailsnippets_partners_partner:edit", args=[self.pk])
