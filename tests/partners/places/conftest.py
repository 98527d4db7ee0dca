"""Fixtures for places offered: the directory page and partners with a management link."""

import pytest

from partners.models import PartnerAccessKey
from partners.registration import tokens
from tests.partners.factories import published_partner


@pytest.fixture
def directory(site_tree):
    return site_tree["directory"]


def manage_path(directory, partner, route="manage_places"):
    key = PartnerAccessKey.objects.filter(partner=partner).first() or PartnerAccessKey.issue(
        partner
    )
    return directory.url + directory.reverse_subpage(route, args=[tokens.make_manage_token(key)])


@pytest.fixture
def company(directory):
    partner = published_partner(
        name="Drukkerij Zwart op Wit (fictief)", contact_email="hr@zwartopwit.example"
    )
    PartnerAccessKey.issue(partner)
    return partner
