"""The registration flow's state changes, in one place for the views, the API, the admin's
workflow signals and the purge command.

    submitted --(e-mail link)--> verified + in review --(moderator)--> approved | rejected
                                       ^                                   |
    change via management link --------+      confirm / withdraw <---------+ (management link)

Every change runs in one database transaction and is written to Wagtail's history (log
entries on the registration and on the Partner). E-mails are sent after the transaction
commits, so a rolled-back change never mails anyone; when the mailer fails, the registration
stays as it is, the failure is recorded on it (`mail_error`, a log entry) and shown to editors,
who can send the mail again from the admin; the company can ask for a new link itself.
"""

import datetime
import enum
import logging
import re
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.html import escape, strip_tags

from wagtail.actions.delete import DeleteAction
from wagtail.log_actions import log
from wagtail.models import TaskState

from partners import fields as partner_fields
from partners.models import (
    Partner,
    PartnerAccessKey,
    PartnerRegistration,
    RegistrationKind,
    RegistrationSource,
    RegistrationStatus,
)
from partners.models.registration import fingerprint
from partners.registration import emails, links

logger = logging.getLogger(__name__)

# Retention (the privacy notice says the same; docs/registration.md).
UNVERIFIED_RETENTION = datetime.timedelta(days=7)
DECIDED_RETENTION = datetime.timedelta(days=90)


class IdempotencyConflict(Exception):
    """The one-time key was already used for a submission with other data."""

    def __init__(self, registration):
        super().__init__("idempotency key reused with different data")
        self.registration = registration


# Between the form's data and a Partner


def description_as_html(text):
    """Plain text from the form as the Partner's rich text: paragraphs, nothing else."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(
        "<p>{}</p>".format("<br/>".join(escape(line) for line in p.splitlines()))
        for p in paragraphs
    )


def description_as_text(html):
    """The Partner's rich text as plain text for the management form."""
    text = re.sub(r"</p>\s*", "\n\n", html or "")
    text = re.sub(r"<br\s*/?>", "\n", text)
    return strip_tags(text).strip()


def apply_data(partner, data):
    """Copy a normalised submission onto `partner` in memory (the many-to-many too).

    Nothing is written: for a live partner the changes go into a new revision only, and the
    preview renders an unsaved partner.
    """
    for name in partner_fields.REGISTRATION_FIELDS:
        if name not in data:
            continue
        kind = partner_fields.BY_NAME[name].kind
        if kind == partner_fields.RICH_TEXT:
            setattr(partner, name, description_as_html(data[name]))
        elif kind == partner_fields.TAXONOMY:
            model = partner_fields.BY_NAME[name].taxonomy_model()
            setattr(partner, name, model.objects.filter(slug=data[name]).first())
        elif kind == partner_fields.TAXONOMIES:
            model = partner_fields.BY_NAME[name].taxonomy_model()
            getattr(partner, name).set(list(model.objects.by_slugs(data[name])))
        elif name == "enterprise_number":
            # Never cleared by a change without one (the change form does not ask it).
            if data[name]:
                partner.enterprise_number = data[name]
        else:
            setattr(partner, name, data[name])
    return partner


def preview_partner(data):
    """An unsaved Partner as the directory will show it once approved, for the "controleer" step.

    Approval confirms the listing (on_workflow_approved sets last_confirmed to the day), so the
    preview shows it confirmed today: the places count as confirmed for this school year.
    """
    partner = apply_data(Partner(live=False), data)
    partner.last_confirmed = timezone.localdate()
    partner.derive_location()
    existing = published_partner_with_number(data.get("enterprise_number"))
    partner.slug = existing.slug if existing else partner.unique_slug()
    return partner


def published_partner_with_number(enterprise_number):
    """The live partner with this enterprise number (public information), if any."""
    if not enterprise_number:
        return None
    return Partner.objects.published().filter(enterprise_number=enterprise_number).first()


# Submitting


