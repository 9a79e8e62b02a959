"""Debian's nginx run by a test: config/nginx.conf.example inside a minimal main configuration,
everything (pid, logs, temporary files) in a temporary directory, on a free non-root port."""

from __future__ import annotations

import http.client
import subprocess
import time
from pathlib import Path

from tests.support.live_server import ROOT, free_port
from tests.support.services import unavailable

NGINX = Path("/usr/sbin/nginx")
EXAMPLE = ROOT / "config" / "nginx.conf.example"

MAIN = """\
daemon off;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log info;
events {{ worker_connections 1024; }}
http {{
    access_log {dir}/access.log;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    include {dir}/tracker.conf;
}}
"""


def render(example: str, listen: int, app_port: int) -> str:
    """The example with its listening port and the app's address changed (and nothing else)."""
    assert "listen 80;" in example and "server 127.0.0.1:5000;" in example
    return example.replace("listen 80;", f"listen 127.0.0.1:{listen};").replace(
        "server 127.0.0.1:5000;", f"server 127.0.0.1:{app_port};"
    )


def require_nginx() -> None:
    if not NGINX.exists():
        unavailable(f"nginx not installed at {NGINX} (apt-get install nginx)")


class Nginx:
    def __init__(self, directory: Path, app_port: int) -> None:
        require_nginx()
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        (self.dir / "tracker.conf").write_text(render(EXAMPLE.read_text(), self.port, app_port))
        (self.dir / "nginx.conf").write_text(MAIN.format(dir=self.dir))
        self.process: subprocess.Popen | None = None

    def start(self) -> Nginx:
        conf = str(self.dir / "nginx.conf")
        check = subprocess.run(
            [str(NGINX), "-t", "-p", str(self.dir), "-c", conf], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(
            [str(NGINX), "-p", str(self.dir), "-c", conf],
            stdout=subprocess.DEVNULL,
            stderr=open(self.dir / "stderr.log", "wb"),  # noqa: SIM115 - kept for the process's life
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/ping")
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"nginx did not answer: {(self.dir / 'error.log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
