"""A real production server for tests and benchmarks: gunicorn with portal.settings.production.

Used by the security tests (headers of real responses), the API fuzzing and the benchmarks.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# The same command the Dockerfile runs (checked by tests/portal/test_deployment.py).
GUNICORN_COMMAND = ["gunicorn", "portal.wsgi", "--no-control-socket"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(database_url, static_root, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SETTINGS_MODULE",
            "DATABASE_URL",
            "REDIS_URL",
            "ELASTICSEARCH_URL",
            "OPENSEARCH_URL",
            # For the browser tests only; production refuses it (async.E001).
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(Path(static_root).parent / "media"),
        EMAIL_URL="smtp://127.0.0.1:9/",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, timeout=600):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=timeout,
        stdout=subprocess.DEVNULL,
    )


def prepare(env, demo=True):
    """Migrate, collect static files and (optionally) load the demo content."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    if demo:
        manage(env, "load_demo", "--no-admin", "--base-url", "http://127.0.0.1")


class GunicornServer:
    def __init__(
        self, env, workers=2, threads=1, port=None, log_path=None, wsgi_app=None, extra_args=()
    ):
        self.env = env
        self.extra_args = list(extra_args)
        # The Dockerfile's command, with another WSGI module where a caller needs one.
        self.command = [
            wsgi_app if part == "portal.wsgi" and wsgi_app else part for part in GUNICORN_COMMAND
        ]
        self.workers = workers
        self.threads = threads
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = None

    def __enter__(self):
        log = open(self.log_path, "w") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                *self.command,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
                *self.extra_args,
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        # Each worker builds the directory's facet index before it answers (gunicorn.conf.py):
        # over 10 s at 100,000 partners on a loaded machine.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)  # noqa: S310 - our own loopback server
                return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 120 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
