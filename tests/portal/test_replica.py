"""With a read replica configured, anonymous page views read from it; editors and forms do not."""

import pytest

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpResponse
from django.test import RequestFactory

from wagtail.models import Page

from portal.db_router import ReadReplicaRouter, ReplicaMiddleware

router = ReadReplicaRouter()

# Only the setting is read (no connection to "replica" is opened), so overriding it is safe here.
pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")


def database_used(request):
    """Run a request through the middleware and report where a read would go."""
    seen = {}

    def view(request):
        seen["read"] = router.db_for_read(Page)
        seen["write"] = router.db_for_write(Page)
        return HttpResponse()

    ReplicaMiddleware(view)(request)
    return seen


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def make(method, path, user):
    request = getattr(RequestFactory(), method)(path)
    request.user = user
    return request


def test_anonymous_page_views_read_from_the_replica(with_replica):
    assert database_used(make("get", "/over-ons/", AnonymousUser())) == {
        "read": "replica",
        "write": "default",
    }


@pytest.mark.parametrize(
    ("method", "path", "user"),
    [
        ("get", "/over-ons/", User(username="redacteur")),  # a logged-in editor
        ("post", "/partners/registreren/", AnonymousUser()),  # a form being sent
        ("get", "/admin/pages/", AnonymousUser()),
        ("get", "/healthz", AnonymousUser()),
    ],
)
def test_editors_forms_and_admin_stay_on_the_primary(with_replica, method, path, user):
    assert database_used(make(method, path, user))["read"] == "default"


def test_without_a_replica_everything_reads_the_primary():
    assert database_used(make("get", "/over-ons/", AnonymousUser()))["read"] == "default"


def test_outside_a_request_reads_the_primary(with_replica):
    assert router.db_for_read(Page) == "default"
    assert router.allow_migrate("replica", "wagtailcore") is False
