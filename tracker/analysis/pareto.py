"""Several perspectives: each recorded proposal scored for every party with priorities, and a simple
Pareto check. A proposal is *dominated* when another recorded proposal is at least as good for every
perspective with priorities and strictly better for at least one. A proposal that some perspective
could not score is not compared (it is neither dominated nor dominating)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np

from tracker.analysis.packages import on_the_table, proposal_packages
from tracker.analysis.scoring import OWNER, PackageScore, perspectives, score_packages
from tracker.domain.view import NegotiationView

BLOCK = 256  # packages compared with all the others in one numpy step (256 x 1,000 x perspectives)


@dataclass(frozen=True)
class ParetoRow:
    package_key: str
    label: str
    scores: dict[str, Decimal | None]  # perspective -> score
    dominated_by: list[str] = field(default_factory=list)  # package keys

    @property
    def dominated(self) -> bool:
        return bool(self.dominated_by)


@dataclass(frozen=True)
class ParetoResult:
    perspectives: list[str]  # "owner" and/or party ids
    labels: dict[str, str]  # perspective -> readable name
    rows: list[ParetoRow]
    note: str


def scores_by_perspective(negotiation: NegotiationView) -> dict[str, dict[str, PackageScore]]:
    """{perspective: {package key: PackageScore}} for every proposal and alternative."""
    return {who: score_packages(negotiation, who) for who in perspectives(negotiation)}


def perspective_label(negotiation: NegotiationView, who: str) -> str:
    return "You (owner)" if who == OWNER else negotiation.party_name(who)


def dominated_by(table: dict[str, dict[str, Decimal | None]], who: list[str]) -> dict[str, list[str]]:
    """For each package (in ``table``'s order), the packages that dominate it, in the same order.
    Each perspective's scores become their ranks (equal scores, equal ranks: the comparison stays
    exact), and each package is compared with all the others at once (numpy), a block of packages
    at a time: a negotiation with a thousand recorded proposals is a million comparisons."""
    found: dict[str, list[str]] = {key: [] for key in table}
    comparable = [key for key, scores in table.items() if all(scores[w] is not None for w in who)]
    if not who or len(comparable) < 2:
        return found
    ranks = np.empty((len(comparable), len(who)), dtype=np.int64)
    for column, w in enumerate(who):
        scores = [table[key][w] for key in comparable]
        rank = {score: r for r, score in enumerate(sorted(set(scores)))}
        ranks[:, column] = [rank[score] for score in scores]
    keys = np.array(comparable, dtype=object)
    for start in range(0, len(comparable), BLOCK):
        block = ranks[start : start + BLOCK, None, :]  # each package of the block against every other
        dominating = (ranks[None, :, :] >= block).all(axis=2) & (ranks[None, :, :] > block).any(axis=2)
        for offset, row in enumerate(dominating):
            found[comparable[start + offset]] = keys[row].tolist()
    return found


def pareto_check(
    negotiation: NegotiationView, by_perspective: dict[str, dict[str, PackageScore]] | None = None
) -> ParetoResult:
    by_perspective = scores_by_perspective(negotiation) if by_perspective is None else by_perspective
    who = list(by_perspective)
    labels = {w: perspective_label(negotiation, w) for w in who}
    every = proposal_packages(negotiation)
    packages = on_the_table(every)
    table = {p.key: {w: by_perspective[w][p.key].score for w in who} for p in packages}
    dominating = dominated_by(table, who)
    rows = [ParetoRow(p.key, p.label, table[p.key], dominating[p.key]) for p in packages]
    if not who:
        note = "No priorities are set yet, so proposals cannot be compared."
    elif len(who) == 1:
        whose = "your" if who[0] == OWNER else f"{labels[who[0]]}'s"
        note = (
            f"Only {whose} priorities are entered, so a proposal is dominated when another simply scores "
            "higher. Enter the other side's priorities too to look for trades that help both."
        )
    else:
        note = (
            "A dominated proposal is one where another recorded proposal is at least as good for "
            f"everyone ({', '.join(labels.values())}) and better for someone."
        )
    withdrawn = len(every) - len(packages)
    if withdrawn:
        note += (
            f" {withdrawn} withdrawn proposal{'s are' if withdrawn > 1 else ' is'} left out: "
            "only what is still on the table is compared."
        )
    return ParetoResult(who, labels, rows, note)
