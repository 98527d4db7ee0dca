"""Signed values that travel through e-mail and the browser.

Each kind of token has its own salt, so that a token made for one purpose is worthless for
another, and all of them depend on SECRET_KEY. No token holds personal data in clear text except
the preview payload, which holds only what the company itself typed and sends back to us.

- verification link: the registration's public id, valid `VERIFY_MAX_AGE` (72 hours);
- preview payload: the typed form data and the one-time token between "controleren" and
  "bevestigen en versturen" (so no database row exists before the final submit);
- result page: the public id on the "check your mailbox" page after the redirect;
- management link: the partner's id and the nonce of its current `PartnerAccessKey`. It does
  not expire by itself; it stops working when the key is revoked or replaced.
"""

import base64
import binascii
import datetime
import uuid

from django.core import signing

VERIFY_SALT = "partners.registration.verify"
PREVIEW_SALT = "partners.registration.preview"
RESULT_SALT = "partners.registration.result"
MANAGE_SALT = "partners.registration.manage"

VERIFY_MAX_AGE = datetime.timedelta(hours=72)
PREVIEW_MAX_AGE = datetime.timedelta(hours=24)
RESULT_MAX_AGE = datetime.timedelta(hours=2)


def _for_path(signed):
    """A signed value as one URL path segment: Wagtail's page URLs allow only [A-Za-z0-9_-]."""
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _from_path(token):
    text = str(token)
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise TokenInvalid from error


class TokenExpired(Exception):
    """The signature is right, but the token is too old."""


class TokenInvalid(Exception):
    """The token was changed, cut short or made for something else."""


def _unsign_uuid(salt, token, max_age):
    try:
        value = signing.TimestampSigner(salt=salt).unsign(str(token), max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    return _uuid_from(value)


def _unsign_lasting_uuid(salt, token):
    """The public id in a link that does not expire (signed without a timestamp)."""
    try:
        value = signing.Signer(salt=salt).unsign(_from_path(token))
    except signing.BadSignature as error:
        raise TokenInvalid from error
    return _uuid_from(value)


def _uuid_from(value):
    try:
        return uuid.UUID(hex=value)
    except ValueError as error:
        raise TokenInvalid from error


def make_verify_token(registration):
    return _for_path(signing.TimestampSigner(salt=VERIFY_SALT).sign(registration.public_id.hex))


def read_verify_token(token, max_age=VERIFY_MAX_AGE):
    """The public id in a verification link; TokenExpired after 72 hours, else TokenInvalid.

    With max_age=None an expired but genuine link still names its registration, so that the
    page can say "already confirmed" rather than "expired" when that is the truth.
    """
    return _unsign_uuid(VERIFY_SALT, _from_path(token), max_age)


def make_result_token(registration):
    return signing.TimestampSigner(salt=RESULT_SALT).sign(registration.public_id.hex)


def read_result_token(token):
    return _unsign_uuid(RESULT_SALT, token, RESULT_MAX_AGE)


def make_preview_payload(fields, token):
    """`fields` is the submitted form data as {name: [values]}; `token` the one-time key."""
    return signing.dumps({"f": fields, "t": token}, salt=PREVIEW_SALT, compress=True)


def read_preview_payload(payload, max_age=PREVIEW_MAX_AGE):
    """(fields, token) from a preview payload; TokenExpired or TokenInvalid when it is not ours."""
    try:
        value = signing.loads(str(payload), salt=PREVIEW_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise TokenExpired from error
    except signing.BadSignature as error:
        raise TokenInvalid from error
    if not isinstance(value, dict) or not isinstance(value.get("f"), dict):
        raise TokenInvalid
    return value["f"], str(value.get("t") or "")


def make_manage_token(access_key):
    return _for_path(
        signing.Signer(salt=MANAGE_SALT).sign(f"{access_key.partner_id}.{access_key.nonce}")
    )


def read_manage_token(token):
    """(partner id, nonce) from a management link; TokenInvalid when it was changed."""
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(_from_path(token))
    except signing.BadSignature as error:
        raise TokenInvalid from error
    partner_id, _dot, nonce = value.partition(".")
    if not partner_id.isdigit() or not nonce:
        raise TokenInvalid
    return int(partner_id), nonce


ANSWER_SALT = "partners.places.answer"


def make_answer_token(recipient):
    """The link with which a partner answers a school's request for places (no expiry: it
    stops working when the request is closed or deleted)."""
    return _for_path(signing.Signer(salt=ANSWER_SALT).sign(recipient.public_id.hex))


def read_answer_token(token):
    """The recipient's public id from an answer link; TokenInvalid when it was changed."""
    return _unsign_lasting_uuid(ANSWER_SALT, token)


ALERT_CONFIRM_SALT = "partners.alerts.confirm"
ALERT_UNSUBSCRIBE_SALT = "partners.alerts.unsubscribe"


def make_alert_confirm_token(saved_search):
    """The double opt-in link of a saved search (partners/alerts)."""
    return _for_path(
        signing.TimestampSigner(salt=ALERT_CONFIRM_SALT).sign(saved_search.public_id.hex)
    )


def read_alert_confirm_token(token, max_age):
    """The saved search's public id; TokenExpired after `max_age` (as long as an unconfirmed
    search is kept, ALERTS_UNCONFIRMED_DAYS), else TokenInvalid."""
    return _unsign_uuid(ALERT_CONFIRM_SALT, _from_path(token), max_age)


def make_alert_unsubscribe_token(saved_search):
    """The unsubscribe link in every alert (no expiry: it works as long as the search exists)."""
    return _for_path(signing.Signer(salt=ALERT_UNSUBSCRIBE_SALT).sign(saved_search.public_id.hex))


def read_alert_unsubscribe_token(token):
    """The saved search's public id from an unsubscribe link; TokenInvalid when it was changed."""
    return _unsign_lasting_uuid(ALERT_UNSUBSCRIBE_SALT, token)
