"""Partners as CSV: the machine layout for export and import, and the directory's download.

`manage.py export_partners` writes the machine columns (plus the private contact columns with
--include-private, for operators), and `manage.py import_partners` reads them back, so an export
can be edited in a spreadsheet and imported again without creating duplicates. The directory's
"download as CSV" link is for people: see reader_csv_lines. See docs/partners.md.
"""

import csv
import datetime
import html
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from partners import fields as partner_fields
from partners.models import (
    LANGUAGE_CHOICES,
    Partner,
    PartnerKind,
    Sector,
)
from partners.validators import format_enterprise_number, normalise_enterprise_number
from portal import edge

LIST_SEPARATOR = "|"

# The columns follow the one declaration of a partner's fields (partners/fields.py), in its
# order. Columns anyone may see (the directory download, the API's fields), with the page's URL ...
PUBLIC_COLUMNS = [*partner_fields.PUBLIC_FIELDS, "url"]
# ... and the contact person, which never leaves the site except for an operator's export.
PRIVATE_COLUMNS = list(partner_fields.PRIVATE_FIELDS)
# Derived from other columns (or the site): exported for readers, ignored on import.
DERIVED_COLUMNS = {*partner_fields.DERIVED_FIELDS, "url"}

M2M_COLUMNS = {
    name: partner_fields.BY_NAME[name].taxonomy_model()
    for name in partner_fields.of_kind(partner_fields.TAXONOMIES)
}
BOOLEAN_COLUMNS = set(partner_fields.of_kind(partner_fields.YES_NO))
TRUE_VALUES = {"1", "ja", "true", "waar", "yes", "y", "j"}
FALSE_VALUES = {"0", "nee", "false", "onwaar", "no", "n", ""}

# Spreadsheets run a cell that starts with one of these as a formula ("CSV injection"): such
# values are written with a leading apostrophe, which the import removes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def columns(include_private=False):
    return PUBLIC_COLUMNS + (PRIVATE_COLUMNS if include_private else [])


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _uncell(text):
    text = (text or "").strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def partner_row(partner, *, include_private=False, url=""):
    """One partner as a dict of column -> text (M2M relations must be prefetched)."""
    row = {
        "enterprise_number": format_enterprise_number(partner.enterprise_number),
        "slug": partner.slug,
        "name": partner.name,
        "kind": partner.kind,
        "sector": partner.sector.slug if partner.sector_id else "",
        "description": partner.description,
        "website": partner.website,
        "street": partner.street,
        "postcode": partner.postcode,
        "municipality": partner.municipality,
        "province": partner.province.slug if partner.province_id else "",
        "latitude": "" if partner.latitude is None else partner.latitude,
        "longitude": "" if partner.longitude is None else partner.longitude,
        "places_per_year": partner.places_per_year,
        "mentor_available": int(partner.mentor_available),
        "mentor_trained": int(partner.mentor_trained),
        "languages": LIST_SEPARATOR.join(partner.languages or []),
        "last_confirmed": partner.last_confirmed.isoformat() if partner.last_confirmed else "",
        "url": url,
    }
    term_lists = getattr(partner, "term_lists", None)  # set by the directory's search
    for name in M2M_COLUMNS:
        if term_lists is not None:
            terms = term_lists[name]
        else:
            terms = sorted(getattr(partner, name).all(), key=lambda t: (t.sort_order, t.name))
        row[name] = LIST_SEPARATOR.join(term.slug for term in terms)
    if include_private:
        row.update({name: getattr(partner, name) for name in PRIVATE_COLUMNS})
    return row


class _Echo:
    def write(self, value):
        return value


def csv_lines(partners, *, include_private=False, url_for=None):
    """Encoded CSV lines (header first, with a BOM so spreadsheets read UTF-8), for streaming."""
    writer = csv.writer(_Echo())
    names = columns(include_private)
    yield ("\ufeff" + writer.writerow(names)).encode("utf-8")
    for partner in partners:
        row = partner_row(
            partner, include_private=include_private, url=url_for(partner) if url_for else ""
        )
        yield writer.writerow([_cell(row[name]) for name in names]).encode("utf-8")