def create_registration(
    data, *, idempotency_key=None, source=RegistrationSource.FORM, request=None
):
    """Store a new registration and mail its verification link after commit.

    Returns (registration, created). The same one-time key, or the same data while the first
    registration still waits for its e-mail check, gives the existing registration back
    (created=False) and sends nothing; this holds for two requests at once too, because the
    database's unique rules decide, not a check before the insert.
    """
    data_fingerprint = fingerprint(data)

    def existing():
        found = None
        if idempotency_key:
            found = PartnerRegistration.objects.filter(idempotency_key=idempotency_key).first()
            if found is not None and found.fingerprint != data_fingerprint:
                raise IdempotencyConflict(found)
        return found or (
            PartnerRegistration.objects.pending_verification()
            .filter(fingerprint=data_fingerprint)
            .first()
        )

    found = existing()
    if found is not None:
        return found, False
    now = timezone.now()
    base_url = links.base_url_for(request)
    try:
        with transaction.atomic():
            registration = PartnerRegistration.objects.create(
                kind=RegistrationKind.NEW,
                source=source,
                name=data["name"],
                enterprise_number=data.get("enterprise_number", ""),
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                data=data,
                fingerprint=data_fingerprint,
                idempotency_key=idempotency_key or None,
                consent_privacy_at=now,
                consent_publication_at=now,
                created_at=now,
            )
            log(
                instance=registration,
                action="partners.registration.submitted",
                data={"source": source},
            )
            transaction.on_commit(lambda: send_verification_mail(registration.pk, base_url))
    except IntegrityError:
        found = existing()
        if found is None:
            raise
        return found, False
    return registration, True


def send_verification_mail(registration_id, base_url=None):
    """Send (or send again) the verification link; True when the mailer accepted it.

    A failure is recorded on the registration and in its history instead of raised: the
    registration itself is complete, and the mail can be sent again (the admin's "send again",
    or the company's own new-link request).
    """
    registration = PartnerRegistration.objects.filter(pk=registration_id).first()
    if registration is None or registration.status != RegistrationStatus.UNVERIFIED:
        return False
    try:
        emails.send_verification(registration, base_url)
    except Exception as error:  # noqa: BLE001 - any mailer failure is recorded, not raised
        _record_mail_failure(registration, "verify", error)
        return False
    PartnerRegistration.objects.filter(pk=registration.pk).update(
        verification_sent_at=timezone.now(), mail_error=""
    )
    log(instance=registration, action="partners.registration.mail_sent", data={"mail": "verify"})
    return True


def _record_mail_failure(registration, mail, error):
    logger.exception("registration %s: sending the %s mail failed", registration.public_id, mail)
    message = f"{type(error).__name__}: {error}"[:300]
    PartnerRegistration.objects.filter(pk=registration.pk).update(mail_error=message)
    log(
        instance=registration,
        action="partners.registration.mail_failed",
        data={"mail": mail, "error": type(error).__name__},
    )


def _send_after_commit(registration_id, mail, sender, base_url):
    """Run sender(registration, base_url) after commit, recording a failure on the registration."""

    def send():
        registration = (
            PartnerRegistration.objects.select_related("partner").filter(pk=registration_id).first()
        )
        if registration is None:
            return
        try:
            sender(registration, base_url)
        except Exception as error:  # noqa: BLE001
            _record_mail_failure(registration, mail, error)
        else:
            if registration.mail_error:
                PartnerRegistration.objects.filter(pk=registration.pk).update(mail_error="")
            log(
                instance=registration, action="partners.registration.mail_sent", data={"mail": mail}
            )

    transaction.on_commit(send)


RESEND_AFTER = datetime.timedelta(minutes=10)


def resend_if_stale(registration, request=None):
    """Send the verification link again when the last one is older than RESEND_AFTER.

    For a submission that turned out to be a duplicate: a double click gets no second mail, a
    company that tries again later because the first mail never came does.
    """
    registration.refresh_from_db()
    if registration.status != RegistrationStatus.UNVERIFIED:
        return False
    # Measured from the submission too: while the first mail is still on its way (a double
    # click lands during the SMTP conversation), there is no "sent at" yet.
    last = max(
        registration.created_at, registration.verification_sent_at or registration.created_at
    )
    if timezone.now() - last < RESEND_AFTER:
        return False
    return send_verification_mail(registration.pk, links.base_url_for(request))


