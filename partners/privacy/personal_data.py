"""Data subject requests: everything the portal holds about a contact person, by e-mail address.

A contact person may ask what the portal holds about them (export) and to have it erased
(delete). Personal data lives in: registrations (the columns and the submitted `data`), the
contact fields of partners (contact_name, contact_role, contact_email, contact_phone) and the
same fields in every revision of those partners (drafts and history), the management-link
keys of those partners, which only that contact person received, and the directory searches
saved with that address for e-mail alerts (partners/alerts). Contact-form messages are not
stored (partners/contact.py): they exist only as e-mails, so there is nothing to export there.

Editors with a partner permission (Partnerbeheerders, superusers) use this from the admin:
Partners > Persoonsgegevens (partners/wagtail_hooks.py). The deletion is logged in Wagtail's
history without the address itself.
"""

import csv
import io
import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Revision

from partners.alerts.models import SavedSearch
from partners.fields import PRIVATE_FIELDS
from partners.models import Partner, PartnerAccessKey, PartnerRegistration


def normalise(email):
    return (email or "").strip()


def _partners(email):
    """Partners whose current data or any revision names this contact address."""
    email = normalise(email)
    ids = set(Partner.objects.filter(contact_email__iexact=email).values_list("pk", flat=True))
    ids |= {int(pk) for pk in _revisions(email).values_list("object_id", flat=True)}
    return Partner.objects.filter(pk__in=ids).order_by("pk")


def _revisions(email):
    content_type = ContentType.objects.get_for_model(Partner)
    return Revision.objects.filter(
        base_content_type=content_type, content__contact_email__iexact=normalise(email)
    )


def collect(email):
    """Everything held about `email`, as plain data (for the export and the admin page)."""
    email = normalise(email)
    if not email:
        return {
            "email": "",
            "registrations": [],
            "partners": [],
            "revisions": [],
            "keys": [],
            "saved_searches": [],
        }
    registrations = PartnerRegistration.objects.for_email(email).order_by("created_at")
    partners = list(_partners(email))
    revisions = _revisions(email).order_by("created_at")
    return {
        "email": email,
        "registrations": [
            {
                "reference": str(r.public_id),
                "kind": r.kind,
                "status": r.status,
                "created_at": r.created_at,
                "organisation": r.name,
                "contact_name": r.contact_name,
                "contact_email": r.contact_email,
                "submitted_data": r.data,
                "consent_privacy_at": r.consent_privacy_at,
                "consent_publication_at": r.consent_publication_at,
                "verified_at": r.verified_at,
                "decision_comment": r.decision_comment,
            }
            for r in registrations
        ],
        "partners": [
            {
                "id": p.pk,
                "organisation": p.name,
                "published": p.live,
                **{field: getattr(p, field) for field in PRIVATE_FIELDS},
            }
            for p in partners
            if p.contact_email.lower() == email.lower()
        ],
        "revisions": [
            {
                "partner_id": int(r.object_id),
                "created_at": r.created_at,
                **{field: r.content.get(field, "") for field in PRIVATE_FIELDS},
            }
            for r in revisions
        ],
        "keys": [
            {"partner_id": k.partner_id, "issued_at": k.issued_at, "revoked_at": k.revoked_at}
            for k in PartnerAccessKey.objects.filter(partner__in=partners)
        ],
        "saved_searches": [
            {
                "reference": str(s.public_id),
                "email": s.email,
                "query": s.query,
                "frequency": s.frequency,
                "created_at": s.created_at,
                "confirmed_at": s.confirmed_at,
                "last_sent_at": s.last_sent_at,
            }
            for s in SavedSearch.objects.for_email(email).order_by("created_at")
        ],
        "contact_messages": [],
    }


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def as_csv(data):
    """One row per item held: what it is, where, and its fields as JSON."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["soort", "referentie", "gegevens"])
    for kind, key in (
        ("registratie", "reference"),
        ("partner", "id"),
        ("revisie", "partner_id"),
        ("beheersleutel", "partner_id"),
        ("zoekopdracht", "reference"),
    ):
        items = data[
            {
                "registratie": "registrations",
                "partner": "partners",
                "revisie": "revisions",
                "beheersleutel": "keys",
                "zoekopdracht": "saved_searches",
            }[kind]
        ]
        for item in items:
            cells = [kind, str(item[key]), json.dumps(item, cls=DjangoJSONEncoder)]
            # No cell may start like a spreadsheet formula.
            writer.writerow(["'" + c if c[:1] in ("=", "+", "-", "@") else c for c in cells])
    return output.getvalue()


def erase(email, user=None):
    """Delete everything held about `email`; returns the counts of what was removed."""
    email = normalise(email)
    if not email:
        return {
            "registrations": 0,
            "partners": 0,
            "revisions": 0,
            "keys": 0,
            "saved_searches": 0,
        }
    with transaction.atomic():
        partners = list(_partners(email).select_for_update())
        revisions = list(_revisions(email).select_for_update())
        for revision in revisions:
            for field in PRIVATE_FIELDS:
                if field in revision.content:
                    revision.content[field] = ""
            revision.save(update_fields=["content"])
        changed = 0
        for partner in partners:
            if partner.contact_email.lower() == email.lower():
                Partner.objects.filter(pk=partner.pk).update(**dict.fromkeys(PRIVATE_FIELDS, ""))
                changed += 1
            log(instance=partner, action="partners.partner.personal_data_erased", user=user)
        keys, _by_model = PartnerAccessKey.objects.filter(partner__in=partners).delete()
        registrations, _by_model = PartnerRegistration.objects.for_email(email).delete()
        _count, by_model = SavedSearch.objects.for_email(email).delete()
    return {
        "saved_searches": by_model.get(SavedSearch._meta.label, 0),
        "registrations": registrations,
        "partners": changed,
        "revisions": len(revisions),
        "keys": keys,
    }
