"""Saved directory searches with an e-mail address, and which partners each was sent.

A coordinator saves the directory's current search (its query string, as the directory's own
form re-encodes it) with an e-mail address and a frequency, without an account. Nothing is
mailed before the address is confirmed (double opt-in); unconfirmed searches are deleted after
ALERTS_UNCONFIRMED_DAYS; unsubscribing deletes the search. Never public: no page, API or
export lists them (only the data-subject export in the admin, partners/privacy).
"""

import datetime
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    DAILY = "dagelijks", _("Dagelijks")
    WEEKLY = "wekelijks", _("Wekelijks")


INTERVALS = {
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
# A daily cron job does not start at the same second every day: a search is due this much
# before its interval has fully passed.
SLACK = datetime.timedelta(hours=1)


class SavedSearchQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def due(self, now):
        """Confirmed searches whose interval (daily, weekly) has passed since the last run."""
        condition = Q()
        for frequency, interval in INTERVALS.items():
            condition |= Q(frequency=frequency, checked_at__lte=now - interval + SLACK)
        return self.confirmed().filter(condition)

    def for_email(self, email):
        return self.filter(email__iexact=(email or "").strip())


class SavedSearch(models.Model):
    """One saved search of the directory and the address its alerts go to."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("E-mailadres"), max_length=254)
    query = models.CharField(
        _("Zoekopdracht"),
        max_length=2000,
        blank=True,
        help_text=_("De filters en zoektermen zoals het adres van de partnergids ze bevat."),
    )
    frequency = models.CharField(
        _("Hoe vaak"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(_("Bewaard"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bevestigd"), null=True, blank=True)
    # The start of the last run that looked at this search (its confirmation before the
    # first run): changes after it are news for the next digest.
    checked_at = models.DateTimeField(_("Laatst nagekeken"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("Laatste e-mail"), null=True, blank=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bewaarde zoekopdracht")
        verbose_name_plural = _("Bewaarde zoekopdrachten")
        indexes = [
            models.Index(fields=["frequency", "checked_at"], name="alerts_due"),
            models.Index(fields=["confirmed_at", "created_at"], name="alerts_unconfirmed"),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()}: {self.query or '-'}"


class Reason(models.TextChoices):
    NEW = "nieuw", _("Nieuw of gewijzigd in de partnergids")
    PLACES = "plaatsen", _("Heeft nu plaatsen")


class SentPartner(models.Model):
    """A partner announced to a saved search, once per reason (and school year for places).

    Written in the same transaction that moves the search's `checked_at`, before the mail
    goes out; a failed mail removes them again. So a run that stops halfway, or two runs at
    the same time, never announce the same partner twice.
    """

    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="sent")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=10, choices=Reason.choices)
    # The school year of the places (2026 = 2026-2027); 0 for a new or changed listing.
    school_year = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Gemelde partner")
        verbose_name_plural = _("Gemelde partners")
        constraints = [
            models.UniqueConstraint(
                fields=["saved_search", "partner", "reason", "school_year"],
                name="alerts_sent_once",
            )
        ]
