"""The form that saves a directory search: an e-mail address and how often."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.alerts.models import Frequency


class SavedSearchForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        help_text=_("We sturen u eerst een e-mail om dit adres te bevestigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@school.be."),
            "max_length": _("Een e-mailadres is hoogstens %(limit_value)d tekens."),
        },
    )
    frequentie = forms.ChoiceField(
        label=_("Hoe vaak wilt u een e-mail?"),
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe vaak u een e-mail wilt."),
            "invalid_choice": _("Kies dagelijks of wekelijks."),
        },
    )
    zoekopdracht = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.HiddenInput,
        error_messages={"max_length": _("Deze zoekopdracht is te lang om te bewaren.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    def error_summary(self):
        items = [("", str(message)) for message in self.non_field_errors()]
        for name in self.fields:
            for message in self.errors.get(name, []):
                bound = self[name]
                anchor = f"{bound.auto_id}_0" if bound.field.widget.use_fieldset else bound.auto_id
                items.append((anchor, str(message)))
        return items
