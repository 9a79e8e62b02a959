"""The words of the OpenAPI document that are not in the schemas: what each group of operations is
for, and what each operation does beyond its summary."""

from __future__ import annotations

from typing import Any

from tracker.schemas.steps import Step
from tracker.web.api.examples import START, Examples

TAGS = [
    {"name": "negotiations", "description": "Start, list and read negotiations."},
    {"name": "preparation", "description": "Goals, priorities, research and alternatives before you talk."},
    {"name": "parties", "description": "Who takes part: you, the other side, advisors."},
    {"name": "terms", "description": "What is on the table: pay, title, remote days, dates..."},
    {"name": "allies", "description": "People who can speak for you, and what they did."},
    {"name": "proposals", "description": "Offers and counter-offers, and the answers to them."},
    {
        "name": "teams",
        "description": "What a team keeps and reads together: its dashboard, its approval chain, its pay "
        "bands and which band a negotiation is judged against.",
    },
    {
        "name": "approvals",
        "description": "A team's approval chain at work: approvers approve or decline a proposal before it "
        "counts as made.",
    },
    {"name": "bargaining", "description": "Calls, emails, meetings and notes while you negotiate."},
    {"name": "lifecycle", "description": "Stages, the conclusion, lessons learned, reopening."},
    {"name": "analysis", "description": "Scores, package values, Pareto checks, readiness and comparisons."},
    {"name": "audit", "description": "The timeline, the hash chain's verification, export and import."},
    {
        "name": "notifications",
        "description": "What you were told about others' steps, and what you want to be told.",
    },
    {
        "name": "calendar",
        "description": "Your private calendar feed: its link (made, replaced, turned off), never its token "
        "after the answer that made it.",
    },
    {
        "name": "webhooks",
        "description": "Signed calls to another system for each step: yours or a team's, their delivery "
        "logs, a test event, turning them off and on.",
    },
]

#: What a read adds to its summary: who may call it and what an unknown id gives.
READ = (
    "Needs read access to the negotiation (its owner, or a share or team role that lets you see it); "
    "a negotiation you may not see answers 404, as an unknown one does."
)
MORE = {
    "list_negotiations": "Only the negotiations you may see: your own, those shared with you and those "
    "of your teams. Paged with limit and cursor; filters combine.",
    "start_negotiation": "You become its owner and the actor of its first event. Send an Idempotency-Key "
    "to make a retry safe: the same key and body answer the first negotiation again (Idempotent-Replayed: "
    "true); the same key with another body is 422.",
    "get_team_dashboard": "Only the team's members (auditors included) get it; anyone else gets 404, as "
    "for an unknown team. The filters are the dashboard page's; months are calendar months in UTC, the "
    "current one counted up to now.",
    "import_negotiation": "The importer becomes the owner of the imported copy; the chain's digests are "
    "checked before anything is stored.",
}


def step_description(step: Step) -> str:
    """What a step operation does, in the words every step shares."""
    made = (
        f" The answer names what it made or changed ({step.answer.id_field})." if step.answer.id_field else ""
    )
    return (
        f"{step.summary}. Recorded as one {step.event_class.__name__} event with you as its actor; "
        "needs write access. Send the negotiation's ETag as If-Match (or expected_version in the body): "
        "a stale version answers 409 and stores nothing. The answer's ETag is the new version." + made
    )


def describe_operations(document: dict[str, Any], stories: Examples) -> None:
    """Gives every operation a description (its summary and what applies to it) and the start and
    read of a negotiation their examples."""
    for path, item in document["paths"].items():
        for operation in item.values():
            if not isinstance(operation, dict) or operation.get("description"):
                continue
            extra = MORE.get(operation["operationId"]) or (READ if "{negotiation_id}" in path else "")
            operation["description"] = f"{operation['summary']}. {extra}".strip()
    start = document["paths"]["/negotiations"]["post"]
    start["requestBody"]["content"]["application/json"]["example"] = START
    start["responses"]["201"]["content"]["application/json"]["example"] = stories.start
    read = document["paths"]["/negotiations/{negotiation_id}"]["get"]
    read["responses"]["200"]["content"]["application/json"]["example"] = stories.negotiation
