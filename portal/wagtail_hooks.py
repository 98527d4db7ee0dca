"""The project's admin hooks: lifting sign-in lockouts, the two-factor pages, the editor's script,
and the move confirmation's permission check."""

from axes.models import AccessAttempt

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal import two_factor


class LockoutPermissionPolicy(ModelPermissionPolicy):
    """Entries are seen and deleted, never added or changed by hand."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)


class LockoutViewSet(ModelViewSet):
    """Blocked sign-ins (django-axes): an administrator lifts a lockout by deleting the entry.

    Superusers only (the model's permissions are not given to any group). Nothing can be added
    or edited here: django-axes writes the entries itself.
    """

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Geblokkeerde aanmeldingen")
    add_to_settings_menu = True
    url_prefix = "geblokkeerde-aanmeldingen"
    name = "lockouts"
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    list_filter = []
    search_fields = None
    form_fields = ["username"]
    inspect_view_enabled = False
    copy_view_enabled = False


register_permission_policy(AccessAttempt, LockoutPermissionPolicy(AccessAttempt))
lockout_viewset = LockoutViewSet()


@hooks.register("register_admin_viewset")
def register_lockout_viewset():
    return lockout_viewset


@hooks.register("before_move_page")
def refuse_a_move_the_user_may_not_make(request, page, destination):
    """Wagtail 8 shows a page's move confirmation (its title and the destination's) to any admin
    user and checks the permission only when the move is posted: the permission matrix
    (tests/security/test_permissions.py) found a partner manager, who may not even explore the
    pages, reading it. The same check as the move itself, before anything is shown."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_admin_urls")
def two_factor_urls():
    return two_factor.urlpatterns


@hooks.register("insert_editor_js")
def editor_js():
    """portal/static/portal/admin/editor.js: no autosave after the edit form is submitted."""
    return format_html('<script src="{}"></script>', static("portal/admin/editor.js"))
