"""The admin page for data subject requests (partners/privacy/personal_data.py): find, export, erase."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from partners.privacy import personal_data as privacy


def may_handle_requests(user):
    """Partner managers and superusers: those who may already see this data in the admin."""
    return user.is_active and (
        user.is_superuser
        or (
            user.has_perm("partners.change_partner")
            and user.has_perm("partners.view_partnerregistration")
        )
    )


class PersonalDataForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van de contactpersoon"),
        help_text=_("Alles wat het portaal over dit adres bijhoudt, wordt hieronder getoond."),
        max_length=254,
    )
    confirm = forms.BooleanField(
        label=_("Ik wil alle gegevens van dit adres definitief verwijderen"),
        required=False,
    )


class PersonalDataView(WagtailAdminTemplateMixin, FormView):
    template_name = "partners/admin/personal_data.html"
    form_class = PersonalDataForm
    page_title = _("Persoonsgegevens")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not may_handle_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET" and "email" in self.request.GET:
            kwargs["data"] = self.request.GET
        return kwargs

    def get(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_bound and form.is_valid():
            data = privacy.collect(form.cleaned_data["email"])
            export = request.GET.get("export")
            if export in ("json", "csv"):
                return self.download(data, export)
            return self.render_to_response(self.get_context_data(form=form, found=data))
        return self.render_to_response(self.get_context_data(form=form))

    def download(self, data, export):
        if export == "json":
            response = HttpResponse(privacy.as_json(data), content_type="application/json")
        else:
            response = HttpResponse(privacy.as_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="persoonsgegevens.{export}"'
        response["Cache-Control"] = "no-store"
        return response

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not form.cleaned_data["confirm"]:
            form.add_error("confirm", _("Vink aan dat u alles wilt verwijderen."))
            return self.form_invalid(form)
        counts = privacy.erase(email, user=self.request.user)
        messages.success(
            self.request,
            _(
                "Verwijderd: %(registrations)s registratie(s), de contactgegevens van "
                "%(partners)s partner(s) en %(revisions)s revisie(s), %(keys)s beheersleutel(s), "
                "%(saved_searches)s bewaarde zoekopdracht(en)."
            )
            % counts,
        )
        return redirect(reverse("partners_personal_data"))

    def form_invalid(self, form):
        found = None
        if "email" in form.cleaned_data:
            found = privacy.collect(form.cleaned_data["email"])
        return self.render_to_response(self.get_context_data(form=form, found=found))
