"""The HTML of the audited pages (tests/e2e/pages.py) and the bytes of CSS each one links, saved
from a running server with the demo content, so that a restructuring can be diffed before/after.

    python tools/page_snapshot.py http://127.0.0.1:8000 FOLDER
    python tools/page_snapshot.py --diff FOLDER_BEFORE FOLDER_AFTER

Writes FOLDER/<name>.html per page and FOLDER/css.json (per page: the stylesheets and their
bytes). The registration page is sent empty, as the audit does, so its errors show. `--diff`
compares two folders ignoring CSRF tokens, nonces, whitespace and the stylesheet link tags,
and prints the CSS bytes side by side.
"""

import argparse
import difflib
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.e2e.demo_site import DEMO_PATHS  # noqa: E402

PAGES = [
    ("home", "/"),
    ("gids", DEMO_PATHS["guide"]),
    ("hoofdstuk", DEMO_PATHS["chapter"]),
    ("woordenlijst", DEMO_PATHS["glossary"]),
    ("partnergids", DEMO_PATHS["directory"] + "?domein=stem&provincie=antwerpen"),
    ("partnerpagina", DEMO_PATHS["partner"]),
    ("contactformulier", DEMO_PATHS["partner"] + "contact/"),
    ("registratie", DEMO_PATHS["directory"] + "registreren/"),
    ("zoekresultaten", DEMO_PATHS["search"] + "?q=werkplekleren"),
]
STYLESHEET = re.compile(r"<link[^>]*rel=\"stylesheet\"[^>]*>")
HREF = re.compile(r"href=\"([^\"]+)\"")
TOKENS = [
    (re.compile(r"(name=\"csrfmiddlewaretoken\" value=)\"[^\"]*\""), r"\1\"TOKEN\""),
    (re.compile(r"(nonce=)\"[^\"]*\""), r"\1\"NONCE\""),
    (re.compile(r"(data-csrf[a-z-]*=)\"[^\"]*\""), r"\1\"TOKEN\""),
]


def fetch(opener, url, data=None):
    request = urllib.request.Request(url, data=data)  # noqa: S310 - our own server
    if data is not None:
        request.add_header("Referer", url)
    with opener.open(request) as response:  # noqa: S310
        return response.read()


def snapshot(base, folder):
    folder.mkdir(parents=True, exist_ok=True)
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    css = {}
    for name, path in PAGES:
        url = base + path
        html = fetch(opener, url).decode()
        if name == "registratie":
            token = re.search(r"name=\"csrfmiddlewaretoken\" value=\"([^\"]+)\"", html).group(1)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "action": "preview"})
            html = fetch(opener, url, body.encode()).decode()
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        sheets = {}
        for tag in STYLESHEET.findall(html):
            href = HREF.search(tag).group(1)
            sheets[href] = len(fetch(opener, urllib.parse.urljoin(url, href)))
        css[name] = {"stylesheets": sheets, "bytes": sum(sheets.values())}
        print(f"{name:18} {len(html):7} bytes HTML, {css[name]['bytes']:7} bytes CSS")
    (folder / "css.json").write_text(json.dumps(css, indent=2) + "\n", encoding="utf-8")


def normalised(html):
    html = STYLESHEET.sub("", html)
    for pattern, replacement in TOKENS:
        html = pattern.sub(replacement, html)
    lines = (line.strip() for line in html.splitlines())
    return [line for line in lines if line]


def diff(before, after):
    same = True
    for name, _ in PAGES:
        old = normalised((before / f"{name}.html").read_text(encoding="utf-8"))
        new = normalised((after / f"{name}.html").read_text(encoding="utf-8"))
        lines = list(difflib.unified_diff(old, new, f"before/{name}", f"after/{name}", lineterm=""))
        print(f"{name:18} {'same' if not lines else 'DIFFERS'}")
        if lines:
            same = False
            print("\n".join(lines[:80]))
    old_css = json.loads((before / "css.json").read_text(encoding="utf-8"))
    new_css = json.loads((after / "css.json").read_text(encoding="utf-8"))
    print("CSS bytes per page (before -> after):")
    for name, _ in PAGES:
        print(f"  {name:18} {old_css[name]['bytes']:7} -> {new_css[name]['bytes']:7}")
    return 0 if same else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff", action="store_true", help="compare two snapshot folders")
    parser.add_argument("first", help="base URL of the server (or the 'before' folder)")
    parser.add_argument("second", help="folder to write (or the 'after' folder)")
    args = parser.parse_args()
    if args.diff:
        return diff(Path(args.first), Path(args.second))
    snapshot(args.first.rstrip("/"), Path(args.second))
    return 0


if __name__ == "__main__":
    sys.exit(main())
