from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal")

    def ready(self):
        from portal import checks, signal_handlers  # noqa: F401  # checks registers itself

        signal_handlers.connect()
