"""Requests per second for "log a step" through the real web stack (the form and the JSON API),
compared with the floor (one eventsourcing save a request, bench/floor_app.py) and with the
hello-world route (GET /ping), in the same run; p50 and p99 latency beside each rate; and the peak
memory of an app worker.

The server is ``tracker serve`` (gunicorn with the configured workers and threads) in a subprocess on
127.0.0.1, on a fresh store. The load comes from a second process (bench/webload.py): 16 threads on
keep-alive connections, signed in when the server asks for it. A keep-alive connection stays with
the worker that accepted it, so with as few connections as workers x threads the split between the
workers is left to chance (with 4, one worker often served 3 of them while the other idled, and the
figures of one run differed from the next by half); 16 give each worker its share. "Log a step" is the add-a-note form
POSTed with its CSRF token, the version last seen and a request id: parsing, validation, access
check, load, save, and the 303 redirect to the new entry. The JSON step is the same note through
the API (bearer token, If-Match, Idempotency-Key; 201 with the new ETag).

The floor is a second gunicorn in the same set-up (``tracker serve``'s options, worker class, workers
x threads and switch interval) serving one route that saves one Jotted event of bench_steps' raw
baseline with the product's eventsourcing settings, on a second store of the same kind (a second
SQLite file beside the product's, or a second PostgreSQL schema), so both pay the same commit. Both
servers run through the whole benchmark; the load goes to one at a time.

Rounds of the four (ping, one save, form step, JSON step) alternate, each round starting with the
next; every ratio is the median of the rounds' ratios, and so is p99 / p50 of each step (lower is
better). The workers' CPU time a request (user and system, from the load's start until the workers
are idle again, so the work a step leaves behind, as the outbox's, counts) is reported beside them,
form step / one save as its ratio: on a busy machine the rates also measure the other load, and this
shows what each request itself costs. Peak memory is VmHWM (peak resident set) of each ``tracker
serve`` worker after all rounds, read from /proc.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.bench_steps import RawAppends
from bench.common import Options, Outcome, on_each_store, second_store
from bench.history import start
from bench.server import FLOOR, ROOT, Server
from tracker.bootstrap import build_people, build_tracker
from tracker.config import eventsourcing_env

TITLE = "web: log a step vs hello world (requests/s)"
FORM_TITLE = "web: log a step (form POST) vs one eventsourcing save (requests/s)"
JSON_TITLE = "web: log a step (JSON API) vs one eventsourcing save (requests/s)"
TAIL_TITLE = "web: p99 / p50 latency of a step, {}"
MEMORY_TITLE = "peak memory of one app worker during the web benchmark"
CPU_TITLE = "web: workers' CPU time a request, form step / one save (reported; no target)"
TARGET = 0.25  # the form step against GET /ping (kept from before the floor)
FORM_TARGET = 0.7  # the form step against one save
JSON_TARGET = 0.8  # the JSON step against one save
TAIL_TARGET = 3.0  # p99 under 3 x p50
MODES = ("ping", "save", "step", "json")
EXPECTED = {"ping": "200", "save": "201", "step": "303", "json": "201"}
NAMES = {
    "ping": "hello world (GET /ping)",
    "save": "one eventsourcing save (floor app, POST /save, 201)",
    "step": "log a step (form POST, 303)",
    "json": "log a step (JSON API, POST .../notes, 201)",
}
EMAIL = "bench.coach@example.org"
PASSWORD = "bench correct horse battery staple"
THREADS = (
    16  # connections: each stays with the worker that accepted it, so few connections can leave a worker idle
)
NEGOTIATIONS = 64  # the steps go round these (four a thread), as many people's steps would


def seed(config: dict[str, Any], negotiations: int) -> tuple[list[str], str]:
    """The account the load signs in with, negotiations it owns, and an API token of it."""
    tracker = build_tracker(config)
    people = build_people(config, tracker)
    try:
        if not people.accounts.user_exists(EMAIL):
            people.accounts.sign_up(EMAIL, PASSWORD)
        token = people.accounts.create_token(EMAIL, label="bench").token
        return [str(start(tracker, EMAIL, title=f"Offer {i}")) for i in range(negotiations)], token
    finally:
        people.close()
        tracker.close()


def load(url: str, mode: str, seconds: float, requests: int, nids: list[str], token: str) -> dict[str, Any]:
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
    ]
    if mode in ("ping", "step"):  # the browser's way: signed in with a session
        command += ["--email", EMAIL, "--password", PASSWORD]
    if mode in ("step", "json"):
        command += ["--negotiations", ",".join(nids)]
    if mode == "json":
        command += ["--token", token]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise RuntimeError(f"load client failed: {done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    wrong = {k: v for k, v in result["statuses"].items() if k != EXPECTED[mode]}
    if wrong or not result["requests"]:
        raise RuntimeError(f"{mode}: unexpected answers {result['statuses']}")
    return result


def measure_both(config: dict[str, Any], options: Options) -> list[Outcome]:
    seconds = 1.0 if options.smoke else 5.0
    requests = 40 if options.smoke else 100_000
    rounds = 1 if options.smoke else options.rounds
    with (
        tempfile.TemporaryDirectory(prefix="tracker-bench-web-", dir=options.workdir) as scratch,
        second_store(config, "floor") as floor,
    ):
        config = dict(
            config, secret_key="bench-secret-shared-by-every-worker", password_hash_profile="CHEAPEST"
        )
        nids, token = seed(config, NEGOTIATIONS)
        RawAppends(env=eventsourcing_env(floor)).close()  # its tables, before two workers race to make them
        server = Server(config, Path(scratch) / "server.log")
        floor_server = Server(floor, Path(scratch) / "floor.log", module=FLOOR)
        urls = {"ping": server.url, "save": floor_server.url, "step": server.url, "json": server.url}
        try:
            server.wait_ready()
            floor_server.wait_ready()
            for mode in MODES:  # warm-up: imports, connections, caches
                load(urls[mode], mode, 0.5, 20, nids, token)
            results: dict[str, list[dict[str, Any]]] = {mode: [] for mode in MODES}
            waits = []
            quiet_sample = 1.5 * float(config.get("notify_interval_seconds") or 1)  # over an outbox round
            for r in range(rounds):
                for mode in MODES[r % len(MODES) :] + MODES[: r % len(MODES)]:
                    # The outbox in tracker serve's workers tells people of the steps after the load
                    # stops; a round that started meanwhile would share the CPUs with it.
                    waits.append(server.wait_quiet(sample=quiet_sample) + floor_server.wait_quiet())
                    serving = floor_server if mode == "save" else server
                    before = serving.cpu_seconds()
                    result = load(urls[mode], mode, seconds, requests, nids, token)
                    serving.wait_quiet(sample=quiet_sample)  # and the work the load left behind
                    result["cpu_ms"] = (serving.cpu_seconds() - before) * 1000 / max(result["requests"], 1)
                    results[mode].append(result)
            peaks = server.peak_memory_kib()
            workers = len(server.workers())
            floor_workers = len(floor_server.workers())
        finally:
            floor_server.stop()
            server.stop()
    store = config["store"]

    def ratio(mode: str, base: str) -> float:
        return statistics.median(
            m["rps"] / b["rps"] for m, b in zip(results[mode], results[base], strict=True)
        )

    def tail(mode: str) -> float:
        return statistics.median(r["p99_ms"] / r["p50_ms"] for r in results[mode])

    def figures(*modes: str) -> dict[str, str]:
        found = {}
        for mode in modes:
            rps, p50, p99 = (
                statistics.median(r[key] for r in results[mode]) for key in ("rps", "p50_ms", "p99_ms")
            )
            found[NAMES[mode]] = f"{rps:,.0f} requests/s, latency p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        return found

    set_up = (
        f"tracker serve: {workers} gunicorn workers x {config['threads']} threads; the floor app in the same "
        f"set-up ({floor_workers} workers) on a second {store} store; load client in another process, "
        f"{THREADS} threads, keep-alive; {rounds} rounds of {seconds:g}s each, ratio = median of the rounds'; "
        f"each load starts once both servers are idle (waited {statistics.median(waits):.1f}s median, "
        f"{max(waits):.1f}s at most)"
    )
    outcomes = [
        Outcome(TITLE, store, ratio("step", "ping"), TARGET, {**figures("step", "ping"), "set-up": set_up}),
        Outcome(FORM_TITLE, store, ratio("step", "save"), FORM_TARGET, figures("step", "save")),
        Outcome(JSON_TITLE, store, ratio("json", "save"), JSON_TARGET, figures("json", "save")),
    ]
    for mode, how in (("step", "form POST"), ("json", "JSON API")):
        outcomes.append(
            Outcome(
                TAIL_TITLE.format(how) + f", {THREADS} connections",
                store,
                tail(mode),
                TAIL_TARGET,
                figures(mode),
                below=True,
            )
        )
    cpu = {mode: statistics.median(r["cpu_ms"] for r in results[mode]) for mode in MODES}
    outcomes.append(
        Outcome(
            CPU_TITLE,
            store,
            cpu["step"] / cpu["save"],
            None,
            {NAMES[mode]: f"{cpu[mode]:.2f} ms of the workers' CPU a request" for mode in MODES},
            unit="x",
        )
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
    return [*outcomes, memory]


def run(options: Options) -> list[Outcome]:
    return on_each_store(options, measure_both)
