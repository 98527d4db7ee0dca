"""The registration form: one validation for the web form, the API and the management link.

Every rule lives here (with the validators in partners/validators.py), so that the HTML form,
`POST /api/registrations/` and a change through the management link accept and refuse exactly
the same things, with the same Dutch messages. `registration_data()` turns a valid form into the
normalised, JSON-serialisable dict that a `PartnerRegistration` stores and that
`partners.registration.services.apply_data()` copies onto a Partner.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from partners import fields as partner_fields
from partners import geo
from partners.models import (
    EducationForm,
    PartnerKind,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
)
from partners.validators import normalise_enterprise_number, normalise_phone, normalise_postcode

YES_NO_CHOICES = [("ja", _("Ja")), ("nee", _("Nee"))]

# The name of the honeypot: a field people never see and bots like to fill.
HONEYPOT_FIELD = "fax"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")

# What each field requires and accepts (required, lengths, numbers), declared once.
DECLARED = partner_fields.BY_NAME
# The message of every text field that is too long.
TOO_LONG = _("Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")


def _yes(value):
    return value == "ja"


class YesNoField(forms.TypedChoiceField):
    """A required yes/no question as two radio buttons, so that "no answer" is an error.

    A single checkbox cannot tell "no" from "did not look"; the company must choose.
    """

    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Kies ja of nee."),
                "invalid_choice": _("Kies ja of nee."),
            },
        )
        super().__init__(choices=YES_NO_CHOICES, coerce=_yes, empty_value=None, **kwargs)


def _taxonomy_field(model, label, help_text, required_message, required=True):
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        help_text=help_text,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": required_message,
            "invalid_choice": _("%(value)s staat niet in de lijst: kies uit de lijst."),
            "invalid_pk_value": _("%(pk)s staat niet in de lijst: kies uit de lijst."),
            "invalid_list": _("Kies een of meer waarden uit de lijst."),
        },
    )


class RegistrationForm(forms.Form):
    """A company's registration: organisation, contact person, offer and consent.

    Sections (fieldsets with a legend) are listed in `SECTIONS`; the template renders them in
    that order. `token` is the one-time idempotency key; `fax` is the honeypot.
    """

    SECTIONS = [
        ("organisatie", _("Uw organisatie"), list(partner_fields.ORGANISATION)),
        ("contact", _("Contactpersoon"), list(partner_fields.CONTACT)),
        ("aanbod", _("Wat u aanbiedt"), list(partner_fields.OFFER)),
        ("akkoord", _("Akkoord"), list(partner_fields.CONSENT)),
    ]
    SECTION_INTROS = {
        "contact": _(
            "Deze gegevens blijven privé: ze worden nooit op de website getoond. We gebruiken ze "
            "om uw registratie te bevestigen en om u op de hoogte te houden."
        ),
    }

    kind = forms.ChoiceField(
        label=_("Wat voor organisatie is het?"),
        choices=PartnerKind.choices,
        initial=PartnerKind.COMPANY,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat voor organisatie het is."),
            "invalid_choice": _("Kies wat voor organisatie het is."),
        },
    )
    name = forms.CharField(
        required=DECLARED["name"].required,
        label=_("Naam van de organisatie"),
        max_length=DECLARED["name"].max_length,
        help_text=_("Zoals scholen u kennen, bijvoorbeeld de handelsnaam."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={
            "required": _("Vul de naam van uw organisatie in."),
            "max_length": TOO_LONG,
        },
    )
    enterprise_number = forms.CharField(
        required=DECLARED["enterprise_number"].required,
        label=_("Ondernemingsnummer"),
        max_length=DECLARED["enterprise_number"].max_length,
        help_text=_("Het nummer in de KBO, bijvoorbeeld 0123.456.749."),
        error_messages={
            "required": _("Vul het ondernemingsnummer in."),
            "max_length": _(
                "Een ondernemingsnummer bestaat uit 10 cijfers, bijvoorbeeld 0123.456.749."
            ),
        },
    )
    website = forms.URLField(
        label=_("Website"),
        required=DECLARED["website"].required,
        max_length=DECLARED["website"].max_length,
        assume_scheme="https",
        help_text=_("Niet verplicht. Bijvoorbeeld www.jouwbedrijf.be."),
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={
            "invalid": _("Dit is geen geldig webadres. Schrijf het zoals www.jouwbedrijf.be."),
            "max_length": TOO_LONG,
        },
    )
    street = forms.CharField(
        required=DECLARED["street"].required,
        label=_("Straat en huisnummer"),
        max_length=DECLARED["street"].max_length,
        help_text=_("Het adres waar de leerlingen aan de slag gaan."),
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
        error_messages={
            "required": _("Vul de straat en het huisnummer in."),
            "max_length": TOO_LONG,
        },
    )
    postcode = forms.CharField(
        required=DECLARED["postcode"].required,
        label=_("Postcode"),
        max_length=DECLARED["postcode"].max_length,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
        error_messages={
            "required": _("Vul de postcode in."),
            "max_length": _("Een Belgische postcode bestaat uit 4 cijfers, bijvoorbeeld 9000."),
        },
    )
    municipality = forms.CharField(
        label=_("Gemeente"),
        max_length=DECLARED["municipality"].max_length,
        required=DECLARED["municipality"].required,
        help_text=_("Niet verplicht: leeg gelaten vullen we de gemeente in uit de postcode."),
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
        error_messages={
            "max_length": TOO_LONG,
        },
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=_("Kies een sector"),
        error_messages={
            "required": _("Kies de sector van uw organisatie."),
            "invalid_choice": _("Kies een sector uit de lijst."),
        },
    )
    description = forms.CharField(
        label=_("Wat doet uw organisatie?"),
        required=DECLARED["description"].required,
        max_length=DECLARED["description"].max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Niet verplicht. Twee of drie zinnen: wat u doet en wat een leerling bij "
            "u leert. Dit komt in de partnergids."
        ),
        error_messages={
            "max_length": TOO_LONG,
        },
    )

    contact_name = forms.CharField(
        required=DECLARED["contact_name"].required,
        label=_("Naam"),
        max_length=DECLARED["contact_name"].max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": _("Vul de naam van de contactpersoon in."),
            "max_length": TOO_LONG,
        },
    )
    contact_role = forms.CharField(
        label=_("Functie"),
        max_length=DECLARED["contact_role"].max_length,
        required=DECLARED["contact_role"].required,
        help_text=_("Niet verplicht. Bijvoorbeeld zaakvoerder of HR-verantwoordelijke."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={
            "max_length": TOO_LONG,
        },
    )
    contact_email = forms.EmailField(
        required=DECLARED["contact_email"].required,
        label=_("E-mailadres"),
        max_length=DECLARED["contact_email"].max_length,
        help_text=_("We sturen een link naar dit adres om uw registratie te bevestigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul het e-mailadres van de contactpersoon in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.be."),
            "max_length": TOO_LONG,
        },
    )
    contact_phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=DECLARED["contact_phone"].max_length,
        required=DECLARED["contact_phone"].required,
        help_text=_("Niet verplicht. Voor als de redactie een vraag heeft."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={
            "max_length": _("Een telefoonnummer heeft hoogstens 15 cijfers."),
        },
    )

    kinds = _taxonomy_field(
        WorkplaceLearningKind,
        _("Welke vormen van werkplekleren biedt u aan?"),
        _("Kies er een of meer."),
        _("Kies minstens één vorm van werkplekleren."),
    )
    study_domains = _taxonomy_field(
        StudyDomain,
        _("Voor leerlingen uit welke studiedomeinen?"),
        _("Kies er een of meer."),
        _("Kies minstens één studiedomein."),
    )
    education_forms = _taxonomy_field(
        EducationForm,
        _("Uit welke onderwijsvormen?"),
        _("Niet verplicht. Weet u het niet zeker, laat dit dan leeg."),
        "",
        required=False,
    )
    places_per_year = forms.IntegerField(
        label=_("Hoeveel leerlingen kunnen er per schooljaar terecht?"),
        min_value=DECLARED["places_per_year"].min_value,
        max_value=DECLARED["places_per_year"].max_value,
        help_text=_("Vul 0 in als u nu geen plaats hebt."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Vul een aantal in (0 als u nu geen plaats hebt)."),
            "invalid": _("Vul een getal in, bijvoorbeeld 2."),
            "min_value": _("Het aantal kan niet kleiner zijn dan 0."),
            "max_value": _(
                "Vul hoogstens %(limit_value)s in. Hebt u meer plaatsen, meld het de redactie."
            ),
        },
    )
    mentor_available = YesNoField(
        label=_("Is er een vaste begeleider (mentor) voor de leerling?"),
        error_messages={
            "required": _("Kies ja of nee: is er een vaste mentor?"),
            "invalid_choice": _("Kies ja of nee: is er een vaste mentor?"),
        },
    )
    mentor_trained = YesNoField(
        label=_("Volgde die mentor een mentoropleiding?"),
        help_text=_("Kies nee als er geen vaste mentor is."),
        error_messages={
            "required": _("Kies ja of nee: volgde de mentor een mentoropleiding?"),
            "invalid_choice": _("Kies ja of nee: volgde de mentor een mentoropleiding?"),
        },
    )

    consent_privacy = forms.BooleanField(
        label=_(
            "Ik heb de privacyverklaring gelezen en ga akkoord met de verwerking van deze gegevens."
        ),
        error_messages={
            "required": _("Ga akkoord met de privacyverklaring om u te registreren."),
        },
    )
    consent_publication = forms.BooleanField(
        label=_(
            "Ik ga akkoord dat de gegevens van de organisatie in de partnergids gepubliceerd "
            "worden. De gegevens van de contactpersoon worden nooit gepubliceerd."
        ),
        error_messages={
            "required": _(
                "Zonder dit akkoord kunnen we uw organisatie niet in de partnergids opnemen."
            ),
        },
    )

    # A plain Field: the key is checked in clean_token(), never refused with an error that the
    # company could not see (the field is hidden).
    token = forms.Field(required=False, widget=forms.HiddenInput)
    fax = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, privacy_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""
        if privacy_url and "consent_privacy" in self.fields:
            self.fields["consent_privacy"].label = format_html(
                '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                _("Ik ga akkoord met de verwerking van deze gegevens zoals beschreven in de"),
                privacy_url,
                _("privacyverklaring (opent in een nieuw venster)."),
            )

    # Field cleaning: normalise what people type, with the validators' Dutch messages.

    def clean_enterprise_number(self):
        return normalise_enterprise_number(self.cleaned_data["enterprise_number"])

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_contact_phone(self):
        value = self.cleaned_data["contact_phone"]
        return normalise_phone(value) if value else ""

    def clean_contact_email(self):
        # The domain is case-insensitive; the part before @ is left as typed.
        local, _at, domain = self.cleaned_data["contact_email"].strip().rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        municipality = cleaned.get("municipality")
        if postcode:
            names = geo.municipalities_for_postcode(postcode)
            if municipality:
                official = geo.match_municipality(postcode, municipality)
                if official is None:
                    self.add_error(
                        "municipality",
                        ValidationError(
                            _(
                                "%(municipality)s hoort niet bij postcode %(postcode)s. "
                                "Bedoelt u %(names)s? Of laat de gemeente leeg."
                            ),
                            params={
                                "municipality": municipality,
                                "postcode": postcode,
                                "names": _(" of ").join(names),
                            },
                            code="municipality",
                        ),
                    )
                else:
                    cleaned["municipality"] = official
            elif names:
                cleaned["municipality"] = names[0]
        if cleaned.get("mentor_available") is False and cleaned.get("mentor_trained") is True:
            self.add_error(
                "mentor_trained",
                ValidationError(
                    _(
                        "Zonder vaste mentor kan er geen opgeleide mentor zijn. Kies hier nee, "
                        "of kies ja bij de vorige vraag."
                    ),
                    code="mentor",
                ),
            )
        return cleaned

    # What the rest of the code uses.

    @property
    def is_spam(self):
        """The honeypot was filled in: a bot, not a person."""
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def registration_data(self):
        """The normalised submission as a JSON-serialisable dict (taxonomies by slug)."""
        cleaned = self.cleaned_data
        data = {}
        for name in partner_fields.REGISTRATION_FIELDS:
            kind = partner_fields.BY_NAME[name].kind
            if name not in self.fields:
                continue  # the change form does not ask the enterprise number
            if kind == partner_fields.TAXONOMY:
                data[name] = cleaned[name].slug if cleaned.get(name) else ""
            elif kind == partner_fields.TAXONOMIES:
                data[name] = sorted(term.slug for term in cleaned.get(name) or [])
            elif kind == partner_fields.NUMBER:
                data[name] = cleaned[name]
            elif kind == partner_fields.YES_NO:
                data[name] = bool(cleaned[name])
            else:
                data[name] = cleaned.get(name, "")
        return data

    def clean_token(self):
        """The one-time key the form page made; a key changed by hand is replaced by none (the
        view then makes a fresh one), so a tampered hidden field never blocks the company."""
        token = self.cleaned_data.get("token")
        if isinstance(token, str) and TOKEN_PATTERN.fullmatch(token):
            return token
        return ""

    def error_summary(self):
        """(anchor id, message) pairs for the summary at the top, in the order of the page."""
        items = [("", str(message)) for message in self.non_field_errors()]
        on_page = self.field_order_on_page()
        for name in on_page:
            if name in self.errors:
                bound = self[name]
                anchor = bound.auto_id
                if bound.field.widget.use_fieldset:
                    anchor = f"{bound.auto_id}_0"
                for message in self.errors[name]:
                    items.append((anchor, str(message)))
        # Errors of fields outside the page's sections still get said, without a link.
        for name, messages in self.errors.items():
            if name not in on_page and name != "__all__":
                items.extend(("", str(message)) for message in messages)
        return items

    def field_order_on_page(self):
        return [
            name for _slug, _legend, names in self.SECTIONS for name in names if name in self.fields
        ]

    def sections(self):
        """The sections as (slug, legend, intro, bound fields), for the template."""
        return [
            (
                slug,
                legend,
                self.SECTION_INTROS.get(slug, ""),
                [self[n] for n in names if n in self.fields],
            )
            for slug, legend, names in self.SECTIONS
        ]


class UpdateForm(RegistrationForm):
    """A change through the management link: the same questions without identity and consent.

    The enterprise number identifies the partner and cannot change here; consent was given at
    registration and is withdrawn by withdrawing the listing.
    """

    SECTIONS = [
        (slug, legend, [n for n in names if n != "enterprise_number"])
        for slug, legend, names in RegistrationForm.SECTIONS
        if slug != "akkoord"
    ]
    SECTION_INTROS = {
        "contact": _(
            "Deze gegevens blijven privé. Verandert u het e-mailadres, dan komt de beheerlink "
            "voortaan naar het nieuwe adres."
        ),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("enterprise_number", "consent_privacy", "consent_publication"):
            self.fields.pop(name)
        self.fields["contact_email"].help_text = _("Hier ontvangt u het resultaat van de controle.")

    @classmethod
    def initial_for(cls, partner):
        """The form's starting values: what the partner's listing says now."""
        from partners.registration.services import description_as_text

        initial = {}
        for name in partner_fields.REGISTRATION_FIELDS:
            kind = partner_fields.BY_NAME[name].kind
            value = getattr(partner, name)
            if name == "enterprise_number":
                continue  # identifies the partner: not changed through this form
            if kind == partner_fields.TAXONOMY:
                value = value.slug if value is not None else None
            elif kind == partner_fields.TAXONOMIES:
                value = [term.slug for term in value.all()]
            elif kind == partner_fields.YES_NO:
                value = "ja" if value else "nee"
            elif kind == partner_fields.RICH_TEXT:
                value = description_as_text(value)
            initial[name] = value
        return initial


class NewLinkForm(forms.Form):
    """Ask for a new verification link: only an e-mail address."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het adres dat u bij de registratie opgaf."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.be."),
        },
    )
    fax = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""

    def error_summary(self):
        return [(self[name].auto_id, str(m)) for name in self.errors for m in self.errors[name]]
