"""The one declaration of a partner's fields (partners/fields.py) and what reads it."""

import pytest

from partners import fields
from partners.exchange.partner_csv import PRIVATE_COLUMNS, PUBLIC_COLUMNS
from partners.models import Partner
from partners.registration.api import RegistrationIn
from partners.registration.forms import RegistrationForm, UpdateForm


def test_every_declared_field_is_a_field_of_the_partner():
    model_fields = {field.name for field in Partner._meta.get_fields()}
    assert {field.name for field in fields.FIELDS} <= model_fields


def test_the_form_groups_hold_each_asked_field_once():
    asked = [field.name for field in fields.FIELDS if field.registration]
    assert sorted(fields.REGISTRATION_FIELDS) == sorted(asked)
    assert len(set(fields.REGISTRATION_FIELDS)) == len(fields.REGISTRATION_FIELDS)


def test_the_contact_person_is_private_and_nothing_else_is():
    assert fields.PRIVATE_FIELDS == (
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
    )
    assert not set(fields.PRIVATE_FIELDS) & set(PUBLIC_COLUMNS)
    assert list(fields.PRIVATE_FIELDS) == PRIVATE_COLUMNS


def test_the_registration_api_takes_exactly_the_registration_fields():
    assert set(RegistrationIn.model_fields) == set(fields.REGISTRATION_FIELDS + fields.CONSENT)


@pytest.mark.django_db
def test_the_forms_ask_the_declared_fields_in_their_sections():
    form = RegistrationForm()
    on_page = form.field_order_on_page()
    assert on_page == list(fields.REGISTRATION_FIELDS + fields.CONSENT)
    update = UpdateForm()
    assert update.field_order_on_page() == [
        name for name in fields.REGISTRATION_FIELDS if name != "enterprise_number"
    ]
