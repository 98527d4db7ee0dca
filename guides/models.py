"""The handbooks: a GuideIndexPage holds one GuidePage per handbook."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.models import BasePage


class GuideIndexPage(BasePage):
    """The overview of the guides (one for schools, one for companies)."""

    intro = models.TextField(
        _("Inleiding"), blank=True, help_text=_("Tekst boven het overzicht van de gidsen.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Gidsenoverzicht")
        verbose_name_plural = _("Gidsenoverzichten")

    @property
    def summary_text(self):
        return self.intro
