"""Places that partners offer, per school year, kind of workplace learning, study domain and
period ("2 leerlingenstages STEM, februari - maart").

A partner keeps them through its management link (partners/places/views.py) and confirms them
once a school year; the directory filters on them (the "periode" facet), cards and partner pages
show them and the partner API lists them. Partner.places_per_year and Partner.last_confirmed stay
the summary the rest of the directory reads: saving or confirming places sets them (the total of
this school year's places, and the day), so the directory's index sees the change at once.
"""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from partners.places import months

MAX_PLACES = 500


class PlacesYearQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_on__isnull=False)

    def of_school_year(self, school_year):
        return self.filter(school_year=school_year)


class PlacesYear(models.Model):
    """One partner's places in one school year, and whether the partner confirmed them."""

    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("Partner"),
        on_delete=models.CASCADE,
        related_name="places_years",
    )
    school_year = models.PositiveSmallIntegerField(
        _("Schooljaar"), help_text=_("Het eerste kalenderjaar: 2026 voor 2026-2027.")
    )
    accepts_requests = models.BooleanField(
        _("Aanvragen van scholen welkom"),
        default=True,
        help_text=_("Scholen mogen via het portaal vragen of er een plaats vrij is."),
    )
    confirmed_on = models.DateField(
        _("Bevestigd op"),
        null=True,
        blank=True,
        help_text=_("Wanneer de partner deze plaatsen voor dit schooljaar bevestigde."),
    )
    updated_at = models.DateTimeField(_("Gewijzigd"), auto_now=True)

    objects = PlacesYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("Plaatsen in een schooljaar")
        verbose_name_plural = _("Plaatsen per schooljaar")
        ordering = ["partner", "-school_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "school_year"], name="places_year_unique_partner_year"
            )
        ]
        indexes = [models.Index(fields=["school_year", "confirmed_on"], name="places_year_open")]

    def __str__(self):
        return f"{self.partner} {self.label}"

    @property
    def label(self):
        return months.school_year_label(self.school_year)

    @property
    def is_confirmed(self):
        return self.confirmed_on is not None


class PlaceOfferQuerySet(models.QuerySet):
    def open(self, school_year):
        """Offers of published partners, confirmed for `school_year`."""
        return self.filter(
            year__school_year=school_year,
            year__confirmed_on__isnull=False,
            year__partner__live=True,
        )

    def in_months(self, calendar_months):
        """Offers available in ANY of the given calendar months (1-12)."""
        wanted = months.mask_of(calendar_months)
        if not wanted:
            return self
        return self.alias(_overlap=F("months").bitand(wanted)).filter(_overlap__gt=0)


class PlaceOffer(models.Model):
    """A number of places of one kind, for one study domain, in one period of a school year.

    An empty kind or study domain means "any of the partner's": that is how the places
    partners gave before this model existed were carried over (the data migration).
    """

    year = models.ForeignKey(
        PlacesYear,
        verbose_name=_("Schooljaar"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    kind = models.ForeignKey(
        "partners.WorkplaceLearningKind",
        verbose_name=_("Vorm van werkplekleren"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: elke vorm die de partner aanbiedt."),
    )
    study_domain = models.ForeignKey(
        "partners.StudyDomain",
        verbose_name=_("Studiedomein"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leeg: elk studiedomein."),
    )
    places = models.PositiveSmallIntegerField(
        _("Aantal plaatsen"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)],
        help_text=_("Hoeveel leerlingen er in deze periode terechtkunnen."),
    )
    first_month = models.PositiveSmallIntegerField(
        _("Van"), choices=months.CHOICES, help_text=_("De eerste maand.")
    )
    last_month = models.PositiveSmallIntegerField(
        _("Tot en met"), choices=months.CHOICES, help_text=_("De laatste maand.")
    )
    # Derived from first_month and last_month on save: bit m for each calendar month m.
    months = models.PositiveIntegerField(_("Maanden"), default=0, editable=False)

    objects = PlaceOfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("Aangeboden plaatsen")
        verbose_name_plural = _("Aangeboden plaatsen")
        ordering = ["year", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1, places__lte=MAX_PLACES),
                name="place_offer_places_range",
            )
        ]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        self.months = months.mask(self.first_month, self.last_month)
        super().save(*args, **kwargs)

    @property
    def period_label(self):
        return months.period_label(self.first_month, self.last_month)

    @property
    def label(self):
        kind = self.kind.name if self.kind_id else _("werkplekleren")
        domain = self.study_domain.name if self.study_domain_id else _("alle studiedomeinen")
        return f"{self.places} × {kind}, {domain}, {self.period_label}"

    def covers(self, month):
        return bool(self.months & (1 << month))


class PlacesReminder(models.Model):
    """That a partner was reminded to confirm its places for a school year.

    One row per partner and school year (unique), written before the mail is sent: a second
    run of `manage.py remind_places`, or one that runs at the same time, sends nobody a second
    reminder. A mail that fails removes its row again, so the next run tries once more.
    """

    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("Partner"),
        on_delete=models.CASCADE,
        related_name="places_reminders",
    )
    school_year = models.PositiveSmallIntegerField(_("Schooljaar"))
    sent_at = models.DateTimeField(_("Verstuurd"), auto_now_add=True)

    class Meta:
        verbose_name = _("Herinnering om plaatsen te bevestigen")
        verbose_name_plural = _("Herinneringen om plaatsen te bevestigen")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "school_year"], name="places_reminder_unique_partner_year"
            )
        ]


