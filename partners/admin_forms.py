"""The admin's partner form (Partner.base_form_class)."""

from django.core.validators import MaxLengthValidator

from wagtail.admin.forms import WagtailAdminModelForm

from partners.validators import normalise_enterprise_number

# 0566.988.259 and BE 0566 988 259 are how people write a ten-digit enterprise number.
ENTERPRISE_NUMBER_INPUT_LENGTH = 20


class PartnerAdminForm(WagtailAdminModelForm):
    """Accepts an enterprise number as the KBO writes it; the model stores its ten digits.

    The model field holds ten characters, so its form field refused "0566.988.259", the very
    notation its help text gives as an example.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("enterprise_number")
        if field is not None:
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
