"""`make bench`: the portal under load on PostgreSQL, with gunicorn and wrk, on loopback.

For each size N (default 10,000 and 100,000 partners) it builds a PostgreSQL database with the
demo content plus generated partners, times a full `update_index`, serves the site with gunicorn
(production settings, DEBUG off), and drives each page with wrk for a bounded time. It prints
requests per second, p50 and p99 latency, SQL queries per request, and each page's rate as a ratio
to a static file of the same size as the chapter page served by the same gunicorn (WhiteNoise):
that ratio is the figure to improve, since absolute numbers drift on a shared machine.

Pages are measured twice: with the page cache (Redis, as in production) and without it.

    python tests/perf/bench.py [--sizes 10000 100000] [--duration 10] [--reuse] [--make-run]

Needs PostgreSQL (BENCH_DATABASE_SERVER, default postgres://postgres@127.0.0.1:5432), Redis
(BENCH_REDIS_URL, default redis://127.0.0.1:6379/14) and wrk (Debian: apt-get install wrk).
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
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.support.servers import BASE_DIR, GunicornServer, manage, production_env  # noqa: E402

SERVER = os.environ.get("BENCH_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
RESULTS = BASE_DIR / "tests" / "perf" / "results"

TARGETS = {
    "cached chapter vs static": 0.50,
    "uncached chapter vs static": 0.10,
    "directory p50 ms (100k)": 100,
    "directory p99 ms (100k)": 300,
    "search p50 ms (100k)": 150,
    "update_index s (100k)": 300,
}


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


def build(name, size, env, reuse):
    """The bench database with demo content and `size` partners; returns update_index seconds.

    With `reuse`, an existing bench database is kept (generating 100,000 partners takes minutes)
    and only migrated; the full update_index is timed either way.
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
        "registration form": "/partners/registreren/",
    }


def count_queries(env, paths):
    """SQL queries per request for each page, measured in-process on the same database."""
    script = (
        "import json, sys\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(HTTP_HOST='127.0.0.1', HTTP_X_FORWARDED_PROTO='https')\n"
        "counts = {}\n"
        f"for name, path in {paths!r}.items():\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        status = client.get(path).status_code\n"
        "    counts[name] = [status, len(queries), len(client.get(path).content)]\n"
        "print(json.dumps(counts))\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env={**env, "PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def server_times(access_log, offset):
    """p50 and p99 of gunicorn's own request times (ms) logged after `offset`."""
    with open(access_log) as log:
        log.seek(offset)
        times = sorted(int(line.split()[-1]) / 1000 for line in log if line.strip())
    if not times:
        return None, None
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.99))]


