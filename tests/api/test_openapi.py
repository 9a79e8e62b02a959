"""The OpenAPI document is valid, lists every API route, and every route answers as documented:
each documented status of each operation is provoked against a real negotiation and the answer's
body is checked against the documented schema (and documented headers are present)."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.api_client import PREFIX, SAMPLES, prepare

DOC_URI = "urn:tracker-openapi"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from tests.support.config import make_config
    from tracker import create_app

    app = create_app(make_config(store="memory", auth_required=False))
    response = app.test_client().get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(path, method, op) for path, item in document["paths"].items() for method, op in item.items()]


def deref(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_the_paths_are_under_the_servers_base(document):
    """A client pointed at the base URL the document names reaches every operation."""
    assert [server["url"] for server in document["servers"]] == [PREFIX]
    assert not any(path.startswith(PREFIX) for path in document["paths"])


def test_every_api_route_is_documented_and_nothing_else(app, document):
    documented = {
        (PREFIX + re.sub(r"\{(\w+)\}", r"<\1>", path), method.upper())
        for path, method, _ in operations(document)
    }
    routed = {
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(PREFIX)
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    routed.discard((f"{PREFIX}/openapi.json", "GET"))
    assert documented == routed


def test_the_issue_routes_are_there(document):
    paths = set(document["paths"])
    base = "/negotiations/{negotiation_id}"
    expected = (
        {"/negotiations", base, f"{base}/timeline"}
        | {
            f"{base}/{name}"
            for name in (
                "parties",
                "terms",
                "priorities",
                "research",
                "allies",
                "alternatives",
                "proposals",
                "interactions",
                "stage",
                "conclusion",
            )
        }
        | {f"{base}/proposals/{{proposal_id}}/{verb}" for verb in ("accept", "reject", "withdraw")}
    )
    assert expected <= paths


def test_every_write_documents_its_version_and_key_headers(document):
    for path, method, op in operations(document):
        if method != "post" or "{negotiation_id}" not in path:  # a step on a negotiation
            continue
        refs = {p.get("$ref", "").rsplit("/", 1)[-1] for p in op["parameters"]}
        assert {"IfMatch", "IdempotencyKey"} <= refs, op["operationId"]
        assert {"400", "404", "409", "422", "428"} <= set(op["responses"]), op["operationId"]
        body = deref(document, op["requestBody"]["content"]["application/json"]["schema"])
        assert body["additionalProperties"] is False and "expected_version" in body["properties"]


def test_the_issue_field_names_are_in_the_schemas(document):
    schemas = document["components"]["schemas"]
    assert {"title", "kind", "opportunity_type", "description"} <= set(
        schemas["NegotiationCreate"]["properties"]
    )
    assert deref(document, schemas["NegotiationCreate"]["properties"]["kind"])["enum"] == [
        "job_offer",
        "promotion",
        "internal_role_change",
        "benefits",
        "flexible_work",
        "other",
    ]
    assert {"id", "version", "stage"} <= set(schemas["NegotiationOut"]["required"])
    assert {"name", "role", "side"} <= set(schemas["Party"]["properties"])
    assert "party_id" in schemas["JoinPartyResult"]["required"]
    term = schemas["Term"]["properties"]
    assert {"key", "label", "kind", "currency", "unit", "options", "better"} <= set(term)
    assert deref(document, term["kind"])["enum"] == [
        "money",
        "number",
        "percent",
        "days",
        "boolean",
        "date",
        "choice",
        "text",
    ]
    assert deref(document, term["better"])["enum"] == ["higher", "lower", "none"]
    assert set(schemas["Proposal"]["required"]) == {"from_party", "to_parties", "values"}
    assert {"rationale", "in_reply_to"} <= set(schemas["Proposal"]["properties"])
    assert "proposal_id" in schemas["MakeProposalResult"]["required"]
    assert set(schemas["Answer"]["properties"]) >= {"party", "reason"}


def test_each_vocabulary_is_one_named_schema(document):
    """One name and one set of values per enum: a generator makes one type of each (issue 23)."""
    schemas = document["components"]["schemas"]
    assert schemas["AllyStance"]["enum"] == ["supportive", "neutral", "unknown", "opposed"]
    for name in ("Ally", "AllyOut", "AllyStanceChange"):
        assert schemas[name]["properties"]["stance"]["$ref"] == "#/components/schemas/AllyStance"
    inline = json.dumps(document)
    assert '"enum": ["supportive", "neutral", "unknown", "opposed"]' not in inline.replace(
        json.dumps(schemas["AllyStance"]), ""
    )


def test_every_operation_has_an_id_a_summary_a_description_and_examples(document):
    for path, method, op in operations(document):
        assert op["operationId"] and op["summary"] and op["description"], (path, method)
        body = op.get("requestBody")
        if body is not None and op["operationId"] != "import_negotiation":
            assert "example" in body["content"]["application/json"], op["operationId"]
        if method == "post" and op["operationId"] != "import_negotiation":
            ok = op["responses"].get("201") or op["responses"]["200"]
            assert "example" in ok["content"]["application/json"], op["operationId"]


# -- every route answers as documented ------------------------------------------------------------
class Checker:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        registry = Registry().with_resource(DOC_URI, Resource.from_contents(document, DRAFT202012))
        self.registry = registry

    def check(self, op: dict[str, Any], status: int, response: Any) -> None:
        documented = op["responses"].get(str(status))
        assert documented is not None, f"{op['operationId']} answered an undocumented {status}"
        documented = deref(self.document, documented)
        if "content" not in documented:  # an answer with no body (204)
            assert response.data == b"", (op["operationId"], status, response.data[:100])
            return self.check_headers(op, status, documented, response)
        assert response.mimetype in documented["content"], (op["operationId"], status, response.mimetype)
        if response.mimetype == "text/csv":
            assert response.get_data(as_text=True).startswith(
                "version,type,actor,recorded_at,occurred_at,sentence"
            )
        else:
            schema_ref = documented["content"]["application/json"]["schema"]["$ref"]
            validator = Draft202012Validator(
                {"$ref": DOC_URI + schema_ref}, registry=self.registry, format_checker=FormatChecker()
            )
            body = response.get_json()
            errors = [
                f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
            ]
            assert not errors, (op["operationId"], status, errors, body)
        self.check_headers(op, status, documented, response)

    def check_headers(
        self, op: dict[str, Any], status: int, documented: dict[str, Any], response: Any
    ) -> None:
        for name, header in documented.get("headers", {}).items():
            header = deref(self.document, header)
            if header.get("required"):
                assert name in response.headers, (op["operationId"], status, name)
            if name in response.headers:
                Draft202012Validator(header["schema"]).validate(response.headers[name])


def call(
    api,
    method: str,
    path: str,
    op: dict[str, Any],
    nid: str,
    *,
    sample: dict[str, Any],
    body: Any = None,
    raw: str | None = None,
    version: Any = "current",
    path_values: dict | None = None,
    query: dict | None = None,
    headers: dict | None = None,
):
    values = {"negotiation_id": nid, **sample.get("path", {}), **(path_values or {})}
    url = PREFIX + re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)  # paths are under servers
    headers = dict(headers or {})
    if method == "get":
        return api.client.get(
            url, query_string=query if query is not None else sample.get("query", {}), headers=headers
        )
    if method == "delete":
        return api.client.delete(url, headers=headers)
    if version == "current" and "{negotiation_id}" in path:
        version = api.version(nid)
    if version not in (None, "current"):
        headers["If-Match"] = f'"{version}"'
    data = raw if raw is not None else json.dumps(body if body is not None else sample.get("body", {}))
    return api.client.post(url, data=data, headers=headers, content_type="application/json")


def provoke(app, api, op_path: str, method: str, op: dict[str, Any], status: int):
    """Runs the operation in a way that should answer ``status``; returns the response."""
    nid = prepare(api)
    sample = SAMPLES[op["operationId"]]
    for step_path, step_body in sample.get("before", ()):
        api.ok(nid, step_path, step_body)
    kwargs: dict[str, Any] = {"sample": sample}
    if status in (200, 201):
        pass
    elif status == 400:
        kwargs["raw"] = "{not json"
    elif status == 403:

        def viewer(negotiation_id, level):
            from tracker.web.identity import Forbidden

            if level == "write" or method == "get":
                raise Forbidden("Read-only.")

        app.extensions["access_check"] = viewer
    elif status == 404:
        if "{negotiation_id}" in op_path:
            nid, kwargs["version"] = str(uuid.uuid4()), 3
    elif status == 409:
        kwargs["version"] = 1
    elif status == 422:
        if method == "get":
            kwargs["query"] = {"limit": 0, "version": 0, "order": "sideways", "as_of_version": 0}
        else:
            kwargs["body"] = {**sample.get("body", {}), "unexpected": True}
    elif status == 428:
        kwargs["version"] = None
    elif status == 401:
        kwargs["headers"] = {"Authorization": "Bearer trk_not-a-real-token"}
    elif status == 503:
        app.extensions["tracker"] = UnreadableStore(app.extensions["tracker"])
    elif status not in sample.get("cases", {}):  # pragma: no cover - a status the test cannot provoke
        raise AssertionError(f"no way to provoke {status}")
    if status in sample.get("cases", {}):  # the operation's own way (see SAMPLES)
        kwargs.update(sample["cases"][status](app, api, nid))
        nid = kwargs.pop("nid", nid)
    return call(api, method, op_path, op, nid, **kwargs)


class UnreadableStore:
    """The store as with a wrong cipher key: every read fails as the real mapper reports it."""

    def __init__(self, tracker: Any) -> None:
        self._tracker = tracker

    def close(self) -> None:
        self._tracker.close()

    def __getattr__(self, name: str) -> Any:
        from tracker.audit import StoreUnreadable

        raise StoreUnreadable("The stored events cannot be decrypted with the configured cipher key.")


def documented_cases(document) -> list[tuple[str, str, int]]:
    """Every documented answer of the negotiation routes (a team's routes: tests/api/test_teams_api.py;
    the notifications': tests/api/test_notifications_api.py; the webhooks': tests/api/test_webhooks_api.py)."""
    return [
        (path, method, int(status))
        for path, method, op in operations(document)
        if not path.startswith(("/teams/", "/notifications", "/webhooks"))
        for status in op["responses"]
    ]


def pytest_generate_tests(metafunc):
    if "documented_case" in metafunc.fixturenames:
        from tracker.web.api.openapi import build_document

        cases = documented_cases(build_document())
        metafunc.parametrize("documented_case", cases, ids=[f"{m.upper()} {p} {s}" for p, m, s in cases])


def test_every_documented_answer(app, api, document, documented_case):
    path, method, status = documented_case
    op = document["paths"][path][method]
    response = provoke(app, api, path, method, op, status)
    assert response.status_code == status, (op["operationId"], response.get_json())
    Checker(document).check(op, status, response)


def test_refusals_and_domain_value_errors_match_their_documented_schemas(api, nid, document):
    checker = Checker(document)
    accept = document["paths"]["/negotiations/{negotiation_id}/proposals/{proposal_id}/accept"]["post"]
    refused = api.post(nid, "/proposals/prop1/accept", {"party": "p3"})  # p3 was not addressed
    assert refused.status_code == 409 and "errors" in refused.get_json()
    checker.check(accept, 409, refused)
    proposals = document["paths"]["/negotiations/{negotiation_id}/proposals"]["post"]
    invalid = api.post(
        nid,
        "/proposals",
        {
            "from_party": "p2",
            "to_parties": ["p1"],
            "values": {"base_salary": {"amount": "1", "currency": "USD"}},
        },
    )
    assert invalid.status_code == 422
    checker.check(proposals, 422, invalid)
    unknown = api.post(nid, "/proposals/prop9/accept", {"party": "p1"})
    checker.check(accept, 404, unknown)
