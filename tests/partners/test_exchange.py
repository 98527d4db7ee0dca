"""import_partners, export_partners and generate_partners."""

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from django.core.management import CommandError, call_command

from partners.exchange.partner_csv import PRIVATE_COLUMNS, PUBLIC_COLUMNS
from partners.models import Partner
from tests.partners.factories import PartnerFactory, published_partner

pytestmark = pytest.mark.django_db

HEADER = "enterprise_number,name,kind,postcode,municipality,sector,kinds,study_domains,education_forms,places_per_year,mentor_available,languages,last_confirmed,contact_email\n"


def write(tmp_path, text, name="partners.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_import(path, *args):
    out = io.StringIO()
    try:
        call_command("import_partners", path, *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def export(*args):
    out = io.StringIO()
    call_command("export_partners", *args, stdout=out)
    return out.getvalue()


def test_import_creates_drafts_with_a_revision_and_reports_each_row(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "0566.988.259,Bakkerij Import (fictief),bedrijf,9000,Gent,voeding,snuffelstage|leerlingenstage,voeding-en-horeca,arbeidsmarkt,3,ja,nl|fr,2026-09-15,stage@import.example\n"
        + ",Garage Import (fictief),bedrijf,3500,,auto-en-mobiliteit,leerlingenstage,stem,dbso,0,0,nl,,\n",
    )
    out, error = run_import(path)
    assert error is None, out
    assert "line 2: created - Bakkerij Import (fictief)" in out
    assert "line 3: created - Garage Import (fictief)" in out
    bakery = Partner.objects.get(enterprise_number="0566988259")
    assert not bakery.live
    assert bakery.latest_revision is not None
    assert bakery.municipality == "Gent" and bakery.province.slug == "oost-vlaanderen"
    assert set(bakery.kinds.values_list("slug", flat=True)) == {"snuffelstage", "leerlingenstage"}
    assert bakery.languages == ["nl", "fr"]
    assert bakery.mentor_available is True
    garage = Partner.objects.get(name="Garage Import (fictief)")
    assert garage.municipality == "Hasselt"


def test_import_with_publish_puts_partners_live(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "BE0353456320,Drukkerij Import (fictief),bedrijf,2000,Antwerpen,grafische-sector-en-media,gastles,kunst-en-creatie,doorstroom,1,1,nl,2026-09-01,\n",
    )
    out, error = run_import(path, "--publish")
    assert error is None, out
    partner = Partner.objects.get(enterprise_number="0353456320")
    assert partner.live and partner.live_revision is not None
    assert list(partner.kinds.values_list("slug", flat=True)) == ["gastles"]
    assert Partner.objects.published().search("Drukkerij").count() == 1


def test_bad_rows_are_refused_with_reasons_and_nothing_is_saved(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "0566.988.259,Goede Rij (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n"
        + "0566.988.258,Fout Nummer (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n"
        + ",Foute Gemeente (fictief),bedrijf,3500,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n"
        + ",Onbekend Aanbod (fictief),bedrijf,9000,Gent,voeding,duiken,stem,dbso,1,1,nl,,\n"
        + ",Foute Datum (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,veel,1,nl,15/09/2026,\n"
        + "0566.988.259,Dubbel (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n",
    )
    out, error = run_import(path)
    assert error is not None
    assert "line 2: created - Goede Rij (fictief)" in out
    assert (
        "line 3: refused - Fout Nummer (fictief) - enterprise_number: Dit ondernemingsnummer klopt niet"
        in out
    )
    assert (
        "line 4: refused - Foute Gemeente (fictief) - municipality: Gent hoort niet bij postcode 3500"
        in out
    )
    assert "line 5: refused - Onbekend Aanbod (fictief) - kinds: onbekende waarde(n): duiken" in out
    assert "places_per_year: geen geheel getal" in out and "last_confirmed: geen datum" in out
    assert "line 7: refused - Dubbel (fictief) - dezelfde partner staat al op regel 2" in out
    assert "Nothing was saved" in out
    assert Partner.objects.count() == 0


def test_skip_invalid_saves_the_good_rows_only(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + ",Goede Rij (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n"
        + ",Slechte Rij (fictief),bedrijf,0000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n",
    )
    out, error = run_import(path, "--skip-invalid")
    assert error is None, out
    assert list(Partner.objects.values_list("name", flat=True)) == ["Goede Rij (fictief)"]
    assert "line 3: refused - Slechte Rij (fictief) - postcode:" in out


def test_dry_run_saves_nothing(tmp_path):
    path = write(
        tmp_path,
        HEADER + ",Proef (fictief),bedrijf,9000,Gent,voeding,snuffelstage,stem,dbso,1,1,nl,,\n",
    )
    out, error = run_import(path, "--dry-run")
    assert error is None
    assert "line 2: created - Proef (fictief)" in out and "Dry run" in out
    assert not Partner.objects.exists()


def test_a_file_with_unknown_columns_is_refused(tmp_path):
    _out, error = run_import(write(tmp_path, "name,postcode,favourite_colour\nX,9000,blue\n"))
    assert "Onbekende kolommen: favourite_colour" in str(error)
    _out, error = run_import(write(tmp_path, "name\nX\n", "b.csv"))
    assert "Verplichte kolommen ontbreken: postcode" in str(error)


def test_export_import_round_trip_creates_no_duplicates(tmp_path, site_tree):
    with_number = published_partner(
        name="Met Nummer (fictief)",
        enterprise_number="0566988259",
        kinds=["snuffelstage", "gastles"],
        study_domains=["stem", "sport"],
        contact_phone="+32475123456",
    )
    without_number = published_partner(name="=Zonder Nummer (fictief)", kinds=["bedrijfsbezoek"])
    PartnerFactory(name="Concept (fictief)")  # a draft: not in a default export

    text = export("--include-private")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row["name"] for row in rows] == ["'=Zonder Nummer (fictief)", "Met Nummer (fictief)"]
    assert list(rows[0]) == PUBLIC_COLUMNS + PRIVATE_COLUMNS
    assert rows[1]["contact_phone"] == "'+32475123456"  # spreadsheets must not run it
    assert rows[1]["url"].endswith(f"/partners/{with_number.slug}/")

    path = write(tmp_path, text)
    out, error = run_import(path, "--publish")
    assert error is None, out
    assert "2 rows: 2 unchanged." in out, out
    assert Partner.objects.count() == 3

    # An edit in the spreadsheet updates the right partner, by number or else by slug.
    edited = text.replace("Met Nummer (fictief)", "Met Nummer Hernoemd (fictief)").replace(
        "bedrijfsbezoek", "bedrijfsbezoek|gastles"
    )
    out, error = run_import(write(tmp_path, edited, "edited.csv"), "--publish")
    assert error is None, out
    assert "2 rows: 2 updated." in out, out
    assert Partner.objects.count() == 3
    with_number.refresh_from_db()
    assert with_number.name == "Met Nummer Hernoemd (fictief)"
    assert with_number.contact_phone == "+32475123456"
    fresh = Partner.objects.get(pk=without_number.pk)
    assert set(fresh.kinds.values_list("slug", flat=True)) == {"bedrijfsbezoek", "gastles"}


def test_import_without_publish_keeps_a_live_partner_live_and_queues_the_change(tmp_path):
    partner = published_partner(name="Live Partner (fictief)", enterprise_number="0566988259")
    path = write(
        tmp_path,
        "enterprise_number,name,postcode\n0566.988.259,Nieuwe Naam (fictief),9000\n",
    )
    out, error = run_import(path)
    assert error is None, out
    partner.refresh_from_db()
    assert partner.live and partner.name == "Live Partner (fictief)"
    assert partner.has_unpublished_changes
    assert partner.latest_revision.as_object().name == "Nieuwe Naam (fictief)"


def test_public_export_has_no_private_columns(site_tree):
    published_partner(contact_email="verborgen@bedrijf.example", contact_name="Piet Privé")
    text = export()
    assert "contact_email" not in text
    assert "verborgen@bedrijf.example" not in text and "Piet Privé" not in text


def test_export_to_a_file(tmp_path):
    published_partner()
    path = tmp_path / "out.csv"
    call_command("export_partners", "--output", str(path), stderr=io.StringIO())
    assert path.read_text(encoding="utf-8-sig").startswith("enterprise_number,slug,name")


def test_generate_partners_makes_n_valid_live_partners():
    out = io.StringIO()
    call_command("generate_partners", 40, "--seed", "7", stdout=out)
    assert "Created 40 fictional partners" in out.getvalue()
    partners = list(Partner.objects.prefetch_related("kinds", "study_domains", "education_forms"))
    assert len(partners) == 40
    for partner in partners:
        partner.full_clean()
        assert partner.live and partner.name.endswith("(fictief)")
        assert partner.province_id and partner.latitude and partner.municipality
        assert partner.kinds.all() and partner.study_domains.all() and partner.education_forms.all()
        assert partner.contact_email.endswith(".example") and not partner.contact_name
    # Indexed for search in bulk, with the names of related terms.
    bakery_like = Partner.objects.published().search(partners[0].name.split()[0]).count()
    assert bakery_like >= 1
    # The same seed gives the same partners.
    names = sorted(p.name for p in partners)
    Partner.objects.all().delete()
    call_command("generate_partners", 40, "--seed", "7", stdout=io.StringIO())
    assert sorted(Partner.objects.values_list("name", flat=True)) == names


class PurgeReceiver(ThreadingHTTPServer):
    """A real HTTP endpoint in the place of Varnish: it answers 200 and keeps every PURGE and
    BAN it receives as (method, path or ban prefix)."""

    def __init__(self):
        self.received = []

        class Handler(BaseHTTPRequestHandler):
            def _record(handler):
                prefix = handler.headers.get("X-Ban-Prefix")
                self.received.append((handler.command, prefix or handler.path))
                handler.send_response(200)
                handler.send_header("Content-Length", "0")
                handler.end_headers()

            do_PURGE = do_BAN = _record

            def log_message(handler, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def edge_receiver(settings):
    receiver = PurgeReceiver()
    settings.WAGTAILFRONTENDCACHE = {
        "edge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    yield receiver
    receiver.shutdown()
    receiver.server_close()


def test_an_import_purges_the_directory_once_after_its_commit(
    tmp_path, site_tree, edge_receiver, django_capture_on_commit_callbacks
):
    rows = "".join(
        f"{number},Bedrijf {index} Import (fictief),bedrijf,9000,Gent,voeding,snuffelstage,"
        "voeding-en-horeca,arbeidsmarkt,1,ja,nl,2026-09-15,\n"
        for index, number in enumerate(["0566.988.259", "BE0353456320", "0403.170.701"])
    )
    path = write(tmp_path, HEADER + rows)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        out, error = run_import(path, "--publish")
    assert error is None, out
    assert Partner.objects.published().count() == 3
    assert edge_receiver.received == []  # nothing reaches the edge before the commit
    for callback in callbacks:
        callback()
    directory = site_tree["directory"].url
    assert edge_receiver.received.count(("BAN", directory)) == 1
    chapters_and_sitemap = [path for method, path in edge_receiver.received if method == "PURGE"]
    assert len(chapters_and_sitemap) == len(set(chapters_and_sitemap))


def test_a_dry_run_import_purges_nothing(
    tmp_path, site_tree, edge_receiver, django_capture_on_commit_callbacks
):
    path = write(
        tmp_path,
        HEADER + "0566.988.259,Bakkerij Import (fictief),bedrijf,9000,Gent,voeding,snuffelstage,"
        "voeding-en-horeca,arbeidsmarkt,1,ja,nl,2026-09-15,\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        out, error = run_import(path, "--publish", "--dry-run")
    assert error is None, out
    assert not Partner.objects.exists()
    assert edge_receiver.received == []
