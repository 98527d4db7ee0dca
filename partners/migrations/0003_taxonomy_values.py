"""Fill the directory's taxonomies with their real values.

Study domains of modernised secondary education, education forms and levels, kinds of workplace
learning (circular SO/2015/01, ovsg.be, vlajo.org), sectors, and the provinces with their Statbel
(REFNIS) codes, from which a partner's province follows. Existing rows (matched by slug) are
updated but never deleted: editors may have added terms.
"""

from django.db import migrations

TAXONOMIES = {
    "StudyDomain": [
        {
            "slug": "taal-en-cultuur",
            "name": "Taal en cultuur",
            "description": "Studierichtingen rond talen, literatuur, geschiedenis en "
            "cultuur, zoals moderne talen, Latijn en Grieks.",
            "sort_order": 0,
        },
        {
            "slug": "stem",
            "name": "STEM",
            "description": "Studierichtingen in wetenschappen, technologie, engineering en "
            "wiskunde, van elektromechanica en bouw tot biotechnologie en "
            "informatica.",
            "sort_order": 1,
        },
        {
            "slug": "kunst-en-creatie",
            "name": "Kunst en creatie",
            "description": "Studierichtingen in beeldende, audiovisuele en podiumkunsten en "
            "in creatieve vormgeving.",
            "sort_order": 2,
        },
        {
            "slug": "land-en-tuinbouw",
            "name": "Land- en tuinbouw",
            "description": "Studierichtingen in landbouw, tuinbouw, groenbeheer en dierenzorg.",
            "sort_order": 3,
        },
        {
            "slug": "economie-en-organisatie",
            "name": "Economie en organisatie",
            "description": "Studierichtingen in economie, bedrijfsorganisatie, handel, "
            "logistiek en administratie.",
            "sort_order": 4,
        },
        {
            "slug": "maatschappij-en-welzijn",
            "name": "Maatschappij en welzijn",
            "description": "Studierichtingen in zorg, welzijn en gedragswetenschappen, en in "
            "haar- en schoonheidsverzorging.",
            "sort_order": 5,
        },
        {
            "slug": "sport",
            "name": "Sport",
            "description": "Studierichtingen rond sport, beweging en sportbegeleiding.",
            "sort_order": 6,
        },
        {
            "slug": "voeding-en-horeca",
            "name": "Voeding en horeca",
            "description": "Studierichtingen in bakkerij, slagerij, keuken, restaurant, "
            "hotel en voedingstechniek.",
            "sort_order": 7,
        },
        {
            "slug": "domeinoverschrijdend",
            "name": "Domeinoverschrijdend",
            "description": "Aanbod dat meerdere studiedomeinen combineert, zoals sommige "
            "scholen het naast de acht studiedomeinen inrichten.",
            "sort_order": 8,
        },
    ],
    "EducationForm": [
        {
            "slug": "doorstroom",
            "name": "Doorstroomfinaliteit",
            "description": "Studierichtingen in het secundair onderwijs die voorbereiden "
            "op een bacheloropleiding in het hoger onderwijs.",
            "sort_order": 0,
        },
        {
            "slug": "dubbele-finaliteit",
            "name": "Dubbele finaliteit",
            "description": "Studierichtingen die zowel voorbereiden op verdere studies in "
            "het hoger onderwijs als op een beroep op de arbeidsmarkt.",
            "sort_order": 1,
        },
        {
            "slug": "arbeidsmarkt",
            "name": "Arbeidsmarktfinaliteit",
            "description": "Studierichtingen die leerlingen rechtstreeks voorbereiden op "
            "een beroep op de arbeidsmarkt.",
            "sort_order": 2,
        },
        {
            "slug": "buso",
            "name": "Buitengewoon secundair onderwijs (BuSO)",
            "description": "Secundair onderwijs voor jongeren met specifieke "
            "onderwijsbehoeften in opleidingsvormen 1 tot 4, met duaal "
            "leren in opleidingsvorm 3 en 4.",
            "sort_order": 3,
        },
        {
            "slug": "dbso",
            "name": "Deeltijds beroepssecundair onderwijs (DBSO)",
            "description": "Beroepsopleiding waarin jongeren lessen in een centrum voor "
            "deeltijds onderwijs combineren met leren en werken op een "
            "werkplek.",
            "sort_order": 4,
        },
        {
            "slug": "volwassenenonderwijs",
            "name": "Secundair volwassenenonderwijs",
            "description": "Opleidingen in een centrum voor volwassenenonderwijs voor wie "
            "als volwassene een diploma, een beroepskwalificatie of "
            "taalvaardigheid wil behalen.",
            "sort_order": 5,
        },
        {
            "slug": "hbo5",
            "name": "Graduaatsopleidingen (HBO5)",
            "description": "Hoger beroepsonderwijs dat sinds het schooljaar 2019-2020 als "
            "graduaatsopleiding wordt ingericht, met minstens een derde "
            "werkplekleren.",
            "sort_order": 6,
        },
        {
            "slug": "slo",
            "name": "Specifieke lerarenopleiding (SLO)",
            "description": "Lerarenopleiding voor wie al een diploma of beroepservaring "
            "heeft en leraar wil worden, met stages in scholen.",
            "sort_order": 7,
        },
        {
            "slug": "dko",
            "name": "Deeltijds kunstonderwijs (DKO)",
            "description": "Kunstonderwijs in academies voor beeld, muziek, woord en dans, "
            "dat kinderen, jongeren en volwassenen naast hun school of werk "
            "volgen.",
            "sort_order": 8,
        },
    ],
    "WorkplaceLearningKind": [
        {
            "slug": "leerlingenstage",
            "name": "Leerlingenstage",
            "description": "Een stage waarin een leerling als deel van de "
            "opleiding in een echte werkomgeving leert en werkt "
            "onder begeleiding van een mentor, sinds 1 september "
            "2014 verplicht in het zesde jaar tso en bso en het "
            "zevende jaar bso.",
            "sort_order": 0,
        },
        {
            "slug": "snuffelstage",
            "name": "Snuffelstage",
            "description": "Een korte kennismaking met een beroep of bedrijf voor "
            "leerlingen vanaf 14 jaar, van hoogstens een week, als "
            "hulp bij de studie- en beroepskeuze.",
            "sort_order": 1,
        },
        {
            "slug": "observatiestage",
            "name": "Observatieactiviteit",
            "description": "Een observatieactiviteit waarin de leerling op de "
            "werkvloer meekijkt zonder zelf productief werk te "
            "verrichten.",
            "sort_order": 2,
        },
        {
            "slug": "praktijkles-op-verplaatsing",
            "name": "Praktijkles op verplaatsing",
            "description": "Een praktijkles die de leraar met de klas op de "
            "werkplek van een partner geeft, bijvoorbeeld met "
            "uitrusting die de school zelf niet heeft.",
            "sort_order": 3,
        },
        {
            "slug": "bedrijfsbezoek",
            "name": "Bedrijfsbezoek",
            "description": "Een begeleid bezoek van een klas aan een bedrijf of "
            "organisatie om de beroepen, het werk en de "
            "werkomgeving te leren kennen.",
            "sort_order": 4,
        },
        {
            "slug": "gastles",
            "name": "Gastles",
            "description": "Een les op school of in de klas door een vakman of "
            "vakvrouw uit een bedrijf of organisatie.",
            "sort_order": 5,
        },
        {
            "slug": "werkplek-duaal-leren",
            "name": "Werkplek duaal leren",
            "description": "Een werkplek, erkend per opleiding en per vestiging, "
            "waar een duale leerling van 15 tot 25 jaar ongeveer "
            "drie tot vier dagen per week leert onder begeleiding "
            "van een mentor.",
            "sort_order": 6,
        },
        {
            "slug": "leerwerkplek",
            "name": "Leerwerkplek",
            "description": "Een begeleide werkplek waar een jongere of cursist die "
            "nog niet klaar is voor een reguliere job of een duaal "
            "traject, werkervaring en arbeidsattitudes opbouwt.",
            "sort_order": 7,
        },
        {
            "slug": "project-met-een-bedrijf",
            "name": "Project met een bedrijf",
            "description": "Een opdracht die leerlingen op school of op de "
            "werkplek uitwerken voor of samen met een bedrijf of "
            "organisatie.",
            "sort_order": 8,
        },
        {
            "slug": "mini-onderneming",
            "name": "Ondersteuning mini-onderneming",
            "description": "Begeleiding door een bedrijf van een mini-onderneming, "
            "waarin leerlingen een schooljaar lang zelf een kleine "
            "onderneming opzetten en leiden.",
            "sort_order": 9,
        },
    ],
    "Sector": [
        {
            "slug": "bouw",
            "name": "Bouw",
            "description": "Ruwbouw, afwerking, wegenbouw, renovatie en het ontwerp van gebouwen, "
            "van de werf tot het architectenbureau.",
            "sort_order": 0,
        },
        {
            "slug": "metaal-en-technologie",
            "name": "Metaal en technologie",
            "description": "Metaalbewerking, lassen, machinebouw, elektromechanica en industriële "
            "automatisering.",
            "sort_order": 1,
        },
        {
            "slug": "chemie-en-kunststoffen",
            "name": "Chemie en kunststoffen",
            "description": "Chemische productie, kunststofverwerking, procesbediening en "
            "laboratoriumwerk.",
            "sort_order": 2,
        },
        {
            "slug": "voeding",
            "name": "Voeding",
            "description": "Productie en verwerking van voedingsmiddelen en dranken, van de "
            "ambachtelijke bakkerij tot de voedingsindustrie.",
            "sort_order": 3,
        },
        {
            "slug": "horeca-en-toerisme",
            "name": "Horeca en toerisme",
            "description": "Restaurants, hotels, cafés, catering en toeristische dienstverlening.",
            "sort_order": 4,
        },
        {
            "slug": "handel",
            "name": "Handel",
            "description": "Winkels, groot- en kleinhandel, verkoop, webwinkels en klantendienst.",
            "sort_order": 5,
        },
        {
            "slug": "zorg-en-welzijn",
            "name": "Zorg en welzijn",
            "description": "Ziekenhuizen, woonzorgcentra, kinderopvang, thuiszorg en andere "
            "voorzieningen voor zorg en welzijn.",
            "sort_order": 6,
        },
        {
            "slug": "onderwijs",
            "name": "Onderwijs",
            "description": "Scholen, academies en centra voor volwassenenonderwijs die met andere "
            "partners samenwerken rond werkplekleren.",
            "sort_order": 7,
        },
        {
            "slug": "logistiek-en-transport",
            "name": "Logistiek en transport",
            "description": "Opslag, distributie, goederenvervoer, havenactiviteiten en "
            "transportplanning.",
            "sort_order": 8,
        },
        {
            "slug": "ict",
            "name": "ICT",
            "description": "Softwareontwikkeling, webontwikkeling, netwerk- en systeembeheer en "
            "dataverwerking.",
            "sort_order": 9,
        },
        {
            "slug": "land-en-tuinbouw",
            "name": "Land- en tuinbouw",
            "description": "Akkerbouw, veeteelt, tuinbouw, groenvoorziening, dierenzorg en "
            "tuincentra.",
            "sort_order": 10,
        },
        {
            "slug": "haar-en-schoonheidszorg",
            "name": "Haar- en schoonheidszorg",
            "description": "Kapsalons, barbiers, schoonheidsinstituten en voetverzorging.",
            "sort_order": 11,
        },
        {
            "slug": "auto-en-mobiliteit",
            "name": "Auto en mobiliteit",
            "description": "Garages, carrosseriebedrijven en werkplaatsen voor het onderhoud van "
            "auto's, vrachtwagens, fietsen en andere voertuigen.",
            "sort_order": 12,
        },
        {
            "slug": "hout-en-meubel",
            "name": "Hout en meubel",
            "description": "Meubelmakerijen, schrijnwerkerijen, interieurbouw en houtverwerking.",
            "sort_order": 13,
        },
        {
            "slug": "grafische-sector-en-media",
            "name": "Grafische sector en media",
            "description": "Drukkerijen, prepress, grafisch ontwerp, audiovisuele productie en "
            "media.",
            "sort_order": 14,
        },
        {
            "slug": "overheid",
            "name": "Overheid",
            "description": "Diensten van gemeenten, steden, provincies, de Vlaamse overheid en "
            "andere openbare besturen.",
            "sort_order": 15,
        },
        {
            "slug": "cultuur",
            "name": "Cultuur",
            "description": "Theaters, musea, bibliotheken, cultuurcentra en erfgoedorganisaties.",
            "sort_order": 16,
        },
        {
            "slug": "financiele-diensten",
            "name": "Financiële diensten",
            "description": "Banken, verzekeraars en boekhoud- en accountantskantoren.",
            "sort_order": 17,
        },
        {
            "slug": "energie-en-milieu",
            "name": "Energie en milieu",
            "description": "Installatie van hernieuwbare energie en elektrotechniek, "
            "energieproductie, afvalbeheer, recyclage en milieutechniek.",
            "sort_order": 18,
        },
        {
            "slug": "sport-en-recreatie",
            "name": "Sport en recreatie",
            "description": "Sportclubs, sportcentra, recreatiedomeinen en organisatoren van "
            "vrijetijdsactiviteiten.",
            "sort_order": 19,
        },
    ],
    "Province": [
        {
            "slug": "antwerpen",
            "name": "Antwerpen",
            "description": "",
            "sort_order": 0,
            "refnis_code": "10000",
            "region": "Vlaanderen",
        },
        {
            "slug": "limburg",
            "name": "Limburg",
            "description": "",
            "sort_order": 1,
            "refnis_code": "70000",
            "region": "Vlaanderen",
        },
        {
            "slug": "oost-vlaanderen",
            "name": "Oost-Vlaanderen",
            "description": "",
            "sort_order": 2,
            "refnis_code": "40000",
            "region": "Vlaanderen",
        },
        {
            "slug": "vlaams-brabant",
            "name": "Vlaams-Brabant",
            "description": "",
            "sort_order": 3,
            "refnis_code": "20001",
            "region": "Vlaanderen",
        },
        {
            "slug": "west-vlaanderen",
            "name": "West-Vlaanderen",
            "description": "",
            "sort_order": 4,
            "refnis_code": "30000",
            "region": "Vlaanderen",
        },
        {
            "slug": "brussel",
            "name": "Brussels Hoofdstedelijk Gewest",
            "description": "",
            "sort_order": 5,
            "refnis_code": "04000",
            "region": "Brussel",
        },
        {
            "slug": "henegouwen",
            "name": "Henegouwen",
            "description": "",
            "sort_order": 6,
            "refnis_code": "50000",
            "region": "Wallonië",
        },
        {
            "slug": "luik",
            "name": "Luik",
            "description": "",
            "sort_order": 7,
            "refnis_code": "60000",
            "region": "Wallonië",
        },
        {
            "slug": "luxemburg",
            "name": "Luxemburg",
            "description": "",
            "sort_order": 8,
            "refnis_code": "80000",
            "region": "Wallonië",
        },
        {
            "slug": "namen",
            "name": "Namen",
            "description": "",
            "sort_order": 9,
            "refnis_code": "90000",
            "region": "Wallonië",
        },
        {
            "slug": "waals-brabant",
            "name": "Waals-Brabant",
            "description": "",
            "sort_order": 10,
            "refnis_code": "20002",
            "region": "Wallonië",
        },
    ],
}


def create_taxonomies(apps, schema_editor):
    for model_name, rows in TAXONOMIES.items():
        model = apps.get_model("partners", model_name)
        for row in rows:
            values = dict(row)
            model.objects.update_or_create(slug=values.pop("slug"), defaults=values)


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_partner_and_taxonomies")]

    operations = [migrations.RunPython(create_taxonomies, migrations.RunPython.noop)]
