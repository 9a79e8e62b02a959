"""Each vocabulary of the API once, by name: every enum in the OpenAPI document whose values are a
vocabulary of the domain (stages, sides, term kinds...) becomes a reference to one named schema, so
a client generator makes one type per vocabulary instead of one per property (and never two
different types under one name)."""

from __future__ import annotations

from typing import Any

from tracker.domain import vocabulary as v

#: Each vocabulary the API uses, with what it means.
VOCABULARIES: dict[type[v.Choice], str] = {
    v.NegotiationKind: "What a negotiation is about.",
    v.OpportunityType: "The kind of ask: a standard one, a personal arrangement, a new direction.",
    v.Side: "Which side of the table a party is on.",
    v.TermKind: "What a term's values are: money, a number, a percentage, days, yes/no, a date,"
    " a choice or text.",
    v.Better: "Which direction of a numeric term is better for its owner.",
    v.Stage: "Where a negotiation stands; the last five are closed.",
    v.Outcome: "How a negotiation ended.",
    v.Horizon: "When a goal matters: in the short or the long term.",
    v.GoalArea: "What a goal is about: career or life.",
    v.AllyStance: "Where an ally stands on your ask.",
    v.AlternativeKind: "What an alternative to this deal is.",
    v.Channel: "How an interaction happened.",
    v.Tone: "How an interaction felt.",
    v.ProposalStatus: "Where a proposal stands.",
}


def name_enums(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every vocabulary enum replaced by a ``$ref`` to its named schema (a nullable
    one: either the vocabulary or null); the named schemas are added to the components."""
    by_values = {frozenset(vocabulary.values()): vocabulary for vocabulary in VOCABULARIES}
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    used: set[type[v.Choice]] = set()

    def visit(node: Any) -> Any:
        if isinstance(node, list):
            return [visit(item) for item in node]
        if not isinstance(node, dict):
            return node
        values = node.get("enum")
        vocabulary = by_values.get(frozenset(x for x in values if x is not None)) if values else None
        if vocabulary is None:
            return {key: visit(item) for key, item in node.items()}
        used.add(vocabulary)
        ref = {"$ref": f"#/components/schemas/{vocabulary.__name__}"}
        rest = {key: item for key, item in node.items() if key not in ("enum", "type")}
        if None in values:
            return {"anyOf": [ref, {"type": "null"}], **rest}
        return {**ref, **rest}

    document["paths"] = visit(document.get("paths", {}))
    for name in list(schemas):
        schemas[name] = visit(schemas[name])
    for vocabulary in sorted(used, key=lambda c: c.__name__):
        assert vocabulary.__name__ not in schemas, f"{vocabulary.__name__} names another schema"
        schemas[vocabulary.__name__] = {
            "type": "string",
            "enum": vocabulary.values(),
            "description": VOCABULARIES[vocabulary],
        }
    return document
