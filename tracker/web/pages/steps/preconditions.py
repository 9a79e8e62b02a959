"""What a step needs before it can be taken, and what to do first when it is missing.

"Make a proposal" before any party exists would offer a form with nobody to choose: instead the
form, and the steps menu beside it, say what is missing and link to the step that adds it ("Add the
parties first" -> Add a party). One table for both, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.domain.calibration import MIN_RATINGS
from tracker.domain.view import NegotiationView


@dataclass(frozen=True)
class Missing:
    """Why a step cannot be taken yet: ``reason`` (a sentence for the form), ``hint`` (a few words for
    the steps menu), and the step to take first (``first``, a command) with its link text."""

    reason: str
    hint: str
    first: str | None = None
    link: str = ""


NEED_PARTIES = Missing(
    "A proposal is made by one party to another, and fewer than two parties have joined. "
    "Add the parties first.",
    "add the parties first",
    "join_party",
    "Add a party",
)
NEED_PARTY = Missing(
    "No party has joined yet. Add a party first.", "add a party first", "join_party", "Add a party"
)
NEED_TERM = Missing(
    "No term is on the table yet. Put a term on the table first.",
    "put a term on the table first",
    "add_term",
    "Put a term on the table",
)
NEED_ALLY = Missing(
    "No ally is enlisted yet. Enlist an ally first.", "enlist an ally first", "enlist_ally", "Enlist an ally"
)
NEED_PRIORITIES = Missing(
    "A rating is compared with your own priorities, and you have not weighed any term yet. "
    "Set a priority first.",
    "set your priorities first",
    "set_priority",
    "Set a priority",
)
NEED_RATINGS = Missing(
    f"Weights are fitted to your ratings of whole packages: rate at least {MIN_RATINGS} first.",
    f"rate {MIN_RATINGS} packages first",
    "rate_package",
    "Rate a package",
)
NEED_MONEY_TERM = Missing(
    "A schedule says how a money term pays out, and there is no money or percent term on the table yet.",
    "needs a money term",
    "add_term",
    "Put a term on the table",
)
STILL_OPEN = Missing("The negotiation is still open: there is nothing to reopen.", "only once it is closed")


def _weighed(n: NegotiationView) -> bool:
    return bool(n.weighed_terms())


def _proposal(n: NegotiationView) -> Missing | None:
    if len(n.active_parties()) < 2:
        return NEED_PARTIES
    return None if n.terms else NEED_TERM


RULES: dict[str, Callable[[NegotiationView], Missing | None]] = {
    "make_proposal": _proposal,
    "leave_party": lambda n: None if n.active_parties() else NEED_PARTY,
    "revise_term": lambda n: None if n.terms else NEED_TERM,
    "remove_term": lambda n: None if n.terms else NEED_TERM,
    "set_priority": lambda n: None if n.terms else NEED_TERM,
    "log_ally_action": lambda n: None if n.allies else NEED_ALLY,
    "change_ally_stance": lambda n: None if n.allies else NEED_ALLY,
    "reopen": lambda n: None if n.stage.is_closed else STILL_OPEN,
    "rate_package": lambda n: None if _weighed(n) else NEED_PRIORITIES,
    "map_authority": lambda n: (
        (NEED_TERM if not n.terms else None) or (None if n.active_parties() else NEED_PARTY)
    ),
    "set_money_schedule": lambda n: (
        None if any(t.kind.value in ("money", "percent") for t in n.terms.values()) else NEED_MONEY_TERM
    ),
    "calibrate_weights": lambda n: None if len(n.package_ratings) >= MIN_RATINGS else NEED_RATINGS,
}


def missing(command: str, negotiation: NegotiationView) -> Missing | None:
    """What ``command`` still needs in ``negotiation``, or None when it can be taken now."""
    rule = RULES.get(command)
    return rule(negotiation) if rule is not None else None