# The directory's "download as CSV": for people, not for import. It opens by double-click in a
# Belgian Excel, which expects a semicolon and reads UTF-8 only after a byte-order mark; the
# headers are Dutch, terms are their names, the description is plain text. The API and
# `manage.py export_partners` stay the machine-readable exports (the columns above).
READER_DELIMITER = ";"


def reader_columns(with_distance=False):
    """(key, Dutch header) of the directory download, the distance only when a place was given."""
    headers = [
        ("name", _("Naam")),
        ("kind", _("Soort organisatie")),
        ("sector", _("Sector")),
        ("description", _("Beschrijving")),
        ("website", _("Website")),
        ("street", _("Straat en nummer")),
        ("postcode", _("Postcode")),
        ("municipality", _("Gemeente")),
        ("province", _("Provincie")),
        ("kinds", _("Vormen van werkplekleren")),
        ("study_domains", _("Studiedomeinen")),
        ("education_forms", _("Onderwijsvormen")),
        ("places_per_year", _("Plaatsen per schooljaar")),
        ("mentor_available", _("Mentor beschikbaar")),
        ("mentor_trained", _("Mentor opgeleid")),
        ("languages", _("Talen")),
        ("last_confirmed", _("Laatst bevestigd")),
        ("url", _("Pagina in de partnergids")),
    ]
    if with_distance:
        headers.insert(9, ("distance", _("Afstand (km)")))
    return headers


def _terms(partner, name):
    term_lists = getattr(partner, "term_lists", None)  # set by the directory's search
    if term_lists is not None:
        return term_lists[name]
    return sorted(getattr(partner, name).all(), key=lambda t: (t.sort_order, t.name))


def reader_row(partner, *, url="", distance=None):
    """One partner as the directory download shows it: names, plain text, ja/nee."""
    languages = dict(LANGUAGE_CHOICES)
    yes_no = {True: _("ja"), False: _("nee")}
    return {
        "name": partner.name,
        "kind": partner.get_kind_display(),
        "sector": partner.sector.name if partner.sector_id else "",
        "description": " ".join(html.unescape(strip_tags(partner.description or "")).split()),
        "website": partner.website,
        "street": partner.street,
        "postcode": partner.postcode,
        "municipality": partner.municipality,
        "province": partner.province.name if partner.province_id else "",
        "distance": distance,
        "kinds": ", ".join(term.name for term in _terms(partner, "kinds")),
        "study_domains": ", ".join(term.name for term in _terms(partner, "study_domains")),
        "education_forms": ", ".join(term.name for term in _terms(partner, "education_forms")),
        "places_per_year": partner.places_per_year,
        "mentor_available": yes_no[bool(partner.mentor_available)],
        "mentor_trained": yes_no[bool(partner.mentor_trained)],
        "languages": ", ".join(
            str(languages.get(code, code)) for code in (partner.languages or [])
        ),
        "last_confirmed": partner.last_confirmed.strftime("%d/%m/%Y")
        if partner.last_confirmed
        else "",
        "url": url,
    }


def reader_csv_lines(partners, *, url_for, distance_for=None):
    """The directory download as encoded lines: BOM, semicolons, Dutch headers, for streaming."""
    writer = csv.writer(_Echo(), delimiter=READER_DELIMITER)
    headers = reader_columns(with_distance=distance_for is not None)
    yield ("\ufeff" + writer.writerow([str(label) for _key, label in headers])).encode("utf-8")
    for partner in partners:
        distance = distance_for(partner) if distance_for else None
        row = reader_row(partner, url=url_for(partner), distance=distance)
        yield writer.writerow([_cell(row[key]) for key, _label in headers]).encode("utf-8")


def export_queryset():
    return (
        Partner.objects.select_related("sector", "province")
        .prefetch_related(*M2M_COLUMNS)
        .order_by("name", "pk")
    )


# Import


