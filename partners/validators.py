"""Validation and normalisation of what organisations type: enterprise number, postcode, phone.

Each `normalise_*` function returns the canonical form or raises ValidationError with a Dutch
message that can be shown next to the field.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from partners import geo

_SEPARATORS = re.compile(r"[\s.\-/]")


def normalise_enterprise_number(value):
    """A Belgian enterprise number (KBO/BCE) as ten digits, e.g. '0566988259'.

    Accepts the usual ways of writing it: 0566.988.259, 0566 988 259, BE0566988259, 566988259
    (the old nine-digit form gets its leading zero). The check: the last two digits equal
    97 - (the first eight digits mod 97).
    """
    if value is None:
        raise ValidationError(_("Vul een ondernemingsnummer in."), code="required")
    text = _SEPARATORS.sub("", str(value)).upper()
    if text.startswith("BE"):
        text = text[2:]
    if not text:
        raise ValidationError(_("Vul een ondernemingsnummer in."), code="required")
    if not text.isascii() or not text.isdigit():
        raise ValidationError(
            _("Een ondernemingsnummer bestaat uit 10 cijfers, bijvoorbeeld 0123.456.749."),
            code="format",
        )
    if len(text) == 9:
        text = "0" + text
    if len(text) != 10:
        raise ValidationError(
            _("Een ondernemingsnummer bestaat uit 10 cijfers, bijvoorbeeld 0123.456.749."),
            code="length",
        )
    if text[0] not in "01":
        if text[0] in "2345678":
            raise ValidationError(
                _(
                    "Dit lijkt een vestigingsnummer. Vul het ondernemingsnummer in: "
                    "dat begint met 0 of 1."
                ),
                code="establishment",
            )
        raise ValidationError(_("Een ondernemingsnummer begint met 0 of 1."), code="prefix")
    if 97 - int(text[:8]) % 97 != int(text[8:]):
        raise ValidationError(
            _(
                "Dit ondernemingsnummer klopt niet: het controlegetal is fout. Kijk het na in de KBO."
            ),
            code="checksum",
        )
    return text


def format_enterprise_number(value):
    """'0566988259' -> '0566.988.259' (the way the KBO writes it)."""
    if not value or len(value) != 10:
        return value or ""
    return f"{value[:4]}.{value[4:7]}.{value[7:]}"


def normalise_postcode(value):
    """A Belgian postcode that exists, as four digits."""
    text = str(value or "").strip().upper().removeprefix("B-").removeprefix("BE-").strip()
    if not re.fullmatch(r"[1-9][0-9]{3}", text):
        raise ValidationError(
            _("Een Belgische postcode bestaat uit 4 cijfers, bijvoorbeeld 9000."), code="format"
        )
    if not geo.municipalities_for_postcode(text):
        raise ValidationError(
            _("Postcode %(postcode)s bestaat niet in België."),
            code="unknown",
            params={"postcode": text},
        )
    return text


_PHONE_ALLOWED = re.compile(r"^\+?[0-9\s./()\-]+$")


def normalise_phone(value):
    """A phone number in international form, e.g. '+3292345678' or '+32475123456'.

    Belgian numbers may be written nationally (09 234 56 78, 0475 12 34 56) or with +32 / 0032;
    other countries need their + prefix. Belgian numbers have 8 digits after the country code
    (landlines, zone 4 being Liège) or 9 (mobile numbers, starting with 4).
    """
    text = str(value or "").strip()
    if not text:
        raise ValidationError(_("Vul een telefoonnummer in."), code="required")
    if not _PHONE_ALLOWED.match(text):
        raise ValidationError(
            _("Een telefoonnummer bevat alleen cijfers, spaties en eventueel + vooraan."),
            code="characters",
        )
    digits = re.sub(r"\D", "", text)
    if text.startswith("+"):
        international = digits
    elif digits.startswith("00"):
        international = digits[2:]
    elif digits.startswith("0"):
        international = "32" + digits[1:]
    else:
        raise ValidationError(
            _("Begin met 0 (Belgisch nummer) of met + en de landcode."), code="prefix"
        )
    if international.startswith("32"):
        national = international[2:]
        if national.startswith("0"):
            # +32 0475 ... : the trunk zero does not belong after the country code.
            national = national[1:]
        # Landlines have 8 digits (zone 4 is Liège); mobile numbers 9, starting with 4.
        valid_length = len(national) == 8 or (len(national) == 9 and national.startswith("4"))
        if not valid_length or national[0] == "0":
            raise ValidationError(
                _(
                    "Dit Belgische nummer heeft niet het juiste aantal cijfers: een vast "
                    "nummer heeft er 9 (09 234 56 78), een gsm-nummer 10 (0475 12 34 56)."
                ),
                code="length",
            )
        return "+32" + national
    if not 8 <= len(international) <= 15:
        raise ValidationError(
            _("Een internationaal nummer heeft 8 tot 15 cijfers na de +."), code="length"
        )
    return "+" + international


def format_phone(value):
    """'+3292345678' -> '+32 9 234 56 78'; '+32475123456' -> '+32 475 12 34 56'."""
    if not value or not value.startswith("+32"):
        return value or ""
    national = value[3:]
    if national.startswith("4") and len(national) == 9:
        return f"+32 {national[:3]} {national[3:5]} {national[5:7]} {national[7:]}"
    if len(national) == 8:
        # Zones 2, 3, 4 and 9 have one digit; the others two.
        zone = 1 if national[0] in "2349" else 2
        rest = national[zone:]
        groups = [rest[i : i + 2] for i in range(0, len(rest), 2)]
        if len(rest) % 2:
            groups = [rest[:3]] + [rest[i : i + 2] for i in range(3, len(rest), 2)]
        return f"+32 {national[:zone]} {' '.join(groups)}"
    return value
