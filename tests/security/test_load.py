"""Load without loss: 2,100 registrations through the API from 50 concurrent clients against
gunicorn on PostgreSQL, repeats of the same submission included, and one abusive address.

What must hold afterwards: every accepted registration is stored exactly once (a repeat,
whether it carries the same Idempotency-Key or just the same body, gets the first one back),
none is stored twice, no response is a 5xx; the per-address rate limit stops the abusive address
at exactly its limit while the 1,700 ordinary addresses (told apart through X-Forwarded-For, as
behind one trusted load balancer) are never limited. Prints throughput and p50/p95 latency.
Bounded: the run stops at LOAD_SECONDS.
"""

import concurrent.futures
import http.client
import json
import os
import random
import statistics
import threading
import time
from urllib.parse import urlparse

import pytest

from tests.partners.registration.helpers import api_data
from tests.security.conftest import PG_SERVER, psql
from tests.support.servers import GunicornServer, production_env

pytestmark = pytest.mark.postgres

REDIS = os.environ.get("WPP_LOAD_TEST_REDIS", "redis://127.0.0.1:6379/11")
CLIENTS = 50
UNIQUE = 1700
REPEATS_WITH_KEY = 200
REPEATS_WITHOUT_KEY = 200
ABUSER = "203.0.113.7"
ABUSER_REQUESTS = 30
SUBMIT_LIMIT = 10  # partners/ratelimit.py: final submits per address per hour
LOAD_SECONDS = 90


def enterprise_number(n):
    """A distinct valid number per n: eight digits, then 97 - (those eight mod 97)."""
    first = f"{1_000_000 + n:08d}"
    return first + f"{97 - int(first) % 97:02d}"


def submission(n):
    return api_data(
        name=f"Laadtest {n} BV",
        enterprise_number=enterprise_number(n),
        contact_name=f"Contact {n}",
        contact_email=f"laad{n}@bedrijf.example",
    )


@pytest.fixture(scope="module")
def server(pg_clone, demo_template, tmp_path_factory):
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    folder = tmp_path_factory.mktemp("load")
    env = production_env(
        f"{PG_SERVER}/{pg_clone}",
        demo_template["static"],
        SECURE_SSL_REDIRECT=0,
        REDIS_URL=REDIS,
        PORTAL_TRUSTED_PROXY_COUNT=1,
        DATABASE_CONN_MAX_AGE=60,
        # No mail server: each registration records the failure (the mailer's fast path).
        EMAIL_URL="smtp://127.0.0.1:9/",
        LOG_LEVEL="CRITICAL",
    )
    try:
        with GunicornServer(env, workers=4, threads=4, log_path=folder / "gunicorn.log") as live:
            yield {"server": live, "database": pg_clone}
    finally:
        redis.Redis.from_url(REDIS).flushdb()


class Client(threading.local):
    """One keep-alive connection per thread, like a browser or an API client."""

    def __init__(self, url):
        parsed = urlparse(url)
        self.address = (parsed.hostname, parsed.port)
        self.connection = None

    def post(self, body, address, key=None):
        headers = {
            "Host": "127.0.0.1",
            "Content-Type": "application/json",
            "X-Forwarded-For": address,
        }
        if key:
            headers["Idempotency-Key"] = key
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(*self.address, timeout=60)
            try:
                self.connection.request("POST", "/api/registrations/", body=body, headers=headers)
                response = self.connection.getresponse()
                return response.status, response.read()
            except (ConnectionError, http.client.HTTPException):
                # gunicorn closed an idle keep-alive connection: open a new one, once.
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def jobs():
    """(submission number, address, idempotency key) for every request, shuffled so that
    repeats run concurrently with, before or after their original."""
    work = []
    keyed = set(range(REPEATS_WITH_KEY))
    for n in range(UNIQUE):
        address = f"10.{n // 65536}.{(n // 256) % 256}.{n % 256}"
        key = f"laadtest-{n}" if n in keyed else None
        work.append((n, address, key))
        if n in keyed or REPEATS_WITH_KEY <= n < REPEATS_WITH_KEY + REPEATS_WITHOUT_KEY:
            work.append((n, address, key))
    for i in range(ABUSER_REQUESTS):
        work.append((UNIQUE + i, ABUSER, None))
    random.Random(9).shuffle(work)
    return work


def test_registrations_under_load_are_stored_exactly_once(server):
    client = Client(server["server"].url)
    work = jobs()
    bodies = {n: json.dumps(submission(n)).encode() for n, _a, _k in work}
    results, deadline = [], time.monotonic() + LOAD_SECONDS

    def send(job):
        n, address, key = job
        if time.monotonic() > deadline:
            return n, address, None, None, 0.0
        started = time.perf_counter()
        status, body = client.post(bodies[n], address, key)
        return n, address, status, body, time.perf_counter() - started

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(send, work))
    elapsed = time.perf_counter() - started

    done = [r for r in results if r[2] is not None]
    latencies = sorted(r[4] for r in done)
    p50 = statistics.median(latencies)
    p95 = latencies[int(len(latencies) * 0.95) - 1]
    print(
        f"\nload: {len(done)} registration requests from {CLIENTS} concurrent clients in "
        f"{elapsed:.1f} s = {len(done) / elapsed:.0f}/s; p50 {p50 * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms"
    )
    assert len(done) == len(work) >= 2000, "the run hit its time bound"
    statuses = {}
    for _n, _a, status, _b, _t in done:
        statuses[status] = statuses.get(status, 0) + 1
    assert all(status < 500 for status in statuses), statuses

    # Ordinary addresses are never limited; every send is accepted (201).
    ordinary = [r for r in done if r[1] != ABUSER]
    assert {r[2] for r in ordinary} == {201}, statuses
    by_submission = {}
    for n, _address, _status, body, _t in ordinary:
        by_submission.setdefault(n, []).append(json.loads(body))
    for n, answers in by_submission.items():
        assert len({a["id"] for a in answers}) == 1, f"submission {n} got two registrations"
        assert sorted(a["duplicate"] for a in answers) == [False] + [True] * (len(answers) - 1)

    # The abusive address: exactly its limit accepted, the rest refused with 429.
    abuse = [r[2] for r in done if r[1] == ABUSER]
    assert abuse.count(201) == SUBMIT_LIMIT
    assert abuse.count(429) == ABUSER_REQUESTS - SUBMIT_LIMIT

    # In the database: every accepted registration exactly once, nothing else.
    accepted = {a[0]["id"] for a in by_submission.values()}
    accepted |= {json.loads(r[3])["id"] for r in done if r[1] == ABUSER and r[2] == 201}
    stored = psql(
        server["database"],
        "SELECT public_id FROM partners_partnerregistration WHERE name LIKE 'Laadtest %'",
    )
    stored_ids = stored.split()
    assert len(stored_ids) == len(set(stored_ids)) == len(accepted) == UNIQUE + SUBMIT_LIMIT
    assert set(stored_ids) == accepted
    duplicates = psql(
        server["database"],
        "SELECT count(*) FROM (SELECT fingerprint FROM partners_partnerregistration "
        "WHERE name LIKE 'Laadtest %' GROUP BY fingerprint HAVING count(*) > 1) AS twice",
    )
    assert duplicates == "0"
