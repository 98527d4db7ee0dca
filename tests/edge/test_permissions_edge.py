"""The permission matrix (tests/security/test_permissions.py) through the edge.

Every URL of the site (tests/security/urlmap.py) requested through Varnish in front of gunicorn,
anonymously and as a signed-in superuser (with two-factor, as the admin requires): the matrix's
expectations for those roles hold through the edge, and no private response is ever stored
there. After each response the same request is made again: it is only ever an edge hit when the
first answer was public, and never for the signed-in user.
"""

import pytest
import requests

from tests.security import urlmap
from tests.security.test_permissions import (
    DENIED,
    ERROR,
    LOGIN,
    MISSING,
    SERVED,
    rule_for,
)

pytestmark = [pytest.mark.edge, pytest.mark.timeout(1800)]

# Parameter values that exist in any database (the stack runs on a clone of the demo content):
# a URL whose object does not exist answers 404, which the matrix accepts wherever it would
# have served or denied the object; what matters here is that the edge changes nothing.
VALUES = {
    "int": 1,
    "str": "1",
    "slug": "x",
    "pk": 1,
    "language": "en",
    "app_label": "partners",
    "app_name": "partners",
    "content_type_app_name": "partners",
    "model_name": "partner",
    "content_type_model_name": "partner",
    "action_name": "approve",
    "action": "approve",
}


def outcome(response):
    status = response.status_code
    if status >= 500:
        return ERROR
    if status == 403:
        return DENIED
    if status == 404:
        return MISSING
    if status in (301, 302):
        location = requests.compat.urlsplit(response.headers["Location"]).path
        if location.endswith(("/admin/login/", "/_util/login/")):
            return LOGIN
        if location == "/admin/":
            return DENIED
    return SERVED


def allowed_for(name, role):
    expected = rule_for(name)[role]
    allowed = set(expected) if isinstance(expected, (set, frozenset)) else {expected}
    if SERVED in allowed or DENIED in allowed:
        allowed.add(MISSING)
    return allowed


def request(stack, path, cookies):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    return requests.get(stack.edge + path, headers=headers, timeout=60, allow_redirects=False)


@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_the_permission_matrix_holds_through_the_edge(stack, role):
    cookies = {} if role == "anonymous" else stack.login(stack.edge).cookies
    endpoints = [
        endpoint
        for endpoint in urlmap.endpoints(lambda _name: VALUES)
        if endpoint.name != "wagtailadmin_logout"  # would end the session
    ]
    assert all(rule_for(endpoint.name) for endpoint in endpoints)
    problems = []
    for endpoint in endpoints:
        first = request(stack, endpoint.path, cookies)
        got = outcome(first)
        if first.status_code != 405 and got not in allowed_for(endpoint.name, role):
            problems.append(f"{role} {endpoint.path} ({endpoint.name}): {got} {first.status_code}")
        again = request(stack, endpoint.path, cookies)
        public = "public" in first.headers.get("Cache-Control", "")
        if again.headers.get("X-Cache") == "hit" and (role != "anonymous" or not public):
            problems.append(
                f"{role} {endpoint.path}: stored at the edge "
                f"({first.status_code}, Cache-Control {first.headers.get('Cache-Control')!r})"
            )
        if role != "anonymous" and "public" in again.headers.get("Cache-Control", ""):
            problems.append(f"{role} {endpoint.path}: a signed-in answer marked public")
    assert not problems, "\n".join(problems)
