"""Requests per second for "log a step" through the real web stack, compared with the hello-world
route (GET /ping) on the same server, in the same run; and the peak memory of an app worker.

The server is ``tracker serve`` (gunicorn with the configured workers and threads) in a subprocess on
127.0.0.1, on a fresh store. The load comes from a second process (bench/webload.py): 16 threads on
keep-alive connections, signed in when the server asks for it. A keep-alive connection stays with
the worker that accepted it, so with as few connections as workers x threads the split between the
workers is left to chance (with 4, one worker often served 3 of them while the other idled, and the
figures of one run differed from the next by half); 16 give each worker its share. "Log a step" is the add-a-note form
POSTed with its CSRF token, the version last seen and a request id: parsing, validation, access
check, load, save, and the 303 redirect to the new entry. Rounds of the two alternate; the ratio is
the median of the rounds' ratios. Peak memory is VmHWM (peak resident set) of each worker process
after all rounds, read from /proc.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.common import Options, Outcome, on_each_store
from bench.history import start
from bench.server import ROOT, Server
from tracker.bootstrap import build_people, build_tracker

TITLE = "web: log a step vs hello world (requests/s)"
MEMORY_TITLE = "peak memory of one app worker during the web benchmark"
TARGET = 0.25
EMAIL = "bench.coach@example.org"
PASSWORD = "bench correct horse battery staple"
THREADS = (
    16  # connections: each stays with the worker that accepted it, so few connections can leave a worker idle
)
NEGOTIATIONS = 64  # the steps go round these (four a thread), as many people's steps would


def seed(config: dict[str, Any], negotiations: int) -> list[str]:
    """The account the load signs in with, and negotiations it owns."""
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        if not people.accounts.user_exists(EMAIL):
            people.accounts.sign_up(EMAIL, PASSWORD)
        return [str(start(tracker, EMAIL, title=f"Offer {i}")) for i in range(negotiations)]
    finally:
        people.close()
        tracker.close()


def load(url: str, mode: str, seconds: float, requests: int, nids: list[str]) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "bench.webload",
        "--url",
        url,
        "--mode",
        mode,
        "--threads",
        str(THREADS),
        "--seconds",
        str(seconds),
        "--requests",
        str(requests),
        "--negotiations",
        ",".join(nids),
        "--email",
        EMAIL,
        "--password",
        PASSWORD,
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise RuntimeError(f"load client failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    expected = "303" if mode == "step" else "200"
    wrong = {k: v for k, v in result["statuses"].items() if k != expected}
    if wrong or not result["requests"]:
        raise RuntimeError(f"{mode}: unexpected answers {result['statuses']}")
    return result


def measure_both(config: dict[str, Any], options: Options) -> list[Outcome]:
    seconds = 1.0 if options.smoke else 5.0
    requests = 40 if options.smoke else 100_000
    rounds = 1 if options.smoke else options.rounds
    with tempfile.TemporaryDirectory(prefix="tracker-bench-web-", dir=options.workdir) as scratch:
        config = dict(
            config, secret_key="bench-secret-shared-by-every-worker", password_hash_profile="CHEAPEST"
        )
        nids = seed(config, NEGOTIATIONS)
        server = Server(config, Path(scratch) / "server.log")
        try:
            server.wait_ready()
            load(server.url, "ping", 0.5, 20, nids)  # warm-up: imports, connections, caches
            load(server.url, "step", 0.5, 20, nids)
            results = []
            for _ in range(rounds):
                results.append(
                    (
                        load(server.url, "ping", seconds, requests, nids),
                        load(server.url, "step", seconds, requests, nids),
                    )
                )
            peaks = server.peak_memory_kib()
            workers = len(server.workers())
        finally:
            server.stop()
    ratio = statistics.median(s["rps"] / p["rps"] for p, s in results)
    ping, step = (statistics.median(r[i]["rps"] for r in results) for i in (0, 1))
    latency = {
        mode: statistics.median(r[i]["p50_ms"] for r in results) for i, mode in enumerate(("ping", "step"))
    }
    store = config["store"]
    speed = Outcome(
        TITLE,
        store,
        ratio,
        TARGET,
        {
            "log a step (form POST, 303)": f"{step:,.0f} requests/s, median latency {latency['step']:.1f} ms",
            "hello world (GET /ping)": f"{ping:,.0f} requests/s, median latency {latency['ping']:.1f} ms",
            "set-up": f"tracker serve: {workers} gunicorn workers x {config['threads']} threads; load client in "
            f"another process, {THREADS} threads, keep-alive; {rounds} rounds of {seconds:g}s each, "
            f"ratio = median of the rounds'",
        },
    )
    peak = max(peaks.values()) / 1024 if peaks else float("nan")
    memory = Outcome(
        MEMORY_TITLE,
        store,
        peak,
        None,
        {
            "each worker's peak (VmHWM)": ", ".join(f"{kib / 1024:.1f} MiB" for kib in peaks.values())
            or "none found",
        },
        unit="MiB",
    )
    return [speed, memory]


def run(options: Options) -> list[Outcome]:
    outcomes: list[Outcome] = []

    def measure(config: dict[str, Any], opts: Options) -> Outcome:
        found = measure_both(config, opts)
        outcomes.extend(found[1:])
        return found[0]

    speeds = on_each_store(options, measure)
    return [o for pair in zip(speeds, outcomes, strict=False) for o in pair]
