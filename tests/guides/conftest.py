import pytest

from tests.guides.factories import GlossaryPageFactory, GuideChapterPageFactory, GuidePageFactory


@pytest.fixture
def guide_tree(site_tree):
    """A guide for schools with three chapters and the glossary page."""
    guide = GuidePageFactory(parent=site_tree["guides"], title="Gids voor scholen", slug="scholen")
    chapters = [
        GuideChapterPageFactory(parent=guide, title=title, slug=slug)
        for title, slug in [
            ("Wat is werkplekleren?", "wat-is-werkplekleren"),
            ("Kwaliteit", "kwaliteit"),
            ("Het wettelijk kader", "wettelijk-kader"),
        ]
    ]
    glossary = GlossaryPageFactory(parent=site_tree["guides"])
    return {**site_tree, "guide": guide, "chapters": chapters, "glossary": glossary}
