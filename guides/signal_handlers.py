"""Keep the glossary links of chapters, and the glossary's "Gebruikt in" lists, in step with the
glossary and the chapters; set up a new guides section."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from guides.glossary import bump_glossary_version, forget_term_usage


def glossary_changed(sender, **kwargs):
    bump_glossary_version()


def chapters_changed(sender, **kwargs):
    """A page published, unpublished, moved or deleted, or a restriction changed: the chapters
    that use a term (their titles, URLs, visibility) may differ. Forgotten now and again once
    committed, so that a request in between cannot keep the old lists."""
    forget_term_usage()
    transaction.on_commit(forget_term_usage, robust=True)


def connect():
    from guides.editorial import guides_section_created
    from guides.models import GuideChapterPage, GuideIndexPage, Term

    post_save.connect(
        guides_section_created, sender=GuideIndexPage, dispatch_uid="guides-section-created"
    )
    post_save.connect(glossary_changed, sender=Term, dispatch_uid="guides-term-saved")
    post_delete.connect(glossary_changed, sender=Term, dispatch_uid="guides-term-deleted")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(chapters_changed, dispatch_uid=f"guides-usage-{id(signal)}")
    post_delete.connect(chapters_changed, sender=GuideChapterPage, dispatch_uid="guides-usage-d")
    for signal in (post_save, post_delete):
        signal.connect(
            chapters_changed, sender=PageViewRestriction, dispatch_uid=f"guides-usage-r{id(signal)}"
        )
