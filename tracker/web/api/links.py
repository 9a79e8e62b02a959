"""OpenAPI links: how the ids an answer carries flow into the operations that use them.

A client (or a tool such as schemathesis) can follow them from ``POST /negotiations`` to every step,
from each step that creates something (a party, term, ally, proposal) to the steps that name it, and
from a negotiation's state (``GET /negotiations/{id}``, which lists its parties, terms, allies and
proposals) to every step and read, and from each write to the next, with the ETag the next write must
send back as ``If-Match``; and from a write refused as stale (409) to the same write again, at the
version the refusal names.
"""

from __future__ import annotations

from typing import Any

from tracker.web.api.catalog import STEPS

NEGOTIATION_READS = (
    "get_analysis",
    "get_readiness",
    "get_timeline",
    "get_timeline_csv",
    "compare_packages",
    "verify_negotiation",
    "export_negotiation",
)
STATE = "$response.body#/"
#: A write that follows a link sends its version as If-Match, not in the deprecated body fields.
WITHOUT_DEPRECATED = {"expected_version": None, "request_id": None}

#: What a step needs from a negotiation's state (GET /negotiations/{id}), beyond its id and ETag:
#: path parameters (``path.x``) and body fields, as JSON pointers into the state.
FROM_STATE: dict[str, dict[str, Any]] = {
    "set_priority": {  # the owner's weight on the first term; no target, walk-away or ratings to get wrong
        "body": {
            "term_key": STATE + "terms/0/key",
            "weight": 50,
            **dict.fromkeys(("party_id", "target", "walk_away", "ratings")),
        }
    },
    "map_authority": {  # "decides": a role not yet on the map of the first term (a generated one often is)
        "body": {
            "term_key": STATE + "terms/0/key",
            "party_id": STATE + "parties/0/party_id",
            "role": "decides",
        }
    },
    "log_research": {"body": {"term_key": STATE + "terms/0/key"}},
    "set_money_schedule": {  # a one-off (e.g. a sign-on bonus) on the second term
        "body": {
            "term_key": STATE + "terms/1/key",
            "kind": "one_off",
            **dict.fromkeys(
                ("package_key", "vesting", "cliff_months", "clawback_months", "guaranteed_years")
            ),
            **dict.fromkeys(("payout_percent", "raise_percent", "raise_after_months", "review_months")),
        }
    },
    "add_term": {  # a text term (the other kinds take a currency, bounds or options)
        "body": {
            "kind": "text",
            **dict.fromkeys(("key", "currency", "unit", "min", "max", "step", "options")),
        }
    },
    "accept_proposal": {
        "path": {"proposal_id": STATE + "proposals/0/proposal_id"},
        "body": {"party": STATE + "proposals/0/to_parties/0"},
    },
    "reject_proposal": {
        "path": {"proposal_id": STATE + "proposals/0/proposal_id"},
        "body": {"party": STATE + "proposals/0/to_parties/0"},
    },
    "withdraw_proposal": {
        "path": {"proposal_id": STATE + "proposals/0/proposal_id"},
        "body": {"party": STATE + "proposals/0/from_party"},
    },
    "amend_proposal": {"path": {"proposal_id": STATE + "proposals/0/proposal_id"}},
    "approve_proposal": {
        "path": {"proposal_id": STATE + "proposals/0/proposal_id"},
        "body": {"comment": "Within the band."},
    },
    "decline_proposal": {
        "path": {"proposal_id": STATE + "proposals/0/proposal_id"},
        "body": {"comment": "Above the band."},
    },
    "revise_term": {"path": {"key": STATE + "terms/0/key"}},
    "remove_term": {"path": {"key": STATE + "terms/0/key"}},
    "log_ally_action": {"path": {"ally_id": STATE + "allies/0/ally_id"}},
    "change_ally_stance": {"path": {"ally_id": STATE + "allies/0/ally_id"}},
    "leave_party": {"path": {"party_id": STATE + "parties/0/party_id"}},
}
#: Bodies whose lists and mappings come whole from the state: sent as they are, not merged into a
#: generated body (a merge would keep generated keys and items: terms and parties that do not exist).
WHOLE_FROM_STATE: dict[str, dict[str, Any]] = {
    "rate_package": {"values": STATE + "proposals/0/values", "rating": 60},
    "calibrate_weights": {  # a weight for each of the owner's (two) priorities
        "weights": {STATE + "priorities/0/term_key": 40, STATE + "priorities/1/term_key": 60}
    },
    "make_proposal": {  # a counter to the first proposal, on the same terms
        "from_party": STATE + "proposals/0/to_parties/0",
        "to_parties": [STATE + "proposals/0/from_party"],
        "values": STATE + "proposals/0/values",
        "in_reply_to": STATE + "proposals/0/proposal_id",
    },
    "amend_proposal": {"values": {STATE + "terms/0/key": "Tech lead"}},  # a text term, first listed
    "add_value_entry": {
        "kind": "evidence",
        "text": "Shipped the migration two weeks early",
        "supports": [STATE + "terms/0/key"],
    },
    "log_interaction": {
        "channel": "call",
        "summary": "A call about the offer.",
        "participants": [STATE + "parties/1/party_id"],
    },
}
WHOLE = {"x-schemathesis": {"merge_body": False}}  # the extension schemathesis reads on a link

