"""An in-memory index of the published partners: one bitset per facet value.

Why: the directory shows, on every request, a count next to each of some 65 filter values, and
each count applies every other active filter (disjunctive faceting). Measured on PostgreSQL with
100,000 partners, a GROUP BY per facet over the filtered rows costs 15 to 150 ms each (the
many-to-many ones join 250,000 rows); with bitsets a count is an AND and a popcount over 12.5 kB,
a few microseconds, whatever the number of results. The database still answers the text search
(its full-text index), and the page's rows are read by id.

The index holds only what filtering, counting and sorting need (ids, facet values, coordinates,
sort order), about 3 MB per 100,000 partners. It goes stale only from the database: its stamp is
the number of partners and the newest `updated_at` (two small queries per request, so every
process sees an approval, change or withdrawal at once), the school year (places "this school
year") and, as a last resort, an age of MAX_AGE seconds. A rebuild reads the published partners
and their many-to-many rows: 1 to 1.5 s for 100,000 partners. Each gunicorn worker builds it
before it takes traffic (gunicorn.conf.py: post_worker_init -> warm_up()); later rebuilds of a
large index happen in a background thread while requests use the previous one, small ones
before answering. Results are read from the database by id among the published partners, so a
withdrawn partner leaves the results at once even while its index is rebuilt.

Partners are numbered by position, sorted by location (then id), so the partners at one point
(partners get their postcode's coordinates) are one contiguous range of bits: a distance filter
is the OR of the ranges of the points within reach, computed per request from about 1,200
points.
"""

import logging
import threading
import time
import unicodedata
from array import array
from collections import OrderedDict, defaultdict

from django.db import connection, connections
from django.db.models import Max

from partners import geo
from partners.models import (
    Partner,
    school_year_start,
)

logger = logging.getLogger(__name__)

MAX_AGE = 300
# From this many partners (a rebuild of about 0.1 s and more) rebuilds happen in a thread.
BACKGROUND_FROM_SIZE = 10_000
TEXT_CACHE_SIZE = 256
TEXT_CACHE_IDS = 1_000_000

# Facet parameters and the many-to-many field each reads.
M2M_FACETS = {"aanbod": "kinds", "domein": "study_domains", "vorm": "education_forms"}

_BITS = bytes.maketrans(b"\x00\x01", b"01")


def mask_of(positions, size):
    """A bitset (int) with the given positions set."""
    if size == 0:
        return 0
    flags = bytearray(size)
    for position in positions:
        flags[position] = 1
    return int(flags.translate(_BITS)[::-1], 2)


