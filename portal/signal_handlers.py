"""Purge the edge cache of every URL a change touches (portal.edge, deploy/varnish/).

wagtail.contrib.frontend_cache purges a published or unpublished page's own URLs. The portal
adds, once the change is committed:

- a page published or unpublished: the page and everything below it (breadcrumbs show its
  title; print views and PDFs are subpaths), its ancestors (lists, the guide's chapter list,
  the home page), its sibling chapters (previous/next), chapters sharing a topic (related
  chapters), pages that link to it (Wagtail's reference index), the sitemap; every page when
  a site setting (the menu, the footer) links to it;
- a page moved or deleted: every page (URLs, menus and breadcrumbs all change);
- a view restriction or password added, changed or removed: the page and everything below,
  and what lists it (as for a publish);
- a partner approved, updated or withdrawn, or a directory taxonomy changed: the directory
  with every partner page, filter and subpage (the shortage page has a column per province
  with partners), every chapter (their partner teasers), the sitemap;
- a glossary term or topic: the guides and the glossary (chapters link terms, list topics);
  a chapter published or unpublished, or a restriction changed, also the glossary ("Gebruikt in");
- navigation, footer or contact settings: every page of the site;
- a deploy (migrate): every page, since templates may have changed.

portal.edge forgets the same pages' fragments in the Django cache (portal.core.fragments), also
when no edge is configured.
"""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from portal import edge


def sitemap_urls():
    return [site.root_url + "/sitemap.xml" for site in Site.objects.all()]


def purge_around_page(page):
    """Everything a page's publish or unpublish touches beyond its own URLs."""
    from guides.models import GlossaryPage, GuideChapterPage, GuidePage

    page = page.specific_deferred
    edge.ban_page(page)
    touched = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    parent = touched[-1] if touched else None
    if isinstance(page, GuideChapterPage) and isinstance(parent, GuidePage):
        touched.extend(parent.chapters().exclude(pk=page.pk).specific(defer=True))
        touched.extend(GlossaryPage.objects.all())  # its "Gebruikt in" lists the chapters
        topics = list(page.topics.values_list("pk", flat=True))
        if topics:
            touched.extend(
                GuideChapterPage.objects.live().filter(topics__in=topics).exclude(pk=page.pk)
            )
    for source, _references in ReferenceIndex.get_grouped_references_to(page):
        if isinstance(source, Page):
            touched.append(source.specific_deferred)
        elif isinstance(source, BaseSiteSetting):
            edge.ban(source.site, "/")
    edge.purge_pages(touched, sitemap_urls())


def page_changed(sender, instance, **kwargs):
    edge.after_commit(lambda: purge_around_page(instance))


def tree_changed(sender, **kwargs):
    edge.after_commit(edge.ban_everything)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        edge.after_commit(edge.ban_everything)


def restriction_changed(sender, instance, **kwargs):
    if not isinstance(instance, PageViewRestriction):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    # Its ancestors' lists, its siblings and related chapters show it only while it is public.
    edge.after_commit(lambda: purge_around_page(page))
    edge.after_commit(guides_changed)  # the glossary and the topic lists list public chapters only


def directory_changed():
    from guides.models import GuideChapterPage
    from partners.models import PartnerDirectoryPage

    for directory in PartnerDirectoryPage.objects.all():
        edge.ban_page(directory)
    edge.purge_pages(GuideChapterPage.objects.live().specific(defer=True), sitemap_urls())


def guides_changed():
    from guides.models import GlossaryPage, GuideIndexPage

    for page in [*GuideIndexPage.objects.all(), *GlossaryPage.objects.all()]:
        edge.ban_page(page)


def model_changed(sender, instance=None, **kwargs):
    if sender._meta.apps is not apps:
        return  # a data migration's historical model: the pages are purged after migrate
    app_label = sender._meta.app_label
    if isinstance(instance, Page):
        return
    if isinstance(instance, BaseSiteSetting):
        if not kwargs.get("created"):  # rows are created with their defaults on first read
            site = instance.site
            edge.after_commit(lambda: edge.ban(site, "/"))
    elif app_label == "partners" and sender.__name__ not in {
        "PartnerRegistration",
        "PartnerAccessKey",
    }:
        edge.after_commit(directory_changed)
    elif app_label == "guides":
        edge.after_commit(guides_changed)


def after_migrate(sender, **kwargs):
    if sender.name == "portal":
        edge.ban_everything()  # and the fragments: templates may have changed


def connect():
    page_published.connect(page_changed, dispatch_uid="edge-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="edge-page-unpublished")
    post_page_move.connect(tree_changed, dispatch_uid="edge-page-move")
    post_delete.connect(page_deleted, dispatch_uid="edge-page-delete")
    for signal in (published, unpublished, post_save, post_delete):
        signal.connect(model_changed, dispatch_uid=f"edge-model-{id(signal)}")
    post_save.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="edge-pvr")
    post_delete.connect(restriction_changed, sender=PageViewRestriction, dispatch_uid="edge-pvr-d")
    m2m_changed.connect(
        restriction_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="edge-pvr-groups",
    )
    post_migrate.connect(after_migrate, dispatch_uid="edge-post-migrate")
