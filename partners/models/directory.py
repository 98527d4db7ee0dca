"""The directory page: the faceted list of partners and each partner's own page."""

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from portal.models import BasePage

from .partner import Partner


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
        return self.render(request)

    @path("<slug:slug>/", name="partner")
    def partner(self, request, slug):
        partner = get_object_or_404(
            Partner.objects.published().select_related("province", "sector"), slug=slug
        )
        return self.render(
            request,
            template="partners/partner_page.html",
            context_overrides={"partner": partner},
        )
