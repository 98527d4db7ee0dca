"""Front-end audit: `make audit-frontend` (needs Debian's chromium and `npm ci`).

Serves the demo site as in production (tests/e2e/demo_site.py: gunicorn, WhiteNoise's
compressed and hashed files), then
  * runs Lighthouse (npm `lighthouse`, mobile profile with simulated throttling, its default)
    on the home page, a chapter and the directory, and
  * runs axe-core (WCAG 2.1 A/AA) and measures the first load (KB on the wire, requests) of
    the eight pages of issue 7 in chromium,
and prints a table. Exits 1 when a Lighthouse score is under 95, axe finds a violation, or a
page weighs 150 KB or more or needs 20 requests or more. --preset desktop runs Lighthouse's
desktop profile instead; --json FILE also writes the figures as JSON.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e.audit import (  # noqa: E402
    MAX_KB,
    MAX_REQUESTS,
    axe_violations,
    describe,
    measure_first_load,
)
from tests.e2e.demo_site import BASE_DIR, DEMO_PATHS, demo_server  # noqa: E402
from tests.e2e.pages import audited_pages, open_page  # noqa: E402

LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MIN_SCORE = 95
LIGHTHOUSE_PAGES = [
    ("home", "/"),
    ("hoofdstuk", DEMO_PATHS["chapter"]),
    ("partnergids", DEMO_PATHS["directory"]),
]


def lighthouse(url, chromium, preset=None):
    """Lighthouse's four category scores (0-100) and the audits that cost points."""
    with tempfile.TemporaryDirectory(prefix="wpp-lh-") as tmp:
        report = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ]
        if preset:
            command.append(f"--preset={preset}")
        subprocess.run(  # noqa: S603 - our own command line, no shell
            command, check=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    lost = sorted(
        {
            f"{audit['id']} ({audit['score']:.2f})"
            for key in CATEGORIES
            for ref in data["categories"][key]["auditRefs"]
            if ref["weight"] > 0
            and (audit := data["audits"][ref["id"]])["score"] is not None
            and audit["score"] < 0.9
        }
    )
    metrics = {
        name: data["audits"][name]["displayValue"]
        for name in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
        )
    }
    return scores, lost, metrics


def browser_checks(browser, url):
    """axe violations and first-load weight of the eight pages."""
    rows = []
    for name, path, then in audited_pages(DEMO_PATHS):
        context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        open_page(page, url + path, then)
        violations = axe_violations(page)
        page.close()
        _, load = measure_first_load(context, url + path, then)
        context.close()
        rows.append((name, path, violations, load))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=["desktop"], help="Lighthouse's desktop profile")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    chromium = (
        os.environ.get("CHROMIUM_PATH") or os.environ.get("CHROME_PATH") or shutil.which("chromium")
    )
    if not chromium:
        sys.exit("Debian's chromium is needed: apt-get install chromium (or set CHROMIUM_PATH)")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` first")

    failures = []
    figures = {"lighthouse": {}, "pages": {}}
    with demo_server() as url:
        print(f"\nLighthouse {args.preset or 'mobile'} (minimum {MIN_SCORE})")
        print(f"{'pagina':<14}" + "".join(f"{key:>16}" for key in CATEGORIES))
        for name, path in LIGHTHOUSE_PAGES:
            scores, lost, metrics = lighthouse(url + path, chromium, args.preset)
            figures["lighthouse"][name] = {"path": path, **scores, "metrics": metrics, "lost": lost}
            print(f"{name:<14}" + "".join(f"{scores[key]:>16}" for key in CATEGORIES))
            print(f"{'':<14}  " + ", ".join(f"{k}: {v}" for k, v in metrics.items()))
            if lost:
                print(f"{'':<14}  audits under 0.9: {', '.join(lost)}")
            failures += [
                f"Lighthouse {key} {scores[key]} on {name}"
                for key in CATEGORIES
                if scores[key] < MIN_SCORE
            ]

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            rows = browser_checks(browser, url)
            browser.close()
        print(
            f"\naxe-core (WCAG 2.1 A/AA) and first load (limits: < {MAX_KB} KB, < {MAX_REQUESTS} requests)"
        )
        print(f"{'pagina':<26}{'axe':>6}{'KB':>9}{'requests':>10}  pad")
        for name, path, violations, load in rows:
            figures["pages"][name] = {
                "path": path,
                "axe_violations": len(violations),
                "kilobytes": round(load.kilobytes, 1),
                "requests": load.count,
            }
            print(f"{name:<26}{len(violations):>6}{load.kilobytes:>9.1f}{load.count:>10}  {path}")
            if violations:
                failures.append(f"axe on {name}:\n{describe(violations)}")
            if load.kilobytes >= MAX_KB or load.count >= MAX_REQUESTS:
                failures.append(f"{name}: {load.kilobytes:.1f} KB, {load.count} requests")

    if args.json:
        args.json.write_text(
            json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    if failures:
        print("\nNot met:\n  " + "\n  ".join(failures))
        return 1
    print("\nEverything met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
