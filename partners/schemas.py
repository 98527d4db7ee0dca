"""The API's partner schemas, built from the one declaration of a partner's fields
(partners/fields.py): the registration's body (`RegistrationIn`) and the directory's partner
(`PartnerOut`, `PartnerDetailOut`).

A field's JSON type follows from its kind, its limits and description from the declaration,
whether an output may be null from the model field. Adding a field to the declaration adds it
to the OpenAPI document (/api/openapi.json) without a line here.
"""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import create_model

from django.apps import apps

from partners import fields as partner_fields


class TermOut(Schema):
    slug: str
    name: str


def _input_field(declared):
    """(type, pydantic Field) of a field of the registration's JSON body."""
    kind = declared.kind
    if kind == partner_fields.TAXONOMIES:
        limits = {"min_length": 1} if declared.required else {}
        default = ... if declared.required else []
        return list[str], Field(default, description=declared.description, **limits)
    if kind == partner_fields.NUMBER:
        python_type = int
        limits = {"ge": declared.min_value, "le": declared.max_value}
    elif kind == partner_fields.YES_NO:
        python_type, limits = bool, {}
    elif kind == partner_fields.CHOICE:
        python_type, limits = Literal[tuple(declared.choices.values)], {}
    else:  # TEXT, RICH_TEXT (plain text here), TAXONOMY (a slug)
        python_type = str
        limits = {"max_length": declared.max_length}
    limits = {key: value for key, value in limits.items() if value is not None}
    default = ... if declared.required else ("" if python_type is str else None)
    return python_type, Field(default, description=declared.description, **limits)


def registration_schema():
    """The registration's JSON body: the registration's fields in the form's order, then the
    consent questions (only `true` is accepted)."""
    fields = {
        name: _input_field(partner_fields.BY_NAME[name])
        for name in partner_fields.REGISTRATION_FIELDS
    }
    for question in partner_fields.CONSENT_QUESTIONS:
        fields[question.name] = (Literal[True], Field(..., description=question.description))
    return create_model(
        "RegistrationIn",
        __base__=Schema,
        __doc__="A company's registration. Taxonomy values are slugs, as in GET /api/partners/ "
        "filters.",
        **fields,
    )


OUTPUT_TYPES = {
    partner_fields.TEXT: str,
    partner_fields.RICH_TEXT: str,
    partner_fields.CHOICE: str,
    partner_fields.TAXONOMY: TermOut,
    partner_fields.TAXONOMIES: list[TermOut],
    partner_fields.NUMBER: int,
    partner_fields.DECIMAL: float,
    partner_fields.YES_NO: bool,
    partner_fields.CODES: list[str],
    partner_fields.DATE: datetime.date,
}


def output_name(declared):
    """The field's name in the API: rich text goes out as HTML under `<name>_html`."""
    if declared.kind == partner_fields.RICH_TEXT:
        return f"{declared.name}_html"
    return declared.name


def _output_field(declared):
    python_type = OUTPUT_TYPES[declared.kind]
    model_field = apps.get_model("partners", "Partner")._meta.get_field(declared.name)
    if model_field.null:
        python_type = python_type | None
    return python_type, ...


def partner_schemas(extra, *, first=(), last=()):
    """(PartnerOut, PartnerDetailOut): the public fields the declaration gives the list (and
    the detail), then those it gives the detail only.

    `extra` maps a declared field's name to the fields computed for the API that follow it
    (its label, the page's URL...); `first` and `last` are computed fields before and after the
    declared ones. Each is {name: (type, default)}.
    """
    public = [field for field in partner_fields.FIELDS if field.visibility == partner_fields.PUBLIC]
    listed = dict(first)
    for declared in public:
        if declared.api == partner_fields.LIST:
            listed[output_name(declared)] = _output_field(declared)
            listed.update(extra.get(declared.name, {}))
    listed.update(last)
    partner_out = create_model("PartnerOut", __base__=Schema, **listed)
    detail_only = {
        output_name(declared): _output_field(declared)
        for declared in public
        if declared.api == partner_fields.DETAIL
    }
    return partner_out, create_model("PartnerDetailOut", __base__=partner_out, **detail_only)
