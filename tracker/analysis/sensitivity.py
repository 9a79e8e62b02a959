"""Sensitivity of the win-win conclusions to the other sides' priorities, which are usually guesses:
each of their weights is moved 20% down and 20% up, one at a time, and each proposal's verdict
("a better deal for everyone exists" or "on the frontier") is found again. A verdict that holds under
every weighting tried is said to hold; one that changes names the weights it depends on.

The owner's own priorities are not moved: they are the owner's, not a guess. The zone of possible
agreement is not checked either: the other sides' disagreement point is their walk-away (0), so
whether it exists depends on the owner's priorities and best alternative alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from tracker.analysis.frontier import beaten
from tracker.analysis.packages import on_the_table, proposal_packages
from tracker.analysis.scoring import OWNER
from tracker.analysis.winwin import (
    WinWin,
    analysis_space,
    own_ranges,
    term_scores,
    tolerance,
    weighted_tables,
)
from tracker.domain.view import NegotiationView

FACTORS = ((0.8, "20% lower"), (1.2, "20% higher"))


@dataclass(frozen=True)
class Verdict:
    package_key: str
    label: str
    improvable: bool  # with the priorities as entered
    holds: bool  # the same under every weighting tried
    depends_on: list[str] = field(default_factory=list)  # "Dana Kim's weight on Title (20% lower)"
    sentence: str = ""


@dataclass(frozen=True)
class Sensitivity:
    tried: int  # other weightings tried
    verdicts: list[Verdict]
    summary: str


def with_sensitivity(negotiation: NegotiationView, result: WinWin) -> WinWin:
    """``result`` with its ``sensitivity`` filled in (None when there is nothing to check)."""
    return replace(result, sensitivity=sensitivity(negotiation, result))


def sensitivity(negotiation: NegotiationView, result: WinWin) -> Sensitivity | None:
    guessed = [w for w in result.perspectives if w != OWNER]
    if not guessed or not result.improvements or result.frontier_size == 0:
        return None
    who, labels = result.perspectives, result.labels
    space = analysis_space(negotiation, len(who))
    base = {i.package_key: i.improvable for i in result.improvements}
    tried: set[tuple[str, str, float]] = set()
    verdicts = []
    for package in on_the_table(proposal_packages(negotiation)):
        if package.key not in base:
            continue
        ranges, own = own_ranges(negotiation, space, len(who), package)
        scores = term_scores(negotiation, ranges, who)
        if len(scores) < 2:
            continue
        sizes = [len(r.values) for r in ranges]
        within = tolerance(len(scores))
        verdict = improvable(weighted_tables(scores, sizes), own, within)  # as the analysis finds it
        flips = []
        for w in (g for g in guessed if g in scores):
            for i, r in enumerate(ranges):
                if scores[w].scores[i] is None:
                    continue
                for factor, words in FACTORS:
                    tried.add((w, r.key, factor))
                    tables = weighted_tables(scores, sizes, {(w, i): factor})
                    if improvable(tables, own, within) != verdict:
                        flips.append(f"{labels[w]}'s weight on {r.label} ({words})")
        verdicts.append(_verdict(package.key, package.label, verdict, flips))
    if not verdicts:
        return None
    return Sensitivity(len(tried), verdicts, _summary(len(tried), verdicts, [labels[w] for w in guessed]))


def improvable(tables: list[np.ndarray], own: list[int], within: float = 0.0) -> bool:
    """Whether a package of the space beats the package at ``own`` (a value index per term) for everyone
    (the frontier found ``within`` points, as the win-win analysis finds it)."""
    parties = tables[0].shape[1]
    mine = sum((table[i] for table, i in zip(tables, own, strict=True)), np.zeros(parties))
    return beaten(tables, mine, tolerance=within)


def _verdict(key: str, label: str, base: bool, flips: list[str]) -> Verdict:
    found = "a better deal for everyone exists" if base else "it is on the frontier"
    if not flips:
        sentence = f"{label}: {found} under every weighting tried."
        return Verdict(key, label, base, True, [], sentence)
    sentence = (
        f"{label}: {found} with the priorities as entered, but not with " + "; nor with ".join(flips) + "."
    )
    return Verdict(key, label, base, False, flips, sentence)


def _summary(tried: int, verdicts: list[Verdict], guessed: list[str]) -> str:
    whose = ", ".join(guessed)
    moving = (
        f"{tried} other weightings of {whose}'s priorities (each weight 20% lower or higher, one at a time)"
    )
    shaky = [v for v in verdicts if not v.holds]
    if not shaky:
        return f"Every verdict holds under the {moving}."
    return (
        f"{len(shaky)} of {len(verdicts)} verdicts depend on how much {whose} care about each term "
        f"({moving} tried): check those priorities before relying on them."
    )
