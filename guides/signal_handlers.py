"""Keep the glossary links of chapters in step with the glossary; set up a new guides section."""

from django.db.models.signals import post_delete, post_save

from guides.glossary import bump_glossary_version


def glossary_changed(sender, **kwargs):
    bump_glossary_version()


def connect():
    from guides.editorial import guides_section_created
    from guides.models import GuideIndexPage, Term

    post_save.connect(
        guides_section_created, sender=GuideIndexPage, dispatch_uid="guides-section-created"
    )
    post_save.connect(glossary_changed, sender=Term, dispatch_uid="guides-term-saved")
    post_delete.connect(glossary_changed, sender=Term, dispatch_uid="guides-term-deleted")
