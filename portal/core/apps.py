from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared base of the site (see portal/core/__init__.py).

    Label "portal": the models' tables (portal_homepage, ...), content types and migration
    history were made under that label, and keep it.
    """

    name = "portal.core"
    label = "portal"
    verbose_name = _("Portaal")
