from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        # The views register themselves as the directory page's routes (PartnerDirectoryPage.serves).
        from partners.directory import query, views  # noqa: F401
        from partners.registration import signal_handlers
        from partners.registration import views as registration_views  # noqa: F401

        signal_handlers.register()
        query.connect_signals()
