"""The demo site served as in production, for `make screenshots` and `make audit-frontend`.

A throw-away SQLite database and static folder in a temporary directory: migrate,
collectstatic (WhiteNoise's compressed, hashed files), load_demo, then gunicorn with
portal.settings.production on a free port of localhost; media files are served next to it
(tests/e2e/demo_wsgi.py), as S3 or the web server does in production. Plain HTTP on localhost, which
browsers treat as a secure context, so the production cookie settings still work.
"""

import contextlib
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from tests.support.servers import GunicornServer, free_port, manage, production_env  # noqa: E402

# The demo's pages that the screenshots and the audit visit.
DEMO_PATHS = {
    "guide": "/gidsen/gids-voor-scholen/",
    "chapter": "/gidsen/gids-voor-scholen/wat-is-werkplekleren/",
    "glossary": "/gidsen/woordenlijst/",
    "directory": "/partners/",
    "partner": "/partners/autogarage-wommelveld-fictief/",
    "search": "/zoeken/",
}


@contextlib.contextmanager
def demo_server(workers=2):
    """Yields the base URL (http://localhost:PORT) of a production server with the demo."""
    port = free_port()
    url = f"http://localhost:{port}"
    with tempfile.TemporaryDirectory(prefix="wpp-demo-") as tmp:
        env = production_env(
            f"sqlite:///{tmp}/demo.sqlite3",
            Path(tmp) / "static",
            ALLOWED_HOSTS="localhost,127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
        )
        print("Preparing the demo site (migrate, collectstatic, load_demo)...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo", "--no-admin", "--base-url", url)
        server = GunicornServer(
            env,
            workers=workers,
            port=port,
            log_path=Path(tmp) / "gunicorn.log",
            wsgi_app="tests.e2e.demo_wsgi",
        )
        with server:
            print(f"Demo site at {url}/", flush=True)
            yield url
