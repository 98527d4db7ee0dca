"""The partner directory: companies, schools and organisations that offer workplace learning."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
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
