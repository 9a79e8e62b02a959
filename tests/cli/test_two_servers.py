"""Several app servers on one PostgreSQL: two `tracker serve` processes (gunicorn, 2 workers each)
started at the same moment on the same new schema, and clients alternating between them while
logging interleaved steps (and stage changes, and new negotiations) on the same negotiations.

Every acknowledged step is stored exactly once, at the version its answer named; every refused one
got 409 and stored nothing; every chain verifies; and the read model agrees with the store, both a
fresh one in this process and the list each server answers: as many negotiations, each one's
version and stage.
"""

from __future__ import annotations

import itertools
import threading

import pytest

from tests.support.http_json import JsonClient
from tests.support.live_server import LiveServer, signed_up_token
from tests.support.report import report
from tests.support.step_load import API, Ledger, Writer, join_all
from tests.support.store_checks import check_store
from tracker.bootstrap import build_tracker

OWNER = "owner@example.org"
CLIENTS, STEPS_EACH, NEGOTIATIONS = 6, 30, 3


def start_together(servers: list[LiveServer]) -> None:
    """Both servers boot at once (their workers create the tables at the same moment)."""
    errors: list[BaseException] = []

    def boot(server: LiveServer) -> None:
        try:
            server.start()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=boot, args=(s,)) for s in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


@pytest.mark.slow
@pytest.mark.postgres
def test_two_servers_one_database(pg_config, tmp_path):
    config = {**pg_config, "password_hash_profile": "CHEAPEST"}
    token = signed_up_token(config, OWNER, "cluster-password-1")
    servers = [LiveServer(config, tmp_path / f"server-{n}.log", workers=2, threads=4) for n in "ab"]
    try:
        start_together(servers)
        urls = [s.base_url for s in servers]
        negotiations = []
        for n in range(NEGOTIATIONS):
            started = JsonClient(urls[n % 2], token).post(
                f"{API}/negotiations", {"title": f"Shared offer {n}", "kind": "job_offer"}
            )
            assert started.status == 201, started.body
            negotiations.append(started.body["id"])
        ledger, stop = Ledger(), threading.Event()
        writers = [
            Writer(
                f"c{i}",
                itertools.cycle(urls[i % 2 :] + urls[: i % 2]).__next__,
                token,
                negotiations,
                ledger,
                stop,
                seed=i,
                max_steps=STEPS_EACH,
                start_share=0.03,
                stage_changes=True,
            )
            for i in range(CLIENTS)
        ]
        for writer in writers:
            writer.start()
        join_all(writers, timeout=300)
        listed = {url: JsonClient(url, token).get(f"{API}/negotiations?limit=100") for url in urls}
    finally:
        for server in servers:
            server.stop()

    assert ledger.counts["5xx"] == 0 and not ledger.unexpected, ledger.unexpected[:5]
    assert ledger.counts["unanswered"] == 0
    acked = len(ledger.acked())
    refused = sum(1 for o in ledger.outcomes.values() if o.last == "refused")
    assert acked + refused == CLIENTS * STEPS_EACH and refused > 0
    figures = check_store(config, ledger, owner=OWNER)

    tracker = build_tracker(config)
    try:
        truth = {
            str(nid): (tracker.get(nid).version, tracker.get(nid).stage_value)
            for nid in tracker.negotiation_ids()
        }
    finally:
        tracker.close()
    for url, answer in listed.items():
        assert answer.status == 200, answer.body
        assert answer.body["total"] == len(truth), url
        shown = {row["id"]: (row["version"], row["stage"]) for row in answer.body["negotiations"]}
        assert shown == truth, url
    for server in servers:
        assert "Traceback" not in server.log_text(), server.log_text()[-3000:]

    report(
        "two_servers",
        "postgres",
        {
            "app servers": 2,
            "workers each": 2,
            "clients": CLIENTS,
            "steps attempted": CLIENTS * STEPS_EACH,
            "acknowledged, stored once": acked,
            "refused with 409": refused,
            "negotiations": figures["negotiations stored"],
            "chains verified": figures["chains verified"],
            "read model rows agreeing": figures["read model rows agreeing"],
            "lost or corrupted events": 0,
        },
    )
