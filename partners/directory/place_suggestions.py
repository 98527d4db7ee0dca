"""Place suggestions for the directory's place field ("bij"), from the Belgian postcode list.

What the visitor types is matched against postcodes ("90" -> 9000 Gent, 9030 Mariakerke, ...)
and against the names of municipalities and their places (deelgemeenten), accents and case
ignored: names that start with the text first, then names with a word that starts with it
("kerke" -> 9030 Mariakerke only when nothing starts with it). Each suggestion is "9030
Mariakerke", which partners.geo.locate() reads back, so the choice always locates.
The list is partners/data/postcode_centroids.csv (partners/geo.py), read once per process.
"""

from functools import cache

from partners import geo

MAX_SUGGESTIONS = 10
MIN_LENGTH = 2


@cache
def _entries():
    """(folded name, postcode, label, is a municipality) per place name, by name.

    A name is offered once, with its lowest postcode ("3500 Hasselt", not every postcode of
    the merged municipality); municipalities come before the places (deelgemeenten) in them.
    """
    best = {}
    for postcode, places in sorted(geo.places_by_postcode().items()):
        municipalities = geo.municipalities_for_postcode(postcode)
        for name in {*places, *municipalities}:
            folded = geo.fold(name)
            if folded not in best:
                best[folded] = (folded, postcode, f"{postcode} {name}", name in municipalities)
            elif name in municipalities and not best[folded][3]:
                best[folded] = (folded, best[folded][1], best[folded][2], True)
    return sorted(best.values(), key=lambda entry: (not entry[3], entry[0]))


@cache
def _postcodes():
    """(postcode, label) for every place of every postcode, by postcode."""
    return sorted(
        {
            (postcode, f"{postcode} {name}")
            for postcode, places in geo.places_by_postcode().items()
            for name in {*places, *geo.municipalities_for_postcode(postcode)}
        }
    )


def suggest(text, limit=MAX_SUGGESTIONS):
    """Up to `limit` labels ("9000 Gent") for what was typed; [] for less than two characters."""
    wanted = geo.fold(" ".join(str(text or "").split()))[:60]
    if len(wanted) < MIN_LENGTH:
        return []
    if wanted.isdigit():
        return [label for postcode, label in _postcodes() if postcode.startswith(wanted)][:limit]
    exact = [entry[2] for entry in _entries() if entry[0] == wanted]
    starts = [
        entry[2] for entry in _entries() if entry[0].startswith(wanted) and entry[0] != wanted
    ]
    found = exact + starts
    if len(found) < limit:
        found += [
            entry[2]
            for entry in _entries()
            if not entry[0].startswith(wanted)
            and any(part.startswith(wanted) for part in entry[0].replace("-", " ").split())
        ]
    return found[:limit]
