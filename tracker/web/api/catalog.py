"""The steps the JSON API offers: each a POST under /negotiations/{negotiation_id} running one command.

Every step of the registry (tracker.schemas.steps) is offered: one table drives the routes
(steps.py) and the OpenAPI document (openapi.py), so the two cannot drift apart. Each step names
what its answer holds besides the negotiation's id, new version and stage: the id of what it made
or changed and that thing as it now stands.
"""

from __future__ import annotations

from marshmallow import Schema, fields

from tracker.schemas import output as out
from tracker.schemas.steps import STEPS, Answer, Step

__all__ = ["STEPS", "Answer", "Step", "StepAnswerOut", "answer_schema"]


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
