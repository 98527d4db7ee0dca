"""Deployment checks (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

from portal.cache import generation_is_shared


@register(Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Pages, routes, menus and restriction paths are cached until the next publish, which
    moves a generation number on in the cache. A local-memory cache is one process's own: a
    publish in one gunicorn worker would not reach the others."""
    if not generation_is_shared() and settings.PAGE_CACHE_SECONDS > 0:
        return [
            Warning(
                "The cache is local to each process; with more than one app server process a "
                "publish (or a new view restriction) reaches only the process that made it.",
                hint="Set REDIS_URL, or run a single process.",
                id="portal.W001",
            )
        ]
    return []