def sort_key(name):
    """Names in alphabetical order as people expect it: no case, accents as their letter."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def range_mask(start, count):
    return ((1 << count) - 1) << start


def positions_of(mask):
    """The set positions of a bitset, ascending."""
    bits = bin(mask)[:1:-1]  # least significant bit first
    found, index = [], bits.find("1")
    while index != -1:
        found.append(index)
        index = bits.find("1", index + 1)
    return found


def flags_of(mask, size):
    """A string with "1" at each set position, for O(1) tests while walking a sort order."""
    return bin(mask)[:1:-1].ljust(size, "0")


class FacetIndex:
    """Bitsets of the published partners; built from the database by `build()`."""

    def __init__(self, stamp):
        self.stamp = stamp
        self.built_at = time.monotonic()
        self.ids = array("q")
        self.position = {}
        self.size = 0
        self.all = 0
        self.masks = {}
        self.places = 0
        self.points = []  # (latitude, longitude, start, count), in position order
        self.order = {}  # sort name -> array of positions
        self.name_rank = array("l")
        self.build_seconds = 0.0
        self._texts = OrderedDict()
        self._text_ids = 0
        self._texts_lock = threading.Lock()

    @classmethod
    def build(cls, stamp, today):
        started = time.monotonic()
        index = cls(stamp)
        index._fill(today)
        index.build_seconds = time.monotonic() - started
        return index

    def _fill(self, today):
        """Read the published partners and their many-to-many links into bitsets."""
        rows = list(
            Partner.objects.published()
            .order_by()
            .values_list(
                "pk",
                "name",
                "kind",
                "sector_id",
                "province_id",
                "places_per_year",
                "last_confirmed",
                "latitude",
                "longitude",
            )
        )
        # Location first, so each point's partners are one range of positions.
        rows.sort(key=lambda row: (row[7] is None, row[7] or 0.0, row[8] or 0.0, row[0]))
        size = self.size = len(rows)
        self.ids = array("q", (row[0] for row in rows))
        self.position = {pk: position for position, pk in enumerate(self.ids)}
        self.all = (1 << size) - 1

        start = school_year_start(today)
        groups = defaultdict(list)
        places = []
        points = []
        for position, (_pk, _name, kind, sector, province, count, confirmed, lat, lon) in enumerate(
            rows
        ):
            groups[("soort", kind)].append(position)
            if sector is not None:
                groups[("sector", sector)].append(position)
            if province is not None:
                groups[("provincie", province)].append(position)
            if count and confirmed and confirmed >= start:
                places.append(position)
            if lat is not None and lon is not None:
                if points and points[-1][0] == lat and points[-1][1] == lon:
                    points[-1][3] += 1
                else:
                    points.append([lat, lon, position, 1])
        # Open places per month this school year (partners/places): the "periode" facet.
        from partners.places.queries import open_months

        for month, partner_ids in open_months(start.year, (rows[p][0] for p in places)).items():
            groups[("periode", month)].extend(
                self.position[pk] for pk in partner_ids if pk in self.position
            )
        for param, field in M2M_FACETS.items():
            for term, partner_ids in _members(field):
                groups[(param, term)].extend(
                    self.position[pk] for pk in partner_ids if pk in self.position
                )
        for (param, value), members in groups.items():
            self.masks.setdefault(param, {})[value] = mask_of(members, size)
        self.places = mask_of(places, size)
        self.points = [tuple(point) for point in points]

        folded = [sort_key(row[1]) for row in rows]
        by_name = sorted(range(size), key=lambda p: (folded[p], rows[p][0]))
        self.order["naam"] = array("l", by_name)
        self.name_rank = array("l", [0]) * size
        for rank, position in enumerate(by_name):
            self.name_rank[position] = rank
        self.order["recent"] = array(
            "l",
            sorted(
                range(size),
                key=lambda p: (
                    rows[p][6] is None,
                    -(rows[p][6].toordinal() if rows[p][6] else 0),
                    self.name_rank[p],
                ),
            ),
        )

    # Masks

    def value_mask(self, param, values):
        """Partners with ANY of the values of one facet."""
        mask = 0
        for value in values:
            mask |= self.masks.get(param, {}).get(value, 0)
        return mask

    def ids_mask(self, ids):
        position = self.position
        return mask_of((position[pk] for pk in ids if pk in position), self.size)

    def text_matches(self, text, fetch):
        """(ids best first, bitset) of the partners matching `text`; `fetch` asks the backend.

        Recent texts are kept (at most TEXT_CACHE_SIZE, and TEXT_CACHE_IDS ids in all, about
        8 MB): the index is rebuilt, and this cache with it, whenever partners change.
        """
        with self._texts_lock:
            if text in self._texts:
                self._texts.move_to_end(text)
                return self._texts[text]
        ids = array("q", (pk for pk in fetch() if pk in self.position))
        found = (ids, self.ids_mask(ids))
        with self._texts_lock:
            self._texts[text] = found
            self._text_ids += len(ids)
            while len(self._texts) > 1 and (
                len(self._texts) > TEXT_CACHE_SIZE or self._text_ids > TEXT_CACHE_IDS
            ):
                _text, (dropped, _mask) = self._texts.popitem(last=False)
                self._text_ids -= len(dropped)
        return found

    def distances(self, latitude, longitude, km):
        """[(distance, start, count)] of the points within `km`, nearest first."""
        found = []
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(latitude, longitude, km)
        for lat, lon, start, count in self.points:
            if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon:
                distance = geo.distance_km(latitude, longitude, lat, lon)
                if distance <= km:
                    found.append((distance, start, count))
        found.sort()
        return found


def _members(field):
    """(term id, [partner ids]) for a many-to-many field, one row per term."""
    source = Partner._meta.get_field(field)
    through = source.remote_field.through
    partner_column = f"{source.m2m_field_name()}_id"
    term_column = f"{source.m2m_reverse_field_name()}_id"
    rows = through.objects.order_by()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import ArrayAgg

        # One row per term with an array: far faster to read than a row per link.
        yield from (
            rows.values(term_column)
            .annotate(ids=ArrayAgg(partner_column))
            .values_list(term_column, "ids")
        )
        return
    members = defaultdict(list)
    for partner, term in rows.values_list(partner_column, term_column).iterator(chunk_size=10_000):
        members[term].append(partner)
    yield from members.items()


_index = None
_lock = threading.Lock()
_rebuilding = threading.Event()


def _stamp(today):
    # Two queries, not one aggregate: together PostgreSQL reads the whole table for them
    # (121 ms at 100,000 partners); apart, the newest change is read backwards from its index
    # (0.1 ms) and the count from an index-only scan (22 ms, both on a loaded machine).
    newest = Partner.objects.aggregate(newest=Max("updated_at"))["newest"]
    return (
        connection.alias,
        connection.settings_dict["NAME"],
        Partner.objects.count(),
        newest,
        school_year_start(today),
    )


def _fresh(index, stamp):
    return (
        index is not None and index.stamp == stamp and time.monotonic() - index.built_at < MAX_AGE
    )


def current_index(today, *, wait=False):
    """The index for the partners as they are now (rebuilt when they changed).

    In a large directory (BACKGROUND_FROM_SIZE partners) the rebuild happens in a thread while
    requests keep using the previous index for that second or so; small directories, the
    first build of a process, and callers that `wait` (the alerts run, which must see every
    partner it mails about) rebuild before answering.
    """
    global _index
    stamp = _stamp(today)
    index = _index
    if _fresh(index, stamp):
        return index
    if not wait and index is not None and index.size >= BACKGROUND_FROM_SIZE:
        _rebuild_in_background(today)
        return index
    with _lock:
        if not _fresh(_index, stamp):
            _index = FacetIndex.build(stamp, today)
        return _index


def _rebuild_in_background(today):
    if _rebuilding.is_set():
        return
    _rebuilding.set()

    def rebuild():
        global _index
        try:
            stamp = _stamp(today)
            if not _fresh(_index, stamp):
                index = FacetIndex.build(stamp, today)
                with _lock:
                    _index = index
        except Exception:
            logger.exception("Rebuilding the partner directory's facet index failed")
        finally:
            _rebuilding.clear()
            connections.close_all()  # this thread's own connections

    threading.Thread(target=rebuild, name="partners-facet-index", daemon=True).start()


def warm_up(today=None):
    """Build this process's index before it answers anyone (gunicorn.conf.py)."""
    import datetime

    started = time.monotonic()
    index = current_index(today or datetime.date.today())
    logger.info(
        "Partner facet index: %s partners in %.2f s", index.size, time.monotonic() - started
    )
    connections.close_all()
