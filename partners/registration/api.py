"""`POST /api/registrations/`: the registration form as JSON.

The body goes through the same `RegistrationForm` as the web form (same rules, same Dutch
messages), after a strict check of the JSON types, so that a caller hears "expected a list"
rather than having a string silently read as something else. The body is parsed here rather
than by django-ninja, so that every bad request (broken JSON, wrong types, unknown fields)
answers 400 with field errors in one shape; `RegistrationIn`, built from the declaration of a
partner's fields (partners/schemas.py), documents it in OpenAPI.

Idempotency: send an `Idempotency-Key` header (any string up to 100 characters) to make retries
safe: the same key with the same body gives the same registration back (201, `duplicate: true`),
the same key with another body gives 422. Without the header, the same body while the first
registration still waits for its e-mail check is also recognised (the database's unique rule).
Rate limited per IP address like the form (429 with Retry-After).
"""

import json
import re
import uuid

from ninja import Field, Router, Schema, Status

from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _

from partners import fields as partner_fields
from partners import ratelimit, schemas
from partners.models import RegistrationSource
from partners.registration import services
from partners.registration.forms import RegistrationForm

router = Router(tags=["registrations"])

# The JSON type each field of the registration takes, from the one declaration of the fields.
LIST_FIELDS = set(partner_fields.of_kind(partner_fields.TAXONOMIES))
INT_FIELDS = set(partner_fields.of_kind(partner_fields.NUMBER))
YES_NO_FIELDS = set(partner_fields.of_kind(partner_fields.YES_NO))
TEXT_FIELDS = set(partner_fields.REGISTRATION_FIELDS) - LIST_FIELDS - INT_FIELDS - YES_NO_FIELDS
CONSENT_FIELDS = set(partner_fields.CONSENT)

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,100}$")


# The body's schema for the OpenAPI document, built from the same declaration.
RegistrationIn = schemas.registration_schema()


class RegistrationOut(Schema):
    id: uuid.UUID = Field(..., description="Publieke referentie van de registratie.")
    status: str = Field(..., description="unverified, in_review, approved, rejected, ...")
    status_label: str
    duplicate: bool = Field(..., description="True als deze aanvraag al eerder ontvangen was.")
    email_sent: bool = Field(..., description="De bevestigingsmail is verstuurd.")
    message: str


class RegistrationErrorOut(Schema):
    message: str
    errors: dict[str, list[str]] = Field(
        {}, description="Foutmeldingen per veld; '__all__' voor de aanvraag als geheel."
    )


def _error(message, errors=None):
    return {"message": message, "errors": errors or {}}


def form_data_from_json(payload):
    """(form data, type errors) from a decoded JSON body."""
    if not isinstance(payload, dict):
        return None, {"__all__": [_("Stuur één JSON-object met de velden van de registratie.")]}
    data, errors = {}, {}
    for name, value in payload.items():
        if name in TEXT_FIELDS:
            if value is None:
                value = ""
            if not isinstance(value, str):
                errors[name] = [_("Verwacht tekst.")]
                continue
            data[name] = value
        elif name in LIST_FIELDS:
            if value is None:
                value = []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errors[name] = [_("Verwacht een lijst van korte namen (tekst).")]
                continue
            data[name] = value
        elif name in INT_FIELDS:
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                errors[name] = [_("Verwacht een geheel getal.")]
                continue
            data[name] = str(value)
        elif name in YES_NO_FIELDS:
            if value is None:
                continue
            if not isinstance(value, bool):
                errors[name] = [_("Verwacht true of false.")]
                continue
            data[name] = "ja" if value else "nee"
        elif name in CONSENT_FIELDS:
            if value is None:
                continue
            if not isinstance(value, bool):
                errors[name] = [_("Verwacht true of false.")]
                continue
            if value:
                data[name] = "on"
        else:
            errors[name] = [_("Onbekend veld.")]
    return data, errors


def _registration_out(registration, duplicate):
    registration.refresh_from_db()
    email_sent = bool(registration.verification_sent_at) and not registration.mail_error
    if duplicate:
        message = _("Deze registratie was al ontvangen; er is niets nieuws aangemaakt.")
    elif email_sent:
        message = _("Registratie ontvangen. Bevestig het e-mailadres met de link in de e-mail.")
    else:
        message = _(
            "Registratie bewaard, maar de bevestigingsmail kon niet verstuurd worden. "
            "De redactie stuurt hem opnieuw."
        )
    return {
        "id": registration.public_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "duplicate": duplicate,
        "email_sent": email_sent,
        "message": message,
    }


@router.post(
    "/",
    url_name="registration_create",
    response={
        201: RegistrationOut,
        400: RegistrationErrorOut,
        413: RegistrationErrorOut,
        422: RegistrationErrorOut,
        429: RegistrationErrorOut,
    },
    summary="Register an organisation for the partner directory",
    description=(
        "Same fields and rules as the form on the website. Stores the registration and mails "
        "a verification link (valid 72 hours) to contact_email; after verification an editor "
        "reviews it. Field errors are in Dutch. Send an Idempotency-Key header to make "
        "retries safe."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RegistrationIn.model_json_schema()}},
        },
        "parameters": [
            {
                "in": "header",
                "name": "Idempotency-Key",
                "required": False,
                "schema": {"type": "string", "maxLength": 100},
                "description": "Any unique string per registration; a retry with the same key "
                "and body returns the same registration.",
            }
        ],
    },
)
def create_registration(request):
    if not ratelimit.hit(request, "submit"):
        return Status(
            429, _error(_("Te veel aanvragen van dit adres. Probeer het over een uur opnieuw."))
        )
    key = request.headers.get("Idempotency-Key")
    if key is not None and not IDEMPOTENCY_KEY.match(key):
        return Status(
            400,
            _error(
                _("Ongeldige Idempotency-Key: 1 tot 100 zichtbare tekens zonder spaties."),
                {"Idempotency-Key": [_("1 tot 100 zichtbare tekens zonder spaties.")]},
            ),
        )
    try:
        body = request.body
    except RequestDataTooBig:
        return Status(
            413,
            _error(
                _("De aanvraag is te groot."),
                {"__all__": [_("Een registratie is hoogstens enkele kilobytes groot.")]},
            ),
        )
    try:
        payload = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: JSON nested thousands deep.
        return Status(
            400,
            _error(_("De inhoud is geen geldige JSON."), {"__all__": [_("Geen geldige JSON.")]}),
        )
    data, errors = form_data_from_json(payload)
    if data is None:
        return Status(400, _error(_("De aanvraag is niet geldig."), errors))
    form = RegistrationForm(data)
    if errors or not form.is_valid():
        field_errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        field_errors.update(errors)
        return Status(400, _error(_("Niet alle gegevens zijn in orde."), field_errors))
    try:
        registration, created = services.create_registration(
            form.registration_data(),
            idempotency_key=f"api:{key}" if key else None,
            source=RegistrationSource.API,
            request=request,
        )
    except services.IdempotencyConflict:
        return Status(
            422,
            _error(
                _(
                    "Deze Idempotency-Key werd al gebruikt voor een registratie met andere gegevens."
                ),
                {"Idempotency-Key": [_("Al gebruikt voor andere gegevens.")]},
            ),
        )
    response = _registration_out(registration, duplicate=not created)
    return Status(201, response)
