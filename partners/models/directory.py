"""The directory page: the faceted list of partners and each partner's own page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage


class PartnerDirectoryPage(RoutablePageMixin, BasePage):
    """The searchable directory of partners; also serves each partner's own page."""

    intro = models.TextField(_("Inleiding"), blank=True, help_text=_("Tekst boven de zoekfilters."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Partnergids")
        verbose_name_plural = _("Partnergidsen")

    @property
    def summary_text(self):
        return self.intro

    @path("")
    def index(self, request):
        from partners.views import directory_index

        return directory_index(self, request)

    @path("csv/", name="csv")
    def csv(self, request):
        from partners.views import directory_csv

        return directory_csv(self, request)

    @path("<slug:slug>/", name="partner")
    def partner(self, request, slug):
        from partners.views import partner_detail

        return partner_detail(self, request, slug)
