"""The real server in a subprocess: ``tracker serve`` (gunicorn, its own process group) on a free port.

    server = LiveServer(config, workers=2)      # config: the same mapping tests pass to create_app
    server.start()                              # returns once /healthz answers 200
    server.kill()                               # SIGKILL to the whole process group (master + workers)
    server.start()                              # again, on the same port and store
    server.stop()                               # SIGTERM, then SIGKILL if it lingers

Settings reach the subprocess as TRACKER_* environment variables (the production path); its output
goes to a log file (``server.log_text()``) so tests can look for secrets or tracebacks in it.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0
SMALL_POOLS = {"postgres_pool_size": 1, "postgres_max_overflow": 3}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(config: Mapping[str, Any]) -> dict[str, str]:
    """The environment of a subprocess that loads ``config``: TRACKER_* for each setting, and nothing
    from the caller's TRACKER_* (so a developer's shell cannot change what a test runs against). No
    secret key unless ``config`` names one: the servers keep theirs in the data directory, as a newcomer's do."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    for key, value in config.items():
        if value is None or callable(value):
            continue
        env[f"TRACKER_{key.upper()}"] = (
            ("true" if value else "false") if isinstance(value, bool) else str(value)
        )
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(config: Mapping[str, Any], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """``tracker <args>`` against the same store (e.g. ``user add``, ``token create``, ``verify``)."""
    done = subprocess.run(
        [sys.executable, "-m", "tracker.cli", *args],
        cwd=ROOT,
        env=server_env(config),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"tracker {' '.join(args[:2])} failed ({done.returncode}): {done.stderr[-2000:]}"
        )
    return done


def signed_up_token(config: Mapping[str, Any], email: str, password: str) -> str:
    """An account made with the CLI, and an API token for it (what an operator does on a new server)."""
    run_cli(config, "user", "add", email, "--password", password)
    return run_cli(config, "token", "create", email).stdout.strip().splitlines()[0]


class LiveServer:
    def __init__(
        self,
        config: Mapping[str, Any],
        log_path: Path,
        workers: int = 2,
        threads: int = 4,
        port: int | None = None,
    ) -> None:
        self.config = dict(config)
        if not Path(str(self.config.get("data_dir", "./var"))).is_absolute():  # not the checkout's ./var
            self.config["data_dir"] = str(log_path.parent / f"{log_path.stem}-data")
        if self.config.get("store") == "postgres":  # each worker opens a pool per store: stay small,
            self.config.update(SMALL_POOLS)  # other tests share the server's max_connections
        self.workers, self.threads = workers, threads
        self.port = port or free_port()
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        assert self.process is None or self.process.poll() is not None, "already running"
        env = server_env({**self.config, "threads": self.threads})
        log = self.log_path.open("ab")
        log.write(f"\n==== start #{self.starts + 1} ====\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tracker.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self.starts += 1
        self.wait_healthy()
        return self

    def wait_healthy(self, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(
                    f"the server exited ({self.process.returncode}):\n{self.log_text()[-3000:]}"
                )
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.1)
        self.kill()
        raise AssertionError(
            f"the server did not answer /healthz within {timeout:.0f}s:\n{self.log_text()[-3000:]}"
        )

    def kill(self) -> None:
        """SIGKILL to the master and every worker at once: no shutdown code runs anywhere."""
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self._reap_group()

    def kill_a_worker(self, timeout: float = 30.0) -> None:
        """SIGKILL to one worker (as the kernel's out-of-memory killer would), and waits until the
        master has booted its replacement (the log says so)."""
        assert self.process is not None and self.process.poll() is None, "not running"
        workers = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        booted = self.log_text().count("Booting worker")
        os.kill(int(workers[0]), signal.SIGKILL)
        deadline = time.monotonic() + timeout
        while self.log_text().count("Booting worker") == booted:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"no worker replaced the killed one:\n{self.log_text()[-3000:]}")
            time.sleep(0.1)
        time.sleep(0.5)  # the replacement loads the app before it accepts

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass
        self._reap_group()

    def _reap_group(self) -> None:
        """Waits until no process of the group is left (workers die with the master's group)."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            time.sleep(0.05)

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
