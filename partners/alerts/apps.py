from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Saved directory searches and their e-mail alerts (issue 18, point 3).

    An app of its own under partners/, with its own migrations, beside partners.places: it reads
    the directory through its public query (partners.directory.query.DirectorySearch) and mails
    through the registration flow's one mail function and link helpers.
    """

    name = "partners.alerts"
    label = "alerts"
    verbose_name = _("Zoekopdrachten met e-mail")

    def ready(self):
        # The views register themselves as the directory page's routes (PartnerDirectoryPage.serves).
        from partners.alerts import views  # noqa: F401
