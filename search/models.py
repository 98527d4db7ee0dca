"""The site search page (/zoeken/)."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.models import BasePage


class SearchPage(BasePage):
    """One search box for the whole portal."""

    intro = models.TextField(_("Inleiding"), blank=True, help_text=_("Tekst boven het zoekveld."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("Zoekpagina")
        verbose_name_plural = _("Zoekpagina's")

    @property
    def summary_text(self):
        return self.intro

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:200]
        results = Page.objects.none()
        if query:
            results = Page.objects.live().public().specific().search(query)
        context["query"] = query
        context["results_page"] = Paginator(results, self.per_page).get_page(
            request.GET.get("pagina")
        )
        return context
