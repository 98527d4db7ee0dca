import pytest

from tests.partners.alerts.mail_backends import FailsOnNth


@pytest.fixture
def directory(site_tree):
    return site_tree["directory"]


@pytest.fixture(autouse=True)
def _reset_attempts():
    FailsOnNth.attempts = 0
    yield
    FailsOnNth.attempts = 0
