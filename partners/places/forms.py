"""The places form behind a partner's management link: one row per offer, plus a yes/no.

Rows are a Django formset: every row answers with its own Dutch field errors and keeps what was
typed; nothing is stored until every row is right (services.save_places runs in one transaction).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import StudyDomain, WorkplaceLearningKind
from partners.places import months
from partners.places.models import MAX_PLACES

MAX_ROWS = 20


def _taxonomy_choices(model, anything):
    return [
        ("", anything),
        *model.objects.order_by("sort_order", "name").values_list("slug", "name"),
    ]


class PlaceOfferForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Vorm van werkplekleren"),
        required=False,
        error_messages={"invalid_choice": _("Kies een vorm uit de lijst.")},
    )
    study_domain = forms.ChoiceField(
        label=_("Studiedomein"),
        required=False,
        error_messages={"invalid_choice": _("Kies een studiedomein uit de lijst.")},
    )
    places = forms.IntegerField(
        label=_("Aantal plaatsen"),
        min_value=1,
        max_value=MAX_PLACES,
        error_messages={
            "required": _("Vul het aantal plaatsen in, bijvoorbeeld 2."),
            "invalid": _("Vul een getal in, bijvoorbeeld 2."),
            "min_value": _("Vul minstens 1 in, of verwijder de rij."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
    )
    first_month = forms.TypedChoiceField(
        label=_("Van"),
        choices=months.CHOICES,
        coerce=int,
        initial=months.WHOLE_YEAR[0],
        error_messages={
            "required": _("Kies de eerste maand."),
            "invalid_choice": _("Kies een maand uit de lijst."),
        },
    )
    last_month = forms.TypedChoiceField(
        label=_("Tot en met"),
        choices=months.CHOICES,
        coerce=int,
        initial=months.WHOLE_YEAR[1],
        error_messages={
            "required": _("Kies de laatste maand."),
            "invalid_choice": _("Kies een maand uit de lijst."),
        },
    )

    def __init__(self, *args, kind_choices=(), domain_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices
        self.fields["study_domain"].choices = domain_choices

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_month"), cleaned.get("last_month")
        if first and last and months.POSITION[last] < months.POSITION[first]:
            self.add_error(
                "last_month",
                _(
                    "De laatste maand ligt vóór de eerste in het schooljaar (september tot "
                    "augustus). Kies een latere maand."
                ),
            )
        return cleaned


class BasePlaceOfferFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "plaatsen")
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["kind_choices"] = self.kind_choices
        kwargs["domain_choices"] = self.domain_choices
        return kwargs

    @property
    def kind_choices(self):
        if not hasattr(self, "_kind_choices"):
            self._kind_choices = _taxonomy_choices(
                WorkplaceLearningKind, _("Elke vorm die u aanbiedt")
            )
        return self._kind_choices

    @property
    def domain_choices(self):
        if not hasattr(self, "_domain_choices"):
            self._domain_choices = _taxonomy_choices(StudyDomain, _("Elk studiedomein"))
        return self._domain_choices

    def offers(self):
        """The valid rows that were filled in and not removed, as dicts."""
        rows = []
        for index, form in enumerate(self.forms):
            if self._should_delete_form(form) or not form.cleaned_data:
                continue
            # An empty extra row is no offer; an existing row stays even when unchanged.
            if index >= self.initial_form_count() and not form.has_changed():
                continue
            rows.append(form.cleaned_data)
        return rows

    def error_summary(self):
        """(anchor id, message) pairs for the summary at the top of the page."""
        items = [("", str(message)) for message in self.non_form_errors()]
        for number, form in enumerate(self.forms, start=1):
            for name, messages in form.errors.items():
                anchor = form[name].auto_id if name in form.fields else ""
                for message in messages:
                    items.append(
                        (
                            anchor,
                            _("Rij %(number)s: %(message)s")
                            % {
                                "number": number,
                                "message": message,
                            },
                        )
                    )
        return items


PlaceOfferFormSet = forms.formset_factory(
    PlaceOfferForm,
    formset=BasePlaceOfferFormSet,
    extra=2,
    can_delete=True,
    max_num=MAX_ROWS,
    absolute_max=MAX_ROWS,
    validate_max=True,
)


class PlacesYearForm(forms.Form):
    accepts_requests = forms.BooleanField(
        label=_("Scholen mogen mij via het portaal vragen of er een plaats vrij is"),
        required=False,
        help_text=_("Een school ziet uw e-mailadres niet; u antwoordt via een link in de e-mail."),
    )


def initial_rows(year):
    """The form's rows for an existing PlacesYear (its offers), as initial data."""
    if year is None:
        return []
    return [
        {
            "kind": offer.kind.slug if offer.kind_id else "",
            "study_domain": offer.study_domain.slug if offer.study_domain_id else "",
            "places": offer.places,
            "first_month": offer.first_month,
            "last_month": offer.last_month,
        }
        for offer in year.offers.select_related("kind", "study_domain")
    ]


# Places asked


RADIUS_CHOICES = (5, 10, 20, 50)


