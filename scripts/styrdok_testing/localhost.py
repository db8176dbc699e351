"""Serving a built site on 127.0.0.1 as production does, and the browser that reads it: shared by
the tests (tests/conftest.py) and the benchmark (scripts/styrdok_benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"
# Debian's Chromium, never a browser download; a fresh profile folder each time.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_wrapper(workdir: Path, site_conf: Path) -> str:
    """A minimal nginx.conf around the project's own configuration, run from a temporary folder."""
    # Workers run as an unprivileged user, as on a real server: a site that is not world-readable
    # fails instead of being hidden by root's rights.
    user = "user nobody nogroup;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {workdir}/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
    include {site_conf};
}}
"""


class Nginx:
    """The production nginx configuration (scripts/docs.py nginx) serving site_dir under prefix.
    The site and the folders above it must be readable by every user."""

    def __init__(self, site_dir: Path, prefix: str, workdir: Path, port: int | None = None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}{prefix}"
        conf = subprocess.run([sys.executable, str(ROOT / "scripts" / "docs.py"), "nginx", "--site-dir", str(site_dir),
                               "--prefix", prefix, "--listen", f"127.0.0.1:{self.port}"],
                              capture_output=True, text=True, check=True).stdout
        (workdir / "site.conf").write_text(conf, encoding="utf-8")
        (workdir / "nginx.conf").write_text(nginx_wrapper(workdir, workdir / "site.conf"), encoding="utf-8")
        self.process = subprocess.Popen([NGINX, "-c", str(workdir / "nginx.conf"), "-p", str(workdir)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.1):
                    return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stdout.read().decode()) from None
                time.sleep(0.05)
        raise RuntimeError("nginx did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
