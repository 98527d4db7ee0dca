"""The editors' admin: the stale-guides report and the glossary snippets."""

import datetime

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from guides.models import GuidePage, months_before
from tests.guides.factories import GuidePageFactory, TermFactory
from tests.support.otp import sign_in


@pytest.fixture
def guides(site_tree):
    today = datetime.date.today()
    index = site_tree["guides"]
    return {
        "fresh": GuidePageFactory(parent=index, title="Nagekeken gids", last_reviewed=today),
        "almost": GuidePageFactory(
            parent=index,
            title="Bijna te oud",
            last_reviewed=months_before(today, 12) + datetime.timedelta(days=1),
        ),
        "old": GuidePageFactory(parent=index, title="Oude gids", stale=True),
        "just_old": GuidePageFactory(
            parent=index,
            title="Net te oud",
            last_reviewed=months_before(today, 12) - datetime.timedelta(days=1),
        ),
    }


@pytest.mark.django_db
def test_stale_queryset(guides):
    assert set(GuidePage.objects.stale()) == {guides["old"], guides["just_old"]}


def test_months_before_handles_month_ends():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert months_before(datetime.date(2024, 2, 29), 12) == datetime.date(2023, 2, 28)


@pytest.mark.django_db
def test_stale_guides_report_lists_exactly_the_old_ones(admin_client, guides):
    response = admin_client.get(reverse("guides_stale_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gidsen na te kijken" in html
    assert "Oude gids" in html and "Net te oud" in html
    assert "Nagekeken gids" not in html and "Bijna te oud" not in html
    assert html.index("Oude gids") < html.index("Net te oud")  # oldest first
    assert reverse("wagtailadmin_pages:edit", args=[guides["old"].pk]) in html

    export = admin_client.get(reverse("guides_stale_report"), {"export": "csv"})
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].startswith("Gids,Eigenaar,Laatst nagekeken op")
    assert len(rows) == 3


@pytest.mark.django_db
def test_report_is_in_the_reports_menu_for_editors_only(client, guides, django_user_model):
    editor = django_user_model.objects.create_user("redacteur", password="x")
    editor.groups.add(Group.objects.get(name="Redacteurs"))
    sign_in(client, editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Gidsen na te kijken" in dashboard
    assert client.get(reverse("guides_stale_report")).status_code == 200

    outsider = django_user_model.objects.create_user("buiten", password="x")
    sign_in(client, outsider)
    assert client.get(reverse("guides_stale_report")).status_code in (302, 403)


@pytest.mark.django_db
def test_terms_listing_filters_and_export(admin_client, site_tree):
    TermFactory(term="algemeen secundair onderwijs", abbreviation="ASO")
    TermFactory(term="mentor")
    listing = admin_client.get(reverse("wagtailsnippets_guides_term:list"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "algemeen secundair onderwijs" in html and "mentor" in html

    filtered = admin_client.get(
        reverse("wagtailsnippets_guides_term:list"), {"has_abbreviation": "true"}
    ).content.decode()
    assert "algemeen secundair onderwijs" in filtered
    assert ">mentor<" not in filtered

    export = admin_client.get(reverse("wagtailsnippets_guides_term:list"), {"export": "csv"})
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert len(rows) == 3
    assert "ASO" in rows[1]


@pytest.mark.django_db
def test_a_term_created_in_the_admin_gets_its_anchor(admin_client, site_tree):
    response = admin_client.post(
        reverse("wagtailsnippets_guides_term:add"),
        {
            "term": "Werkpostfiche",
            "abbreviation": "",
            "definition": "Een fiche met de risico's van een werkpost.",
            "url": "",
            "slug": "",
        },
    )
    assert response.status_code == 302
    from guides.models import Term

    assert Term.objects.get(term="Werkpostfiche").slug == "werkpostfiche"


@pytest.fixture
def chapters(site_tree):
    from tests.guides.factories import GuideChapterPageFactory

    today = datetime.date.today()
    guide = GuidePageFactory(parent=site_tree["guides"], title="Gids met hoofdstukken")
    return {
        "fresh": GuideChapterPageFactory(
            parent=guide, title="Vers hoofdstuk", slug="vers", last_reviewed=today
        ),
        "old": GuideChapterPageFactory(
            parent=guide,
            title="Verouderd hoofdstuk",
            slug="oud",
            last_reviewed=months_before(today, 12) - datetime.timedelta(days=1),
        ),
    }


@pytest.mark.django_db
def test_stale_chapters_report_lists_chapters_past_their_review_date(admin_client, chapters):
    from guides.models import GuideChapterPage

    assert list(GuideChapterPage.objects.stale()) == [chapters["old"]]
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("guides_stale_chapters_report") in dashboard
    response = admin_client.get(reverse("guides_stale_chapters_report"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoofdstukken na te kijken" in html
    assert "Verouderd hoofdstuk" in html and "Gids met hoofdstukken" in html
    assert "Vers hoofdstuk" not in html
    assert reverse("wagtailadmin_pages:edit", args=[chapters["old"].pk]) in html


@pytest.mark.django_db
def test_chapter_page_says_when_it_was_last_reviewed(client, chapters):
    chapters["old"].sources = [
        {"type": "source", "value": {"label": "Visietekst, deel 1.3", "url": ""}}
    ]
    chapters["old"].save_revision().publish()
    html = client.get(chapters["old"].url).content.decode()
    assert ">Bronnen</h2>" in html
    assert "Visietekst, deel 1.3" in html
    reviewed = chapters["old"].last_reviewed
    assert f'Laatst nagekeken op <time datetime="{reviewed:%Y-%m-%d}">' in html


@pytest.mark.django_db
def test_style_sheet_is_in_the_admin_help_menu(admin_client):
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("guides_style_sheet") in dashboard
    html = admin_client.get(reverse("guides_style_sheet")).content.decode()
    assert "Schrijfwijzer" in html
    assert "aso, tso, kso, bso" in html
    assert "Observatieactiviteit" in html
