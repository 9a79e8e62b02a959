"""The step registry: each of the 27 steps described once. Its command (the domain's STEP_EVENTS
says which event it records), its input schema, its label (the menu's and the form's title), its
menu group, and how the JSON API offers it (path, summary, tag, 201 or 200, what its answer holds).

Everything else is derived from this table: the schemas by command (COMMAND_SCHEMAS), the API's
routes and OpenAPI document (tracker.web.api.catalog), the step menu and the forms' titles
(tracker.web.pages). The forms' fields and texts stay with the web pages; tests/unit/test_step_registry.py
checks that every step has a form (or is an answer to a proposal), a route, a schema and an event.

The table is in the order the menu shows the steps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from marshmallow import Schema, fields

from tracker.domain.events import NegotiationEvent
from tracker.domain.negotiation import Negotiation
from tracker.domain.steps import STEP_EVENTS
from tracker.schemas import commands as cmd
from tracker.schemas import output as out
from tracker.schemas.common import StepSchema

#: (negotiation, the step's recorded event) -> the thing its answer shows. The event is the step's
#: own event class (PartyJoined, TermAdded...), whose fields each finder reads.
Finder = Callable[[Negotiation, Any], object]

#: The menu's groups, in order. A step with no group is offered on a proposal (accept, reject, withdraw).
GROUPS = ("Prepare", "Negotiate", "Adjust", "Afterwards")


@dataclass(frozen=True)
class Answer:
    """What a step's answer holds: ``id_field`` (read from the recorded event by ``id_of``) and
    ``resource`` dumped with ``schema`` from the negotiation by ``find``."""

    id_field: str | None = None
    resource: str | None = None
    schema: type[Schema] | None = None
    find: Finder | None = None
    id_of: Callable[[Any], object] | None = None

    def fields(self) -> dict[str, fields.Field]:
        declared: dict[str, fields.Field] = {}
        if self.id_field:
            declared[self.id_field] = fields.String(required=True)
        if self.resource and self.schema:
            declared[self.resource] = fields.Nested(self.schema, required=True)
        return declared

    def build(self, negotiation: Negotiation, event: NegotiationEvent) -> dict[str, Any]:
        body: dict[str, Any] = {}
        if self.id_field:
            body[self.id_field] = self.id_of(event) if self.id_of else getattr(event, self.id_field)
        if self.resource and self.schema and self.find:
            body[self.resource] = dumper(self.schema).dump(self.find(negotiation, event))
        return body


@cache
def dumper(schema: type[Schema]) -> Schema:
    """One instance of an answer's schema, shared: dumping keeps no state on it, and building one
    copies every declared field."""
    return schema()


@dataclass(frozen=True)
class Step:
    command: str  # the application service's command (the Negotiation method of that name)
    schema: type[StepSchema]  # its input
    label: str  # the menu's link and the form's title
    group: str | None  # the menu group (GROUPS); None: offered on a proposal instead
    path: str  # the API's Flask rule under /negotiations/<negotiation_id>
    summary: str  # the API operation's summary
    tag: str  # the API operation's tag
    created: bool = False  # 201 Created (it adds something) rather than 200
    answer: Answer = Answer()
    form_title: str | None = None  # the form's title where it says more than the menu's label
    access: str = "write"  # the access it needs: "read" where the domain decides who (an approver)

    @property
    def title(self) -> str:
        """The form's title."""
        return self.form_title or self.label

    @property
    def event_class(self) -> type[NegotiationEvent]:
        """The event the command records (an idempotency key reused for another step is refused)."""
        return STEP_EVENTS[self.command]

    @property
    def event(self) -> str:
        return self.event_class.__name__

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
    # -- Prepare
    Step(
        "record_aspiration",
        cmd.AspirationSchema,
        "Record a goal",
        "Prepare",
        "/aspirations",
        "Record an aspiration",
        "preparation",
        True,
        Answer(None, "aspiration", out.AspirationOut, lambda n, e: e),
    ),
    Step(
        "join_party",
        cmd.PartySchema,
        "Add a party",
        "Prepare",
        "/parties",
        "Add a party",
        "parties",
        True,
        PARTY,
    ),
    Step(
        "add_term",
        cmd.TermSchema,
        "Put a term on the table",
        "Prepare",
        "/terms",
        "Put a term on the table",
        "terms",
        True,
        TERM,
    ),
    Step(
        "set_priority",
        cmd.PrioritySchema,
        "Set a priority",
        "Prepare",
        "/priorities",
        "Set a term's weight, target and walk-away point",
        "preparation",
        True,
        Answer(
            None, "priority", out.PriorityOut, lambda n, e: n.priorities[e.party_id or "owner"][e.term_key]
        ),
    ),
    Step(
        "log_research",
        cmd.ResearchSchema,
        "Log research",
        "Prepare",
        "/research",
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
    Step(
        "enlist_ally",
        cmd.AllySchema,
        "Enlist an ally",
        "Prepare",
        "/allies",
        "Enlist an ally",
        "allies",
        True,
        ALLY,
    ),
    Step(
        "log_ally_action",
        cmd.AllyActionSchema,
        "Log what an ally did",
        "Prepare",
        "/allies/<ally_id>/actions",
        "Log what an ally did",
        "allies",
        True,
        ALLY,
    ),
    Step(
        "log_alternative",
        cmd.AlternativeSchema,
        "Log an alternative",
        "Prepare",
        "/alternatives",
        "Log an alternative (BATNA)",
        "preparation",
        True,
        Answer(
            "alternative_id", "alternative", out.AlternativeOut, lambda n, e: n.alternatives[e.alternative_id]
        ),
    ),
    Step(
        "map_authority",
        cmd.AuthoritySchema,
        "Map who decides",
        "Prepare",
        "/authority",
        "Record who can decide, advise on or block a term (role none takes them off its map)",
        "parties",
        False,
        Answer(None, "authority", out.AuthorityOut, lambda n, e: e),
        form_title="Who decides, advises on or blocks a term",
    ),
    Step(
        "set_money_schedule",
        cmd.MoneyScheduleSchema,
        "Set a money schedule",
        "Prepare",
        "/money-schedules",
        "Say how a money term pays out year by year: vesting with a cliff, a one-off (clawed back), "
        "a guaranteed or target bonus, a raise at review (kind none takes it off)",
        "preparation",
        True,
        Answer(None, "money_schedule", out.MoneyScheduleOut, lambda n, e: e),
        form_title="How a money term pays out year by year",
    ),
    Step(
        "add_value_entry",
        cmd.ValueEntrySchema,
        "Add to your value case",
        "Prepare",
        "/value-case",
        "Add an achievement, evidence, a skill or market data, linked to the asks it supports",
        "preparation",
        True,
        Answer(
            "entry_id",
            "entry",
            out.ValueEntryOut,
            lambda n, e: next(v for v in n.value_case if v.entry_id == e.entry_id),
        ),
    ),
    Step(
        "rate_package",
        cmd.PackageRatingSchema,
        "Rate a package",
        "Prepare",
        "/package-ratings",
        "Rate a whole package 0-100 by feel (to check your weights against)",
        "preparation",
        True,
        Answer(
            "rating_id",
            "package_rating",
            out.PackageRatingOut,
            lambda n, e: next(r for r in n.package_ratings if r.rating_id == e.rating_id),
        ),
        form_title="Rate a whole package",
    ),
    # -- Negotiate
    Step(
        "make_proposal",
        cmd.ProposalSchema,
        "Make a proposal",
        "Negotiate",
        "/proposals",
        "Make a proposal or a counter-proposal",
        "proposals",
        True,
        PROPOSAL,
    ),
    Step(
        "log_interaction",
        cmd.InteractionSchema,
        "Log an interaction",
        "Negotiate",
        "/interactions",
        "Log an interaction (call, email, meeting...)",
        "bargaining",
        True,
        Answer(None, "interaction", out.InteractionOut, _by_version("interactions")),
    ),
    Step(
        "add_note",
        cmd.NoteSchema,
        "Add a note",
        "Negotiate",
        "/notes",
        "Add a note",
        "bargaining",
        True,
        Answer(None, "note", out.NoteOut, _by_version("notes")),
    ),
    Step(
        "set_decision_date",
        cmd.DecisionDateSchema,
        "Set the decision date",
        "Negotiate",
        "/decision-date",
        "Set the day by which you mean to decide (empty clears it)",
        "lifecycle",
        form_title="The day you mean to decide by",
    ),
    Step(
        "change_stage",
        cmd.StageChangeSchema,
        "Change the stage",
        "Negotiate",
        "/stage",
        "Change the stage (an open one; use conclusion to close)",
        "lifecycle",
    ),
    Step(
        "conclude",
        cmd.ConclusionSchema,
        "Conclude",
        "Negotiate",
        "/conclusion",
        "Conclude with an outcome",
        "lifecycle",
        False,
        CONCLUSION,
        form_title="Conclude the negotiation",
    ),
    # -- Answers to a proposal: offered on the proposal itself (tracker.web.pages.steps.answers)
    Step(
        "accept_proposal",
        cmd.AnswerSchema,
        "Accept",
        None,
        "/proposals/<proposal_id>/accept",
        "A party accepts a proposal (the last addressed party's acceptance concludes an agreement)",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "reject_proposal",
        cmd.AnswerSchema,
        "Reject",
        None,
        "/proposals/<proposal_id>/reject",
        "A party rejects a proposal",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "withdraw_proposal",
        cmd.AnswerSchema,
        "Withdraw",
        None,
        "/proposals/<proposal_id>/withdraw",
        "The party who made a proposal withdraws it",
        "proposals",
        False,
        PROPOSAL,
    ),
    Step(
        "amend_proposal",
        cmd.AmendmentSchema,
        "Amend",
        None,
        "/proposals/<proposal_id>/amend",
        "Change the figures of a proposal nobody has answered yet (a change an approval chain looks at "
        "voids the approvals given and asks for them again)",
        "proposals",
        False,
        PROPOSAL,
    ),
    # -- Approvals under a team's approval chain: the approvers' own steps (read access is enough)
    Step(
        "approve_proposal",
        cmd.ApprovalDecisionSchema,
        "Approve",
        None,
        "/proposals/<proposal_id>/approve",
        "A required approver approves a proposal awaiting approval, with a comment",
        "approvals",
        False,
        PROPOSAL,
        access="read",
    ),
    Step(
        "decline_proposal",
        cmd.ApprovalDecisionSchema,
        "Decline",
        None,
        "/proposals/<proposal_id>/decline",
        "A required approver declines a proposal awaiting approval, with a comment (it is withdrawn)",
        "approvals",
        False,
        PROPOSAL,
        access="read",
    ),
    # -- Adjust
    Step(
        "calibrate_weights",
        cmd.WeightCalibrationSchema,
        "Calibrate my weights",
        "Adjust",
        "/priorities/calibration",
        "Take new weights for your priorities (e.g. those fitted to your package ratings)",
        "preparation",
        False,
        Answer(None, "calibration", out.CalibratedWeightsOut, lambda n, e: e),
    ),
    Step(
        "revise_term",
        cmd.TermRevisionSchema,
        "Revise a term",
        "Adjust",
        "/terms/<key>/revise",
        "Revise a term's label, direction, unit, options, bounds (min, max) or step",
        "terms",
        False,
        TERM,
    ),
    Step(
        "remove_term",
        cmd.TermRemovalSchema,
        "Take a term off the table",
        "Adjust",
        "/terms/<key>/remove",
        "Take a term off the table",
        "terms",
        False,
        Answer("key"),
    ),
    Step(
        "change_ally_stance",
        cmd.AllyStanceChangeSchema,
        "An ally's stance changed",
        "Adjust",
        "/allies/<ally_id>/stance",
        "Change an ally's stance",
        "allies",
        False,
        ALLY,
    ),
    Step(
        "leave_party",
        cmd.PartyLeaveSchema,
        "A party leaves",
        "Adjust",
        "/parties/<party_id>/leave",
        "A party leaves",
        "parties",
        False,
        PARTY,
    ),
    # -- Afterwards
    Step(
        "record_lessons",
        cmd.LessonsSchema,
        "Record lessons learned",
        "Afterwards",
        "/lessons",
        "Record lessons learned (also after conclusion)",
        "lifecycle",
        True,
        CONCLUSION,
    ),
    Step(
        "reopen",
        cmd.ReopenSchema,
        "Reopen",
        "Afterwards",
        "/reopen",
        "Reopen a closed negotiation",
        "lifecycle",
        form_title="Reopen the negotiation",
    ),
)

#: command -> its step.
BY_COMMAND: dict[str, Step] = {step.command: step for step in STEPS}

#: command -> schema of its input (the application service's COMMANDS).
COMMAND_SCHEMAS: dict[str, type[StepSchema]] = {step.command: step.schema for step in STEPS}


def menu() -> tuple[tuple[str, tuple[Step, ...]], ...]:
    """The menu's groups in order, each with its steps in the table's order."""
    return tuple((group, tuple(s for s in STEPS if s.group == group)) for group in GROUPS)
