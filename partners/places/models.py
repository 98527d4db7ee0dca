"""Places that partners offer, per school year, kind of workplace learning, study domain and
period ("2 leerlingenstages STEM, februari - maart").

A partner keeps them through its management link (partners/places/views.py) and confirms them
once a school year; the directory filters on them (the "periode" facet), cards and partner pages
show them and the partner API lists them. Partner.places_per_year and Partner.last_confirmed stay
the summary the rest of the directory reads: saving or confirming places sets them (the total of
this school year's places, and the day), so the directory's index sees the change at once.
"""

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
