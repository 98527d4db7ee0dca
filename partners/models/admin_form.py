"""The admin's partner form (Partner.base_form_class)."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from partners.choices import LANGUAGE_CHOICES
from partners.validators import normalise_enterprise_number

# 0566.988.259 and BE 0566 988 259 are how people write a ten-digit enterprise number.
ENTERPRISE_NUMBER_INPUT_LENGTH = 20
# The public search of the Crossroads Bank for Enterprises (KBO), by enterprise number.
KBO_SEARCH_URL = "https://kbopub.economie.fgov.be/kbopub/zoeknummerform.html?nummer={digits}"


def kbo_search_url(enterprise_number):
    digits = "".join(character for character in enterprise_number or "" if character.isdigit())
    return KBO_SEARCH_URL.format(digits=digits) if digits else ""


class EnterpriseNumberInput(forms.TextInput):
    """The enterprise number, with a link beside it that opens the KBO's public record of it,
    so that a reviewer checks name and address against the official register."""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        url = kbo_search_url(value)
        if not url:
            return html
        return format_html(
            '{} <a href="{}" target="_blank" rel="noopener noreferrer" data-kbo-link>{}</a>',
            html,
            url,
            _("Opzoeken in de KBO (opent in een nieuw venster)"),
        )


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes announced as one group, named after the field ("Talen", "Studiedomeinen"):
    Wagtail shows the field's label as a heading above them that a screen reader does not tie
    to the boxes, so each box was announced without its question. The class keeps Django's
    name: Wagtail styles the field by it (w-field--checkbox_select_multiple)."""

    def __init__(self, group_label, attrs=None, choices=()):
        super().__init__(attrs, choices)
        self.group_label = group_label

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div role="group" aria-label="{}">{}</div>',
            self.group_label,
            super().render(name, value, attrs, renderer),
        )


# The fields chosen with a group of checkboxes rather than a multi-select or typed JSON.
CHECKBOX_FIELDS = ("kinds", "study_domains", "education_forms", "languages")


class PartnerAdminForm(WagtailAdminModelForm):
    """Accepts an enterprise number as the KBO writes it; the model stores its ten digits.

    The model field holds ten characters, so its form field refused "0566.988.259", the very
    notation its help text gives as an example.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "languages" in self.fields:
            # Stored as a JSON list of codes; chosen with checkboxes, not typed as JSON.
            old = self.fields["languages"]
            self.fields["languages"] = forms.MultipleChoiceField(
                label=old.label,
                help_text=old.help_text,
                required=False,
                choices=LANGUAGE_CHOICES,
            )
        for name in CHECKBOX_FIELDS:
            if name in self.fields:
                field = self.fields[name]
                field.widget = CheckboxSelectMultiple(field.label, attrs=field.widget.attrs)
                field.widget.choices = field.choices
        field = self.fields.get("enterprise_number")
        if field is not None:
            field.widget = EnterpriseNumberInput(attrs=field.widget.attrs)
            field.max_length = ENTERPRISE_NUMBER_INPUT_LENGTH
            field.widget.attrs["maxlength"] = str(ENTERPRISE_NUMBER_INPUT_LENGTH)
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, MaxLengthValidator)
            ]
            field.validators.append(MaxLengthValidator(ENTERPRISE_NUMBER_INPUT_LENGTH))

    def clean_enterprise_number(self):
        value = self.cleaned_data.get("enterprise_number")
        return normalise_enterprise_number(value) if value else None
