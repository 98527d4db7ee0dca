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
    page_variants,
    rule_for,
)

pytestmark = [pytest.mark.edge, pytest.mark.timeout(1800)]

# Parameter values for the demo content the stack runs on, which does not hold an object of
# every kind: here, unlike in the exact matrix (tests/security/test_permissions.py, which
# creates one of each), a 404 is accepted where the matrix serves or denies an object. What
# this test adds is that the edge changes nothing and stores nothing private; the exact
# outcomes per role and object are the Django test's. Page URLs follow the home page's rules.
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


# Refused to the superuser for the demo's objects, not for the matrix's: a workflow preview of a
# task (1) that is not in the object's workflow, and deleting user 1, who may be the admin
# signed in (nobody deletes their own account).
DEMO_REFUSALS = {
    "wagtailadmin_pages:workflow_preview",
    "wagtailsnippets_partners_partner:workflow_preview",
    "wagtailusers_users:delete",
}


def allowed_for(name, role):
    base = name
    if page_variants(name) != (None,) and rule_for(f"{name}@home"):
        name = f"{name}@home"
    expected = rule_for(name)[role]
    allowed = {expected}
    if SERVED in allowed or DENIED in allowed:
        allowed.add(MISSING)
    if role == "superuser" and base in DEMO_REFUSALS:
        allowed.add(DENIED)
    return allowed


def request(stack, path, cookies):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
    return requests.get(stack.edge + path, headers=headers, timeout=60, allow_redirects=False)


@pytest.mark.parametrize("role", ["anonymous", "superuser"])
def test_the_permission_matrix_holds_through_the_edge(stack, role):
    cookies = {} if role == "anonymous" else stack.login(stack.edge).cookies
    home = stack.page_id("/")
    page = dict.fromkeys(("page_id", "parent_page_id", "page_to_move_id", "page_pk", "pk"), home)
    page.update(content_type_app_name="portal", content_type_model_name="contentpage")

    def values(name):
        return {**VALUES, **page} if page_variants(name) != (None,) else VALUES

    endpoints = [
        endpoint
        for endpoint in urlmap.endpoints(values)
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
