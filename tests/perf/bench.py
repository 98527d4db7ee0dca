"""`make bench`: nginx, Varnish and gunicorn side by side in one run, on loopback.

It builds a PostgreSQL database with the demo content plus generated partners, then measures in
one run, with wrk, each for a bounded time:

1. nginx (/usr/sbin/nginx, its own prefix and config in a temporary folder) serving a static copy
   of a chapter page: the physical reference of this machine;
2. home, chapter, directory and partner pages through Varnish (deploy/varnish/default.vcl) in
   front of gunicorn with the production settings: what a visitor gets;
3. the same pages straight from gunicorn (production settings, DEBUG off): what a cache miss or
   a logged-in editor gets.

It prints requests per second, the ratio to nginx's rate, p50/p99 latency, SQL queries per page
(in-process, on the same database) and the lines of caching code; then it times the search
alerts run for 10,000 saved searches on the same database (tests/perf/bench_alerts.py). The
ratio to nginx is the figure to compare between runs: absolute numbers drift on a shared
machine.

    python tests/perf/bench.py [--partners 5000] [--duration 5] [--reuse [--no-reindex]]
                               [--database NAME]

`make bench BENCH_ARGS="--partners 100000 --reuse"` for the large size. After the page counts
it runs tests/perf/bench_places.py on the same database (--requests 10000 schools' requests:
matching one request, the shortage report). Needs PostgreSQL
(BENCH_DATABASE_SERVER, default postgres://postgres@127.0.0.1:5432), Redis (BENCH_REDIS_URL,
default redis://127.0.0.1:6379/14), wrk, nginx and varnishd (Debian: apt-get install wrk nginx
varnish). Ports: BENCH_PORT (default 8150) and the next two numbers for gunicorn and nginx,
BENCH_EDGE_PORT (default 8180) for Varnish.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from portal.edge_server import VarnishServer, varnish_available  # noqa: E402
from tests.support.servers import BASE_DIR, GunicornServer, manage, production_env  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
PORT = int(os.environ.get("BENCH_PORT", "8150"))
EDGE_PORT = int(os.environ.get("BENCH_EDGE_PORT", "8180"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RESULTS = BASE_DIR / "tests" / "perf" / "results"

# Issue 14's targets: a page through the edge at least half the rate of nginx's static file, and
# at most 15 SQL queries on any page rendered by Django.
EDGE_RATIO_TARGET = 0.5
QUERY_TARGET = 15
# Server time p50 targets (ms) of issue 14, in-process (count_queries).
SERVER_TIME_TARGETS = {"chapter": 12, "home": 20, "search": 40, "chapter after publish": 100}
# Straight from gunicorn, a chapter at least this share of nginx's rate; the directory's p99 (wrk,
# through the bench's own start, warm-up, measure sequence) under this many ms (point 6).
GUNICORN_CHAPTER_RATIO_TARGET = 0.005
DIRECTORY_P99_TARGET = 300

# The in-app caching layer issue 14 removed (main at 4ee3347, counted with wc -l): page cache
# middleware, custom Redis client, route cache, generation purge, chrome, page-frame and chapter
# context caches, the second rate limiter, the facet index counter and checks.
CACHING_LINES_BEFORE = 633

# The caching code of the project: whole files, or (file, class) for one class in a file.
CACHING_CODE = [
    "deploy/varnish/default.vcl",
    "portal/edge.py",
    "portal/signal_handlers.py",
    ("portal/middleware.py", "CacheControlMiddleware"),
    ("portal/middleware.py", "is_public"),
    "gunicorn.conf.py",
]


def say(message):
    print(message, flush=True)


def psql(database, sql):
    return subprocess.run(
        ["psql", f"{SERVER}/{database}", "-tAc", sql], capture_output=True, text=True, check=True
    ).stdout.strip()


def database_ready(name):
    # name is built from an integer size in this script, never from input.
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'")  # noqa: S608
    if not exists:
        return False
    try:
        return int(psql(name, "SELECT count(*) FROM partners_partner")) > 0
    except subprocess.CalledProcessError:
        return False


def build(name, size, env, reuse, reindex=True):
    """The bench database with demo content and `size` partners, indexed.

    With `reuse`, an existing bench database is kept (generating 100,000 partners takes minutes)
    and only migrated.
    """
    if reuse and database_ready(name):
        say(f"  reusing database {name}")
        manage(env, "migrate", "--noinput")
    else:
        psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        psql("postgres", f'CREATE DATABASE "{name}"')
        started = time.monotonic()
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo", "--no-admin", "--base-url", "http://127.0.0.1")
        existing = int(psql(name, "SELECT count(*) FROM partners_partner"))
        manage(env, "generate_partners", str(size - existing), "--seed", "2026", timeout=3600)
        say(f"  built {name} ({size} partners) in {time.monotonic() - started:.0f} s")
    # Each full update_index rewrites every index entry and leaves the old rows dead until
    # autovacuum comes by; on a reused database they pile up (300,000 dead rows after two runs,
    # which made the next run 40% slower). Time it on a vacuumed database, as autovacuum keeps
    # a production one.
    psql(name, "VACUUM ANALYZE")
    if not reindex:
        say("  search index kept as it is (--no-reindex)")
        return None
    started = time.monotonic()
    manage(env, "update_index", timeout=3600)
    seconds = time.monotonic() - started
    say(f"  full update_index: {seconds:.0f} s")
    return seconds


def urls(env):
    """The measured URLs, read from the bench database."""
    script = (
        "import json\n"
        "from guides.models import GuideChapterPage\n"
        "from partners.models import Partner\n"
        "chapter = GuideChapterPage.objects.live().order_by('path').first()\n"
        "partner = Partner.objects.published().order_by('pk').first()\n"
        "print(json.dumps({'chapter': chapter.url, 'partner': partner.url}))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return {
        "home": "/",
        "chapter": found["chapter"],
        "directory": "/partners/?q=bouw&provincie=antwerpen&aanbod=leerlingenstage",
        "partner": found["partner"],
        "search": "/zoeken/?q=stage",
    }


SERVER_TIME_ROUNDS = 30
PUBLISH_ROUNDS = 10


def count_queries(env, paths):
    """SQL queries and server time per request for each page, in-process on the same database.

    Server time: the time Django takes for the request (the test client, one request at a time,
    SERVER_TIME_ROUNDS after a warm-up), p50 and max; no network or queueing, as a gunicorn
    worker's own time. Then a chapter is published PUBLISH_ROUNDS times and its first view after
    each publish is timed: the cost of a cache miss right after a change.
    """
    script = (
        "import json, statistics, time\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from guides.models import GuideChapterPage\n"
        "client = Client(HTTP_HOST='127.0.0.1', HTTP_X_FORWARDED_PROTO='https')\n"
        "counts = {}\n"
        "queries = []\n"
        "def count(execute, sql, params, many, context):\n"
        "    queries.append(sql)\n"
        "    return execute(sql, params, many, context)\n"
        f"for name, path in {paths!r}.items():\n"
        "    client.get(path)\n"
        "    queries.clear()\n"
        "    with connection.execute_wrapper(count):\n"
        "        response = client.get(path)\n"
        "    times = []\n"
        f"    for _ in range({SERVER_TIME_ROUNDS}):\n"
        "        started = time.perf_counter()\n"
        "        client.get(path)\n"
        "        times.append((time.perf_counter() - started) * 1000)\n"
        "    counts[name] = [response.status_code, len(queries), len(response.content),\n"
        "                    statistics.median(times), max(times)]\n"
        f"chapter = GuideChapterPage.objects.get(url_path='/home' + {paths['chapter']!r})\n"
        "firsts = []\n"
        f"for _ in range({PUBLISH_ROUNDS}):\n"
        "    chapter.save_revision().publish()\n"
        "    started = time.perf_counter()\n"
        f"    assert client.get({paths['chapter']!r}).status_code == 200\n"
        "    firsts.append((time.perf_counter() - started) * 1000)\n"
        "counts['chapter after publish'] = [200, None, None, statistics.median(firsts), max(firsts)]\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def fetch(url):
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback
        return response.read(), dict(response.headers)


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, duration, connections=4):
    subprocess.run(["wrk", "-t1", "-c2", "-d1s", url], capture_output=True, check=True)  # warm-up
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latencies = {p: to_ms(v, u) for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rate,
        "p50": latencies.get("50"),
        "p99": latencies.get("99"),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def server_times(access_log, offset):
    """p50 and p99 (ms) of gunicorn's own time per request logged after `offset` bytes."""
    time.sleep(0.5)  # gunicorn writes its access log line after the response
    with open(access_log, "rb") as log:
        log.seek(offset)
        micros = sorted(int(line.split()[-1]) for line in log.read().decode().splitlines() if line)
    if not micros:
        return {}
    return {
        "server_p50": micros[len(micros) // 2] / 1000,
        "server_p99": micros[min(len(micros) - 1, int(len(micros) * 0.99))] / 1000,
    }


class NginxServer:
    """nginx in the foreground with its own prefix and config, serving `root` on `port`."""

    def __init__(self, root, port, folder):
        self.root = Path(root)
        self.port = port
        self.folder = Path(folder)
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        (self.folder / "logs").mkdir(parents=True, exist_ok=True)
        conf = self.folder / "nginx.conf"
        conf.write_text(
            "worker_processes 1;\n"
            f"pid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/logs/error.log warn;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            "  access_log off;\n"
            "  sendfile on;\n"
            "  default_type text/html;\n"
            f"  client_body_temp_path {self.folder}/body;\n"
            f"  proxy_temp_path {self.folder}/proxy;\n"
            f"  fastcgi_temp_path {self.folder}/fastcgi;\n"
            f"  uwsgi_temp_path {self.folder}/uwsgi;\n"
            f"  scgi_temp_path {self.folder}/scgi;\n"
            f"  server {{ listen 127.0.0.1:{self.port}; root {self.root}; }}\n"
            "}\n"
        )
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv
            [
                NGINX,
                "-p",
                str(self.folder),
                "-c",
                str(conf),
                "-e",
                str(self.folder / "logs/error.log"),
                "-g",
                "daemon off;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(self.url + "/", timeout=1)  # noqa: S310 - loopback
                return self
            except urllib.error.HTTPError:
                return self  # it answers (403: the root has no index page)
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("nginx did not answer within 20 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


def caching_lines():
    """Lines of the project's caching code (CACHING_CODE), per item."""
    import ast

    counts = {}
    for item in CACHING_CODE:
        if isinstance(item, str):
            counts[item] = len((BASE_DIR / item).read_text().splitlines())
            continue
        path, name = item
        tree = ast.parse((BASE_DIR / path).read_text())
        node = next(n for n in tree.body if getattr(n, "name", None) == name)
        counts[f"{path} {name}"] = node.end_lineno - node.lineno + 1
    return counts


def places_step(env, requests):
    """Places asked and offered (tests/perf/bench_places.py) on the same database: matching one
    request and the shortage report, in-process. Its figures print as it runs."""
    subprocess.run(
        [sys.executable, "tests/perf/bench_places.py", "--requests", str(requests)],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=3600,
    )


def measure(size, duration, reuse, database, reindex=True, requests=10_000):
    name = database or f"wpp_bench_{size}"
    folder = Path(tempfile.mkdtemp(prefix="wpp-bench-"))
    app_ports = [PORT, PORT + 1]
    edge_port, nginx_port = EDGE_PORT, PORT + 2
    base = production_env(
        f"{SERVER}/{name}",
        folder / "static",
        SECURE_SSL_REDIRECT=0,
        SECURE_HSTS_SECONDS=0,
        DATABASE_CONN_MAX_AGE=600,
        REDIS_URL=REDIS,
        PORTAL_TRUSTED_PROXY_COUNT=1,
    )
    say(f"\n== {size:,} partners, database {name}")
    index_seconds = build(name, size, base, reuse, reindex)
    manage(base, "collectstatic", "--noinput")
    paths = urls(base)
    queries = count_queries(base, paths)
    if requests:
        places_step(base, requests)
    rows = {}
    edge_env = {**base, "FRONTEND_CACHE_URL": f"http://127.0.0.1:{edge_port}"}
    subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True, check=False)
    try:
        # gunicorn's own time per request (%(D)s, microseconds) in its access log: the server
        # time of the pages straight from gunicorn, without wrk's queueing.
        access_log = folder / "access.log"
        timed = ["--access-logfile", str(access_log), "--access-logformat", "%(U)s %(D)s"]
        with (
            GunicornServer(
                edge_env, workers=2, port=app_ports[0], log_path=folder / "g1.log", extra_args=timed
            ),
            GunicornServer(edge_env, workers=2, port=app_ports[1], log_path=folder / "g2.log"),
            VarnishServer(edge_port, app_ports, memory="256m") as edge,
        ):
            # The static copy: the chapter page exactly as Varnish delivers it.
            chapter, _headers = fetch(edge.url + paths["chapter"])
            # nginx's workers run as its own user when started as root: readable by all.
            folder.chmod(0o755)
            root = folder / "nginx-root"
            root.mkdir(mode=0o755)
            (root / "chapter.html").write_bytes(chapter)
            (root / "chapter.html").chmod(0o644)
            with NginxServer(root, nginx_port, folder / "nginx") as nginx:
                say("  nginx, static copy of the chapter")
                rows[("nginx", "static chapter")] = wrk(nginx.url + "/chapter.html", duration)
            for page, path in paths.items():
                if page == "search":
                    continue  # private: never at the edge
                _body, headers = fetch(edge.url + path)  # fill the cache
                _body, headers = fetch(edge.url + path)
                say(f"  Varnish, {page} (X-Cache: {headers.get('X-Cache', '?')})")
                rows[("varnish", page)] = wrk(edge.url + path, duration)
            # Straight from one app server: every request rendered by Django.
            for page, path in paths.items():
                say(f"  gunicorn, {page}")
                seen = access_log.stat().st_size if access_log.exists() else 0
                rows[("gunicorn", page)] = wrk(f"http://127.0.0.1:{app_ports[0]}{path}", duration)
                rows[("gunicorn", page)].update(server_times(access_log, seen))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "size": size,
        "index_seconds": index_seconds,
        "queries": queries,
        "rows": rows,
        "page_bytes": len(chapter),
        "caching_lines": caching_lines(),
    }


def report(result):
    say(f"\n{result['size']:,} partners (chapter page {result['page_bytes']:,} bytes)")
    say(
        f"{'target':<9} {'page':<15} {'req/s':>9} {'vs nginx':>9} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'queries':>8} {'server p50':>11} {'server p99':>11}"
    )
    reference = result["rows"][("nginx", "static chapter")]["rps"]
    for (target, page), row in result["rows"].items():
        queries = result["queries"].get(page, ["", "-"])[1]
        flag = f" ({row['non2xx']} non-2xx!)" if row["non2xx"] else ""
        server = (
            f" {row['server_p50']:>11.2f} {row['server_p99']:>11.2f}" if "server_p50" in row else ""
        )
        say(
            f"{target:<9} {page:<15} {row['rps']:>9.1f} {row['rps'] / reference:>9.4f} "
            f"{row['p50']:>8.2f} {row['p99']:>8.2f} {queries!s:>8}{server}{flag}"
        )
    if result["index_seconds"] is not None:
        say(f"update_index of all partners: {result['index_seconds']:.0f} s")
    say("\nServer time, in-process, one request at a time:")
    for page, (_status, count, _size, p50, slowest) in result["queries"].items():
        shown = "-" if count is None else count
        say(f"  {page:<24} p50 {p50:>7.1f} ms   max {slowest:>7.1f} ms   queries {shown}")
    say("\nLines of caching code:")
    for item, lines in result["caching_lines"].items():
        say(f"  {item:<50} {lines:>5}")
    say(f"  {'total (after)':<50} {sum(result['caching_lines'].values()):>5}")
    say(f"  {'before: the in-app layer issue 14 removed':<50} {CACHING_LINES_BEFORE:>5}")
    load = result.get("load")
    if load:
        say(
            f"\nMachine load average (1 min) at the start and the end: {load[0]:.1f}, {load[1]:.1f}"
        )
    say("\nTargets:")
    for (target, page), row in result["rows"].items():
        if target == "varnish":
            ratio = row["rps"] / reference
            ok = "met" if ratio >= EDGE_RATIO_TARGET else "NOT MET"
            say(f"  {page} through Varnish {ratio:.2f} of nginx (>= {EDGE_RATIO_TARGET}): {ok}")
        if target == "gunicorn" and page == "chapter":
            ratio = row["rps"] / reference
            ok = "met" if ratio >= GUNICORN_CHAPTER_RATIO_TARGET else "NOT MET"
            say(
                f"  chapter straight from gunicorn {ratio:.4f} of nginx "
                f"(>= {GUNICORN_CHAPTER_RATIO_TARGET}): {ok}"
            )
        if target == "gunicorn" and page in SERVER_TIME_TARGETS and "server_p50" in row:
            limit = SERVER_TIME_TARGETS[page]
            ok = "met" if row["server_p50"] <= limit else "NOT MET"
            say(
                f"  {page} gunicorn server time p50 {row['server_p50']:.1f} ms (<= {limit} ms): {ok}"
            )
        if page == "directory":
            ok = "met" if row["p99"] <= DIRECTORY_P99_TARGET else "NOT MET"
            say(
                f"  directory p99 through {target} {row['p99']:.0f} ms "
                f"(< {DIRECTORY_P99_TARGET} ms): {ok}"
            )
    for page, (_status, count, _size, p50, _slowest) in result["queries"].items():
        if count is not None:
            ok = "met" if count <= QUERY_TARGET else "NOT MET"
            say(f"  {page} queries from gunicorn {count} (<= {QUERY_TARGET}): {ok}")
        if page in SERVER_TIME_TARGETS:
            target = SERVER_TIME_TARGETS[page]
            ok = "met" if p50 <= target else "NOT MET"
            say(f"  {page} in-process server time p50 {p50:.1f} ms (<= {target} ms): {ok}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--partners", type=int, default=5_000, help="partners (default 5,000)")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page")
    parser.add_argument("--reuse", action="store_true", help="reuse the bench database if built")
    parser.add_argument("--database", help="database name (default wpp_bench_<partners>)")
    parser.add_argument(
        "--no-reindex",
        action="store_true",
        help="with --reuse: keep the search index instead of timing a full update_index",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=10_000,
        help="schools' requests for the places step (default 10,000; 0 skips it)",
    )
    args = parser.parse_args()
    for tool, hint in (("wrk", "wrk"), (NGINX, "nginx")):
        if not shutil.which(tool):
            sys.exit(f"{tool} is not installed: apt-get install {hint}")
    if not varnish_available():
        sys.exit("varnishd is not installed: apt-get install varnish")
    load_before = os.getloadavg()[0]
    result = measure(
        args.partners,
        args.duration,
        args.reuse,
        args.database,
        not (args.reuse and args.no_reindex),
        args.requests,
    )
    result["load"] = (load_before, os.getloadavg()[0])
    report(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    serialisable = {**result, "rows": {f"{t}/{p}": v for (t, p), v in result["rows"].items()}}
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(serialisable, indent=2))
    say(f"\nRaw figures: {RESULTS / f'bench-{stamp}.json'}")
    # Issue 18: the search alerts run for 10,000 saved searches, on the same database.
    say("\n== Search alerts (tests/perf/bench_alerts.py)")
    subprocess.run(  # noqa: S603 - fixed argv
        [
            sys.executable,
            str(BASE_DIR / "tests" / "perf" / "bench_alerts.py"),
            "--database",
            args.database or f"wpp_bench_{args.partners}",
            "--partners",
            str(args.partners),
        ],
        env={**os.environ, "DATABASE_URL": f"{SERVER}/postgres"},
        check=False,
    )


if __name__ == "__main__":
    main()
