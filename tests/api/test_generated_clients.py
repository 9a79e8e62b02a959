"""The API as integrators meet it: the live OpenAPI document linted by Redocly (recommended rules) and
Spectral (spectral:oas) with nothing to report, a Python client generated from it by
openapi-python-client with no warnings that runs a whole negotiation, and TypeScript types from
openapi-typescript that type-check. The tools are test dependencies (the [test] extra and
package.json), installed by `make install`; docs/api.md shows the same commands."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.support.auth import ensure_user, people
from tests.support.config import make_config
from tests.support.services import unavailable
from tracker import create_app

ROOT = Path(__file__).resolve().parents[2]
NODE_BIN = ROOT / "node_modules" / ".bin"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"
EMAIL = "integrator@example.org"
#: The generated modules the negotiation uses: api/<tag>/<operationId>.py
OPERATIONS = {
    "negotiations": ("start_negotiation", "get_negotiation"),
    "parties": ("join_party",),
    "terms": ("add_term",),
    "preparation": ("set_priority",),
    "proposals": ("make_proposal", "accept_proposal"),
    "audit": ("get_timeline",),
    "analysis": ("get_analysis",),
}


def tool(path: Path) -> Path:
    if not path.exists():
        unavailable(f"{path.name} is not installed at {path} (run `make install`)")
    return path


def run(*args: Any, cwd: Path) -> str:
    """Runs a tool with the venv's and node_modules' commands on PATH; its whole output."""
    env = dict(
        os.environ,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        REDOCLY_TELEMETRY="off",  # the linter sends nothing anywhere from a test run
        REDOCLY_SUPPRESS_UPDATE_NOTICE="true",
    )
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


@pytest.fixture(scope="module")
def app():
    app = create_app(make_config(store="memory"))  # sign-in required, as a server runs by default
    yield app
    app.extensions["tracker"].close()


@pytest.fixture(scope="module")
def token(app) -> str:
    ensure_user(app, EMAIL)
    return people(app).accounts.create_token(EMAIL, label="generated client").token


@pytest.fixture(scope="module")
def document_file(app, token, tmp_path_factory) -> Path:
    """The document as the server serves it (with a token, as a client tool fetches it)."""
    response = app.test_client().get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    path = tmp_path_factory.mktemp("openapi") / "openapi.json"
    path.write_text(json.dumps(response.get_json(), indent=1))
    return path


def test_redocly_recommended_rules_find_nothing(document_file):
    output = run(tool(NODE_BIN / "redocly"), "lint", "--format=stylish", document_file, cwd=ROOT)
    assert "Woohoo! Your API description is valid." in output, output


def test_spectral_oas_rules_find_nothing(document_file, tmp_path):
    ruleset = tmp_path / ".spectral.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n')
    output = run(tool(NODE_BIN / "spectral"), "lint", "--ruleset", ruleset, document_file, cwd=ROOT)
    assert "No results with a severity of 'error' found!" in output and "warning" not in output, output


def test_typescript_types_from_the_document_type_check(document_file, tmp_path):
    types = tmp_path / "api.d.ts"
    # Defaults are what the server fills in: a request may leave such a field out.
    run(
        tool(NODE_BIN / "openapi-typescript"),
        document_file,
        "-o",
        types,
        "--default-non-nullable",
        "false",
        cwd=ROOT,
    )
    use = tmp_path / "use.ts"
    use.write_text(
        'import type { components, operations } from "./api";\n'
        'type Stage = components["schemas"]["Stage"];\n'
        'const stage: Stage = "negotiating";\n'
        'type Start = operations["start_negotiation"]["requestBody"]["content"]["application/json"];\n'
        'const start: Start = { title: "Offer at Northwind", kind: "job_offer" };\n'
        "export { stage, start };\n"
    )
    run(tool(NODE_BIN / "tsc"), "--noEmit", "--strict", "--skipLibCheck", use, cwd=tmp_path)


@pytest.fixture(scope="module")
def client_package(document_file, tmp_path_factory):
    """The Python client generated from the live document, importable."""
    out = tmp_path_factory.mktemp("client")
    output = run(tool(GENERATOR), "generate", "--path", document_file, "--output-path", out / "gen", cwd=out)
    assert "Warning" not in output and "warning" not in output, output
    sys.path.insert(0, str(out / "gen"))
    try:
        yield importlib.import_module("negotiation_tracker_api_client")
    finally:
        sys.path.remove(str(out / "gen"))


def test_the_generated_client_runs_a_whole_negotiation(app, token, client_package):
    import httpx

    c = client_package
    m = importlib.import_module(f"{c.__name__}.models")
    api = SimpleNamespace(
        **{
            area: SimpleNamespace(
                **{name: importlib.import_module(f"{c.__name__}.api.{area}.{name}") for name in operations}
            )
            for area, operations in OPERATIONS.items()
        }
    )
    client = c.AuthenticatedClient(
        base_url="http://tracker.test/api/v1",  # the servers entry: the API's base
        token=token,
        httpx_args={"transport": httpx.WSGITransport(app=app)},
    )

    started = api.negotiations.start_negotiation.sync_detailed(
        client=client,
        body=m.NegotiationCreate.from_dict({"title": "Offer at Northwind", "kind": "job_offer"}),
    )
    assert started.status_code == 201, started.content
    nid = started.parsed.id
    etag = started.headers["ETag"]

    def step(module: Any, body: Any, **path: Any) -> Any:
        nonlocal etag
        answer = module.sync_detailed(nid, client=client, body=body, if_match=etag, **path)
        assert answer.status_code in (200, 201), answer.content
        etag = answer.headers["ETag"]
        return answer.parsed

    me = step(api.parties.join_party, m.Party.from_dict({"name": "Alex", "side": "owner"})).party_id
    dana = step(
        api.parties.join_party,
        m.Party.from_dict({"name": "Dana Kim", "role": "hiring manager", "side": "counterpart"}),
    ).party_id
    step(api.terms.add_term, m.Term.from_dict({"label": "Base salary", "kind": "money", "currency": "EUR"}))
    step(api.terms.add_term, m.Term.from_dict({"label": "Remote days", "kind": "days", "max": "5"}))
    step(
        api.preparation.set_priority,
        m.Priority.from_dict(
            {
                "term_key": "base_salary",
                "weight": 70,
                "target": {"amount": "130000", "currency": "EUR"},
                "walk_away": {"amount": "110000", "currency": "EUR"},
            }
        ),
    )
    offer = step(
        api.proposals.make_proposal,
        m.Proposal.from_dict(
            {
                "from_party": dana,
                "to_parties": [me],
                "values": {"base_salary": {"amount": "115000", "currency": "EUR"}, "remote_days": "2"},
            }
        ),
    ).proposal_id
    counter = step(
        api.proposals.make_proposal,
        m.Proposal.from_dict(
            {
                "from_party": me,
                "to_parties": [dana],
                "in_reply_to": offer,
                "values": {"base_salary": {"amount": "124000", "currency": "EUR"}, "remote_days": "3"},
            }
        ),
    ).proposal_id
    accepted = step(api.proposals.accept_proposal, m.Answer.from_dict({"party": dana}), proposal_id=counter)
    assert accepted.stage.value == "agreed"

    timeline = api.audit.get_timeline.sync_detailed(nid, client=client)
    # start, two parties, two terms, a priority, two proposals, the acceptance and the agreement
    assert timeline.status_code == 200 and len(timeline.parsed.entries) == 10
    analysis = api.analysis.get_analysis.sync_detailed(nid, client=client)
    assert analysis.status_code == 200, analysis.content
    read = api.negotiations.get_negotiation.sync_detailed(nid, client=client)
    assert read.parsed.stage.value == "agreed" and read.parsed.version == 10
