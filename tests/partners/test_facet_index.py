"""The directory's in-memory facet index: bitsets, freshness, background rebuilds."""

import datetime
import re
import threading
import time

import pytest

from django.db import OperationalError

from partners.choices import PartnerKind
from partners.directory import facet_index
from partners.directory.facet_index import (
    current_index,
    flags_of,
    mask_of,
    positions_of,
    range_mask,
    sort_key,
)
from partners.models import school_year_start
from tests.partners.factories import published_partner


@pytest.fixture(autouse=True)
def no_index_yet(monkeypatch):
    """Each test starts in a process that has not built its index (as a fresh worker)."""
    monkeypatch.setattr(facet_index, "_index", None)


@pytest.fixture
def large_directory(monkeypatch):
    """Rebuilds happen in the background from the first partner, as in a large directory."""
    monkeypatch.setattr(facet_index, "BACKGROUND_FROM_SIZE", 1)


def partner_ids(index, positions):
    """The partners' ids at `positions` of the index, in that order."""
    return [index.ids[position] for position in positions]


def wait_for_the_background_rebuild():
    deadline = time.monotonic() + 20
    while facet_index._rebuilding.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_bitset_helpers():
    assert mask_of([0, 3, 5], 8) == 0b101001
    assert mask_of([], 0) == 0
    assert positions_of(0b101001) == [0, 3, 5]
    assert positions_of(0) == []
    assert positions_of(0b110) == [1, 2]  # neighbours (partners at one place) are both found
    assert range_mask(2, 3) == 0b11100
    # Position by position, lowest first, as long as the index: "1" for each member.
    assert flags_of(0b101, 5) == "10100"


def test_names_sort_without_case_or_accents():
    # The directory's order "naam": an accented or lower-case first letter sorts as its letter.
    names = ["Zonnehoek vzw", "Élan", "atelier Noord", "Örnek bv", "Dijk"]
    assert sorted(names, key=sort_key) == [
        "atelier Noord",
        "Dijk",
        "Élan",
        "Örnek bv",
        "Zonnehoek vzw",
    ]


@pytest.mark.django_db
def test_the_index_holds_published_partners_grouped_by_place(site_tree):
    # Hasselt between the two in Gent: grouping by place is not the order they were added in.
    gent = published_partner(name="Gent A (fictief)", postcode="9000")
    hasselt = published_partner(name="Hasselt (fictief)", postcode="3500", municipality="Hasselt")
    gent_b = published_partner(name="Gent B (fictief)", postcode="9000")
    index = current_index(datetime.date.today())
    assert index.size == 3
    assert positions_of(index.all) == [0, 1, 2]  # the unfiltered directory: every partner
    # Partners at one point are one range of positions.
    positions = sorted(index.position[p.pk] for p in (gent, gent_b))
    assert positions[1] - positions[0] == 1
    found = index.distances(gent.latitude, gent.longitude, 5)
    assert [(start, count) for _distance, start, count in found] == [(positions[0], 2)]
    # Within 0 km: the partners at that very place (the limits count as within reach).
    found = index.distances(gent.latitude, gent.longitude, 0)
    assert [(start, count) for _distance, start, count in found] == [(positions[0], 2)]
    assert partner_ids(index, index.order["naam"]) == [gent.pk, gent_b.pk, hasselt.pk]
    assert 0 < index.build_seconds < 60  # what the directory benchmark reports


@pytest.mark.django_db
def test_a_filter_on_several_values_matches_any_of_them(site_tree):
    company = published_partner(name="Bedrijf (fictief)", kind=PartnerKind.COMPANY.value)
    sector = published_partner(
        name="Sectororganisatie (fictief)", kind=PartnerKind.SECTOR_ORGANISATION.value
    )
    service = published_partner(name="Dienst (fictief)", kind=PartnerKind.PUBLIC_SERVICE.value)
    index = current_index(datetime.date.today())

    def ids(mask):
        return sorted(partner_ids(index, positions_of(mask)))

    both = ["bedrijf", "sectororganisatie"]
    assert ids(index.value_mask("soort", both)) == sorted([company.pk, sector.pk])
    assert ids(index.value_mask("soort", ["openbare-dienst"])) == [service.pk]
    assert index.value_mask("soort", []) == 0
    assert index.value_mask("soort", ["onbekend"]) == 0


@pytest.mark.django_db
def test_places_count_in_the_school_year_of_the_day_asked(site_tree):
    today = datetime.date.today()
    published_partner(name="Plaatsen (fictief)", places_per_year=3, last_confirmed=today)
    assert current_index(today).places == 0b1
    # A year on, in the next school year, this year's confirmation no longer counts.
    assert current_index(today + datetime.timedelta(days=366)).places == 0


