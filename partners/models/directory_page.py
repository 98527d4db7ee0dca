"""The directory page: the faceted list of partners and each partner's own page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.core.models import BasePage

from .partner import Partner


class PartnerDirectoryPage(RoutablePageMixin, BasePage):
    """The searchable directory of partners; also serves each partner's own page."""

    intro = models.TextField(_("Inleiding"), blank=True, help_text=_("Tekst boven de zoekfilters."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    # The views behind the routes, registered by the modules that define them with
    # `@PartnerDirectoryPage.serves(name)` (partners/directory/views.py and
    # partners/registration/views.py, imported in PartnersConfig.ready()): the page model imports
    # no view, and the views import the models.
    route_views = {}

    class Meta:
        verbose_name = _("Partnergids")
        verbose_name_plural = _("Partnergidsen")

    @classmethod
    def serves(cls, name):
        """Registers the decorated view as the one behind the route `name`."""

        def register(view):
            cls.route_views[name] = view
            return view

        return register

    def get_sitemap_urls(self, request=None):
        """The directory itself and every published partner's page (they live on this page's
        routes, so Wagtail's sitemap would not list them otherwise)."""
        urls = super().get_sitemap_urls(request)
        _site_id, root_url, _path = self.get_url_parts(request)
        if not root_url:
            return urls
        partners = Partner.objects.published().only("slug", "updated_at").order_by("name")
        return urls + [
            {
                "location": root_url + partner.get_url_path(self),
                "lastmod": partner.updated_at,
            }
            for partner in partners
        ]

    @path("")
    def index(self, request):
        return self.route_views["index"](self, request)

    @path("csv/", name="csv")
    def csv(self, request):
        return self.route_views["csv"](self, request)

    # Company registration and self-service (partners/registration/views.py). Declared before
    # the partner route so that "registreren" and "beheer" never reach it.

    @path("registreren/", name="register")
    def register(self, request):
        return self.route_views["register"](request, self)

    @path("registreren/verstuurd/", name="register_done")
    def register_done(self, request):
        return self.route_views["register_done"](request, self)

    @path("registreren/bevestigen/<str:token>/", name="register_verify")
    def register_verify(self, request, token):
        return self.route_views["register_verify"](request, self, token)

    @path("registreren/nieuwe-link/", name="register_new_link")
    def register_new_link(self, request):
        return self.route_views["register_new_link"](request, self)

    @path("beheer/<str:token>/", name="manage")
    def manage(self, request, token):
        return self.route_views["manage"](request, self, token)

    @path("beheer/<str:token>/wijzigen/", name="manage_update")
    def manage_update(self, request, token):
        return self.route_views["manage_update"](request, self, token)

    @path("beheer/<str:token>/intrekken/", name="manage_withdraw")
    def manage_withdraw(self, request, token):
        return self.route_views["manage_withdraw"](request, self, token)

    @path("beheer/<str:token>/plaatsen/", name="manage_places")
    def manage_places(self, request, token):
        return self.route_views["manage_places"](request, self, token)

    @path("beheer/<str:token>/aanvragen/", name="manage_requests")
    def manage_requests(self, request, token):
        return self.route_views["manage_requests"](request, self, token)

    @path("beheer/<str:token>/aanvragen/<uuid:request_id>/", name="manage_request")
    def manage_request(self, request, token, request_id):
        return self.route_views["manage_request"](request, self, token, request_id=request_id)

    @path("aanvraag/<str:token>/", name="request_answer")
    def request_answer(self, request, token):
        return self.route_views["request_answer"](request, self, token)

    # Where places run short (partners/places/public.py): public, cached at the edge.
    @path("tekort-aan-plaatsen/", name="shortage")
    def shortage(self, request):
        return self.route_views["shortage"](self, request)

    # Saved searches with e-mail alerts (partners/alerts/views.py).

    @path("zoekopdracht-bewaren/", name="alert_new")
    def alert_new(self, request):
        return self.route_views["alert_new"](request, self)

    @path("zoekopdracht-bewaren/verstuurd/", name="alert_sent")
    def alert_sent(self, request):
        return self.route_views["alert_sent"](request, self)

    @path("zoekopdracht/bevestigen/<str:token>/", name="alert_confirm")
    def alert_confirm(self, request, token):
        return self.route_views["alert_confirm"](request, self, token)

    @path("zoekopdracht/uitschrijven/<str:token>/", name="alert_unsubscribe")
    def alert_unsubscribe(self, request, token):
        return self.route_views["alert_unsubscribe"](request, self, token)

    @path("<slug:slug>/", name="partner")
    def partner(self, request, slug):
        return self.route_views["partner"](self, request, slug)

    @path("<slug:slug>/contact/", name="partner_contact")
    def partner_contact(self, request, slug):
        return self.route_views["partner_contact"](self, request, slug)
