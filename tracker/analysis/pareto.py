"""Several perspectives: each recorded proposal scored for every party with priorities, and a simple
Pareto check. A proposal is *dominated* when another recorded proposal is at least as good for every
perspective with priorities and strictly better for at least one. A proposal that some perspective
could not score is not compared (it is neither dominated nor dominating)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from tracker.analysis.packages import on_the_table, proposal_packages
from tracker.analysis.scoring import OWNER, PackageScore, perspectives, score_packages
from tracker.domain.view import NegotiationView


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


def _dominates(a: dict[str, Decimal | None], b: dict[str, Decimal | None]) -> bool:
    if any(v is None for v in a.values()) or any(v is None for v in b.values()):
        return False
    return all(a[k] >= b[k] for k in a) and any(a[k] > b[k] for k in a)


def pareto_check(
    negotiation: NegotiationView, by_perspective: dict[str, dict[str, PackageScore]] | None = None
) -> ParetoResult:
    by_perspective = scores_by_perspective(negotiation) if by_perspective is None else by_perspective
    who = list(by_perspective)
    labels = {w: perspective_label(negotiation, w) for w in who}
    every = proposal_packages(negotiation)
    packages = on_the_table(every)
    table = {p.key: {w: by_perspective[w][p.key].score for w in who} for p in packages}
    rows = [
        ParetoRow(
            p.key,
            p.label,
            table[p.key],
            [q.key for q in packages if q.key != p.key and _dominates(table[q.key], table[p.key])],
        )
        for p in packages
    ]
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
