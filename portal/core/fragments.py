"""Parts of public pages kept in the Django cache, forgotten when the edge forgets the pages.

Two kinds, both the same for every visitor:

- a page's main content, wrapped in its template in Wagtail's own tag,
  `{% wagtailpagecache fragment_seconds page_content request.LANGUAGE_CODE %}`: keyed on the page's
  `cache_key` (which changes with each publish of the page) and its site. Templates use it for
  anonymous visitors only (`fragment_cache` in the context), and Wagtail's tag skips previews.
- the site's chrome (menu, search box URL, footer: portal.core.chrome), per site and language.

What a change does to *other* pages (a sibling chapter published, a partner approved, a term or a
setting saved) is decided in one place, portal.signal_handlers, which hands those pages to
portal.edge; portal.edge forgets their fragments here when it purges them, with or without an
edge configured. So a fragment goes stale exactly when the edge's copy does.

Measured (docs/performance.md, "Fragment caches", 2026-12-01): a chapter's server time fell from
82 to about 10 ms in-process.
"""

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

# The fragment name the page templates give `{% wagtailpagecache %}`.
PAGE_FRAGMENT = "page_content"
# A bound on a fragment's life: the residual race (a view that read the data before a change was
# committed and stores its fragment after the purge) lasts at most this long.
FRAGMENT_SECONDS = 3600
CHROME_KEY = "portal:chrome:{site}:{language}"


def languages():
    return [code for code, _name in settings.LANGUAGES]


def page_keys(pages, site_ids):
    """The cache keys `{% wagtailpagecache %}` gives the fragments of `pages` on these sites."""
    return [
        make_template_fragment_key(PAGE_FRAGMENT, [language, page.cache_key, site_id])
        for page in pages
        for site_id in site_ids
        for language in languages()
    ]


def forget_pages(pages):
    """Forget the fragments of `pages` (Page objects) on every site."""
    from wagtail.models import Site

    site_ids = list(Site.objects.values_list("pk", flat=True))
    keys = page_keys(pages, site_ids)
    if keys:
        cache.delete_many(keys)


def chrome_key(site_id, language):
    return CHROME_KEY.format(site=site_id, language=language)


def forget_chrome(site_ids):
    cache.delete_many([chrome_key(site_id, lang) for site_id in site_ids for lang in languages()])


def cacheable(request):
    """Whether `request` may read and fill the shared fragments: an anonymous visitor's view of
    the live page. Editors (who may get notices visitors do not) and previews render it all."""
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    return not getattr(request, "is_preview", False)
