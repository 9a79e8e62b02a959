"""`tracker demo` loads the sample negotiation and prints its id; `tracker export ID` prints its whole
history as JSON. Run in-process on both stores, and once through the installed console script."""

import itertools
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from uuid import UUID

import pytest

from tracker.cli import main

STORE_KEYS = (
    "store",
    "data_dir",
    "sqlite_file",
    "postgres_host",
    "postgres_port",
    "postgres_dbname",
    "postgres_user",
    "postgres_password",
    "postgres_schema",
)


def tracker_environment(config) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update({f"TRACKER_{key.upper()}": str(config[key]) for key in STORE_KEYS})
    return env


@pytest.fixture
def cli_env(store_config, monkeypatch):
    for name in [n for n in os.environ if n.startswith("TRACKER_")]:
        monkeypatch.delenv(name)
    for name, value in tracker_environment(store_config).items():
        if name.startswith("TRACKER_"):
            monkeypatch.setenv(name, value)


def check_sample_history(document: dict) -> None:
    events = document["events"]
    types = Counter(event["type"] for event in events)
    assert document["title"] == "Senior Data Engineer offer at Northwind"
    assert [event["version"] for event in events] == list(range(1, document["version"] + 1))
    assert types["Started"] == 1
    assert types["PartyJoined"] == 4
    assert types["TermAdded"] == 8
    assert types["ResearchLogged"] == 2
    assert types["AllyEnlisted"] == 2
    assert types["ProposalMade"] == 4 and types["ProposalAccepted"] == 2
    alternatives = [e["state"] for e in events if e["type"] == "AlternativeLogged"]
    assert "competing_offer" in {a["kind"] for a in alternatives}
    counters = [e["state"]["in_reply_to"] for e in events if e["type"] == "ProposalMade"]
    assert counters == [None, "prop1", "prop2", "prop3"]
    concluded = next(e["state"] for e in events if e["type"] == "Concluded")
    assert concluded["outcome"] == "agreed"
    assert concluded["final_terms"]["base_salary"] == {"amount": "127000", "currency": "EUR"}
    for before, after in itertools.pairwise(events):
        assert after["prev_digest"] == before["digest"]
    assert all(event["actor"] == "demo@example.org" for event in events)


def test_demo_then_export_prints_the_whole_sample_history(cli_env, capsys):
    assert main(["demo"]) == 0
    nid = capsys.readouterr().out.strip()
    UUID(nid)
    assert main(["export", nid]) == 0
    check_sample_history(json.loads(capsys.readouterr().out))


def test_export_of_an_unknown_negotiation_says_so(cli_env, capsys):
    assert main(["export", "00000000-0000-0000-0000-000000000001"]) == 2
    assert "No negotiation 00000000-0000-0000-0000-000000000001" in capsys.readouterr().err


def test_the_console_script_runs_demo_and_export(sqlite_config):
    script = Path(sys.executable).parent / "tracker"
    env = tracker_environment(sqlite_config)
    demo = subprocess.run([str(script), "demo"], env=env, capture_output=True, text=True, timeout=120)
    assert demo.returncode == 0, demo.stderr
    nid = demo.stdout.strip()
    export = subprocess.run(
        [str(script), "export", nid], env=env, capture_output=True, text=True, timeout=120
    )
    assert export.returncode == 0, export.stderr
    check_sample_history(json.loads(export.stdout))
    assert Path(sqlite_config["data_dir"], "tracker.sqlite").exists()


def test_demo_for_an_owner_is_on_that_persons_list(cli_env, store_config, capsys):
    from tracker.accounts import build_accounts
    from tracker.web.app import build_app

    accounts = build_accounts(store_config)
    accounts.sign_up("Newcomer@Example.org", "newcomer-password-1", "New Comer", actor="test")
    accounts.close()
    assert main(["demo", "--owner", "newcomer@example.org"]) == 0
    nid = UUID(capsys.readouterr().out.strip())
    app = build_app({**store_config, "csrf_enabled": False, "password_hash_profile": "CHEAPEST"})
    try:
        client = app.test_client()
        signed_in = client.post(
            "/auth/signin", data={"email": "newcomer@example.org", "password": "newcomer-password-1"}
        )
        assert signed_in.status_code == 303
        listing = client.get("/").get_data(as_text=True)
        assert "Senior Data Engineer offer at Northwind" in listing
        assert client.get(f"/negotiations/{nid}").status_code == 200
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


def test_demo_for_someone_without_an_account_is_refused(cli_env, capsys):
    assert main(["demo", "--owner", "nobody@example.org"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no account for nobody@example.org" in captured.err