@pytest.mark.django_db
def test_places_confirmed_on_the_first_day_of_the_school_year_count(site_tree):
    today = datetime.date.today()
    first_day = school_year_start(today)
    on_time = published_partner(name="Vroeg (fictief)", places_per_year=2, last_confirmed=first_day)
    published_partner(
        name="Te vroeg (fictief)",
        places_per_year=2,
        last_confirmed=first_day - datetime.timedelta(days=1),
    )
    index = current_index(today)
    assert partner_ids(index, positions_of(index.places)) == [on_time.pk]


@pytest.mark.parametrize(
    ("place", "other"),
    [
        # Same longitude (4.3484): Hoboken and Laken; same latitude (50.8731): Jette and Ternat.
        (("2660", "Antwerpen"), ("1020", "Brussel")),
        (("1090", "Jette"), ("1742", "Ternat")),
    ],
)
@pytest.mark.django_db
def test_a_place_stays_one_range_beside_a_place_on_the_same_line(site_tree, place, other):
    (postcode, municipality), (other_postcode, other_municipality) = place, other
    first = published_partner(name="A (fictief)", postcode=postcode, municipality=municipality)
    published_partner(name="B (fictief)", postcode=other_postcode, municipality=other_municipality)
    second = published_partner(name="C (fictief)", postcode=postcode, municipality=municipality)
    index = current_index(datetime.date.today())
    start = min(index.position[first.pk], index.position[second.pk])
    found = index.distances(first.latitude, first.longitude, 1)
    assert [(begin, count) for _distance, begin, count in found] == [(start, 2)]


@pytest.mark.django_db
def test_an_unchanged_directory_keeps_its_index(site_tree):
    today = datetime.date.today()
    published_partner(name="Eerste (fictief)")
    first = current_index(today)
    assert current_index(today) is first  # nothing changed: not built again
    published_partner(name="Tweede (fictief)")
    assert current_index(today) is not first


@pytest.mark.django_db(transaction=True)
def test_a_slow_rebuild_happens_in_the_background(
    site_tree, large_directory, django_assert_num_queries
):
    today = datetime.date.today()
    published_partner(name="Eerste (fictief)")
    first = current_index(today)  # no index yet: built before answering
    assert first.size == 1
    published_partner(name="Tweede (fictief)")
    assert current_index(today) is first  # the previous index while the thread rebuilds
    wait_for_the_background_rebuild()
    # The thread left a fresh index: even a caller that would wait for a rebuild gets it after
    # reading the stamp alone (two queries).
    with django_assert_num_queries(2):
        fresh = current_index(today, wait=True)
    assert fresh is not first and fresh.size == 2


@pytest.mark.django_db(transaction=True)
def test_a_background_rebuild_is_for_the_day_asked(site_tree, large_directory):
    today = datetime.date.today()
    published_partner(name="Plaatsen (fictief)", places_per_year=3, last_confirmed=today)
    assert current_index(today).places == 0b1
    next_year = today + datetime.timedelta(days=366)
    current_index(next_year)  # the previous index while the thread rebuilds
    wait_for_the_background_rebuild()
    assert current_index(next_year).places == 0  # last school year's confirmation


@pytest.mark.django_db
def test_the_text_cache_is_bounded(site_tree, monkeypatch):
    partners = [published_partner(name=f"Partner {n} (fictief)") for n in range(3)]
    index = current_index(datetime.date.today())
    monkeypatch.setattr(facet_index, "TEXT_CACHE_IDS", 4)
    calls = []

    def fetch(ids):
        def run():
            calls.append(ids)
            return ids

        return run

    all_ids = [p.pk for p in partners]
    assert list(index.text_matches("a", fetch(all_ids))[0]) == all_ids
    assert list(index.text_matches("a", fetch(all_ids))[0]) == all_ids
    assert len(calls) == 1  # the second time from the cache
    index.text_matches("b", fetch(all_ids[:2]))  # 3 + 2 ids > 4: "a" is dropped
    index.text_matches("a", fetch(all_ids))
    assert len(calls) == 3
    assert index.text_matches("c", fetch([999999]))[1] == 0  # unknown ids are left out


@pytest.mark.django_db
def test_the_text_cache_keeps_the_recent_texts_that_fit(site_tree, monkeypatch):
    partners = [published_partner(name=f"Partner {n} (fictief)") for n in range(3)]
    index = current_index(datetime.date.today())
    all_ids = [p.pk for p in partners]
    searched = []

    def search(text, ids):
        def fetch():
            searched.append(text)
            return ids

        return index.text_matches(text, fetch)

    monkeypatch.setattr(facet_index, "TEXT_CACHE_IDS", 4)
    search("a", all_ids)
    search("b", all_ids[:1])  # 3 + 1 ids: both fit
    search("a", all_ids)
    search("b", all_ids[:1])
    assert searched == ["a", "b"]
    monkeypatch.setattr(facet_index, "TEXT_CACHE_SIZE", 2)
    search("c", [])  # a third text: the least recently used one ("a") goes
    search("b", all_ids[:1])
    search("a", all_ids)
    assert searched == ["a", "b", "c", "a"]
    # A text with more ids than the cache holds is still kept, alone.
    monkeypatch.setattr(facet_index, "TEXT_CACHE_IDS", 2)
    search("d", all_ids)
    search("d", all_ids)
    search("a", all_ids)  # made room for "d"
    assert searched == ["a", "b", "c", "a", "d", "a"]


