"""The steps the JSON API offers: each a POST under /negotiations/{negotiation_id} running one command.

One table drives both the routes (steps.py) and the OpenAPI document (openapi.py), so the two
cannot drift apart. Each step names what its answer holds besides the negotiation's id, new
version and stage: the id of what it made or changed and that thing as it now stands.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, fields

from tracker.schemas import output as out

Finder = Callable[[Any, Any], Any]  # (negotiation, recorded event) -> the thing to show


@dataclass(frozen=True)
class Answer:
    """What a step's answer holds: ``id_field`` (read from the recorded event by ``id_of``) and
    ``resource`` dumped with ``schema`` from the negotiation by ``find``."""

    id_field: str | None = None
    resource: str | None = None
    schema: type[Schema] | None = None
    find: Finder | None = None
    id_of: Callable[[Any], Any] | None = None

    def fields(self) -> dict[str, fields.Field]:
        declared: dict[str, fields.Field] = {}
        if self.id_field:
            declared[self.id_field] = fields.String(required=True)
        if self.resource and self.schema:
            declared[self.resource] = fields.Nested(self.schema, required=True)
        return declared

    def build(self, negotiation: Any, event: Any) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.id_field:
            body[self.id_field] = self.id_of(event) if self.id_of else getattr(event, self.id_field)
        if self.resource and self.schema and self.find:
            body[self.resource] = self.schema().dump(self.find(negotiation, event))
        return body


@dataclass(frozen=True)
class Step:
    path: str  # Flask rule under /negotiations/<negotiation_id>
    command: str  # the application service's command
    event: str  # the event the command records (an idempotency key reused for another step is refused)
    summary: str
    tag: str
    created: bool = False  # 201 Created (it adds something) rather than 200
    answer: Answer = Answer()

    @property
    def path_fields(self) -> tuple[str, ...]:
        return tuple(re.findall(r"<(\w+)>", self.path))

    @property
    def status(self) -> int:
        return 201 if self.created else 200


def _by_version(items: str) -> Finder:
    return lambda n, e: next(i for i in getattr(n, items) if i.version == e.originator_version)


PARTY = Answer("party_id", "party", out.PartyOut, lambda n, e: n.parties[e.party_id])
TERM = Answer("key", "term", out.TermOut, lambda n, e: n.terms[e.term["key"]], id_of=lambda e: e.term["key"])
ALLY = Answer("ally_id", "ally", out.AllyOut, lambda n, e: n.allies[e.ally_id])
PROPOSAL = Answer("proposal_id", "proposal", out.ProposalOut, lambda n, e: n.proposals[e.proposal_id])
CONCLUSION = Answer(None, "conclusion", out.ConclusionOut, lambda n, e: n)

STEPS: tuple[Step, ...] = (
    Step(
        "/aspirations",
        "record_aspiration",
        "AspirationRecorded",
        "Record an aspiration",
        "preparation",
        True,
        Answer(None, "aspiration", out.AspirationOut, lambda n, e: e),
    ),
    Step("/parties", "join_party", "PartyJoined", "Add a party", "parties", True, PARTY),
    Step("/parties/<party_id>/leave", "leave_party", "PartyLeft", "A party leaves", "parties", False, PARTY),
    Step("/terms", "add_term", "TermAdded", "Put a term on the table", "terms", True, TERM),
    Step(
        "/terms/<key>/revise",
        "revise_term",
        "TermRevised",
        "Revise a term's label, direction, unit, options or bounds (min, max)",
        "terms",
        False,
        TERM,
    ),
    Step(
        "/terms/<key>/remove",
        "remove_term",
        "TermRemoved",
        "Take a term off the table",
        "terms",
        False,
        Answer("key"),
    ),
    Step(
        "/priorities",
        "set_priority",
        "PrioritySet",
        "Set a term's weight, target and walk-away point",
        "preparation",
        True,
        Answer(
            None, "priority", out.PriorityOut, lambda n, e: n.priorities[e.party_id or "owner"][e.term_key]
        ),
    ),
    Step(
        "/research",
        "log_research",
        "ResearchLogged",
        "Log research (a benchmark with its source)",
        "preparation",
        True,
        Answer(
            "research_id",
            "research",
            out.ResearchOut,
            lambda n, e: next(r for r in n.research if r.research_id == e.research_id),
        ),
    ),
    Step("/allies", "enlist_ally", "AllyEnlisted", "Enlist an ally", "allies", True, ALLY),
    Step(
        "/allies/<ally_id>/actions",
        "log_ally_action",
        "AllyActionLogged",
        "Log what an ally did",
        "allies",
        True,
        ALLY,
    ),
    Step(
        "/allies/<ally_id>/stance",
        "change_ally_stance",
        "AllyStanceChanged",
        "Change an ally's stance",
        "allies",
        False,
        ALLY,
    ),
    Step(
        "/alternatives",
        "log_alternative",
        "AlternativeLogged",
        "Log an alternative (BATNA)",
        "preparation",
        True,
        Answer(
            "alternative_id", "alternative", out.AlternativeOut, lambda n, e: n.alternatives[e.alternative_id]
        ),
    ),
    Step(
        "/proposals",
        "make_proposal",
        "ProposalMade",
        "Make a proposal or a counter-proposal",
        "proposals",
        True,
        PROPOSAL,
    ),
    Step(
        "/proposals/<proposal_id>/accept",
        "accept_proposal",
        "ProposalAccepted",
        "A party accepts a proposal (the last addressed party's acceptance concludes an agreement)",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "/proposals/<proposal_id>/reject",
        "reject_proposal",
        "ProposalRejected",
        "A party rejects a proposal",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "/proposals/<proposal_id>/withdraw",
        "withdraw_proposal",
        "ProposalWithdrawn",
        "The party who made a proposal withdraws it",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "/interactions",
        "log_interaction",
        "InteractionLogged",
        "Log an interaction (call, email, meeting...)",
        "bargaining",
        True,
        Answer(None, "interaction", out.InteractionOut, _by_version("interactions")),
    ),
    Step(
        "/notes",
        "add_note",
        "NoteAdded",
        "Add a note",
        "bargaining",
        True,
        Answer(None, "note", out.NoteOut, _by_version("notes")),
    ),
    Step(
        "/stage",
        "change_stage",
        "StageChanged",
        "Change the stage (an open one; use conclusion to close)",
        "lifecycle",
    ),
    Step("/conclusion", "conclude", "Concluded", "Conclude with an outcome", "lifecycle", False, CONCLUSION),
    Step(
        "/lessons",
        "record_lessons",
        "LessonsRecorded",
        "Record lessons learned (also after conclusion)",
        "lifecycle",
        True,
        CONCLUSION,
    ),
    Step("/reopen", "reopen", "Reopened", "Reopen a closed negotiation", "lifecycle"),
)


class StepAnswerOut(Schema):
    negotiation_id = fields.UUID(required=True)
    version = fields.Integer(
        required=True, metadata={"description": "The negotiation's version now (also in the ETag header)."}
    )
    stage = fields.String(required=True, metadata={"enum": out.Stage.values()})


def answer_schema(step: Step) -> type[Schema]:
    """The schema of a step's answer (used to document it; the answer is built by ``Answer.build``)."""
    name = "".join(part.title() for part in step.command.split("_")) + "Result"
    return StepAnswerOut.from_dict(step.answer.fields(), name=name)
