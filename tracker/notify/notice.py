"""What one step says to the people told about it: the same for every channel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Notice:
    kind: str  # the event's class name ("ProposalMade")
    negotiation_id: str
    negotiation_title: str
    version: int
    actor: str
    occurred_at: datetime  # when it was recorded (UTC)
    sentence: str  # the step in a sentence, plain text
    path: str  # where it is shown: "/negotiations/<id>#v<version>"
    needs_me: bool
