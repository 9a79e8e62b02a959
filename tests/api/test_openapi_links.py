"""The OpenAPI links, checked statically (the stateful walk in test_api_stateful.py follows them):
every operation but the entry points is the target of a link, and every link names an operation and
parameters that exist."""

from __future__ import annotations

import pytest

from tracker import create_app
from tracker.web.api.openapi import build_document

#: start_negotiation and get_due: from the list; a team's dashboard starts from the team's id (no
#: negotiation's answer names a team; its settings are reached from its pay bands and back)
ENTRY_POINTS = {"list_negotiations", "import_negotiation", "get_team_dashboard"}


@pytest.fixture(scope="module")
def document():
    app = create_app({"store": "memory"})
    with app.app_context():
        yield build_document()
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def operations(document):
    return {
        op["operationId"]: (path, op)
        for path, item in document["paths"].items()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }


def links(document):
    named = document["components"].get("links", {})
    for _, (_, op) in operations(document).items():
        for status, answer in op["responses"].items():
            for name, link in answer.get("links", {}).items():
                if "$ref" in link:
                    link = named[link["$ref"].rsplit("/", 1)[1]]
                yield op["operationId"], status, name, link


def parameter_names(document, op):
    found = set()
    for parameter in op.get("parameters", []):
        if "$ref" in parameter:
            parameter = document["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
        if "in" in parameter and "name" in parameter:
            found.add(f"{parameter['in']}.{parameter['name']}")
        elif parameter.get("in") == "query":  # a schema of query fields (marshmallow via apispec)
            found.add("query.*")
    return found


def test_every_operation_but_the_entry_points_is_reached_by_a_link(document):
    targets = {link["operationId"] for _, _, _, link in links(document)}
    assert set(operations(document)) - targets == ENTRY_POINTS


def test_each_link_names_parameters_its_target_has(document):
    ops = operations(document)
    for source, status, name, link in links(document):
        _, target = ops[link["operationId"]]
        known = parameter_names(document, target)
        for parameter in link.get("parameters", {}):
            where = parameter.split(".")[0]
            assert parameter in known or f"{where}.*" in known, (source, status, name, parameter)
        if link.get("requestBody") is not None:
            assert "requestBody" in target, (source, name)


def test_writes_say_if_match_is_required_and_a_stale_one_links_to_a_retry(document):
    if_match = document["components"]["parameters"]["IfMatch"]
    assert if_match["required"] is True
    for operation_id, (_, op) in operations(document).items():
        if "409" in op["responses"] and "requestBody" in op and operation_id != "import_negotiation":
            retry = op["responses"]["409"]["links"]["retry"]
            assert retry["operationId"] == operation_id
            assert retry["parameters"]["header.If-Match"] == "$response.header.ETag"