class PlaceRequestForm(forms.Form):
    """What a school asks: kind, study domain, education form, learners, period, place."""

    kind = forms.ChoiceField(
        label=_("Vorm van werkplekleren"),
        error_messages={
            "required": _("Kies een vorm van werkplekleren."),
            "invalid_choice": _("Kies een vorm uit de lijst."),
        },
    )
    study_domain = forms.ChoiceField(
        label=_("Studiedomein"),
        error_messages={
            "required": _("Kies een studiedomein."),
            "invalid_choice": _("Kies een studiedomein uit de lijst."),
        },
    )
    education_form = forms.ChoiceField(
        label=_("Onderwijsvorm"),
        required=False,
        error_messages={"invalid_choice": _("Kies een onderwijsvorm uit de lijst.")},
    )
    learners = forms.IntegerField(
        label=_("Aantal leerlingen"),
        min_value=1,
        max_value=MAX_PLACES,
        error_messages={
            "required": _("Vul het aantal leerlingen in, bijvoorbeeld 3."),
            "invalid": _("Vul een getal in, bijvoorbeeld 3."),
            "min_value": _("Vul minstens 1 in."),
            "max_value": _("Vul hoogstens %(limit_value)s in."),
        },
    )
    first_month = PlaceOfferForm.base_fields["first_month"]
    last_month = PlaceOfferForm.base_fields["last_month"]
    place = forms.CharField(
        label=_("In de buurt van (postcode of gemeente)"),
        max_length=100,
        error_messages={
            "required": _("Vul een postcode of gemeente in, bijvoorbeeld 9000 of Gent."),
            "max_length": _("Een postcode of gemeente is hoogstens %(limit_value)d tekens."),
        },
    )
    radius_km = forms.TypedChoiceField(
        label=_("Afstand"),
        choices=[(str(km), f"{km} km") for km in RADIUS_CHOICES],
        coerce=int,
        initial="20",
        error_messages={
            "required": _("Kies een afstand."),
            "invalid_choice": _("Kies 5, 10, 20 of 50 km."),
        },
    )
    note = forms.CharField(
        label=_("Korte toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wat de leerlingen leren, wat ze al kunnen. Geen namen of gegevens van leerlingen."
        ),
        error_messages={"max_length": _("Hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        from partners.models import EducationForm

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = _taxonomy_choices(WorkplaceLearningKind, "")
        self.fields["study_domain"].choices = _taxonomy_choices(StudyDomain, "")
        self.fields["education_form"].choices = _taxonomy_choices(
            EducationForm, _("Niet van belang")
        )

    def clean_place(self):
        from partners import geo

        text = self.cleaned_data["place"].strip()
        located = geo.locate(text)
        if located is None:
            raise forms.ValidationError(
                _(
                    "We vinden geen Belgische postcode of gemeente “%(place)s”. Typ een "
                    "postcode (bijvoorbeeld 9000) of de naam van een gemeente."
                ),
                params={"place": text},
            )
        self.located = located
        return text

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first_month"), cleaned.get("last_month")
        if first and last and months.POSITION[last] < months.POSITION[first]:
            self.add_error(
                "last_month",
                _(
                    "De laatste maand ligt vóór de eerste in het schooljaar (september tot "
                    "augustus). Kies een latere maand."
                ),
            )
        return cleaned

    def request_data(self):
        """The PlaceRequest's fields from the cleaned data."""
        from partners.models import EducationForm

        cleaned = self.cleaned_data
        latitude, longitude, _label = self.located
        return {
            "kind": WorkplaceLearningKind.objects.get(slug=cleaned["kind"]),
            "study_domain": StudyDomain.objects.get(slug=cleaned["study_domain"]),
            "education_form": EducationForm.objects.filter(slug=cleaned["education_form"]).first()
            if cleaned.get("education_form")
            else None,
            "learners": cleaned["learners"],
            "first_month": cleaned["first_month"],
            "last_month": cleaned["last_month"],
            "place": cleaned["place"],
            "latitude": latitude,
            "longitude": longitude,
            "radius_km": cleaned["radius_km"],
            "note": cleaned.get("note", ""),
        }

    def error_summary(self):
        return [(self[name].auto_id, str(m)) for name in self.errors for m in self.errors[name]]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies ja, nee of een vraag."),
            "invalid_choice": _("Kies ja, nee of een vraag."),
        },
    )
    text = forms.CharField(
        label=_("Bericht aan de school"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bij een vraag: wat wilt u weten? Uw e-mailadres blijft verborgen."),
        error_messages={"max_length": _("Hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args, **kwargs):
        from partners.places.models import Answer

        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = Answer.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("answer") == "vraag" and not cleaned.get("text", "").strip():
            self.add_error("text", _("Schrijf uw vraag aan de school."))
        return cleaned

    def error_summary(self):
        items = []
        for name in self.errors:
            anchor = f"{self[name].auto_id}_0" if name == "answer" else self[name].auto_id
            items.extend((anchor, str(m)) for m in self.errors[name])
        return items


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Uw antwoord"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf een bericht."),
            "max_length": _("Hoogstens %(limit_value)d tekens."),
        },
    )

    def error_summary(self):
        return [(self[name].auto_id, str(m)) for name in self.errors for m in self.errors[name]]