# Places asked: a school's request, sent to a few matching partners who answer through a link.


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    PLACED = "geplaatst", _("Geplaatst")
    CLOSED = "gesloten", _("Gesloten zonder plaats")


class PlaceRequest(models.Model):
    """A school's question for places ("3 leerlingen STEM, februari - maart, binnen 20 km").

    Posted through the school's management link, sent by e-mail to at most
    PLACES_REQUEST_MAX_RECIPIENTS matching partners (services.post_request), never public.
    Deleted with its answers PLACES_REQUEST_RETENTION_DAYS after it was closed or, when it was
    never closed, after it was posted (manage.py purge_place_requests).
    """

    public_id = models.UUIDField(_("Publieke id"), default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("School"),
        on_delete=models.CASCADE,
        related_name="place_requests",
    )
    school_year = models.PositiveSmallIntegerField(_("Schooljaar"))
    kind = models.ForeignKey(
        "partners.WorkplaceLearningKind",
        verbose_name=_("Vorm van werkplekleren"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    study_domain = models.ForeignKey(
        "partners.StudyDomain",
        verbose_name=_("Studiedomein"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    education_form = models.ForeignKey(
        "partners.EducationForm",
        verbose_name=_("Onderwijsvorm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    learners = models.PositiveSmallIntegerField(
        _("Aantal leerlingen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PLACES)]
    )
    first_month = models.PositiveSmallIntegerField(_("Van"), choices=months.CHOICES)
    last_month = models.PositiveSmallIntegerField(_("Tot en met"), choices=months.CHOICES)
    months = models.PositiveIntegerField(_("Maanden"), default=0, editable=False)
    place = models.CharField(_("Plaats"), max_length=100)
    latitude = models.FloatField(_("Breedtegraad"))
    longitude = models.FloatField(_("Lengtegraad"))
    radius_km = models.PositiveSmallIntegerField(_("Straal (km)"))
    note = models.TextField(_("Korte toelichting"), blank=True, max_length=1000)
    status = models.CharField(
        _("Status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("Verstuurd"), auto_now_add=True)
    closed_at = models.DateTimeField(_("Gesloten"), null=True, blank=True)

    class Meta:
        verbose_name = _("Aanvraag voor plaatsen")
        verbose_name_plural = _("Aanvragen voor plaatsen")
        ordering = ["-created_at"]
        permissions = [
            ("view_shortage_report", _("Kan de rapporten over het tekort aan plaatsen bekijken"))
        ]

    def __str__(self):
        return f"{self.school} {self.created_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.months = months.mask(self.first_month, self.last_month)
        super().save(*args, **kwargs)

    @property
    def period_label(self):
        return months.period_label(self.first_month, self.last_month)

    @property
    def is_open(self):
        return self.status == RequestStatus.OPEN


class Answer(models.TextChoices):
    YES = "ja", _("Ja, er is plaats")
    NO = "nee", _("Nee, geen plaats")
    QUESTION = "vraag", _("Ik heb een vraag")


class RequestRecipient(models.Model):
    """A partner a request was sent to, and its answer (through its signed link)."""

    public_id = models.UUIDField(_("Publieke id"), default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(PlaceRequest, on_delete=models.CASCADE, related_name="recipients")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="received_place_requests"
    )
    distance_km = models.FloatField(_("Afstand (km)"), null=True, blank=True)
    answer = models.CharField(_("Antwoord"), max_length=8, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("Beantwoord"), null=True, blank=True)
    sent_at = models.DateTimeField(_("Verstuurd"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ontvanger van een aanvraag")
        verbose_name_plural = _("Ontvangers van aanvragen")
        ordering = ["request", "distance_km", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "partner"], name="place_request_recipient_unique"
            )
        ]


class Author(models.TextChoices):
    SCHOOL = "school", _("School")
    PARTNER = "partner", _("Partner")


class RequestMessage(models.Model):
    """A message between the school and one partner about a request (the answer's note, a
    question, a reply). Only those two ever see it."""

    recipient = models.ForeignKey(
        RequestRecipient, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.CharField(_("Van"), max_length=8, choices=Author.choices)
    text = models.TextField(_("Bericht"), max_length=2000)
    created_at = models.DateTimeField(_("Verstuurd"), auto_now_add=True)

    class Meta:
        verbose_name = _("Bericht over een aanvraag")
        verbose_name_plural = _("Berichten over aanvragen")
        ordering = ["recipient", "created_at", "pk"]