def request_new_link(email, request=None):
    """Send a fresh verification link for the latest unverified registration of `email`.

    Returns nothing on purpose: the page answers the same whether or not the address is known.
    """
    cutoff = timezone.now() - UNVERIFIED_RETENTION
    registration = (
        PartnerRegistration.objects.pending_verification()
        .for_email(email)
        .filter(created_at__gte=cutoff)
        .order_by("-created_at")
        .first()
    )
    if registration is not None:
        send_verification_mail(registration.pk, links.base_url_for(request))


# Verifying and starting the review


class VerifyResult(enum.Enum):
    VERIFIED = "verified"
    ALREADY_DONE = "already"
    NOT_FOUND = "not_found"


def verify_registration(public_id, request=None):
    """Mark the address verified and put the registration into review, once.

    A second click, or two at once, finds the registration no longer unverified and changes
    nothing (the status moves with a conditional UPDATE, which the database serialises).
    """
    base_url = links.base_url_for(request)
    for attempt in range(2):
        try:
            with transaction.atomic():
                registration = PartnerRegistration.objects.filter(public_id=public_id).first()
                if registration is None:
                    return VerifyResult.NOT_FOUND, None
                claimed = PartnerRegistration.objects.filter(
                    pk=registration.pk, status=RegistrationStatus.UNVERIFIED
                ).update(status=RegistrationStatus.IN_REVIEW, verified_at=timezone.now())
                if not claimed:
                    return VerifyResult.ALREADY_DONE, registration
                registration.refresh_from_db()
                log(instance=registration, action="partners.registration.verified")
                partner, created = _partner_for(registration)
                _start_review(registration, partner, created, base_url)
            return VerifyResult.VERIFIED, registration
        except IntegrityError:
            # Two registrations of one new organisation verified at the same moment: the other
            # one created the partner; the second attempt finds it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _partner_for(registration):
    """The partner a registration creates or changes, locked for this transaction."""
    number = registration.data.get("enterprise_number")
    partner = None
    if number:
        partner = Partner.objects.select_for_update().filter(enterprise_number=number).first()
    if partner is not None:
        return partner, False
    partner = apply_data(Partner(live=False), registration.data)
    partner.save()
    return partner, True


def _supersede_pending(partner, keep=None):
    """End the partner's open review: the newer submission replaces it."""
    state = partner.current_workflow_state
    if state is not None:
        state.cancel(user=None)
    replaced = partner.registrations.filter(status=RegistrationStatus.IN_REVIEW)
    if keep is not None:
        replaced = replaced.exclude(pk=keep.pk)
    for older in replaced:
        older.status = RegistrationStatus.SUPERSEDED
        older.decided_at = timezone.now()
        older.save(update_fields=["status", "decided_at"])
        log(instance=older, action="partners.registration.superseded")


def _start_review(registration, partner, created, base_url):
    """Save the submission as a new revision of `partner` and submit it to its workflow."""
    if not created:
        _supersede_pending(partner, keep=registration)
        apply_data(partner, registration.data)
    registration.partner = partner
    registration.created_partner = created
    registration.save(update_fields=["partner", "created_partner"])
    partner.save_revision(
        log_action="partners.partner.registered" if created else "partners.partner.change_submitted"
    )
    workflow = partner.get_workflow()
    if workflow is not None:
        registration.workflow_state = workflow.start(partner, user=None)
    else:
        logger.warning("no workflow for partners; %s waits as a draft", partner)
    registration.submitted_at = timezone.now()
    registration.save(update_fields=["workflow_state", "submitted_at"])
    log(
        instance=registration,
        action="partners.registration.in_review",
        data={"partner_id": partner.pk, "workflow": workflow.name if workflow else None},
    )
    _send_after_commit(registration.pk, "received", emails.send_received, base_url)
    transaction.on_commit(lambda: _notify_moderators(registration.pk, base_url))