def wrk(url, duration, connections=4, access_log=None):
    subprocess.run(["wrk", "-t1", "-c2", "-d1s", url], capture_output=True, check=True)  # warm-up
    offset = os.path.getsize(access_log) if access_log else 0
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latencies = {p: to_ms(v, u) for p, v, u in LATENCY.findall(out)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    server_p50, server_p99 = server_times(access_log, offset) if access_log else (None, None)
    return {
        "rps": rate,
        "p50": latencies.get("50"),
        "p99": latencies.get("99"),
        "server_p50": server_p50,
        "server_p99": server_p99,
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def first_views_after_a_publish(url, rounds=25):
    """Median and worst ms of the first view of `url` after a publish, one request at a time.

    A publish moves the generation on, so this view finds nothing cached: route, menu, page frame
    and chapter context are all built again. Here the generation is moved on as a publish does
    (portal.cache.purge_all: INCR of its key, with the production settings' key prefix), and the
    glossary version too, so that the chapter's body is rendered and linked again as after a
    change to the chapter itself or to a glossary term.
    """
    keys = ["wpp:1:pagecache:generation", "wpp:1:guides:glossary:version"]
    timings = []
    for _ in range(rounds):
        for key in keys:
            subprocess.run(["redis-cli", "-u", REDIS, "INCR", key], capture_output=True, check=True)
        request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            response.read()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"p50": timings[len(timings) // 2], "max": timings[-1], "rounds": rounds}


def static_twin(size, static_root):
    """A static file of `size` bytes (the chapter page's size), for WhiteNoise to serve."""
    target = Path(static_root) / "bench" / "chapter-size.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"x" * size)
    return "/static/bench/chapter-size.html"


def measure(size, duration, reuse, build_only=False):
    name = f"wpp_bench_{size}"
    folder = Path(tempfile.mkdtemp(prefix="wpp-bench-"))
    base = production_env(
        f"{SERVER}/{name}", folder / "static", SECURE_SSL_REDIRECT=0, DATABASE_CONN_MAX_AGE=600
    )
    say(f"\n== {size:,} partners")
    index_seconds = build(name, size, base, reuse)
    if build_only:
        return None
    manage(base, "collectstatic", "--noinput")
    paths = urls(base)
    queries = count_queries(base, paths)
    page_bytes = queries["chapter"][2]
    static_path = static_twin(page_bytes, folder / "static")

    rows = {}
    after_publish = None
    # Both modes use Redis, as production does: "uncached" switches the page cache off, so every
    # view is rendered by Django (with routes, menus and chapter context from Redis).
    for label, extra in (
        ("cached", {"REDIS_URL": REDIS, "PAGE_CACHE_SECONDS": 300}),
        ("uncached", {"REDIS_URL": REDIS, "PAGE_CACHE_SECONDS": 0}),
    ):
        env = {**base, **{k: str(v) for k, v in extra.items()}}
        subprocess.run(["redis-cli", "-u", REDIS, "FLUSHDB"], capture_output=True, check=False)
        # gunicorn logs each request's own time (%(D)s, microseconds): the server time, without
        # the queueing and the load tool's share of the machine that wrk's latency includes.
        access_log = folder / f"access-{label}.log"
        access_log.touch()
        timing = ["--access-logfile", str(access_log), "--access-logformat", "%(s)s %(D)s"]
        with GunicornServer(
            env, workers=2, log_path=folder / f"gunicorn-{label}.log", extra_args=timing
        ) as server:
            rows[(label, "static file")] = wrk(
                server.url + static_path, duration, access_log=access_log
            )
            for page, path in paths.items():
                rows[(label, page)] = wrk(server.url + path, duration, access_log=access_log)
            if label == "uncached":
                after_publish = first_views_after_a_publish(server.url + paths["chapter"])
    shutil.rmtree(folder, ignore_errors=True)
    return {
        "after_publish": after_publish,
        "size": size,
        "index_seconds": index_seconds,
        "queries": queries,
        "rows": rows,
        "page_bytes": page_bytes,
    }


def report(result):
    say(f"\n{result['size']:,} partners (chapter page {result['page_bytes']:,} bytes)")
    say("(p50/p99: latency seen by wrk; srv p50/p99: gunicorn's own time per request)")
    say(
        f"{'mode':<9} {'page':<18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'srv p50':>8} {'srv p99':>8} {'vs static':>9} {'queries':>8}"
    )
    for (mode, page), row in result["rows"].items():
        static = result["rows"][(mode, "static file")]["rps"]
        queries = result["queries"].get(page, ["", ""])[1] if page != "static file" else 0
        flag = f" ({row['non2xx']} non-2xx!)" if row["non2xx"] else ""
        server = [row.get("server_p50"), row.get("server_p99")]
        server = [f"{value:>8.1f}" if value is not None else f"{'-':>8}" for value in server]
        say(
            f"{mode:<9} {page:<18} {row['rps']:>8.1f} {row['p50']:>8.1f} {row['p99']:>8.1f} "
            f"{server[0]} {server[1]} {row['rps'] / static:>9.2f} {queries!s:>8}{flag}"
        )
    if result.get("after_publish"):
        first = result["after_publish"]
        say(
            f"chapter, first view after a publish (nothing cached, one request at a time, "
            f"{first['rounds']} rounds): p50 {first['p50']:.1f} ms, max {first['max']:.1f} ms"
        )
    if result["index_seconds"] is not None:
        say(f"update_index of all partners: {result['index_seconds']:.0f} s")


def check_targets(results):
    largest = max(results, key=lambda r: r["size"])
    rows = largest["rows"]
    figures = {
        "cached chapter vs static": rows[("cached", "chapter")]["rps"]
        / rows[("cached", "static file")]["rps"],
        "uncached chapter vs static": rows[("uncached", "chapter")]["rps"]
        / rows[("uncached", "static file")]["rps"],
        f"directory p50 ms ({largest['size'] // 1000}k)": rows[("uncached", "directory")][
            "server_p50"
        ],
        f"directory p99 ms ({largest['size'] // 1000}k)": rows[("uncached", "directory")][
            "server_p99"
        ],
        f"search p50 ms ({largest['size'] // 1000}k)": rows[("uncached", "search")]["server_p50"],
    }
    if largest["index_seconds"] is not None:
        figures[f"update_index s ({largest['size'] // 1000}k)"] = largest["index_seconds"]
    say("\nTargets (latency: gunicorn's server time, page cache off):")
    for name, value in figures.items():
        target = TARGETS.get(name)
        if target is None:
            say(f"  {name:<32} {value:>8.2f}")
            continue
        ok = value >= target if "vs static" in name else value <= target
        say(
            f"  {name:<32} {value:>8.2f}   target {'>=' if 'vs static' in name else '<='} {target}   {'met' if ok else 'NOT MET'}"
        )


def time_make_run():
    """Seconds from a clean clone to a served home page with `make run` (installs included)."""
    folder = Path(tempfile.mkdtemp(prefix="wpp-makerun-"))
    subprocess.run(["git", "clone", "-q", str(BASE_DIR), str(folder / "clone")], check=True)
    port = 8099
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=folder / "clone",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "VIRTUAL_ENV"}},
        start_new_session=True,
    )
    try:
        while time.monotonic() - started < 600:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200:  # noqa: S310
                    seconds = time.monotonic() - started
                    say(
                        f"\nmake run from a clean clone to a served home page: {seconds:.0f} s (target < 180 s)"
                    )
                    return seconds
            except OSError:
                time.sleep(1)
        say("\nmake run did not serve the home page within 600 s")
        return None
    finally:
        os.killpg(process.pid, 15)
        shutil.rmtree(folder, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of load per page (default 10)"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse bench databases that exist")
    parser.add_argument(
        "--make-run", action="store_true", help="also time `make run` from a clean clone"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="only build the databases (use --reuse later)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    results = [measure(size, args.duration, args.reuse, args.build_only) for size in args.sizes]
    if args.build_only:
        return
    for result in results:
        report(result)
    check_targets(results)
    if args.make_run:
        time_make_run()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    serialisable = [
        {**r, "rows": {f"{m}/{p}": v for (m, p), v in r["rows"].items()}} for r in results
    ]
    (RESULTS / f"bench-{stamp}.json").write_text(json.dumps(serialisable, indent=2))
    say(f"\nRaw figures: {RESULTS / f'bench-{stamp}.json'}")


if __name__ == "__main__":
    main()
