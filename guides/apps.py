from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Gidsen")

    def ready(self):
        from guides import signal_handlers

        signal_handlers.connect()
