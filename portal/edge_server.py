"""Varnish in front of gunicorn on one machine: `make run-edge`, and the edge tests.

`python -m portal.edge_server --host 127.0.0.1 --port 8080` serves the database that `make run`
made (DATABASE_URL, else db.sqlite3) as production does: gunicorn with
portal.settings.production on a loopback port, behind Varnish with deploy/varnish/default.vcl
on HOST:PORT. Varnish runs as this user (no root), with its working directory in a temporary
folder. The app purges it through FRONTEND_CACHE_URL.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL_DIR = BASE_DIR / "deploy" / "varnish"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def varnish_available():
    return Path(VARNISHD).exists()


def backends_vcl(app_ports, purgers=("127.0.0.1",)):
    """The backends.vcl for app servers on 127.0.0.1:<port> (see deploy/varnish/default.vcl)."""
    lines = []
    for number, port in enumerate(app_ports, start=1):
        lines.append(
            f'backend app{number} {{ .host = "127.0.0.1"; .port = "{port}"; '
            f".connect_timeout = 2s; .first_byte_timeout = 60s; }}"
        )
    lines.append("sub vcl_init {\n    new app = directors.round_robin();")
    lines.extend(f"    app.add_backend(app{number});" for number in range(1, len(app_ports) + 1))
    lines.append("}")
    lines.append("acl purgers {")
    lines.extend(f'    "{address}";' for address in purgers)
    lines.append("}")
    return "\n".join(lines) + "\n"


class VarnishServer:
    """varnishd in the foreground (-F) on 127.0.0.1:<port> (or host), stopped on exit."""

    def __init__(self, port, app_ports, host="127.0.0.1", purgers=("127.0.0.1",), memory="64m"):
        self.host = host
        self.port = port
        self.app_ports = list(app_ports)
        self.purgers = purgers
        self.memory = memory
        self.url = f"http://{host}:{port}"
        self.workdir = None
        self.process = None

    def __enter__(self):
        self.workdir = Path(tempfile.mkdtemp(prefix="wpp-varnish-"))
        # Started as root, varnishd reads the VCL as its own unprivileged user.
        self.workdir.chmod(0o755)
        (self.workdir / "backends.vcl").write_text(backends_vcl(self.app_ports, self.purgers))
        # deploy/varnish/default.vcl as it is, next to its backends.vcl.
        shutil.copy(VCL_DIR / "default.vcl", self.workdir / "default.vcl")
        self.process = subprocess.Popen(  # noqa: S603  # nosec B603 - fixed argv
            [
                VARNISHD,
                "-F",
                "-n",
                str(self.workdir / "n"),
                "-a",
                f"{self.host}:{self.port}",
                "-T",
                "none",
                "-p",
                f"vcl_path={self.workdir}",
                "-f",
                str(self.workdir / "default.vcl"),
                "-s",
                f"malloc,{self.memory}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=open(self.workdir / "varnishd.log", "w"),  # noqa: SIM115
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.workdir / "varnishd.log").read_text()
                raise RuntimeError(f"varnishd exited with {self.process.returncode}: {log}")
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("varnishd did not listen within 30 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--app-port", type=int, default=0, help="gunicorn's port (default: free)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not varnish_available():
        sys.exit("varnishd not found: install Debian's varnish package (apt-get install varnish).")

    app_port = args.app_port or free_port()
    edge_url = f"http://{args.host}:{args.port}"
    static_root = BASE_DIR / "staticfiles"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS") or f"{args.host},localhost,127.0.0.1",
        # Plain HTTP on this machine: no redirect to HTTPS, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": str(static_root),
        "FRONTEND_CACHE_URL": f"http://127.0.0.1:{args.port}",
        # Varnish is one proxy in front: the client's address is the last X-Forwarded-For entry.
        "PORTAL_TRUSTED_PROXY_COUNT": "1",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    python = sys.executable
    manage = [python, "manage.py"]
    # Varnish starts empty, so there is nothing to purge while migrating.
    quiet = {**env, "FRONTEND_CACHE_URL": "", "FRONTEND_CACHE_PURGE_URL": ""}
    subprocess.run([*manage, "migrate", "--noinput"], cwd=BASE_DIR, env=quiet, check=True)  # noqa: S603  # nosec B603
    subprocess.run(  # noqa: S603  # nosec B603 - fixed argv
        [python, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    gunicorn = subprocess.Popen(  # noqa: S603  # nosec B603 - fixed argv
        [
            python,
            "-m",
            "gunicorn",
            "portal.wsgi",
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{app_port}",
            "--workers",
            str(args.workers),
        ],
        cwd=BASE_DIR,
        env=env,
    )
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz", gunicorn)
        with VarnishServer(args.port, [app_port], host=args.host):
            database = os.environ.get("DATABASE_URL") or "db.sqlite3, the one `make run` made"
            print(
                f"\nThe portal as production serves it: {edge_url}/\n"
                f"  Varnish (deploy/varnish/default.vcl) on {args.host}:{args.port}\n"
                f"  -> gunicorn, portal.settings.production, 127.0.0.1:{app_port}\n"
                f"  database: {database}\n"
                "Stop with Ctrl-C.",
                flush=True,
            )
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


def wait_for(url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310  # nosec B310 - own loopback server
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 60 seconds")


if __name__ == "__main__":
    main()
