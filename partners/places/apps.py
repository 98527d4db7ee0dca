from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """Places offered by partners per school year (and, later, places asked by schools).

    An app of its own under partners/ so that the places loop stays apart from the partner
    model and its registration flow; it reaches them only through their public functions.
    """

    name = "partners.places"
    label = "places"
    verbose_name = _("Plaatsen")

    def ready(self):
        # The views register themselves as the directory page's routes (PartnerDirectoryPage.serves).
        from partners.places import public, signal_handlers, views  # noqa: F401

        signal_handlers.connect()