@dataclass
class RowReport:
    line: int
    action: str  # "created", "updated", "unchanged" or "refused"
    name: str = ""
    reasons: list = field(default_factory=list)
    partner_id: int | None = None


class _Refused(Exception):
    def __init__(self, report):
        super().__init__(report.reasons)
        self.report = report


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, header)."""


def _parse_bool(text):
    value = text.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ValidationError(_("gebruik 1 of 0 (ja of nee), niet “%(value)s”") % {"value": text})


def _parse_list(text):
    return [
        item.strip()
        for item in text.replace(";", LIST_SEPARATOR).split(LIST_SEPARATOR)
        if item.strip()
    ]


def read_rows(handle):
    """(line number, {column: text}) for every data row; the delimiter (, or ;) is sniffed."""
    try:
        text = handle.read()
    except UnicodeDecodeError as error:
        raise ImportFileError(_("Het bestand is geen UTF-8-tekst.")) from error
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Het bestand is geen UTF-8-tekst.")) from error
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    unknown = sorted(set(header) - set(columns(include_private=True)))
    if unknown:
        raise ImportFileError(_("Onbekende kolommen: %(names)s.") % {"names": ", ".join(unknown)})
    missing = sorted({"name", "postcode"} - set(header))
    if missing:
        raise ImportFileError(
            _("Verplichte kolommen ontbreken: %(names)s.") % {"names": ", ".join(missing)}
        )
    for row in reader:
        if None in row:
            yield reader.line_num, None
            continue
        yield reader.line_num, {name: _uncell(value) for name, value in row.items()}


class PartnerImporter:
    """Creates or updates partners from CSV rows, with the admin's validation.

    A row's partner is found by enterprise number, else by slug, else it is new. Only the
    columns in the file are changed. With `publish` the changes go live with a revision (as an
    editor's "publish"); without it a new partner stays a draft and a change to a live partner
    waits as an unpublished revision for review.

    `atomic=True` (the default): one transaction for the file; if any row is refused nothing is
    saved. `atomic=False`: one savepoint per row; refused rows are skipped, the others saved,
    and a row is never half-saved.
    """

    def __init__(self, *, publish=False, user=None, atomic=True, dry_run=False):
        self.publish = publish
        self.user = user
        self.atomic = atomic
        self.dry_run = dry_run
        self.terms = {
            name: {term.slug: term for term in model.objects.all()}
            for name, model in M2M_COLUMNS.items()
        }
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        self.saved = False

    def run(self, handle):
        rows = read_rows(handle)
        reports = []
        # Every partner saved asks for the directory's purge: sent once, after the commit.
        with transaction.atomic(), edge.one_purge_per_change():
            seen = {}
            for line, row in rows:
                if row is None:
                    reports.append(
                        RowReport(line, "refused", reasons=[_("meer cellen dan kolommen")])
                    )
                    continue
                try:
                    # A savepoint per row: a refused or failing row leaves nothing behind.
                    with transaction.atomic():
                        report = self._import_row(line, row, seen)
                        if report.action == "refused":
                            raise _Refused(report)
                except _Refused as refusal:
                    report = refusal.report
                except IntegrityError as error:
                    report = RowReport(line, "refused", row.get("name", ""), [str(error)])
                reports.append(report)
            refused = any(report.action == "refused" for report in reports)
            if self.dry_run or (self.atomic and refused):
                transaction.set_rollback(True)
            else:
                self.saved = True
        return reports

    def _find(self, row, errors):
        number = row.get("enterprise_number", "")
        if number:
            try:
                number = normalise_enterprise_number(number)
            except ValidationError as error:
                errors.append(f"enterprise_number: {' '.join(error.messages)}")
                return None, None
            partner = Partner.objects.filter(enterprise_number=number).first()
            if partner is not None:
                return partner, ("enterprise_number", number)
            return None, ("enterprise_number", number)
        slug = row.get("slug", "")
        if slug:
            return Partner.objects.filter(slug=slug).first(), ("slug", slug)
        return None, None

    def _import_row(self, line, row, seen):
        errors = []
        name = row.get("name", "")
        partner, key = self._find(row, errors)
        if errors:
            return RowReport(line, "refused", name, errors)
        if key is not None:
            if key in seen:
                return RowReport(
                    line,
                    "refused",
                    name,
                    [_("dezelfde partner staat al op regel %(line)s") % {"line": seen[key]}],
                )
            seen[key] = line
        is_new = partner is None
        if is_new:
            partner = Partner(live=False)
        before = self._snapshot(partner) if not is_new else None

        for column, text in row.items():
            if column in DERIVED_COLUMNS:
                continue
            try:
                self._apply(partner, column, text)
            except ValidationError as error:
                errors.append(f"{column}: {' '.join(error.messages)}")
        if errors:
            return RowReport(line, "refused", name, errors)
        try:
            partner.full_clean()
        except ValidationError as error:
            return RowReport(
                line,
                "refused",
                name,
                [
                    f"{column}: {' '.join(messages)}"
                    for column, messages in error.message_dict.items()
                ],
            )
        if not is_new and self._snapshot(partner) == before:
            return RowReport(line, "unchanged", partner.name, partner_id=partner.pk)
        self._save(partner, is_new)
        return RowReport(
            line, "created" if is_new else "updated", partner.name, partner_id=partner.pk
        )

    def _apply(self, partner, column, text):
        if column in M2M_COLUMNS:
            slugs = _parse_list(text)
            unknown = [slug for slug in slugs if slug not in self.terms[column]]
            if unknown:
                raise ValidationError(
                    _("onbekende waarde(n): %(values)s") % {"values": ", ".join(unknown)}
                )
            setattr(partner, column, [self.terms[column][slug] for slug in slugs])
        elif column == "sector":
            if text and text not in self.sectors:
                raise ValidationError(_("onbekende sector “%(value)s”") % {"value": text})
            partner.sector = self.sectors.get(text)
        elif column == "kind":
            if text not in PartnerKind.values:
                raise ValidationError(
                    _("kies uit %(values)s") % {"values": ", ".join(PartnerKind.values)}
                )
            partner.kind = text
        elif column in BOOLEAN_COLUMNS:
            setattr(partner, column, _parse_bool(text))
        elif column == "places_per_year":
            try:
                value = int(text or 0)
            except ValueError:
                raise ValidationError(
                    _("geen geheel getal: “%(value)s”") % {"value": text}
                ) from None
            partner.places_per_year = value
        elif column == "languages":
            codes = {code for code, _label in LANGUAGE_CHOICES}
            values = _parse_list(text.lower())
            unknown = [value for value in values if value not in codes]
            if unknown:
                raise ValidationError(
                    _("onbekende taal: %(values)s") % {"values": ", ".join(unknown)}
                )
            partner.languages = values
        elif column == "last_confirmed":
            try:
                partner.last_confirmed = datetime.date.fromisoformat(text) if text else None
            except ValueError:
                raise ValidationError(
                    _("geen datum als 2026-09-15: “%(value)s”") % {"value": text}
                ) from None
        elif column == "enterprise_number":
            # Normalised first: the field holds ten digits, files have 0566.988.259 or BE...
            partner.enterprise_number = normalise_enterprise_number(text) if text else None
        elif column == "slug":
            if text:
                if text in Partner.RESERVED_SLUGS:
                    raise ValidationError(_("“%(value)s” is gereserveerd") % {"value": text})
                partner.slug = text
        else:
            setattr(partner, column, text)

    @staticmethod
    def _snapshot(partner):
        data = {
            column: getattr(partner, column)
            for column in PUBLIC_COLUMNS + PRIVATE_COLUMNS
            if column not in DERIVED_COLUMNS and column not in M2M_COLUMNS
        }
        data["sector"] = partner.sector_id
        for column in M2M_COLUMNS:
            data[column] = sorted(term.pk for term in getattr(partner, column).all())
        return data

    def _save(self, partner, is_new):
        if is_new or not partner.live:
            partner.save()
        revision = partner.save_revision(user=self.user, log_action=True, clean=False)
        if self.publish:
            revision.publish(user=self.user)
