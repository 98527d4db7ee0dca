"""The registration preview's signed payload: what goes in comes out, for 24 hours, and nothing else
is taken for it (the form's hidden field carries it between the preview and the final submit)."""

import time
from unittest import mock

import pytest

from django.core import signing

from partners.registration import tokens

FIELDS = {"name": ["Bakkerij De Korenaar"], "kinds": ["stage", "duaal"]}


def test_the_fields_and_the_one_time_key_come_back_as_they_went_in():
    payload = tokens.make_preview_payload(FIELDS, "sleutel-123")
    assert tokens.read_preview_payload(payload) == (FIELDS, "sleutel-123")


def test_a_payload_without_a_key_gives_an_empty_key():
    payload = signing.dumps({"f": FIELDS}, salt=tokens.PREVIEW_SALT)
    assert tokens.read_preview_payload(payload) == (FIELDS, "")


@pytest.mark.parametrize(("hours", "expired"), [(23.9, False), (24.1, True)])
def test_a_payload_lasts_24_hours(hours, expired):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - hours * 3600):
        payload = tokens.make_preview_payload(FIELDS, "sleutel")
    if expired:
        with pytest.raises(tokens.TokenExpired):
            tokens.read_preview_payload(payload)
    else:
        assert tokens.read_preview_payload(payload) == (FIELDS, "sleutel")


@pytest.mark.parametrize(
    "value",
    [["f", "t"], {"f": ["geen", "woordenboek"]}, {"t": "sleutel"}, "tekst"],
)
def test_a_signed_value_of_another_shape_is_refused(value):
    payload = signing.dumps(value, salt=tokens.PREVIEW_SALT)
    with pytest.raises(tokens.TokenInvalid):
        tokens.read_preview_payload(payload)


def test_a_payload_signed_for_something_else_or_changed_is_refused():
    other = signing.dumps({"f": FIELDS, "t": "x"}, salt="iets-anders")
    changed = tokens.make_preview_payload(FIELDS, "x")[:-3] + "abc"
    for payload in (other, changed, "", "geen-payload"):
        with pytest.raises(tokens.TokenInvalid):
            tokens.read_preview_payload(payload)


def test_a_management_link_names_a_partner_number_and_a_key():
    def link(value):
        return tokens._for_path(signing.Signer(salt=tokens.MANAGE_SALT).sign(value))

    assert tokens.read_manage_token(link("42.sleutel")) == (42, "sleutel")
    for value in ("abc.sleutel", "42.", "42", ".sleutel"):
        with pytest.raises(tokens.TokenInvalid):
            tokens.read_manage_token(link(value))