@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_its_index_before_it_answers_anyone(site_tree, caplog):
    # gunicorn's post_worker_init calls warm_up(): the first directory request finds the index
    # for that day ready, and the log says how large it is and how long it took.
    next_year = datetime.date.today() + datetime.timedelta(days=366)
    published_partner(name="Eerste (fictief)", places_per_year=3, last_confirmed=next_year)
    published_partner(name="Tweede (fictief)")
    started = time.monotonic()
    with caplog.at_level("INFO", logger=facet_index.__name__):
        facet_index.warm_up(next_year)
    took = time.monotonic() - started
    warm = facet_index._index
    assert warm.size == 2 and warm.places.bit_count() == 1
    assert current_index(next_year) is warm
    [message] = [r.getMessage() for r in caplog.records if r.name == facet_index.__name__]
    logged = re.fullmatch(r"Partner facet index: 2 partners in (\d+\.\d\d) s", message)
    assert 0 <= float(logged[1]) <= took + 0.005


@pytest.mark.django_db(transaction=True)
def test_without_a_day_a_worker_warms_up_for_today(site_tree):
    today = datetime.date.today()
    published_partner(name="Plaatsen (fictief)", places_per_year=3, last_confirmed=today)
    facet_index.warm_up()
    assert current_index(today) is facet_index._index
    assert facet_index._index.places == 0b1


@pytest.mark.django_db(transaction=True)
def test_a_failed_background_rebuild_is_logged_and_the_previous_index_stays(
    site_tree, large_directory, monkeypatch, caplog
):
    today = datetime.date.today()
    published_partner(name="Eerste (fictief)")
    first = current_index(today)
    seen = []

    def unavailable_database(self, day):
        thread = threading.current_thread()
        seen.append((thread.name, thread.daemon))
        raise OperationalError("the database went away")

    monkeypatch.setattr(facet_index.FacetIndex, "_fill", unavailable_database)
    published_partner(name="Tweede (fictief)")
    with caplog.at_level("ERROR", logger=facet_index.__name__):
        assert current_index(today) is first
        wait_for_the_background_rebuild()
    # A thread of its own, named for a thread dump, that never keeps the process from exiting.
    assert seen == [("partners-facet-index", True)]
    [record] = [r for r in caplog.records if r.name == facet_index.__name__]
    assert record.getMessage() == "Rebuilding the partner directory's facet index failed"
    assert "the database went away" in record.exc_text
    assert facet_index._index is first
    assert not facet_index._rebuilding.is_set()  # the next request may try again


@pytest.mark.django_db(transaction=True)
def test_a_background_rebuild_keeps_an_index_made_fresh_meanwhile(site_tree):
    # A caller that waits (the alerts run) may have rebuilt the index while the thread started.
    today = datetime.date.today()
    published_partner(name="Eerste (fictief)")
    fresh = current_index(today)
    facet_index._rebuild_in_background(today)
    wait_for_the_background_rebuild()
    assert facet_index._index is fresh


@pytest.mark.django_db
def test_the_recent_order_is_the_newest_confirmation_first(site_tree):
    # The directory's order "recent": by the date a partner last confirmed its data, newest
    # first, whatever the names; partners that never confirmed come last, by name.
    today = datetime.date.today()
    older = published_partner(name="Alfa (fictief)", last_confirmed=today - datetime.timedelta(30))
    newer = published_partner(name="Zeta (fictief)", last_confirmed=today)
    never_b = published_partner(name="Beta (fictief)", last_confirmed=None)
    never_a = published_partner(name="Aardbei (fictief)", last_confirmed=None)
    # 1931 (Brucargo, Machelen) is a postcode without a place on the map: no coordinates,
    # which does not change its turn.
    unplaced = published_partner(
        name="Omega (fictief)",
        postcode="1931",
        municipality="Machelen",
        last_confirmed=today - datetime.timedelta(60),
    )
    assert unplaced.latitude is None
    index = current_index(today)
    assert partner_ids(index, index.order["recent"]) == [
        newer.pk,
        older.pk,
        unplaced.pk,
        never_a.pk,
        never_b.pk,
    ]


@pytest.mark.django_db
def test_names_alike_but_for_case_and_accents_keep_the_order_they_came_in(site_tree):
    # They sort as one name; the partner that joined first stays first, on every page.
    first = published_partner(name="Élan (fictief)")
    second = published_partner(name="elan (fictief)")
    index = current_index(datetime.date.today())
    assert partner_ids(index, index.order["naam"]) == [first.pk, second.pk]
