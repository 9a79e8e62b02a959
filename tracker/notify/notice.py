"""One step as the channels tell it: who did what in which negotiation, in a sentence, with the path
of the page it is on. The outbox makes a Notice from an event; each channel only formats it."""

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
    occurred_at: datetime  # UTC, aware
    sentence: str  # the step in a sentence, plain text ("Dana Kim made a counter-proposal: ...")
    path: str  # the step's page in the app ("/negotiations/<id>#v<version>")
    needs_me: bool  # the reader is asked to act (an answer or an approval), not only told
