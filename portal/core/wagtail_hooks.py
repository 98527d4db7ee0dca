from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from portal.core.models import ContentPage, NewsIndexPage, NewsPage
from portal.core.search import present_news, present_page


@hooks.register("register_site_search_group")
def news_search_group():
    return {
        "key": "nieuws",
        "label": _("Nieuws"),
        "order": 30,
        "queryset": lambda: NewsPage.objects.live(),
        "present": present_news,
        "landing_type": NewsIndexPage,
    }


@hooks.register("register_site_search_group")
def pages_search_group():
    return {
        "key": "paginas",
        "label": _("Andere pagina's"),
        "order": 50,
        "queryset": lambda: ContentPage.objects.live(),
        "present": present_page,
    }


@hooks.register("register_admin_viewset")
def register_page_viewset():
    from portal.core.workflow_messages import portal_page_viewsets

    return portal_page_viewsets()
