"""The real web stack for the HTTP benchmark: ``tracker serve`` (gunicorn, its workers and threads
from the configuration) started as a subprocess on 127.0.0.1 and a free port, with the store given
through TRACKER_* variables; and the peak memory of its worker processes (VmHWM in /proc). The same
for the benchmark's floor app (``FLOOR``: bench/floor_app.py in the same gunicorn set-up)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from bench.common import Unavailable

ROOT = Path(__file__).resolve().parents[1]
TRACKER_SERVE = ("tracker.cli", "serve")  # python -m tracker.cli serve
FLOOR = ("bench.floor_app",)  # one eventsourcing save a request, in the same gunicorn set-up


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(config: Mapping[str, Any], **extra: Any) -> dict[str, str]:
    """The process environment with every setting of ``config`` as TRACKER_<KEY>."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    for key, value in {**config, **extra}.items():
        if isinstance(value, (str, int, float, bool)) and not key.startswith("_"):
            env[f"TRACKER_{key.upper()}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return env


class Server:
    """``tracker serve`` (or another ``module``, taking the same --host, --port and --workers) in a
    subprocess; ``stop()`` ends it (and only it) with SIGTERM."""

    def __init__(
        self,
        config: Mapping[str, Any],
        log: Path,
        workers: int | None = None,
        module: Sequence[str] = TRACKER_SERVE,
    ) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self.name = " ".join(module)
        command = [
            sys.executable,
            "-m",
            *module,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        if workers:
            command += ["--workers", str(workers)]
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=environment(config), stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(f"{self.name} exited with {self.process.returncode}: {self.tail()}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise Unavailable(f"{self.name} did not answer /healthz within {timeout:.0f}s: {self.tail()}")

    def tail(self, size: int = 2000) -> str:
        self.log.flush()
        return self.log_path.read_bytes()[-size:].decode("utf8", "replace")

    def workers(self) -> list[int]:
        """The worker processes: the children of the gunicorn master."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = dict(
                    line.split(":", 1) for line in (entry / "status").read_text().splitlines() if ":" in line
                )
            except OSError:
                continue
            if fields.get("PPid", "").strip() == str(self.process.pid):
                found.append(int(entry.name))
        return sorted(found)

    def peak_memory_kib(self) -> dict[int, int]:
        """VmHWM (peak resident set size, KiB) of each worker, by pid."""
        peaks = {}
        for pid in self.workers():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peaks[pid] = int(line.split()[1])
            except OSError:
                continue
        return peaks

    def cpu_seconds(self) -> float:
        """CPU time (user + system) the workers have used so far."""
        ticks = 0
        for pid in self.workers():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_quiet(self, timeout: float = 30.0, busy: float = 0.05, sample: float = 0.3) -> float:
        """Waits until the workers use under ``busy`` of a CPU over ``sample`` seconds (work a load
        left behind, as the outbox telling people of the steps, is done); the seconds it waited."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            before = self.cpu_seconds()
            time.sleep(sample)
            if self.cpu_seconds() - before < busy * sample:
                break
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
