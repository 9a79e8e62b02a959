"""What to propose next, from the owner's side: up to three packages of the frontier, each at least as
good for every other side as its own latest proposal and better for the owner, with a one-line
reason; and the trade hints behind them (the terms the sides weigh most differently)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal

from tracker.analysis.scoring import OWNER
from tracker.analysis.winwin import Deal, Improvement, Suggestion, TradeHint, WinWin
from tracker.domain.view import NegotiationView

SHOWN = 3


def suggestions(negotiation: NegotiationView, result: WinWin) -> list[Suggestion]:
    """Packages to propose next: on the frontier, at least as good for every other side as its own
    latest proposal (or its walk-away when it made none), and better for the owner than that."""
    if OWNER not in result.perspectives or not result.points:
        return []
    others = [w for w in result.perspectives if w != OWNER]
    offers = latest_offers(negotiation, result)
    floor = {
        w: offers[w].scores.get(w, Decimal(0)) if w in offers else result.disagreement[w] for w in others
    }
    mine = max((offers[w].scores.get(OWNER, Decimal(0)) for w in offers), default=result.disagreement[OWNER])
    fits = [
        d
        for d in (result.nash, result.kalai, *sorted(result.points, key=lambda d: -d.scores[OWNER]))
        if d is not None and d.scores[OWNER] > mine and all(d.scores[w] >= floor[w] for w in others)
    ]
    picked: list[Deal] = []
    for deal in fits:
        if deal.values not in [p.values for p in picked]:
            picked.append(deal)
    return [
        Suggestion(deal, _reason(negotiation, result, deal, offers, floor, mine)) for deal in picked[:SHOWN]
    ]


def latest_offers(negotiation: NegotiationView, result: WinWin) -> dict[str, Improvement]:
    """Each other side's own latest proposal on the table (with its scores), by perspective."""
    found: dict[str, Improvement] = {}
    for row in result.improvements:  # in the order the proposals were made
        proposal = negotiation.proposals.get(row.package_key.removeprefix("proposal:"))
        if proposal is not None and proposal.from_party in result.perspectives:
            found[proposal.from_party] = row
    return found


def _reason(
    negotiation: NegotiationView,
    result: WinWin,
    deal: Deal,
    offers: Mapping[str, Improvement],
    floor: Mapping[str, Decimal],
    mine: Decimal,
) -> str:
    parts = []
    for w, score in floor.items():
        against = "their last offer" if w in offers else "walking away"
        parts.append(
            f"at least as good for {result.labels[w]} as {against} ({deal.scores[w]:.0f} against {score:.0f})"
        )
    terms = ", ".join(f"{negotiation.terms[k].label} {shown}" for k, shown in deal.shown.items())
    return "; ".join(parts) + f"; {deal.scores[OWNER] - mine:.0f} points better for you: {terms}"


def trade_hints(
    negotiation: NegotiationView, who: Sequence[str], labels: Mapping[str, str]
) -> list[TradeHint]:
    """Terms both the owner and another side weigh, most different shares first: ask for what matters
    more to you than to them, give on what matters more to them."""
    if OWNER not in who:
        return []
    hints = []
    mine = _shares(negotiation, OWNER)
    for other in (w for w in who if w != OWNER):
        theirs = _shares(negotiation, other)
        for key in (k for k in negotiation.terms if k in mine and k in theirs):  # in the table's order
            label = negotiation.terms[key].label if key in negotiation.terms else key
            a, b = mine[key], theirs[key]
            if a == b:
                continue
            advice = "ask for it" if a > b else "give on it"
            sentence = f"{label} matters {a}% to you and {b}% to {labels[other]}: {advice}."
            hints.append(TradeHint(key, label, a, b, labels[other], sentence))
    return sorted(hints, key=lambda h: -abs(h.yours - h.theirs))


def _shares(negotiation: NegotiationView, who: str) -> dict[str, int]:
    priorities = {k: p for k, p in negotiation.priorities.get(who, {}).items() if p.weight > 0}
    total = sum(p.weight for p in priorities.values())
    return {k: round(100 * p.weight / total) for k, p in priorities.items()} if total else {}


def next_moves(negotiation: NegotiationView, result: WinWin) -> WinWin:
    """``result`` with the suggestions and trade hints of the owner's side."""
    return replace(
        result,
        suggestions=suggestions(negotiation, result),
        trade_hints=trade_hints(negotiation, result.perspectives, result.labels),
    )
