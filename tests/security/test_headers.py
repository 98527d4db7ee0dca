"""Security headers, read from real responses of gunicorn running the production settings."""

import http.client
import json
import os
import subprocess
import sys
from urllib.parse import urlparse

import pytest

from tests.support.servers import BASE_DIR, production_env


def fetch(server, path, https=True, method="GET"):
    parsed = urlparse(server.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"Host": "127.0.0.1"}
    if https:
        headers["X-Forwarded-Proto"] = "https"
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_without_warnings(tmp_path):
    env = production_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        tmp_path / "static",
        REDIS_URL="redis://127.0.0.1:6379/13",  # the check only reads the setting
        FRONTEND_CACHE_URL="http://127.0.0.1:6081",  # the edge to purge (deploy/varnish/)
    )
    result = deploy_check(env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_warns_when_no_edge_cache_is_purged(tmp_path):
    result = deploy_check(
        production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path / "static")
    )
    assert result.returncode != 0
    assert "portal.W001" in result.stderr + result.stdout
    assert "Set FRONTEND_CACHE_URL" in result.stderr + result.stdout


def test_plain_http_is_redirected_to_https(production_server):
    response, _ = fetch(production_server, "/over-ons/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/over-ons/"


@pytest.mark.parametrize("path", ["/", "/gidsen/", "/partners/", "/zoeken/?q=stage", "/over-ons/"])
def test_public_pages_carry_the_security_headers(production_server, path):
    response, body = fetch(production_server, path)
    assert response.status == 200
    headers = {name.lower(): value for name, value in response.getheaders()}
    assert headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["cross-origin-opener-policy"] == "same-origin"
    # No inline script or style anywhere: the CSP would block it.
    html = body.decode()
    assert "<script>" not in html and " style=" not in html and "<style" not in html


def test_cookies_are_secure_and_httponly(production_server):
    response, _ = fetch(production_server, "/taal/en/?next=/")
    cookie = response.getheader("Set-Cookie")
    assert "wpp_language=en" in cookie
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_admin_login_cookie_flags(production_server):
    response, _ = fetch(production_server, "/admin/login/")
    cookies = response.getheader("Set-Cookie") or ""
    assert "csrftoken=" in cookies
    assert "Secure" in cookies
    assert response.getheader("Content-Security-Policy")


def test_static_files_are_compressed_and_hashed(production_server):
    response, body = fetch(production_server, "/")
    html = body.decode()
    start = html.index("/static/portal/css/portal.")
    css_path = html[start : html.index('"', start)]
    assert css_path != "/static/portal/css/portal.css", "static files must carry a content hash"
    parsed = urlparse(production_server.url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    connection.request(
        "GET", css_path, headers={"Accept-Encoding": "br, gzip", "X-Forwarded-Proto": "https"}
    )
    css = connection.getresponse()
    css.read()
    assert css.status == 200
    assert css.getheader("Content-Encoding") in {"br", "gzip"}
    assert "max-age=31536000" in css.getheader("Cache-Control")
    assert "immutable" in css.getheader("Cache-Control")


def test_healthz_reports_json(production_server):
    response, body = fetch(production_server, "/healthz", https=False)
    assert response.status == 200  # exempt from the HTTPS redirect for load balancers
    assert json.loads(body)["database"]["ok"] is True


def test_server_does_not_reveal_versions(production_server):
    response, _ = fetch(production_server, "/")
    assert "Django" not in (response.getheader("Server") or "")
    assert response.getheader("X-Powered-By") is None


pytestmark = pytest.mark.skipif(os.name != "posix", reason="gunicorn runs on POSIX systems only")
