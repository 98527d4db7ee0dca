"""The partner listing, its export and filters, and the dashboard panel."""

import datetime
import io
import re

import openpyxl
import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

from partners.admin.dashboard import status_counts
from partners.models import Partner
from tests.partners.factories import PartnerFactory, published_partner
from tests.support.otp import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, site_tree):
    user = get_user_model().objects.create_superuser("redactie", "redactie@example.org", "pw")
    sign_in(client, user)
    client.user = user
    return client


@pytest.fixture
def statuses(site_tree):
    today = datetime.date.today()
    live = published_partner(name="Gepubliceerd (fictief)", last_confirmed=today)
    stale = published_partner(
        name="Oud (fictief)", last_confirmed=today - datetime.timedelta(days=400)
    )
    changed = published_partner(name="Gewijzigd (fictief)", last_confirmed=today)
    changed.name = "Gewijzigd in concept"
    changed.save_revision()
    draft = PartnerFactory(name="Concept (fictief)")
    locked = PartnerFactory(name="Vergrendeld (fictief)", locked=True)
    moderated = PartnerFactory(name="In moderatie (fictief)")
    return {
        "live": live,
        "stale": stale,
        "changed": changed,
        "draft": draft,
        "locked": locked,
        "moderated": moderated,
    }


LISTING = "wagtailsnippets_partners_partner:list"


def test_the_listing_works_for_a_superuser(admin_client, statuses):
    response = admin_client.get(reverse(LISTING))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gepubliceerd (fictief)" in html and "Concept (fictief)" in html


def test_the_status_filter(admin_client, statuses):
    def names(status):
        response = admin_client.get(reverse(LISTING), {"status": status})
        assert response.status_code == 200
        return {p.name for p in response.context["object_list"]}

    assert names("draft") == {
        "Concept (fictief)",
        "Vergrendeld (fictief)",
        "In moderatie (fictief)",
    }
    assert names("locked") == {"Vergrendeld (fictief)"}
    assert names("changes") == {"Gewijzigd (fictief)"}
    assert names("stale") == {"Oud (fictief)"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_listing_exports(admin_client, statuses, fmt):
    response = admin_client.get(reverse(LISTING), {"export": fmt})
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        assert "Gepubliceerd (fictief)" in text and "Oost-Vlaanderen" in text
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(body)).active
        values = [cell.value for row in sheet.iter_rows() for cell in row]
        assert "Gepubliceerd (fictief)" in values


def test_status_counts_and_the_dashboard_panel(admin_client, statuses):
    workflow = Workflow.objects.create(name="Partners nakijken")
    task = GroupApprovalTask.objects.create(name="Nakijken")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # The registration workflow's migration may already have claimed partners: take them over.
    WorkflowContentType.objects.update_or_create(
        content_type=statuses["moderated"].get_content_type(), defaults={"workflow": workflow}
    )
    statuses["moderated"].save_revision()
    workflow.start(statuses["moderated"], admin_client.user)

    counts = status_counts()
    assert counts == {
        "live": 3,
        "draft": 3,
        "moderation": 1,
        "changes": 1,
        "locked": 1,
        "stale": 1,
    }
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Aantal partners per status" in html
    listing = reverse(LISTING)
    for status, count in counts.items():
        row = rf'<a href="{listing}\?status={status}">[^<]+</a></th>\s*<td>{count}</td>'
        assert re.search(row, html), status
    assert "Wacht op moderatie" in html
    moderation = admin_client.get(listing, {"status": "moderation"})
    assert {p.name for p in moderation.context["object_list"]} == {"In moderatie (fictief)"}


def test_the_panel_is_not_shown_without_partner_permissions(client, site_tree):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("gast", "gast@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    sign_in(client, user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Aantal partners per status" not in html
    assert Partner.objects.count() == 0


def partner_form(**changes):
    from wagtail.test.utils.form_data import rich_text

    from partners.models import Sector, WorkplaceLearningKind

    data = {
        "name": "Schrijnwerkerij Eikedal (fictief)",
        "kind": "bedrijf",
        "enterprise_number": "0566.988.259",
        "description": rich_text("<p>Ramen en deuren op maat.</p>"),
        "website": "",
        "sector": Sector.objects.get(slug="hout-en-meubel").pk,
        "street": "Ambachtsweg 3",
        "postcode": "3500",
        "municipality": "Hasselt",
        "kinds": [WorkplaceLearningKind.objects.get(slug="werkplek-duaal-leren").pk],
        "study_domains": [],
        "education_forms": [],
        "places_per_year": "2",
        "languages": ["nl", "fr"],
        "last_confirmed": datetime.date.today().isoformat(),
        "contact_name": "",
        "contact_role": "",
        "contact_email": "stage@eikedal.example",
        "contact_phone": "",
        "slug": "",
        "action-publish": "action-publish",
    }
    return {**data, **changes}


def test_an_editor_creates_and_publishes_a_partner_that_the_directory_finds(admin_client):
    response = admin_client.post(reverse("wagtailsnippets_partners_partner:add"), partner_form())
    errors = response.context["form"].errors if response.status_code == 200 else None
    assert response.status_code == 302, errors
    partner = Partner.objects.get(name="Schrijnwerkerij Eikedal (fictief)")
    assert partner.live and partner.enterprise_number == "0566988259"
    assert partner.languages == ["nl", "fr"]
    html = admin_client.get("/partners/?q=duaal&provincie=limburg").content.decode()
    assert "Schrijnwerkerij Eikedal (fictief)" in html


def test_the_admin_refuses_a_wrong_enterprise_number_in_dutch(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_partners_partner:add"),
        partner_form(enterprise_number="0566.988.258"),
    )
    assert response.status_code == 200
    assert "het controlegetal is fout" in str(response.context["form"].errors["enterprise_number"])
    assert not Partner.objects.exists()


def test_the_partner_form_is_made_for_people(admin_client):
    """Checkboxes for languages and taxonomies, Wagtail's date picker, a link to the KBO."""
    admin_client.post(reverse("wagtailsnippets_partners_partner:add"), partner_form())
    partner = Partner.objects.get(name="Schrijnwerkerij Eikedal (fictief)")
    html = admin_client.get(
        reverse("wagtailsnippets_partners_partner:edit", args=[partner.pk])
    ).content.decode()
    assert 'type="checkbox" name="languages" value="nl"' in html
    assert re.search(r'type="checkbox" name="languages" value="fr"[^>]*checked', html)
    assert "<textarea" not in html.split('name="languages"')[0][-300:]
    for name in ("kinds", "study_domains", "education_forms"):
        assert f'type="checkbox" name="{name}"' in html, name
        assert f'<select name="{name}"' not in html, name
    assert 'initDateChooser("id_last_confirmed"' in html
    assert (
        'href="https://kbopub.economie.fgov.be/kbopub/zoeknummerform.html?nummer=0566988259"'
        in html
    )
    assert "Opzoeken in de KBO" in html


def test_an_unknown_language_is_refused_in_dutch(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_partners_partner:add"), partner_form(languages=["xx"])
    )
    assert response.status_code == 200
    errors = str(response.context["form"].errors["languages"])
    assert "Selecteer een geldige keuze" in errors
