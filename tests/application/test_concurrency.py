"""Concurrency: many clients log steps on the same negotiation at once, through the JSON API of the
real server (gunicorn, 2 workers x 4 threads), each with If-Match of the version it last saw: client
threads in this process and in a second client process. Each acknowledged step is stored once (at
the version its answer named), every other attempt got 409 and stored nothing, nobody waits forever
(every request and the whole run are bounded), no 500; on SQLite and PostgreSQL.
"""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from tests.support.http_json import JsonClient
from tests.support.live_server import LiveServer, signed_up_token
from tests.support.report import report
from tests.support.step_load import API, Ledger, Outcome, Writer, join_all
from tests.support.store_checks import check_store

OWNER = "owner@example.org"
THREADS, PROCESS_THREADS, STEPS_EACH = 8, 4, 20
RUN_TIMEOUT = 240


def write_from_another_process(base_url: str, token: str, nid: str, results) -> None:
    """The second client process: its own writers, its ledger sent back as plain data."""
    ledger, stop = Ledger(), threading.Event()
    writers = [
        Writer(f"proc-w{i}", lambda: base_url, token, [nid], ledger, stop, seed=100 + i, max_steps=STEPS_EACH)
        for i in range(PROCESS_THREADS)
    ]
    for writer in writers:
        writer.start()
    try:
        join_all(writers, timeout=RUN_TIMEOUT)
    except AssertionError as error:
        results.put(("error", str(error)))
        return
    results.put(("ok", [vars(o) for o in ledger.outcomes.values()], dict(ledger.counts), ledger.unexpected))


@pytest.mark.slow
def test_writers_on_one_negotiation(store_config, tmp_path):
    config = {**store_config, "password_hash_profile": "CHEAPEST"}
    token = signed_up_token(config, OWNER, "concurrency-password-1")
    server = LiveServer(config, tmp_path / "server.log", workers=2, threads=4).start()
    try:
        client = JsonClient(server.base_url, token)
        started = client.post(f"{API}/negotiations", {"title": "Contended offer", "kind": "job_offer"})
        assert started.status == 201, started.body
        nid = started.body["id"]

        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        other = context.Process(
            target=write_from_another_process, args=(server.base_url, token, nid, results)
        )
        ledger, stop = Ledger(), threading.Event()
        writers = [
            Writer(f"w{i}", lambda: server.base_url, token, [nid], ledger, stop, seed=i, max_steps=STEPS_EACH)
            for i in range(THREADS)
        ]
        other.start()
        for writer in writers:
            writer.start()
        join_all(writers, timeout=RUN_TIMEOUT)
        status, *payload = results.get(timeout=RUN_TIMEOUT)
        other.join(timeout=30)
        assert status == "ok", payload
        outcomes, counts, unexpected = payload
        for fields in outcomes:
            ledger.outcomes[fields["key"]] = Outcome(**fields)
        ledger.counts.update(counts)
        ledger.unexpected.extend(unexpected)
        final = client.get(f"{API}/negotiations/{nid}").body
    finally:
        server.stop()

    assert ledger.counts["5xx"] == 0 and not ledger.unexpected, ledger.unexpected[:5]
    assert ledger.counts["unanswered"] == 0
    attempts = (THREADS + PROCESS_THREADS) * STEPS_EACH
    acked = [o for o in ledger.outcomes.values() if o.acked]
    refused = [o for o in ledger.outcomes.values() if o.last == "refused"]
    assert len(acked) + len(refused) == attempts
    assert refused, "the writers never collided: the test proves nothing"
    assert final["version"] == 1 + len(acked)
    figures = check_store(config, ledger, owner=OWNER)
    assert sorted(o.acked_version for o in acked) == list(range(2, final["version"] + 1))

    report(
        "concurrency",
        config["store"],
        {
            "concurrent writers": THREADS + PROCESS_THREADS,
            "client processes": 2,
            "steps attempted": attempts,
            "acknowledged, stored once": len(acked),
            "refused with 409, stored nothing": len(refused),
            "5xx": 0,
            "lost or corrupted events": 0,
            "chains verified": figures["chains verified"],
        },
    )
