"""The whole stack, started by the tests: Varnish (deploy/varnish/default.vcl) in front of two
gunicorn app servers with the production settings, on a PostgreSQL clone of the demo database,
with Redis as the shared cache. Marked `edge`: skipped with a reason when varnishd, PostgreSQL
or Redis is missing, a failure instead when WPP_REQUIRE_EDGE=1 (CI)."""

import dataclasses
import re
import secrets
import subprocess
import sys

import pytest
import requests
from django_otp.oath import totp

from django.urls import reverse

from portal.edge_server import VarnishServer, varnish_available
from tests.conftest import require
from tests.security.conftest import PG_SERVER, demo_template, pg_clone  # noqa: F401
from tests.support.servers import BASE_DIR, GunicornServer, production_env

# Ports of this project's edge tests (two app servers, one Varnish).
APP_PORTS = (8152, 8153)
EDGE_PORT = 8182
REDIS_URL = "redis://127.0.0.1:6379/6"
ADMIN = ("edge-admin", "edge-pw-Werkplek-2026")


def requirements():
    if not varnish_available():
        require("WPP_REQUIRE_EDGE", "needs varnishd (Debian's varnish package)")
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001
        require("WPP_REQUIRE_EDGE", "needs Redis on 127.0.0.1:6379")
    try:
        subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-tAc", "select 1"],
            check=True,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        require("WPP_REQUIRE_EDGE", "needs PostgreSQL on 127.0.0.1:5432")


@dataclasses.dataclass
class Stack:
    env: dict
    edge: str
    apps: list

    def manage_shell(self, code):
        """Run `code` in the app's own code, as a worker process would (its purges included)."""
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", code],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def page_id(self, path):
        return int(
            self.manage_shell(
                "from wagtail.models import Page;"
                f"print(Page.objects.get(url_path='/home{path}').pk)"
            )
        )

    def login(self, base):
        """A client logged in to the admin through `base` (an app server or the edge)."""
        client = CookieClient()
        page = client.get(f"{base}/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        response = client.post(
            f"{base}/admin/login/",
            data={"username": ADMIN[0], "password": ADMIN[1], "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/admin/login/"},
        )
        assert "sessionid" in client.cookies, (response.status_code, response.text[:500])
        # The second factor, as every superuser must give it: a new authenticator each time (a
        # TOTP code is accepted once per 30-second step), its code computed as the app would.
        key = secrets.token_hex(20)
        self.manage_shell(
            "from django.contrib.auth import get_user_model;"
            "from django_otp.plugins.otp_totp.models import TOTPDevice;"
            f"TOTPDevice.objects.create(user=get_user_model().objects.get(username={ADMIN[0]!r}),"
            f" name='edge', confirmed=True, key={key!r})"
        )
        code = f"{totp(bytes.fromhex(key)):06d}"
        response = self.admin_post(client, base, reverse("two_factor_verify"), {"token": code})
        # Accepted: redirected (and followed) away from the verification page to the dashboard.
        assert reverse("two_factor_verify") not in response.url, response.text[:500]
        return client

    def admin_post(self, client, base, path, data):
        token = client.cookies["csrftoken"]
        return client.post(
            f"{base}{path}",
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}{path}", "X-CSRFToken": token},
        )


class CookieClient:
    """Keeps the cookies the portal sets and sends them back itself: the production cookies are
    Secure, and this plain-HTTP loopback stack stands in for HTTPS (browsers treat localhost
    the same way; requests' cookie jar would drop them)."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, headers=None, **kwargs):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = requests.request(
            method, url, headers=headers, timeout=30, allow_redirects=False, **kwargs
        )
        self.cookies.update(response.cookies.get_dict())
        if response.is_redirect and method in ("GET", "POST"):
            location = requests.compat.urljoin(url, response.headers["Location"])
            return self.request("GET", location)
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def post(self, url, **kwargs):
        return self.request("POST", url, **kwargs)


@pytest.fixture(scope="module")
def stack(pg_clone, demo_template):  # noqa: F811
    requirements()
    env = production_env(
        f"{PG_SERVER}/{pg_clone}",
        demo_template["static"],
        FRONTEND_CACHE_URL=f"http://127.0.0.1:{EDGE_PORT}",
        REDIS_URL=REDIS_URL,
        PORTAL_TRUSTED_PROXY_COUNT=1,
        SECURE_SSL_REDIRECT=0,
        SECURE_HSTS_SECONDS=0,
        ALLOWED_HOSTS="127.0.0.1,localhost",
    )
    stack = Stack(env, f"http://127.0.0.1:{EDGE_PORT}", [])
    stack.manage_shell(
        "from django.contrib.auth import get_user_model;"
        f"get_user_model().objects.create_superuser({ADMIN[0]!r}, 'edge@example.org', {ADMIN[1]!r})"
    )
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    with (
        GunicornServer(env, workers=1, port=APP_PORTS[0]) as one,
        GunicornServer(env, workers=1, port=APP_PORTS[1]),
        VarnishServer(EDGE_PORT, APP_PORTS),
    ):
        stack.apps = [one.url, f"http://127.0.0.1:{APP_PORTS[1]}"]
        yield stack
