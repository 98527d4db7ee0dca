"""The API documentation renders in a real browser under the site's own CSP."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_swagger_ui_shows_the_operations_without_csp_violations(live_site, live_server, page):
    problems = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(f"{live_server.url}/api/docs")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    operations = page.locator(".opblock-summary-path")
    operations.filter(has_text="/api/partners/").first.wait_for()
    paths = set(operations.all_inner_texts())
    assert {"/api/partners/", "/api/registrations/"} <= {p.replace("\u200b", "") for p in paths}
    assert not problems, problems
