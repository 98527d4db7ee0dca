"""The directory's in-memory facet index: bitsets, freshness, background rebuilds."""

import datetime
import time

import pytest

from partners.directory import facet_index
from partners.directory.facet_index import current_index, mask_of, positions_of, range_mask
from tests.partners.factories import published_partner


def test_bitset_helpers():
    assert mask_of([0, 3, 5], 8) == 0b101001
    assert mask_of([], 0) == 0
    assert positions_of(0b101001) == [0, 3, 5]
    assert positions_of(0) == []
    assert range_mask(2, 3) == 0b11100


@pytest.mark.django_db
def test_the_index_holds_published_partners_grouped_by_place(site_tree):
    gent = published_partner(name="Gent A (fictief)", postcode="9000")
    gent_b = published_partner(name="Gent B (fictief)", postcode="9000")
    hasselt = published_partner(name="Hasselt (fictief)", postcode="3500", municipality="Hasselt")
    index = current_index(datetime.date.today())
    assert index.size == 3
    # Partners at one point are one range of positions.
    positions = sorted(index.position[p.pk] for p in (gent, gent_b))
    assert positions[1] - positions[0] == 1
    found = index.distances(gent.latitude, gent.longitude, 5)
    assert [(start, count) for _distance, start, count in found] == [(positions[0], 2)]
    assert [index.ids[p] for p in index.order["naam"]] == [gent.pk, gent_b.pk, hasselt.pk]


@pytest.mark.django_db(transaction=True)
def test_a_slow_rebuild_happens_in_the_background(site_tree, monkeypatch):
    today = datetime.date.today()
    monkeypatch.setattr(facet_index, "_index", None)
    monkeypatch.setattr(facet_index, "BACKGROUND_FROM_SIZE", 1)  # as if the directory were large
    published_partner(name="Eerste (fictief)")
    first = current_index(today)  # no index yet: built before answering
    assert first.size == 1
    published_partner(name="Tweede (fictief)")
    assert current_index(today) is first  # the previous index while the thread rebuilds
    deadline = time.monotonic() + 20
    while facet_index._rebuilding.is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    fresh = current_index(today)
    assert fresh is not first and fresh.size == 2


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
