"""Purge cached pages whenever something that appears on a public page changes."""

from django.db.models.signals import post_delete, post_migrate, post_save

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal.cache import purge_all

# Apps whose models appear on public pages (pages, snippets, taxonomies, site settings).
CONTENT_APPS = {"portal", "guides", "partners", "wagtailcore", "wagtailimages", "wagtaildocs"}
# Saving these says nothing about what visitors see (drafts, bookkeeping).
IGNORED_MODELS = {
    "Revision",
    "PageLogEntry",
    "ModelLogEntry",
    "ReferenceIndex",
    "TaskState",
    "WorkflowState",
    "PageSubscription",
    "Comment",
    "CommentReply",
    "Rendition",
    "GroupPagePermission",
}


def purge(sender, **kwargs):
    purge_all()


def purge_on_model_change(sender, instance=None, **kwargs):
    meta = sender._meta
    if meta.app_label not in CONTENT_APPS or sender.__name__ in IGNORED_MODELS:
        return
    # Pages change on every draft save; only publishing, unpublishing, moving and deleting
    # change what visitors see (handled by the Wagtail signals and post_delete).
    if isinstance(instance, Page) and kwargs.get("signal") is post_save:
        # ... except a new alias, which is live at once without a publish signal, and whose
        # view restrictions are its source's (see BasePage.get_view_restrictions).
        if kwargs.get("created") and instance.alias_of_id:
            purge_all()
        return
    if kwargs.get("created") and isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        # Settings rows are created with their defaults on first read, while rendering a page.
        return
    purge_all()


def purge_after_migrate(sender, **kwargs):
    # Every deploy runs migrate (compose.yaml, docs/deployment.md). A new release may keep
    # different values under the same names (a chapter's links, the menu), so nothing cached
    # by the previous one may be read again.
    if sender.name == "portal":
        purge_all()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(purge, dispatch_uid=f"pagecache-{id(signal)}")
    post_save.connect(purge_on_model_change, dispatch_uid="pagecache-post-save")
    post_delete.connect(purge_on_model_change, dispatch_uid="pagecache-post-delete")
    post_migrate.connect(purge_after_migrate, dispatch_uid="pagecache-post-migrate")
