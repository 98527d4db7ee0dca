"""Renew the README's screenshots: `make screenshots` (needs Debian's chromium).

Serves the demo site as in production (tests/e2e/demo_site.py), opens it in chromium and
saves PNGs of the home page, a chapter, the directory and the registration form into
docs/screenshots/, on a laptop and on a phone. The PNGs are reduced to a 256-colour palette
so that each stays well under 300 KB.
"""

import io
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.demo_site import BASE_DIR, DEMO_PATHS, demo_server  # noqa: E402

OUT = BASE_DIR / "docs" / "screenshots"
LAPTOP = {"viewport": {"width": 1280, "height": 860}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

# (file name, device, path, what to wait for)
SHOTS = [
    ("home.png", LAPTOP, "/", "Samen leren op de werkplek"),
    ("chapter.png", LAPTOP, DEMO_PATHS["chapter"], "Wat is werkplekleren?"),
    ("directory.png", LAPTOP, DEMO_PATHS["directory"] + "?domein=stem", "partners gevonden"),
    ("registration.png", LAPTOP, DEMO_PATHS["directory"] + "registreren/", "Registreer"),
    ("directory-phone.png", PHONE, DEMO_PATHS["directory"], "partners gevonden"),
]


def save_small_png(png_bytes, path):
    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    return path.stat().st_size


def main():
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        sys.exit("Debian's chromium is needed: apt-get install chromium (or set CHROMIUM_PATH)")
    OUT.mkdir(parents=True, exist_ok=True)
    with demo_server() as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for name, device, path, text in SHOTS:
            context = browser.new_context(locale="nl-BE", **device)
            page = context.new_page()
            page.goto(url + path)
            expect(page.locator("main")).to_contain_text(text)
            size = save_small_png(page.screenshot(), OUT / name)
            print(f"{OUT.relative_to(BASE_DIR) / name}: {size / 1024:.0f} KB")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
