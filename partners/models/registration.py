"""What a company submitted to join the directory, and the key to its management link.

A `PartnerRegistration` is the record of one submission: a new registration through the public
form or the API, or a change sent with the management link. It keeps what the company typed
(never edited afterwards, so moderators can see what was asked), when consent was given, when the
e-mail address was verified, where it stands in review, and the Partner it created or updated.
The Partner itself carries the reviewed data; the registration is the paper trail. Shown
read-only in the admin (partners/admin/registrations.py) and purged after the periods in
the privacy notice (`manage.py purge_registrations`).

A `PartnerAccessKey` makes a management link revocable: the signed link names the partner and a
random nonce, and only a link with the current, unrevoked nonce works.
"""

import hashlib
import json
import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .partner import Partner


class RegistrationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Wacht op bevestiging van het e-mailadres")
    IN_REVIEW = "in_review", _("Wacht op controle")
    APPROVED = "approved", _("Goedgekeurd")
    REJECTED = "rejected", _("Geweigerd")
    SUPERSEDED = "superseded", _("Vervangen door een nieuwere aanvraag")
    WITHDRAWN = "withdrawn", _("Ingetrokken door de organisatie")


class RegistrationKind(models.TextChoices):
    NEW = "new", _("Registratie")
    UPDATE = "update", _("Wijziging via beheerlink")


class RegistrationSource(models.TextChoices):
    FORM = "form", _("Formulier op de website")
    API = "api", _("API")
    MANAGE = "manage", _("Beheerlink")


class PartnerRegistrationQuerySet(models.QuerySet):
    def pending_verification(self):
        return self.filter(status=RegistrationStatus.UNVERIFIED)

    def in_review(self):
        return self.filter(status=RegistrationStatus.IN_REVIEW)

    def for_email(self, email):
        return self.filter(contact_email__iexact=(email or "").strip())


def fingerprint(data, partner_id=None):
    """A stable hash of the normalised submission, for the database's duplicate rule."""
    canonical = json.dumps(
        {"data": data, "partner": partner_id}, sort_keys=True, ensure_ascii=True, default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


class PartnerRegistration(models.Model):
    """One submission by a company: a registration, or a change through the management link."""

    public_id = models.UUIDField(_("Referentie"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("Soort aanvraag"),
        max_length=10,
        choices=RegistrationKind.choices,
        default=RegistrationKind.NEW,
    )
    source = models.CharField(
        _("Ingediend via"),
        max_length=10,
        choices=RegistrationSource.choices,
        default=RegistrationSource.FORM,
    )
    status = models.CharField(
        _("Status"),
        max_length=12,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.UNVERIFIED,
        db_index=True,
    )
    # The columns the admin lists and searches; the full submission is in `data`.
    name = models.CharField(_("Naam organisatie"), max_length=200)
    enterprise_number = models.CharField(_("Ondernemingsnummer"), max_length=10, blank=True)
    contact_name = models.CharField(_("Naam contactpersoon"), max_length=120)
    contact_email = models.EmailField(_("E-mailadres contactpersoon"), db_index=True)
    data = models.JSONField(
        _("Ingediende gegevens"),
        default=dict,
        help_text=_("Wat de organisatie invulde, genormaliseerd (taxonomieën als korte naam)."),
    )
    fingerprint = models.CharField(_("Vingerafdruk"), max_length=64, editable=False)
    idempotency_key = models.CharField(
        _("Eenmalige sleutel"), max_length=120, unique=True, null=True, blank=True, editable=False
    )
    consent_privacy_at = models.DateTimeField(_("Akkoord privacyverklaring op"), null=True)
    consent_publication_at = models.DateTimeField(_("Akkoord publicatie op"), null=True)
    created_at = models.DateTimeField(_("Ingediend op"), default=timezone.now, db_index=True)
    verification_sent_at = models.DateTimeField(
        _("Bevestigingsmail verstuurd op"), null=True, blank=True
    )
    mail_error = models.CharField(
        _("Laatste verzendfout"),
        max_length=300,
        blank=True,
        help_text=_("Gevuld als de laatste e-mail aan de organisatie niet verstuurd kon worden."),
    )
    verified_at = models.DateTimeField(_("E-mailadres bevestigd op"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("Ter controle voorgelegd op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("Beslist op"), null=True, blank=True)
    decision_comment = models.TextField(
        _("Toelichting van de redactie"),
        blank=True,
        help_text=_("De reden bij een weigering, of de opmerking bij een goedkeuring."),
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("Partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    created_partner = models.BooleanField(
        _("Nieuwe partner aangemaakt"),
        default=False,
        help_text=_("Deze aanvraag maakte de partner aan (en wijzigde geen bestaande)."),
    )
    workflow_state = models.ForeignKey(
        "wagtailcore.WorkflowState",
        verbose_name=_("Controle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PartnerRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Registratie")
        verbose_name_plural = _("Registraties")
        ordering = ["-created_at"]
        constraints = [
            # The same submission twice while the first still waits for its e-mail check
            # (a double click, a resent form, two requests at once) is one registration.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(status="unverified"),
                name="partners_registration_one_pending_per_submission",
            ),
            # A partner is in review with one submission at a time: a newer one replaces it.
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(status="in_review"),
                name="partners_registration_one_in_review_per_partner",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "created_at"], name="registration_status_created"),
            models.Index(fields=["status", "decided_at"], name="registration_status_decided"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display().lower()}, {self.created_at:%d-%m-%Y})"

    @property
    def is_pending_verification(self):
        return self.status == RegistrationStatus.UNVERIFIED

    @property
    def mail_failed(self):
        return bool(self.mail_error)


class PartnerAccessKey(models.Model):
    """The current key of a partner's management link; revoking it kills the link."""

    partner = models.OneToOneField(
        Partner,
        verbose_name=_("Partner"),
        on_delete=models.CASCADE,
        related_name="access_key",
    )
    nonce = models.CharField(_("Sleutel"), max_length=64)
    issued_at = models.DateTimeField(_("Uitgegeven op"), default=timezone.now)
    revoked_at = models.DateTimeField(_("Ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beheersleutel")
        verbose_name_plural = _("Beheersleutels")

    def __str__(self):
        return f"{self.partner} ({self.issued_at:%d-%m-%Y})"

    @property
    def is_active(self):
        return self.revoked_at is None

    @classmethod
    def issue(cls, partner):
        """A fresh key for `partner`: any earlier management link stops working."""
        key, _created = cls.objects.update_or_create(
            partner=partner,
            defaults={
                "nonce": secrets.token_urlsafe(24),
                "issued_at": timezone.now(),
                "revoked_at": None,
            },
        )
        return key
