"""Distances between places: the bounding box that narrows the rows before the exact distance."""

import math

import pytest

from partners import geo


@pytest.mark.parametrize("km", [1, 10, 50])
@pytest.mark.parametrize("latitude", [49.5, 51.05])  # Belgium's south and north
def test_the_bounding_box_holds_every_point_within_reach(latitude, km):
    longitude = 3.72
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(latitude, longitude, km)
    reach = 0.9999 * km / geo.EARTH_RADIUS_KM  # just within, as an angle
    dlat = math.degrees(reach)
    # The point as far due east on the same latitude (along the great circle between them).
    dlon = math.degrees(2 * math.asin(math.sin(reach / 2) / math.cos(math.radians(latitude))))
    for lat, lon in (
        (latitude + dlat, longitude),
        (latitude - dlat, longitude),
        (latitude, longitude + dlon),
        (latitude, longitude - dlon),
    ):
        assert geo.distance_km(latitude, longitude, lat, lon) < km
        assert min_lat <= lat <= max_lat
        assert min_lon <= lon <= max_lon