def _notify_moderators(registration_id, base_url):
    registration = PartnerRegistration.objects.filter(pk=registration_id).first()
    if registration is None:
        return
    try:
        emails.notify_moderators(registration, base_url)
    except Exception:  # noqa: BLE001 - the queue on the dashboard still shows it
        logger.exception("notifying the editors of registration %s failed", registration.pk)


# Self-service with the management link


def partner_for_manage_token(partner_id, nonce):
    """The partner whose current, unrevoked key has this nonce, else None."""
    key = (
        PartnerAccessKey.objects.select_related("partner")
        .filter(partner_id=partner_id, revoked_at__isnull=True)
        .first()
    )
    if key is None or not constant_time_compare(key.nonce, nonce):
        return None
    return key.partner


def submit_update(partner, data, *, idempotency_key=None, request=None):
    """A change sent with the management link: a new revision in review; the live one stays.

    Returns (registration, created); the same one-time key twice gives the first one back.
    """
    base_url = links.base_url_for(request)
    data_fingerprint = fingerprint(data, partner.pk)
    if idempotency_key:
        found = PartnerRegistration.objects.filter(idempotency_key=idempotency_key).first()
        if found is not None:
            return found, False
    now = timezone.now()
    try:
        with transaction.atomic():
            partner = Partner.objects.select_for_update().get(pk=partner.pk)
            _supersede_pending(partner)
            registration = PartnerRegistration.objects.create(
                kind=RegistrationKind.UPDATE,
                source=RegistrationSource.MANAGE,
                status=RegistrationStatus.IN_REVIEW,
                name=data["name"],
                enterprise_number=partner.enterprise_number or "",
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                data=data,
                fingerprint=data_fingerprint,
                idempotency_key=idempotency_key or None,
                created_at=now,
                verified_at=now,
                partner=partner,
            )
            log(
                instance=registration,
                action="partners.registration.submitted",
                data={"source": "manage"},
            )
            _start_review(registration, partner, False, base_url)
    except IntegrityError:
        if idempotency_key:
            found = PartnerRegistration.objects.filter(idempotency_key=idempotency_key).first()
            if found is not None:
                return found, False
        raise
    return registration, True


def confirm_listing(partner):
    """The company says its listing is still right: last_confirmed is today, no review needed."""
    partner.last_confirmed = timezone.localdate()
    # save(update_fields) rather than update(): the search index and page cache hear of it.
    partner.save(update_fields=["last_confirmed"])
    log(instance=partner, action="partners.partner.confirmed")
    return partner