#: Steps whose answer names what they created, and the steps that take it: (target, path, body).
CREATED = "$response.body#/"
FROM_CREATED: dict[str, list[tuple[str, dict[str, str], dict[str, Any]]]] = {
    "join_party": [("leave_party", {"party_id": CREATED + "party_id"}, {})],
    "add_term": [
        ("set_priority", {}, {"term_key": CREATED + "key"}),
        ("revise_term", {"key": CREATED + "key"}, {}),
        ("remove_term", {"key": CREATED + "key"}, {}),
    ],
    "enlist_ally": [
        ("log_ally_action", {"ally_id": CREATED + "ally_id"}, {}),
        ("change_ally_stance", {"ally_id": CREATED + "ally_id"}, {}),
    ],
    "make_proposal": [
        ("approve_proposal", {"proposal_id": CREATED + "proposal_id"}, {"comment": "Within the band."}),
        ("decline_proposal", {"proposal_id": CREATED + "proposal_id"}, {"comment": "Above the band."}),
        ("amend_proposal", {"proposal_id": CREATED + "proposal_id"}, {"values": "$request.body#/values"}),
        (
            "accept_proposal",
            {"proposal_id": CREATED + "proposal_id"},
            {"party": "$request.body#/to_parties/0"},
        ),
        (
            "reject_proposal",
            {"proposal_id": CREATED + "proposal_id"},
            {"party": "$request.body#/to_parties/0"},
        ),
        (
            "withdraw_proposal",
            {"proposal_id": CREATED + "proposal_id"},
            {"party": "$request.body#/from_party"},
        ),
        ("get_proposal", {"proposal_id": CREATED + "proposal_id"}, {}),
    ],
    "conclude": [("record_lessons", {}, {}), ("reopen", {}, {})],
}


