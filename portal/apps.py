from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project: settings, URLs, WSGI, the demo loader (`manage.py load_demo`) and what runs
    the site as a whole (edge purges, health check, security middleware, two-factor sign-in).

    Installed as an app for its management command, its system check, its admin hooks (lockouts,
    two-factor) and the signal handlers that purge the edge; it has no models. Its label is not
    "portal": that label belongs to the core app (portal.core), which holds the models.
    """

    name = "portal"
    label = "portal_project"

    def ready(self):
        from portal import checks, signal_handlers  # noqa: F401  # checks registers itself

        signal_handlers.connect()
