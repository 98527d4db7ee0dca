"""Fictional partners in bulk, for demos and benchmarks (`manage.py generate_partners N`).

Every name ends in "(fictief)" and is made of invented words; websites and e-mail addresses use
the reserved .example domain; there is no contact person's name or phone number and no
enterprise number, so nothing can be mistaken for a real organisation or person. Postcodes,
municipalities, provinces and coordinates are real (partners/geo.py), and each sector has its
own plausible mix of study domains, education forms and kinds of workplace learning, so filters
and facet counts behave as they would with real data.

Rows are written with bulk_create in batches, live without a revision (a revision per row would
make 100,000 partners take hours), and indexed for search in bulk per batch.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.search.backends import get_search_backends

from partners import geo

# (sector slug, business words, study domains, typical kinds, activities for the description)
SECTORS = [
    (
        "bouw",
        ["Bouwbedrijf", "Aannemingen", "Dakwerken", "Renovatiebedrijf"],
        ["stem"],
        ["leerlingenstage", "werkplek-duaal-leren", "leerwerkplek", "snuffelstage"],
        "metselwerk, ruwbouw en renovatie van woningen en scholen",
    ),
    (
        "metaal-en-technologie",
        ["Constructiewerkplaats", "Metaalbewerking", "Lasatelier"],
        ["stem"],
        ["leerlingenstage", "werkplek-duaal-leren", "bedrijfsbezoek"],
        "lassen, draaien en frezen van onderdelen voor machines",
    ),
    (
        "chemie-en-kunststoffen",
        ["Kunststofverwerking", "Chemiebedrijf", "Labo"],
        ["stem"],
        ["leerlingenstage", "bedrijfsbezoek", "gastles", "observatiestage"],
        "het mengen, spuitgieten en testen van kunststoffen in het labo",
    ),
    (
        "voeding",
        ["Bakkerij", "Slagerij", "Brouwerij", "Zuivelhoeve", "Chocolaterie"],
        ["voeding-en-horeca", "stem"],
        ["leerlingenstage", "snuffelstage", "werkplek-duaal-leren"],
        "brood, gebak en streekproducten maken volgens ambachtelijke recepten",
    ),
    (
        "horeca-en-toerisme",
        ["Restaurant", "Hotel", "Brasserie", "Feestzaal", "Camping"],
        ["voeding-en-horeca"],
        ["leerlingenstage", "werkplek-duaal-leren", "snuffelstage"],
        "koken, bedienen en gasten ontvangen in zaal en keuken",
    ),
    (
        "handel",
        ["Winkel", "Groothandel", "Tuincentrum", "Boekhandel"],
        ["economie-en-organisatie"],
        ["leerlingenstage", "snuffelstage", "mini-onderneming"],
        "klanten adviseren, rekken aanvullen en de kassa bedienen",
    ),
    (
        "zorg-en-welzijn",
        ["Woonzorgcentrum", "Kinderdagverblijf", "Dienstencentrum"],
        ["maatschappij-en-welzijn"],
        ["leerlingenstage", "observatiestage", "snuffelstage"],
        "zorg voor ouderen en kinderen, met aandacht voor hygiëne en communicatie",
    ),
    (
        "onderwijs",
        ["Basisschool", "Academie", "Vormingscentrum"],
        ["maatschappij-en-welzijn", "taal-en-cultuur"],
        ["observatiestage", "gastles", "leerlingenstage"],
        "begeleiden van leerlingen in de klas en op uitstap",
    ),
    (
        "logistiek-en-transport",
        ["Transportbedrijf", "Distributiecentrum", "Koeriersdienst"],
        ["economie-en-organisatie", "stem"],
        ["leerlingenstage", "werkplek-duaal-leren", "bedrijfsbezoek"],
        "orders verzamelen, heftruck rijden en vrachten plannen",
    ),
    (
        "ict",
        ["Softwarebedrijf", "Webbureau", "IT-dienst"],
        ["stem", "economie-en-organisatie"],
        ["leerlingenstage", "project-met-een-bedrijf", "gastles"],
        "websites bouwen, netwerken beheren en computers herstellen",
    ),
    (
        "land-en-tuinbouw",
        ["Boerderij", "Tuinbouwbedrijf", "Boomkwekerij", "Melkveebedrijf"],
        ["land-en-tuinbouw"],
        ["leerlingenstage", "werkplek-duaal-leren", "praktijkles-op-verplaatsing"],
        "zaaien, oogsten en zorgen voor dieren en machines",
    ),
    (
        "haar-en-schoonheidszorg",
        ["Kapsalon", "Schoonheidsinstituut", "Nagelstudio"],
        ["maatschappij-en-welzijn"],
        ["leerlingenstage", "werkplek-duaal-leren", "snuffelstage"],
        "knippen, kleuren en verzorgen van huid en haar",
    ),
    (
        "auto-en-mobiliteit",
        ["Garage", "Carrosserie", "Fietsenwinkel", "Bandencentrale"],
        ["stem"],
        ["leerlingenstage", "werkplek-duaal-leren", "snuffelstage"],
        "onderhoud, diagnose en herstelling van wagens en fietsen",
    ),
    (
        "hout-en-meubel",
        ["Schrijnwerkerij", "Meubelmakerij", "Houthandel"],
        ["stem", "kunst-en-creatie"],
        ["leerlingenstage", "werkplek-duaal-leren", "leerwerkplek"],
        "ramen, deuren en meubels op maat maken",
    ),
    (
        "grafische-sector-en-media",
        ["Drukkerij", "Fotostudio", "Ontwerpbureau"],
        ["kunst-en-creatie", "stem"],
        ["leerlingenstage", "project-met-een-bedrijf", "gastles"],
        "drukwerk, fotografie en grafisch ontwerp",
    ),
    (
        "overheid",
        ["Gemeentelijke dienst", "Stedelijke werkplaats", "Groendienst"],
        ["economie-en-organisatie", "maatschappij-en-welzijn"],
        ["leerlingenstage", "observatiestage", "bedrijfsbezoek"],
        "dienstverlening aan inwoners en onderhoud van het openbaar domein",
    ),
    (
        "cultuur",
        ["Cultuurcentrum", "Museum", "Theatergezelschap"],
        ["kunst-en-creatie", "taal-en-cultuur"],
        ["observatiestage", "gastles", "project-met-een-bedrijf"],
        "tentoonstellingen, voorstellingen en publiekswerking",
    ),
    (
        "financiele-diensten",
        ["Boekhoudkantoor", "Verzekeringskantoor", "Bankkantoor"],
        ["economie-en-organisatie"],
        ["leerlingenstage", "observatiestage", "mini-onderneming"],
        "boekhouding, verzekeringen en klantenadvies",
    ),
    (
        "energie-en-milieu",
        ["Installateur", "Recyclagebedrijf", "Zonnepanelenbedrijf"],
        ["stem"],
        ["leerlingenstage", "werkplek-duaal-leren", "bedrijfsbezoek"],
        "installatie van warmtepompen en zonnepanelen en sorteren van afval",
    ),
    (
        "sport-en-recreatie",
        ["Sportcentrum", "Zwembad", "Fitnesszaal", "Jeugdherberg"],
        ["sport"],
        ["leerlingenstage", "snuffelstage", "observatiestage"],
        "lessen begeleiden, materiaal onderhouden en bezoekers onthalen",
    ),
]

NAME_HEADS = [
    "Zonne",
    "Linde",
    "Eike",
    "Beuke",
    "Kore",
    "Wilge",
    "Heide",
    "Molen",
    "Vlas",
    "Hoppe",
    "Klaver",
    "Rozen",
    "Berken",
    "Duin",
    "Polder",
    "Beek",
    "Meers",
    "Kouter",
    "Brem",
    "Hazel",
    "Ooie",
    "Wouter",
    "Vijver",
    "Ganze",
]
NAME_TAILS = [
    "veld",
    "hof",
    "dal",
    "berg",
    "hoek",
    "laar",
    "donk",
    "meer",
    "rode",
    "dries",
    "bos",
    "wijk",
    "gaarde",
    "kant",
    "brugge",
    "akker",
    "lo",
    "voorde",
]
STREETS = [
    "Kerkstraat",
    "Stationsstraat",
    "Molenstraat",
    "Dorpsstraat",
    "Nieuwstraat",
    "Schoolstraat",
    "Industrieweg",
    "Kouterstraat",
    "Veldstraat",
    "Ambachtsweg",
    "Hoogstraat",
    "Kapelstraat",
    "Ambachtenlaan",
    "Nijverheidsstraat",
    "Brugstraat",
]
FORMS = [
    ("arbeidsmarkt", 60),
    ("dubbele-finaliteit", 45),
    ("doorstroom", 15),
    ("dbso", 30),
    ("buso", 12),
    ("volwassenenonderwijs", 10),
    ("hbo5", 10),
    ("slo", 3),
    ("dko", 2),
]
KINDS = [("bedrijf", 80), ("school", 8), ("sectororganisatie", 6), ("openbare-dienst", 6)]
EXTRA_KINDS = [
    "bedrijfsbezoek",
    "gastles",
    "observatiestage",
    "praktijkles-op-verplaatsing",
    "project-met-een-bedrijf",
]
LEARNING = [
    "Leerlingen werken mee naast een ervaren collega en krijgen elke dag feedback.",
    "Een vaste mentor volgt de leerling op en houdt contact met de school.",
    "We bespreken vooraf samen met de school wat de leerling wil leren.",
    "Stagiairs krijgen een eigen opdracht die ze aan het eind voorstellen.",
    "Veiligheid komt eerst: elke leerling krijgt een rondleiding en de nodige uitrusting.",
]


def _weighted(rng, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def _postcodes():
    """Real postcodes with coordinates, mostly in Flanders and Brussels (the portal's area)."""
    flemish, other = [], []
    for postcode, point in geo.postcode_centroids().items():
        if not geo.municipalities_for_postcode(postcode):
            continue
        number = int(postcode)
        target = (
            flemish if 1000 <= number < 1300 or 1500 <= number < 4000 or number >= 8000 else other
        )
        target.append((postcode, point))
    return sorted(flemish), sorted(other)


def generate(count, *, seed=None, batch_size=2000, index=True, stdout=None):
    """Create `count` live fictional partners; returns how many were made."""
    from partners.models import (
        EducationForm,
        Partner,
        Province,
        Sector,
        StudyDomain,
        WorkplaceLearningKind,
    )

    rng = random.Random(seed)  # noqa: S311 - fictional demo data, no security role
    sectors = {sector.slug: sector.pk for sector in Sector.objects.all()}
    domains = {domain.slug: domain.pk for domain in StudyDomain.objects.all()}
    forms = {form.slug: form.pk for form in EducationForm.objects.all()}
    kinds = {kind.slug: kind.pk for kind in WorkplaceLearningKind.objects.all()}
    provinces = {province.refnis_code: province.pk for province in Province.objects.all()}
    profiles = [profile for profile in SECTORS if profile[0] in sectors]
    flemish, other = _postcodes()
    used_slugs = set(Partner.objects.values_list("slug", flat=True))
    today = timezone.localdate()
    now = timezone.now()
    through = {
        "study_domains": Partner.study_domains.through,
        "education_forms": Partner.education_forms.through,
        "kinds": Partner.kinds.through,
    }
    made = 0
    while made < count:
        size = min(batch_size, count - made)
        partners, relations = [], []
        for _number in range(size):
            sector_slug, words, sector_domains, sector_kinds, activity = rng.choice(profiles)
            postcode, (latitude, longitude) = rng.choice(flemish if rng.random() < 0.93 else other)
            municipality = geo.municipalities_for_postcode(postcode)[0]
            word = rng.choice(words)
            invented = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
            name = f"{word} {invented} (fictief)"
            slug = slugify(f"{word} {invented}")
            while slug in used_slugs:
                slug = f"{slugify(f'{word} {invented}')}-{rng.randrange(16**6):06x}"
            used_slugs.add(slug)
            confirmed = (
                None
                if rng.random() < 0.05
                else today - datetime.timedelta(days=rng.randrange(1100))
            )
            languages = ["nl"] + [
                code
                for code, chance in (("fr", 0.15), ("en", 0.1), ("de", 0.02))
                if rng.random() < chance
            ]
            mentor = rng.random() < 0.75
            partners.append(
                Partner(
                    name=name,
                    slug=slug,
                    kind=_weighted(rng, KINDS),
                    description=(
                        f"<p>{word} in {municipality}: {activity}. {rng.choice(LEARNING)}</p>"
                    ),
                    website=f"https://{slug[:50]}.example",
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 250)}",
                    postcode=postcode,
                    municipality=municipality,
                    province_id=provinces.get(geo.province_code_for_postcode(postcode)),
                    latitude=latitude,
                    longitude=longitude,
                    sector_id=sectors[sector_slug],
                    places_per_year=0 if rng.random() < 0.25 else rng.randint(1, 6),
                    mentor_available=mentor,
                    mentor_trained=mentor and rng.random() < 0.6,
                    languages=languages,
                    contact_email=f"stage@{slug[:50]}.example",
                    last_confirmed=confirmed,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
            chosen_domains = set(sector_domains[: rng.randint(1, len(sector_domains))])
            if rng.random() < 0.1:
                chosen_domains.add("domeinoverschrijdend")
            chosen_kinds = set(rng.sample(sector_kinds, rng.randint(1, len(sector_kinds))))
            if rng.random() < 0.3:
                chosen_kinds.add(rng.choice(EXTRA_KINDS))
            chosen_forms = {_weighted(rng, FORMS) for _i in range(rng.randint(1, 3))}
            relations.append(
                {
                    "study_domains": [domains[s] for s in chosen_domains if s in domains],
                    "education_forms": [forms[s] for s in chosen_forms if s in forms],
                    "kinds": [kinds[s] for s in chosen_kinds if s in kinds],
                }
            )
        with transaction.atomic():
            Partner.objects.bulk_create(partners, batch_size=batch_size)
            for name, model in through.items():
                source = Partner._meta.get_field(name)
                partner_column = f"{source.m2m_field_name()}_id"
                term_column = f"{source.m2m_reverse_field_name()}_id"
                model.objects.bulk_create(
                    [
                        model(**{partner_column: partner.pk, term_column: term})
                        for partner, relation in zip(partners, relations, strict=True)
                        for term in relation[name]
                    ],
                    batch_size=5000,
                )
            if index:
                index_partners([partner.pk for partner in partners])
        made += size
        if stdout is not None:
            stdout.write(f"  {made:>7} / {count}")
    return made


def index_partners(ids):
    """Add partners to every search backend in one go (what a save would do one by one)."""
    from partners.models import Partner

    partners = list(
        Partner.objects.filter(pk__in=ids)
        .select_related("sector", "province")
        .prefetch_related("study_domains", "kinds")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Partner, partners)
