import pytest

from django.core.exceptions import ValidationError

from partners.validators import (
    format_enterprise_number,
    format_phone,
    normalise_enterprise_number,
    normalise_phone,
    normalise_postcode,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0566.988.259", "0566988259"),
        ("BE0353456320", "0353456320"),
        ("be 0353 456 320", "0353456320"),
        ("566988259", "0566988259"),
        ("0566-988-259", "0566988259"),
        # The 1-series (numbers given since 2023): 97 - (10123456 mod 97) = 46.
        ("1012.345.646", "1012345646"),
        ("BE 1012 345 646", "1012345646"),
    ],
)
def test_enterprise_number_accepts_the_usual_notations(typed, stored):
    assert normalise_enterprise_number(typed) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("0566.988.258", "checksum"),
        ("0353456321", "checksum"),
        ("1012.345.645", "checksum"),
        ("2.147.812.701", "establishment"),
        ("9123456789", "prefix"),
        ("0566.988", "length"),
        ("05669882591", "length"),
        ("0566.98A.259", "format"),
        ("٠٥٦٦٩٨٨٢٥٩", "format"),
        ("", "required"),
    ],
)
def test_enterprise_number_refuses_wrong_numbers_with_a_reason(typed, code):
    with pytest.raises(ValidationError) as error:
        normalise_enterprise_number(typed)
    assert error.value.code == code
    assert error.value.messages[0]  # a Dutch sentence for the form


def test_enterprise_number_display():
    assert format_enterprise_number("0566988259") == "0566.988.259"


@pytest.mark.parametrize(("stored", "shown"), [(None, ""), ("", ""), ("12345", "12345")])
def test_an_enterprise_number_that_is_missing_or_not_ten_digits_is_shown_as_it_is(stored, shown):
    # A partner without a number (a school) in the CSV export and on its page.
    assert format_enterprise_number(stored) == shown


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("9000", "9000"), (" B-3500 ", "3500"), ("BE-2000", "2000"), ("1000", "1000")],
)
def test_postcode_must_exist(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("typed", ["0999", "12345", "abcd", "", "9999"])
def test_postcode_refuses_what_does_not_exist(typed):
    with pytest.raises(ValidationError):
        normalise_postcode(typed)


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("09 234 56 78", "+3292345678", "+32 9 234 56 78"),
        ("0475 12 34 56", "+32475123456", "+32 475 12 34 56"),
        ("+32 (0)11 22 33 44", "+3211223344", "+32 11 22 33 44"),
        ("0032 2 123 45 67", "+3221234567", "+32 2 123 45 67"),
        # Zone 4 (Liège) is a landline with 8 digits, not a mobile number.
        ("04 123 45 67", "+3241234567", "+32 4 123 45 67"),
        ("+31 20 123 4567", "+31201234567", "+31201234567"),
    ],
)
def test_phone_numbers_are_normalised(typed, stored, shown):
    assert normalise_phone(typed) == stored
    assert format_phone(stored) == shown


@pytest.mark.parametrize("missing", [None, ""])
def test_a_partner_without_a_phone_number_shows_none(missing):
    assert format_phone(missing) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("+352 12345", "+35212345"), ("+49 1234 5678 90123", "+491234567890123")],
)
def test_international_numbers_have_8_to_15_digits(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "09 234 56",
        "0475 12 34 567",
        "12345678",
        "bel me",
        "+1 2",
        "+352 1234",  # 7 digits
        "+49 1234 5678 901234",  # 16 digits
        "+32 00 123 45 67",  # a second zero after the trunk zero
    ],
)
def test_phone_numbers_that_cannot_be_dialled_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_phone(typed)


ENTERPRISE_FORMAT = "Een ondernemingsnummer bestaat uit 10 cijfers, bijvoorbeeld 0123.456.749."
BELGIAN_LENGTH = (
    "Dit Belgische nummer heeft niet het juiste aantal cijfers: een vast nummer heeft er 9 "
    "(09 234 56 78), een gsm-nummer 10 (0475 12 34 56)."
)


@pytest.mark.parametrize(
    ("normalise", "typed", "code", "message"),
    [
        (normalise_enterprise_number, None, "required", "Vul een ondernemingsnummer in."),
        (normalise_enterprise_number, "BE", "required", "Vul een ondernemingsnummer in."),
        (normalise_enterprise_number, "0566.98x.259", "format", ENTERPRISE_FORMAT),
        (normalise_enterprise_number, "05669882590", "length", ENTERPRISE_FORMAT),
        (
            normalise_enterprise_number,
            "2.123.456.789",
            "establishment",
            "Dit lijkt een vestigingsnummer. Vul het ondernemingsnummer in: dat begint met 0 of 1.",
        ),
        (
            normalise_enterprise_number,
            "9566988259",
            "prefix",
            "Een ondernemingsnummer begint met 0 of 1.",
        ),
        (
            normalise_enterprise_number,
            "0566.988.258",
            "checksum",
            "Dit ondernemingsnummer klopt niet: het controlegetal is fout. Kijk het na in de KBO.",
        ),
        (
            normalise_postcode,
            "12345",
            "format",
            "Een Belgische postcode bestaat uit 4 cijfers, bijvoorbeeld 9000.",
        ),
        (normalise_postcode, "9999", "unknown", "Postcode 9999 bestaat niet in België."),
        (normalise_phone, "  ", "required", "Vul een telefoonnummer in."),
        (normalise_phone, None, "required", "Vul een telefoonnummer in."),
        (
            normalise_phone,
            "bel me",
            "characters",
            "Een telefoonnummer bevat alleen cijfers, spaties en eventueel + vooraan.",
        ),
        (
            normalise_phone,
            "12345678",
            "prefix",
            "Begin met 0 (Belgisch nummer) of met + en de landcode.",
        ),
        (normalise_phone, "09 234 56", "length", BELGIAN_LENGTH),
        (
            normalise_phone,
            "+1 2",
            "length",
            "Een internationaal nummer heeft 8 tot 15 cijfers na de +.",
        ),
    ],
)
def test_each_refusal_says_in_dutch_what_is_wrong(normalise, typed, code, message):
    """The message is what the form shows next to the field; the code names the check."""
    with pytest.raises(ValidationError) as refused:
        normalise(typed)
    assert refused.value.code == code
    assert refused.value.messages == [message]
