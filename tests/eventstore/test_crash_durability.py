"""Crash durability: the real server (gunicorn, 2 workers) under load from client threads, killed
with SIGKILL (master and workers at once) at random moments, restarted, several times; on the
SQLite file and on PostgreSQL.

Every step acknowledged before a kill is stored exactly once (at the version the answer named), a
step whose answer was lost is sent again with the same Idempotency-Key and stored once, nothing is
half-written (every chain verifies, every negotiation replays to its stored head), and the read
model catches up after the restarts (the server's list and a fresh read model agree with the store).

TRACKER_CRASH_CYCLES (default 3) sets the number of kills; TRACKER_CRASH_SEED replays a run.
"""

from __future__ import annotations

import os
import random
import threading
import time

import pytest

from tests.support.http_json import JsonClient
from tests.support.live_server import LiveServer, signed_up_token
from tests.support.report import report
from tests.support.step_load import API, Ledger, Writer, join_all
from tests.support.store_checks import check_store

OWNER = "owner@example.org"
PASSWORD = "crash-test-password-1"
CYCLES = int(os.environ.get("TRACKER_CRASH_CYCLES", "3"))
WRITERS = 4


@pytest.mark.slow
def test_acknowledged_steps_survive_sigkill(store_config, tmp_path):
    seed = int(os.environ.get("TRACKER_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    config = {**store_config, "password_hash_profile": "CHEAPEST"}
    token = signed_up_token(config, OWNER, PASSWORD)
    server = LiveServer(config, tmp_path / "server.log", workers=2, threads=4).start()
    negotiations: list[str] = []
    ledger, stop = Ledger(), threading.Event()
    writers = [
        Writer(
            f"w{i}",
            lambda: server.base_url,
            token,
            negotiations,
            ledger,
            stop,
            seed=seed + i,
            start_share=0.05,
            retry_refused=True,
        )
        for i in range(WRITERS)
    ]
    try:
        for writer in writers:
            writer.start()
        kills = 0
        for _ in range(CYCLES):
            time.sleep(rng.uniform(0.5, 2.0))  # load, then a kill at a random moment
            server.kill()
            kills += 1
            time.sleep(rng.uniform(0.0, 0.3))
            server.start()
        time.sleep(1.5)  # the writers send again what the last kill left unanswered
        stop.set()
        join_all(writers, timeout=90)

        listed = JsonClient(server.base_url, token).get(f"{API}/negotiations?limit=100")
        assert listed.status == 200, listed.body
    finally:
        stop.set()
        server.stop()
    assert ledger.counts["5xx"] == 0 and not ledger.unexpected, (seed, ledger.unexpected[:5])
    figures = check_store(config, ledger, owner=OWNER)
    assert listed.body["total"] == figures["negotiations stored"]
    assert server.log_text().count("Traceback") == 0, server.log_text()[-3000:]

    report(
        "crash_durability",
        config["store"],
        {
            "crashes survived (SIGKILL)": kills,
            "server starts": server.starts,
            "seed": seed,
            "requests answered": ledger.counts["acked"] + ledger.counts["refused"],
            "lost or corrupted events": 0,
            **figures,
        },
    )
