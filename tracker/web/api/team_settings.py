"""A team's settings through the JSON API (its dashboard: tracker.web.api.teams): its approval chain
(every member reads it, owners replace it), its pay bands and which negotiations are judged against
which band (owners and auditors read them, owners add to them). Someone outside the team gets 404, a
role that may not 403. Every write sends the team's version it last saw (If-Match: the ETag of the
GET); a stale one is 409."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from flask import Blueprint, current_app, jsonify
from marshmallow import Schema, fields, validate

from tracker.domain.errors import DomainError
from tracker.schemas import domain_errors
from tracker.teams import AccessDenied
from tracker.teams.approval_rules import CONDITIONS
from tracker.teams.service import TeamChanged
from tracker.web.api.errors import ApiError, invalid
from tracker.web.api.inputs import header_version, json_object
from tracker.web.identity import current_user

TEAM = "/teams/<team_id>"
EXAMPLE_TEAM = "9d3c1f0e-7a4b-4c1e-9b65-2f0d8a6e4c21"
EXAMPLE_NEGOTIATION = "3201d589-01cf-4fff-8eab-bd605b7c5ee8"
EXAMPLE_RULE = {
    "approver": "comp.lead@example.org",
    "step": 2,
    "when": "above_band_midpoint",
    "term_key": "base_salary",
    "amount": None,
    "currency": "",
}
EXAMPLE_CONDITION = "base_salary above the band's midpoint"
EXAMPLE_BAND = {
    "name": "Tech lead, L5",
    "term_key": "base_salary",
    "currency": "EUR",
    "minimum": "85000",
    "midpoint": "95000",
    "maximum": "105000",
    "effective_from": "2026-01-01",
}


class ApprovalRuleShape(Schema):
    approver = fields.String(required=True, metadata={"description": "A team member's email."})
    step = fields.Integer(required=True, metadata={"description": "1 first; the same step: in parallel."})
    when = fields.String(required=True, metadata={"enum": list(CONDITIONS)})
    term_key = fields.String(
        required=True, metadata={"description": "The term the condition looks at ('' for always)."}
    )
    amount = fields.String(
        required=True, allow_none=True, metadata={"description": "above_amount: the figure."}
    )
    currency = fields.String(required=True, metadata={"description": "above_amount: its currency."})
    condition = fields.String(dump_only=True, metadata={"description": "The condition in words."})


class ApprovalChainOut(Schema):
    team_id = fields.String(required=True)
    version = fields.Integer(required=True, metadata={"description": "The team's version (its ETag)."})
    rules = fields.List(fields.Nested(ApprovalRuleShape), required=True)


class ApprovalChainIn(Schema):
    rules = fields.List(
        fields.Dict(),
        required=True,
        validate=validate.Length(max=20),
        metadata={
            "description": "The whole chain, replacing the one before ([] : no approvals needed). Each rule: "
            "approver, step (1-5), when (" + ", ".join(CONDITIONS) + "), term_key, amount and currency "
            "(above_amount).",
            "items": {"$ref": "#/components/schemas/ApprovalRuleShape"},
        },
    )


class PayBandShape(Schema):
    name = fields.String(required=True, metadata={"description": "The role or level, e.g. 'Tech lead, L5'."})
    term_key = fields.String(required=True, metadata={"description": "The money term, e.g. base_salary."})
    currency = fields.String(required=True)
    minimum = fields.String(required=True, metadata={"pattern": r"^[0-9]+(\.[0-9]+)?$"})
    midpoint = fields.String(required=True, metadata={"pattern": r"^[0-9]+(\.[0-9]+)?$"})
    maximum = fields.String(required=True, metadata={"pattern": r"^[0-9]+(\.[0-9]+)?$"})
    effective_from = fields.String(required=True, metadata={"format": "date"})


class PlacementShape(Schema):
    negotiation_id = fields.String(required=True)
    band = fields.String(
        required=True, allow_none=True, metadata={"description": "The band's name; null: none."}
    )


class PayBandsOut(Schema):
    team_id = fields.String(required=True)
    version = fields.Integer(required=True)
    bands = fields.List(
        fields.Nested(PayBandShape), required=True, metadata={"description": "Every version."}
    )
    placements = fields.List(fields.Nested(PlacementShape), required=True)


def _teams():
    return current_app.extensions["people"].teams


def _chain(team_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    info = _teams().team_for(team_id, current_user())  # NotFound outside the team
    team = _teams().team_aggregate(team_id)
    rules = [{**r.as_event(), "condition": r.condition} for r in info.approval_rules]
    body = ApprovalChainOut().dump({"team_id": str(info.id), "version": team.version, "rules": rules})
    return body, {"ETag": f'"{team.version}"'}


def _bands(team_id: str) -> tuple[dict[str, Any], dict[str, str]]:
    teams, user = _teams(), current_user()
    teams.team_for(team_id, user)
    bands = [band.as_event() for versions in teams.pay_bands(team_id, user).values() for band in versions]
    placements = [
        {"negotiation_id": nid, "band": band} for nid, band in sorted(teams.banded(team_id, user).items())
    ]
    version = teams.team_aggregate(team_id).version
    body = PayBandsOut().dump(
        {"team_id": team_id, "version": version, "bands": bands, "placements": placements}
    )
    return body, {"ETag": f'"{version}"'}


def _write(team_id: str, change) -> None:
    info = _teams().team_for(team_id, current_user())  # 404 before anything else outside the team
    if info.role_of(current_user().strip().lower()) != "owner":
        raise AccessDenied("Only a team owner can change the team's approval chain and pay bands.")
    version = header_version()
    if version is None:
        raise ApiError(
            428, 'Every change to a team needs the team\'s version you last saw: If-Match: "3" (its ETag).'
        )
    try:
        change(version)
    except TeamChanged as stale:
        raise ApiError(409, str(stale), {"If-Match": [str(stale)]}, stale.current) from None
    except DomainError as error:
        errors = domain_errors(error)
        raise invalid(errors, next(iter(errors.values()))[0]) from None


def register(bp: Blueprint) -> None:
    @bp.get(TEAM + "/approval-chain")
    def get_approval_chain(team_id: str):
        body, headers = _chain(team_id)
        return jsonify(body), 200, headers

    @bp.put(TEAM + "/approval-chain")
    def set_approval_chain(team_id: str):
        def change(version: int) -> None:
            rules = ApprovalChainIn().load(json_object())["rules"]
            _teams().set_approval_chain(team_id, rules, actor=current_user(), expected_version=version)

        _write(team_id, change)
        body, headers = _chain(team_id)
        return jsonify(body), 200, headers

    @bp.get(TEAM + "/pay-bands")
    def get_pay_bands(team_id: str):
        body, headers = _bands(team_id)
        return jsonify(body), 200, headers

    @bp.post(TEAM + "/pay-bands")
    def add_pay_band(team_id: str):
        added = []

        def change(version: int) -> None:
            _, new = _teams().set_pay_band(
                team_id, json_object(), actor=current_user(), expected_version=version
            )
            added.append(new)

        _write(team_id, change)
        body, headers = _bands(team_id)
        return jsonify(body), 201 if added and added[0] else 200, headers

    @bp.post(TEAM + "/placements")
    def place_in_band(team_id: str):
        def change(version: int) -> None:
            data = PlacementShape().load(json_object())
            nid = data["negotiation_id"]
            shared = current_app.extensions["people"].access.shared_with_team(nid, team_id)
            _teams().band_negotiation(
                team_id, nid, data["band"], actor=current_user(), shared=shared, expected_version=version
            )

        _write(team_id, change)
        body, headers = _bands(team_id)
        return jsonify(body), 200, headers


def document(spec: APISpec, ok: Any) -> None:
    for schema in (
        ApprovalRuleShape,
        ApprovalChainOut,
        ApprovalChainIn,
        PayBandShape,
        PlacementShape,
        PayBandsOut,
    ):
        spec.components.schema(schema.__name__, schema=schema)
    team = {"in": "path", "name": "team_id", "required": True, "schema": {"type": "string", "format": "uuid"}}
    read = {"403": "Forbidden", "404": "NotFound"}
    same_team = {"path.team_id": "$request.path.team_id"}

    def write(operation_id: str) -> dict[str, Any]:
        """A write's refusals; a stale one (409) links to the same request at the team's current version."""
        retry = {
            "operationId": operation_id,
            "parameters": {**same_team, "header.If-Match": "$response.header.ETag"},
            "requestBody": "$request.body",
        }
        conflict = {
            "description": "The team changed since the version sent in If-Match (its ETag is the current one).",
            "headers": {"ETag": {"schema": {"type": "string"}}},
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ConflictOut"}}},
            "links": {"retry": retry},
        }
        return {
            **read,
            "400": "BadRequest",
            "409": conflict,
            "422": "Unprocessable",
            "428": "PreconditionRequired",
        }

    def then(target: str, body: Any = None, write_it: bool = True) -> dict[str, Any]:
        parameters = dict(same_team)
        if write_it:
            parameters["header.If-Match"] = "$response.header.ETag"
        found: dict[str, Any] = {"operationId": target, "parameters": parameters}
        if body is not None:
            found["requestBody"] = body
            found["x-schemathesis"] = {"merge_body": False}
        return found

    chain_links = {
        "set_approval_chain": then("set_approval_chain", {"rules": "$response.body#/rules"}),
        "get_pay_bands": then("get_pay_bands", write_it=False),
        "list_team_webhooks": {
            "operationId": "list_team_webhooks",
            "parameters": {"path.team_id": "$response.body#/team_id"},
        },
        "create_team_webhook": {
            "operationId": "create_team_webhook",
            "parameters": {"path.team_id": "$response.body#/team_id"},
            "requestBody": {"url": "http://127.0.0.1:9/hook", "kinds": []},
            "x-schemathesis": {"merge_body": False},
        },
    }
    band_links = {
        "add_pay_band": then(  # each field named: a generated body merged in keeps none of its own
            "add_pay_band", {key: f"$response.body#/bands/0/{key}" for key in EXAMPLE_BAND}
        ),
        "place_in_band": then(  # the first placement again (each field named, as above)
            "place_in_band",
            {key: f"$response.body#/placements/0/{key}" for key in ("negotiation_id", "band")},
        ),
        "get_approval_chain": then("get_approval_chain", write_it=False),
    }

    def body(name: str, example: dict[str, Any]) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{name}"}
        return {"required": True, "content": {"application/json": {"schema": schema, "example": example}}}

    chain = {"rules": [EXAMPLE_RULE]}
    chain_out = {
        "team_id": EXAMPLE_TEAM,
        "version": 4,
        "rules": [{**EXAMPLE_RULE, "condition": EXAMPLE_CONDITION}],
    }
    bands_out = {
        "team_id": EXAMPLE_TEAM,
        "version": 6,
        "bands": [EXAMPLE_BAND],
        "placements": [{"negotiation_id": EXAMPLE_NEGOTIATION, "band": EXAMPLE_BAND["name"]}],
    }

    def answer(name: str, example: dict[str, Any], links: dict[str, Any]) -> dict[str, Any]:
        found = ok(name)
        found["content"]["application/json"]["example"] = example
        return {**found, "links": links}

    spec.path(
        path="/teams/{team_id}/approval-chain",
        operations={
            "get": {
                "operationId": "get_approval_chain",
                "summary": "The team's approval chain (any member)",
                "tags": ["teams"],
                "parameters": [team],
                "responses": {"200": answer("ApprovalChainOut", chain_out, chain_links), **read},
            },
            "put": {
                "operationId": "set_approval_chain",
                "summary": "Replace the team's approval chain (owners)",
                "tags": ["teams"],
                "parameters": [team, "IfMatch"],
                "requestBody": body("ApprovalChainIn", chain),
                "responses": {
                    "200": answer("ApprovalChainOut", chain_out, chain_links),
                    **write("set_approval_chain"),
                },
            },
        },
    )
    spec.path(
        path="/teams/{team_id}/pay-bands",
        operations={
            "get": {
                "operationId": "get_pay_bands",
                "summary": "The team's pay bands and placements (owners and auditors)",
                "tags": ["teams"],
                "parameters": [team],
                "responses": {"200": answer("PayBandsOut", bands_out, band_links), **read},
            },
            "post": {
                "operationId": "add_pay_band",
                "summary": "Add a pay band or a new version of one (owners; the same band again stores nothing)",
                "tags": ["teams"],
                "parameters": [team, "IfMatch"],
                "requestBody": body("PayBandShape", EXAMPLE_BAND),
                "responses": {
                    "201": answer("PayBandsOut", bands_out, band_links),
                    "200": answer("PayBandsOut", bands_out, band_links),
                    **write("add_pay_band"),
                },
            },
        },
    )
    spec.path(
        path="/teams/{team_id}/placements",
        operations={
            "post": {
                "operationId": "place_in_band",
                "summary": "Judge a negotiation shared with the team against a band, or against none (owners)",
                "tags": ["teams"],
                "parameters": [team, "IfMatch"],
                "requestBody": body("PlacementShape", bands_out["placements"][0]),
                "responses": {"200": answer("PayBandsOut", bands_out, band_links), **write("place_in_band")},
            }
        },
    )
