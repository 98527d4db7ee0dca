"""The one declaration of a partner's fields (partners/fields.py) and what reads it."""

import pytest

from partners import fields, schemas
from partners.exchange.partner_csv import PRIVATE_COLUMNS, PUBLIC_COLUMNS
from partners.models import Partner
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


JSON_TYPES = {
    fields.TEXT: "string",
    fields.RICH_TEXT: "string",
    fields.CHOICE: "string",
    fields.TAXONOMY: "string",
    fields.TAXONOMIES: "array",
    fields.NUMBER: "integer",
    fields.YES_NO: "boolean",
}


def _registration_body(client):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/registrations/"]["post"]
    return operation["requestBody"]["content"]["application/json"]["schema"]


def test_the_openapi_document_gives_every_asked_field_its_type_limits_and_description(client):
    body = _registration_body(client)
    assert list(body["properties"]) == list(fields.REGISTRATION_FIELDS + fields.CONSENT)
    for name in fields.REGISTRATION_FIELDS:
        declared = fields.BY_NAME[name]
        documented = body["properties"][name]
        assert documented["type"] == JSON_TYPES[declared.kind], name
        assert documented["description"] == declared.description, name
        assert documented.get("maxLength") == declared.max_length, name
        assert documented.get("minimum") == declared.min_value, name
        assert documented.get("maximum") == declared.max_value, name
        assert (name in body["required"]) == declared.required, name
    assert body["properties"]["kind"]["enum"] == [
        "bedrijf",
        "school",
        "sectororganisatie",
        "openbare-dienst",
    ]
    assert body["properties"]["kinds"]["minItems"] == 1
    assert "minItems" not in body["properties"]["education_forms"]
    for question in fields.CONSENT_QUESTIONS:
        assert body["properties"][question.name]["const"] is True
        assert body["properties"][question.name]["description"] == question.description
        assert question.name in body["required"]


def test_the_openapi_document_gives_every_public_field_and_no_private_one(client):
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    listed, detail = (
        components["PartnerOut"]["properties"],
        components["PartnerDetailOut"]["properties"],
    )
    for declared in fields.FIELDS:
        name = schemas.output_name(declared)
        if declared.visibility == fields.PRIVATE:
            assert name not in detail
        elif declared.api == fields.LIST:
            assert name in listed and name in detail
        else:
            assert name in detail and name not in listed
    assert listed["languages"] == {
        "items": {"type": "string"},
        "title": "Languages",
        "type": "array",
    }
    assert detail["description_html"]["type"] == "string"
    # Null when the model allows it.
    assert {"type": "null"} in listed["latitude"]["anyOf"]
    assert "anyOf" not in listed["places_per_year"]


def test_a_field_added_to_the_declaration_reaches_the_registration_schema(monkeypatch):
    added = fields.PartnerField(
        "pupils_per_group",
        fields.NUMBER,
        required=True,
        min_value=1,
        max_value=8,
        description="Leerlingen per groep.",
    )
    monkeypatch.setattr(fields, "BY_NAME", {**fields.BY_NAME, added.name: added})
    monkeypatch.setattr(fields, "REGISTRATION_FIELDS", (*fields.REGISTRATION_FIELDS, added.name))
    body = schemas.registration_schema().model_json_schema()
    assert body["properties"]["pupils_per_group"] == {
        "description": "Leerlingen per groep.",
        "maximum": 8,
        "minimum": 1,
        "title": "Pupils Per Group",
        "type": "integer",
    }
    assert "pupils_per_group" in body["required"]


def test_the_registration_form_takes_its_limits_from_the_declaration():
    form = RegistrationForm()
    for name in fields.REGISTRATION_FIELDS:
        declared = fields.BY_NAME[name]
        field = form.fields[name]
        assert field.required == declared.required, name
        assert getattr(field, "max_length", None) == declared.max_length, name
        assert getattr(field, "min_value", None) == declared.min_value, name
        assert getattr(field, "max_value", None) == declared.max_value, name


@pytest.mark.django_db
def test_the_forms_ask_the_declared_fields_in_their_sections():
    form = RegistrationForm()
    on_page = form.field_order_on_page()
    assert on_page == list(fields.REGISTRATION_FIELDS + fields.CONSENT)
    update = UpdateForm()
    assert update.field_order_on_page() == [
        name for name in fields.REGISTRATION_FIELDS if name != "enterprise_number"
    ]
