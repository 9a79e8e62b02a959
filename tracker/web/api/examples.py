"""Examples for the OpenAPI document, made by running them: one whole negotiation, a request body for
every step, recorded through the same schemas and service as the API on a store in memory. Each
answer example is what the API answered to its request, so an example can never drift from what the
server accepts and returns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.application import NegotiationTracker
from tracker.schemas import output as out
from tracker.schemas import split_common
from tracker.schemas.steps import BY_COMMAND
from tracker.teams.approval_rules import ApprovalRule
from tracker.teams.approvals import ChainPolicy
from tracker.web.api.negotiations import CREATE_SCHEMA

ACTOR = "alex.morgan@example.org"
START = {
    "title": "Senior Data Engineer offer at Northwind",
    "kind": "job_offer",
    "opportunity_type": "standard",
    "description": "Offer after four interview rounds.",
}


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


#: (command, the ids its path takes by name, the body, the name its new id is known by afterwards).
#: Names in ``{}`` are ids recorded earlier in the story (parties, the ally, proposals).
STORY: tuple[tuple[str, dict[str, str], dict[str, Any], str | None], ...] = (
    ("record_aspiration", {}, {"horizon": "long_term", "area": "career", "text": "Lead a data team."}, None),
    ("join_party", {}, {"name": "Alex Morgan", "role": "candidate", "side": "owner"}, "me"),
    ("join_party", {}, {"name": "Dana Kim", "role": "hiring manager", "side": "counterpart"}, "dana"),
    ("join_party", {}, {"name": "Rick Alvarez", "role": "recruiter", "side": "counterpart"}, "rick"),
    (
        "add_term",
        {},
        {"label": "Base salary", "kind": "money", "currency": "EUR", "better": "higher", "min": "0"},
        None,
    ),
    (
        "add_term",
        {},
        {"label": "Remote days", "kind": "days", "better": "higher", "min": "0", "max": "5"},
        None,
    ),
    (
        "set_priority",
        {},
        {"term_key": "base_salary", "weight": 60, "target": eur("130000"), "walk_away": eur("112000")},
        None,
    ),
    ("set_priority", {}, {"term_key": "remote_days", "weight": 40, "target": "4", "walk_away": "0"}, None),
    (
        "rate_package",
        {},
        {
            "label": "Top pay, at the desk",
            "values": {"base_salary": eur("130000"), "remote_days": "0"},
            "rating": 55,
        },
        None,
    ),
    ("rate_package", {}, {"values": {"base_salary": eur("112000"), "remote_days": "4"}, "rating": 60}, None),
    ("rate_package", {}, {"values": {"base_salary": eur("121000"), "remote_days": "2"}, "rating": 70}, None),
    ("calibrate_weights", {}, {"weights": {"base_salary": 45, "remote_days": 55}}, None),
    ("map_authority", {}, {"term_key": "base_salary", "party_id": "{dana}", "role": "decides"}, None),
    (
        "set_money_schedule",
        {},
        {"term_key": "base_salary", "kind": "raise", "raise_percent": "3", "raise_after_months": 12},
        None,
    ),
    (
        "add_value_entry",
        {},
        {
            "kind": "achievement",
            "text": "Built the data platform that cut reporting time by 60%.",
            "link": "https://example.org/platform-review",
            "supports": ["base_salary"],
        },
        "platform",
    ),
    (
        "log_research",
        {},
        {
            "source": "Salary survey, Berlin data engineers",
            "term_key": "base_salary",
            "low": "105000",
            "typical": "118000",
            "high": "135000",
            "link": "https://example.org/survey",
        },
        None,
    ),
    (
        "enlist_ally",
        {},
        {"name": "Priya Shah", "relationship": "former manager, now at Northwind", "stance": "supportive"},
        "priya",
    ),
    (
        "log_ally_action",
        {"ally_id": "{priya}"},
        {"action": "Told Dana about the data platform I built."},
        None,
    ),
    (
        "change_ally_stance",
        {"ally_id": "{priya}"},
        {"stance": "neutral", "reason": "Moved to another team."},
        None,
    ),
    (
        "log_alternative",
        {},
        {"label": "Offer from Contoso", "kind": "competing_offer", "values": {"base_salary": eur("121000")}},
        None,
    ),
    (
        "make_proposal",
        {},
        {
            "from_party": "{dana}",
            "to_parties": ["{me}"],
            "values": {"base_salary": eur("115000"), "remote_days": "2"},
        },
        "first",
    ),
    (
        "log_interaction",
        {},
        {
            "channel": "call",
            "summary": "Dana explained the salary bands.",
            "participants": ["{me}", "{dana}"],
        },
        None,
    ),
    ("add_note", {}, {"text": "Ask about the sign-on bonus next time."}, None),
    (
        "make_proposal",
        {},
        {
            "from_party": "{me}",
            "to_parties": ["{dana}"],
            "values": {"base_salary": eur("128000"), "remote_days": "3"},
            "in_reply_to": "{first}",
            "rationale": "The survey's typical figure plus my platform experience.",
        },
        "counter",
    ),
    (
        "amend_proposal",
        {"proposal_id": "{counter}"},
        {"values": {"base_salary": eur("127500"), "remote_days": "3"}, "reason": "Rounded to the survey."},
        None,
    ),
    (
        "approve_proposal",
        {"proposal_id": "{counter}"},
        {"comment": "Within the band; the survey backs it."},
        None,
    ),
    (
        "withdraw_proposal",
        {"proposal_id": "{counter}"},
        {"party": "{me}", "reason": "Typo in the salary."},
        None,
    ),
    (
        "make_proposal",
        {},
        {"from_party": "{me}", "to_parties": ["{dana}"], "values": {"base_salary": eur("126000")}},
        "second",
    ),
    ("reject_proposal", {"proposal_id": "{second}"}, {"party": "{dana}", "reason": "Above the band."}, None),
    (
        "make_proposal",
        {},
        {"from_party": "{me}", "to_parties": ["{dana}"], "values": {"base_salary": eur("129000")}},
        "asked",
    ),
    ("decline_proposal", {"proposal_id": "{asked}"}, {"comment": "Above the band's maximum."}, None),
    (
        "make_proposal",
        {},
        {
            "from_party": "{dana}",
            "to_parties": ["{me}"],
            "values": {"base_salary": eur("122000"), "remote_days": "3"},
        },
        "final",
    ),
    ("accept_proposal", {"proposal_id": "{final}"}, {"party": "{me}"}, None),
    ("record_lessons", {}, {"lessons": "Research first; ask for remote days early."}, None),
    ("reopen", {}, {"reason": "Dana offered the team lead title as well."}, None),
    ("change_stage", {}, {"stage": "offer_received", "reason": "A written offer with the title came."}, None),
    ("set_decision_date", {}, {"decide_by": "2031-07-01", "reason": "The Contoso offer expires then."}, None),
    ("revise_term", {"key": "remote_days"}, {"label": "Remote days per week"}, None),
    ("remove_term", {"key": "remote_days"}, {"reason": "Agreed separately with the team."}, None),
    ("leave_party", {"party_id": "{rick}"}, {"reason": "Handed over to Dana."}, None),
    ("conclude", {}, {"outcome": "declined", "lessons": "The title came without the pay."}, None),
)


@dataclass(frozen=True)
class Examples:
    """Request and answer examples by operationId, and a negotiation as the API shows one."""

    requests: dict[str, dict[str, Any]]
    answers: dict[str, dict[str, Any]]
    start: dict[str, Any]
    negotiation: dict[str, Any]


#: The team the story's negotiation is shared with keeps an approval chain: a base salary above
#: 127,000 EUR needs its HR partner's approval (the approval steps are hers).
APPROVER = "kim.reyes@example.org"
STORY_CHAIN = [ApprovalRule(APPROVER, 1, "above_amount", "base_salary", Decimal("127000"), "EUR")]
APPROVER_STEPS = ("approve_proposal", "decline_proposal")


def run_story(body_schema: Callable[[Any], Any]) -> Examples:
    """Records the story on a store in memory; ``body_schema(step)`` is the API's schema of a step's
    body (so the examples pass exactly what the API's validation passes)."""
    tracker = NegotiationTracker({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    tracker.approval_chains = ChainPolicy(lambda nid: [("hr-team", STORY_CHAIN, None)])
    started = CREATE_SCHEMA.load(START)
    nid = tracker.start_negotiation(actor=ACTOR, **started)
    names: dict[str, str] = {}
    requests: dict[str, dict[str, Any]] = {}
    answers: dict[str, dict[str, Any]] = {}
    for command, path, body, name in STORY:
        step = BY_COMMAND[command]
        body, path = _named(body, names), _named(path, names)
        fields, common = split_common(body_schema(step).load(body))
        actor = APPROVER if command in APPROVER_STEPS else ACTOR
        result = tracker.step(nid, command, actor=actor, **path, **fields, **common)
        if name is not None:
            names[name] = str(result.value)
        negotiation = tracker.get(nid)
        event = next(iter(tracker.events.get(nid, gt=result.version - 1, lte=result.version)))
        requests.setdefault(command, body)
        answers.setdefault(
            command,
            {
                "negotiation_id": str(nid),
                "version": result.version,
                "stage": negotiation.stage_value,
                **step.answer.build(negotiation, event),
            },
        )
    first = tracker.get(nid, version=1)
    return Examples(
        requests,
        answers,
        out.NegotiationOut().dump(first),
        out.NegotiationOut().dump(tracker.get(nid)),
    )


def _named(value: Any, names: dict[str, str]) -> Any:
    """``value`` with each ``{name}`` string replaced by the id recorded under that name."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return names[value[1:-1]]
    if isinstance(value, list):
        return [_named(item, names) for item in value]
    if isinstance(value, dict):
        return {key: _named(item, names) for key, item in value.items()}
    return value