def withdraw_listing(partner, request=None):
    """Take the listing offline at once and kill the management link."""
    base_url = links.base_url_for(request)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        PartnerAccessKey.objects.filter(partner=partner, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        # Pending submissions first: cancelling the review would otherwise mark them superseded.
        for pending in partner.registrations.filter(status=RegistrationStatus.IN_REVIEW):
            pending.status = RegistrationStatus.WITHDRAWN
            pending.decided_at = timezone.now()
            pending.save(update_fields=["status", "decided_at"])
            log(instance=pending, action="partners.registration.withdrawn")
        state = partner.current_workflow_state
        if state is not None:
            state.cancel(user=None)
        if partner.live:
            partner.unpublish(user=None)
        log(instance=partner, action="partners.partner.withdrawn")
        email = partner.contact_email
        if email:

            def send():
                try:
                    emails.send_withdrawn(partner, email, base_url)
                except Exception:  # noqa: BLE001 - the withdrawal itself is done
                    logger.exception("withdrawal mail for partner %s failed", partner.pk)

            transaction.on_commit(send)
    return partner


# The moderators' decision (called from the workflow signals)


def _registrations_for(workflow_state, *statuses):
    return PartnerRegistration.objects.select_related("partner").filter(
        workflow_state=workflow_state,
        status__in=statuses or [RegistrationStatus.IN_REVIEW],
    )


def on_workflow_approved(workflow_state, user=None):
    """Approved and published: record it, confirm the listing, mail the management link."""
    comment = (
        workflow_state.task_states.filter(status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at")
        .values_list("comment", flat=True)
        .first()
        or ""
    )
    # A rejected one too: a moderator may request changes, make them and approve after all
    # (Wagtail's "resubmit"); the company must then still get its result and its link.
    approved = _registrations_for(
        workflow_state, RegistrationStatus.IN_REVIEW, RegistrationStatus.REJECTED
    )
    for registration in approved:
        partner = registration.partner
        registration.status = RegistrationStatus.APPROVED
        registration.decided_at = timezone.now()
        registration.decision_comment = comment
        registration.save(update_fields=["status", "decided_at", "decision_comment"])
        partner.refresh_from_db()
        partner.last_confirmed = timezone.localdate()
        partner.save(update_fields=["last_confirmed"])
        key = getattr(partner, "access_key", None)
        if registration.kind == RegistrationKind.NEW or key is None or not key.is_active:
            # A (re-)registration gets a new link; any older link of this partner stops working.
            PartnerAccessKey.issue(partner)
        log(instance=registration, action="partners.registration.approved", user=user)
        _send_after_commit(registration.pk, "approved", emails.send_decision, None)


def on_workflow_rejected(workflow_state, user=None):
    """Changes requested (Wagtail's reject): the company hears the moderator's reason."""
    task_state = workflow_state.current_task_state
    comment = (task_state.comment if task_state else "") or ""
    for registration in _registrations_for(workflow_state):
        registration.status = RegistrationStatus.REJECTED
        registration.decided_at = timezone.now()
        registration.decision_comment = comment
        registration.save(update_fields=["status", "decided_at", "decision_comment"])
        log(
            instance=registration,
            action="partners.registration.rejected",
            user=user,
            data={"comment": comment},
        )
        _send_after_commit(registration.pk, "rejected", emails.send_decision, None)


def on_workflow_cancelled(workflow_state, user=None):
    """An editor cancelled the review in the admin: the submission is no longer pending."""
    for registration in _registrations_for(workflow_state):
        registration.status = RegistrationStatus.SUPERSEDED
        registration.decided_at = timezone.now()
        registration.save(update_fields=["status", "decided_at"])
        log(instance=registration, action="partners.registration.superseded", user=user)


# Retention


def purge_registrations(now=None, dry_run=False):
    """Delete what the privacy notice says we do not keep. Returns counts per reason.

    - unverified registrations 7 days after they were submitted;
    - rejected, superseded and withdrawn submissions 90 days after the decision, together with
      the draft partner a rejected registration created if it was never published and nothing
      else refers to it.
    Approved registrations stay: they are the record of the consent behind a published listing.
    """
    now = now or timezone.now()
    reasons = {
        "unverified": PartnerRegistration.objects.filter(
            status=RegistrationStatus.UNVERIFIED, created_at__lt=now - UNVERIFIED_RETENTION
        ),
        "decided": PartnerRegistration.objects.filter(
            status__in=[
                RegistrationStatus.REJECTED,
                RegistrationStatus.SUPERSEDED,
                RegistrationStatus.WITHDRAWN,
            ],
            decided_at__lt=now - DECIDED_RETENTION,
        ),
    }
    counts = {"unverified": 0, "decided": 0, "partners": 0}
    for reason, queryset in reasons.items():
        for registration in queryset.select_related("partner").iterator():
            counts[reason] += 1
            if dry_run:
                continue
            with transaction.atomic():
                partner = registration.partner
                log(
                    instance=registration,
                    action="partners.registration.purged",
                    data={"reason": reason},
                    deleted=True,
                )
                registration.delete()
                if _is_orphan_draft(partner, registration):
                    DeleteAction(partner, log_action="partners.partner.purged").execute(
                        skip_permission_checks=True
                    )
                    counts["partners"] += 1
    return counts


def _is_orphan_draft(partner, registration):
    return (
        partner is not None
        and registration.created_partner
        and registration.status == RegistrationStatus.REJECTED
        and not partner.live
        and partner.first_published_at is None
        and not partner.registrations.exists()
    )


def new_idempotency_key():
    return uuid.uuid4().hex
