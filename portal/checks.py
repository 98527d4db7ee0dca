"""Deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def edge_cache_is_purged(app_configs, **kwargs):
    """Public pages carry `s-maxage`: an edge cache (Varnish, a CDN) keeps them that long unless
    the portal purges them. Without WAGTAILFRONTENDCACHE a publish, or a new view restriction,
    reaches visitors only when the edge's copy expires."""
    if settings.EDGE_CACHE_SECONDS > 0 and not settings.WAGTAILFRONTENDCACHE:
        return [
            Warning(
                "No frontend cache to purge: an edge cache in front of the app would serve "
                f"changed or newly restricted pages for up to {settings.EDGE_CACHE_SECONDS} s.",
                hint="Set FRONTEND_CACHE_URL to the Varnish servers (deploy/varnish/), or "
                "EDGE_CACHE_SECONDS=0 when nothing caches in front of the app.",
                id="portal.W001",
            )
        ]
    return []