def add_links(document: dict[str, Any]) -> dict[str, Any]:
    """Adds the links to the success answers of ``document`` (the API's OpenAPI document)."""
    operations = _operations(document)
    steps = [step.command for step in STEPS]
    in_path = {op: _path_names(operations[op]) for op in operations}

    def link(target: str, nid: str, path: dict[str, str], body: dict[str, Any], write: bool) -> dict:
        parameters: dict[str, Any] = {"path.negotiation_id": nid}
        parameters.update({f"path.{name}": value for name, value in path.items()})
        if write:  # the version goes in If-Match: the deprecated body fields stay out of its way
            parameters["header.If-Match"] = "$response.header.ETag"
            body = {**body, **WITHOUT_DEPRECATED}
        found = {"operationId": target, "parameters": parameters}
        if body:
            found["requestBody"] = body
        assert set(path) <= in_path[target], (target, path)
        return found

    def add(source: str, name: str, found: dict[str, Any]) -> None:
        response = _success(operations[source])
        response.setdefault("links", {})[name] = found

    started = "$response.body#/id"
    for step in steps:
        if not in_path[step] - {"negotiation_id"}:
            add("start_negotiation", step, link(step, started, {}, {}, write=True))
    add("start_negotiation", "get_negotiation", link("get_negotiation", started, {}, {}, write=False))
    add("list_negotiations", "start_negotiation", {"operationId": "start_negotiation"})  # one more
    add("list_negotiations", "get_due", {"operationId": "get_due"})  # then what is due in them
    add("list_negotiations", "get_notifications", {"operationId": "get_notifications"})  # and the bell
    add("get_due", "get_calendar_feed", {"operationId": "get_calendar_feed"})  # the same dates, subscribed
    add("get_calendar_feed", "open_calendar_feed", {"operationId": "open_calendar_feed"})
    add("get_calendar_feed", "close_calendar_feed", {"operationId": "close_calendar_feed"})  # when it is on
    add("open_calendar_feed", "get_calendar_feed", {"operationId": "get_calendar_feed"})
    add("open_calendar_feed", "close_calendar_feed", {"operationId": "close_calendar_feed"})
    add("close_calendar_feed", "open_calendar_feed", {"operationId": "open_calendar_feed"})
    add("list_negotiations", "list_webhooks", {"operationId": "list_webhooks"})  # and the webhooks
    imported = "$response.body#/negotiation_id"
    add("import_negotiation", "get_negotiation", link("get_negotiation", imported, {}, {}, write=False))
    add(
        "list_negotiations",
        "get_negotiation",
        link("get_negotiation", "$response.body#/items/0/id", {}, {}, write=False),
    )
    for step in steps:
        needs = FROM_STATE.get(step, {})
        if step in WHOLE_FROM_STATE:
            whole = link(step, started, needs.get("path", {}), WHOLE_FROM_STATE[step], True)
            add("get_negotiation", step, {**whole, **WHOLE})
        else:
            add(
                "get_negotiation",
                step,
                link(step, started, needs.get("path", {}), needs.get("body", {}), True),
            )
    for read in NEGOTIATION_READS:
        add("get_negotiation", read, link(read, started, {}, {}, write=False))
    compared = link("compare_packages", started, {}, {}, write=False)
    compared["parameters"]["query.base"] = STATE + "proposals/0/proposal_id"
    compared["parameters"]["query.other"] = STATE + "alternatives/0/alternative_id"
    add("get_negotiation", "compare_packages", compared)
    add(
        "get_negotiation",
        "get_proposal",
        link("get_proposal", started, {"proposal_id": STATE + "proposals/0/proposal_id"}, {}, False),
    )
    conflict = document["components"]["responses"].pop("Conflict")  # each step's 409 is its own copy
    for step in steps:  # a stale write is sent again at the version the 409 names (its ETag)
        _retry_on_conflict(operations[step], step, conflict)
    after_step = "$response.body#/negotiation_id"
    then = document["components"].setdefault("links", {})
    for step in steps:  # each write leads to the next at the version it made (one definition each)
        if not in_path[step] - {"negotiation_id"}:
            then[f"Then_{step}"] = link(step, after_step, {}, {}, write=True)
    for step in steps:
        add(step, "get_negotiation", link("get_negotiation", after_step, {}, {}, write=False))
        for name in then:
            add(step, name.removeprefix("Then_"), {"$ref": f"#/components/links/{name}"})
        for target, path, body in FROM_CREATED.get(step, []):
            add(step, target, link(target, after_step, path, body, write=target in steps))
    return document


def _retry_on_conflict(found: tuple[str, dict[str, Any]], step: str, conflict: dict[str, Any]) -> None:
    """The step's own 409 answer (the shared one, copied: a shared answer cannot name the operation to
    retry), with a link that sends the same request again at the current version, as a client does."""
    parameters = {f"path.{name}": f"$request.path.{name}" for name in sorted(_path_names(found))}
    parameters["header.If-Match"] = "$response.header.ETag"
    retry = {"operationId": step, "parameters": parameters, "requestBody": "$request.body"}
    found[1]["responses"]["409"] = {**conflict, "links": {"retry": retry}}


def _operations(document: dict[str, Any]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each operation by its id, with its path."""
    return {
        operation["operationId"]: (path, operation)
        for path, item in document["paths"].items()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }


def _path_names(found: tuple[str, dict[str, Any]]) -> set[str]:
    return {part[1:-1] for part in found[0].split("/") if part.startswith("{")}


def _success(found: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    responses = found[1]["responses"]
    return responses[next(code for code in responses if code.startswith("2"))]
