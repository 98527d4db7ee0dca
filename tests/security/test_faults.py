"""Faults, for real: gunicorn with the production settings on PostgreSQL, with Redis,
Elasticsearch and the mail server pointing at closed ports, and the database reached through a
TCP proxy that the test cuts in the middle of a registration (tests/support/faults.py).

What a visitor must see: pages render without the cache, search says in Dutch that it is
unavailable, a registration is stored even when its e-mail cannot be sent (and the failure is
recorded for the editors), and with the database gone a Dutch 503 page, with nothing half-saved.
/healthz reports each part.
"""

import http.client
import re
from urllib.parse import urlencode, urlparse

import pytest

from tests.partners.registration import helpers
from tests.security.conftest import PG_SERVER, psql
from tests.support.faults import TcpProxy, closed_port
from tests.support.servers import GunicornServer, production_env

pytestmark = pytest.mark.postgres


class Browser:
    """A tiny HTTP client with its own cookie jar (the production cookies are Secure, so a
    standard jar would not send them back over the test's plain HTTP)."""

    def __init__(self, url):
        parsed = urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies = {}

    def request(self, method, path, form=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, text

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, form):
        return self.request("POST", path, form)


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def preview(browser, data):
    """The form and its preview; returns the payload for the final submit."""
    _response, html = browser.get("/partners/registreren/")
    form = {**data, "action": "preview", "csrfmiddlewaretoken": csrf_token(html)}
    response, html = browser.post("/partners/registreren/", form)
    assert response.status == 200, html[:2000]
    return {
        "payload": re.search(r'name="payload" value="([^"]+)"', html).group(1),
        "action": "submit",
        "csrfmiddlewaretoken": csrf_token(html),
    }


@pytest.fixture(scope="module")
def faulty_site(pg_clone, demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    with TcpProxy("127.0.0.1", int(urlparse(PG_SERVER).port or 5432)) as proxy:
        env = production_env(
            f"postgres://postgres@127.0.0.1:{proxy.port}/{pg_clone}",
            demo_template["static"],
            SECURE_SSL_REDIRECT=0,
            REDIS_URL=f"redis://127.0.0.1:{closed_port()}/10",
            ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}",
            SEARCH_TIMEOUT=2,
            EMAIL_URL=f"smtp://127.0.0.1:{closed_port()}/",
            DATABASE_CONN_MAX_AGE=60,
        )
        with GunicornServer(env, workers=1, threads=2, log_path=folder / "gunicorn.log") as server:
            yield {"server": server, "proxy": proxy, "database": pg_clone}


def test_healthz_reports_cache_and_search_down_but_serves(faulty_site):
    browser = Browser(faulty_site["server"].url)
    response, text = browser.get("/healthz")
    assert response.status == 200
    assert '"status": "degraded"' in text
    assert '"database": {"ok": true' in text
    assert '"cache": {"ok": false' in text
    assert '"search": {"ok": false' in text


def test_pages_render_without_the_cache(faulty_site):
    browser = Browser(faulty_site["server"].url)
    for path in ("/", "/partners/", "/gidsen/", "/partners/registreren/"):
        response, html = browser.get(path)
        assert response.status == 200, path
        assert 'lang="nl-BE"' in html


def test_search_says_in_dutch_that_it_is_unavailable(faulty_site):
    browser = Browser(faulty_site["server"].url)
    response, html = browser.get("/zoeken/?q=stage")
    assert response.status == 200
    assert "Zoeken is even niet beschikbaar" in html


def test_registration_is_kept_when_the_mail_server_is_down(faulty_site):
    browser = Browser(faulty_site["server"].url)
    data = helpers.form_data(name="Smederij Zonder Post", contact_email="post@smederij.example")
    data.pop("token")
    response, _html = browser.post("/partners/registreren/", preview(browser, data))
    assert response.status == 302
    response, html = browser.get(
        urlparse(response.getheader("Location")).path
        + "?"
        + urlparse(response.getheader("Location")).query
    )
    assert response.status == 200
    assert "Uw registratie is bewaard" in html
    assert "konden u de e-mail met de bevestigingslink nu niet sturen" in html
    rows = psql(
        faulty_site["database"],
        "SELECT status, mail_error <> '' FROM partners_partnerregistration "
        "WHERE name = 'Smederij Zonder Post'",
    )
    # Stored once, waiting for verification, the failure recorded for the editors (the
    # registrations list shows it; they can send the mail again from the admin).
    assert rows == "unverified|t"


def test_database_down_during_a_registration(faulty_site):
    browser = Browser(faulty_site["server"].url)
    proxy = faulty_site["proxy"]
    data = helpers.form_data(name="Brouwerij Zonder Stroom", enterprise_number="0404.616.494")
    data.pop("token")
    submit = preview(browser, data)
    proxy.cut()
    try:
        response, html = browser.post("/partners/registreren/", submit)
        assert response.status == 503
        assert response.getheader("Retry-After") == "30"
        assert "Tijdelijk niet beschikbaar" in html
        assert "werd niet bewaard" in html
        response, text = browser.get("/healthz")
        assert response.status == 503
        assert '"database": {"ok": false' in text
    finally:
        proxy.restore()
    count = psql(
        faulty_site["database"],
        "SELECT count(*) FROM partners_partnerregistration WHERE name = 'Brouwerij Zonder Stroom'",
    )
    assert count == "0"
    # Back up: the same worker serves again once the database returns.
    response, _text = browser.get("/healthz")
    assert response.status == 200
