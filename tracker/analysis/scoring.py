"""Scores 0-100 of a package against one party's priorities (weights, targets, walk-away points).

Rules (shown to users in the feature files):

* Numeric terms (money, number, percent, days, dates as day numbers) score linearly: the walk-away
  point scores 0 and the target 100, clamped to 0..100. The direction comes from the target and the
  walk-away point themselves (so a counterpart's priorities, where lower pay is better for them, work
  too); when they are equal, the term's ``better`` direction decides (at least as good = 100, else 0).
  A numeric term without both a target and a walk-away point is not scored.
* Yes/no and choice terms score by the ratings (0-100) set with the priority. An option that was not
  rated while others were scores 0. With no ratings at all: the target scores 100, the walk-away
  point 0, the other answer of a yes/no term 0; any other choice is not scored.
* Text terms are not scored.
* A term is *below walk-away* when it is worse than the walk-away point (numeric: on the far side of
  it from the target; rated: rated lower than the walk-away option).
* The package score is the weighted average (by ``Priority.weight``) over the terms the package
  covers and that could be scored. Terms it does not mention are left out, not guessed; ``coverage``
  says what share of the total weight was scored, so a package saying little is visible as such.
* Scores are Decimals rounded half-up to two places; ``display`` rounds to a whole number.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tracker.analysis.package_value import term_specs
from tracker.analysis.packages import Package, PerPackage, all_packages
from tracker.domain.state import Priority
from tracker.domain.terms import TermSpec
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import Better, TermKind

HUNDRED = Decimal(100)
OWNER = "owner"


def rounded(score: Decimal | None, places: str = "0.01") -> Decimal | None:
    return None if score is None else score.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def show(score: Decimal | None) -> str:
    return "-" if score is None else str(rounded(score, "1"))


@dataclass(frozen=True)
class TermScore:
    term_key: str
    label: str
    value: str  # the value as displayed
    weight: int
    score: Decimal | None  # 0-100, None when not scored
    below_walk_away: bool
    reason: str

    @property
    def display(self) -> str:
        return show(self.score)


@dataclass(frozen=True)
class PackageScore:
    package_key: str
    perspective: str  # "owner" or a party_id
    score: Decimal | None
    coverage: Decimal  # share (0-100) of the perspective's total weight that was scored
    terms: list[TermScore] = field(default_factory=list)
    below_walk_away: list[str] = field(default_factory=list)  # term keys
    beats_batna: bool | None = None  # owner scores of proposals: better than the best alternative?

    @property
    def display(self) -> str:
        return show(self.score)


def _linear(spec: TermSpec, priority: Priority, value: Any) -> tuple[Decimal | None, bool, str]:
    v, t, w = spec.number(value), spec.number(priority.target), spec.number(priority.walk_away)
    if t is None or w is None:
        return None, False, "not scored: it needs both a target and a walk-away point"
    span = f"walk-away {spec.display(priority.walk_away)} = 0, target {spec.display(priority.target)} = 100"
    if t == w:
        good = v == t if spec.better is Better.NONE else v >= t if spec.better is Better.HIGHER else v <= t
        return (HUNDRED if good else Decimal(0)), not good, span
    raw = (v - w) / (t - w) * HUNDRED
    return min(HUNDRED, max(Decimal(0), raw)), raw < 0, span


def _rated(spec: TermSpec, priority: Priority, value: Any) -> tuple[Decimal | None, bool, str]:
    ratings = priority.ratings or {}
    if ratings:
        rating = ratings.get(str(value))
        score = Decimal(rating if rating is not None else 0)
        floor = ratings.get(str(priority.walk_away)) if priority.walk_away is not None else None
        reason = f"rated {rating}" if rating is not None else "not rated, so it counts 0"
        return score, floor is not None and score < floor, reason
    if priority.target is not None and value == priority.target:
        return HUNDRED, False, "it is the target"
    if priority.walk_away is not None and value == priority.walk_away:
        return Decimal(0), False, "it is the walk-away point"
    if spec.kind is TermKind.BOOLEAN and priority.target is not None:
        return Decimal(0), False, "it is not the target"
    return None, False, "not scored: rate the options to score it"


def score_term(spec: TermSpec, priority: Priority, value: Any) -> TermScore:
    """One term's score for one perspective."""
    if spec.kind is TermKind.TEXT:
        score, below, reason = None, False, "text terms are not scored"
    elif spec.kind in (TermKind.BOOLEAN, TermKind.CHOICE):
        score, below, reason = _rated(spec, priority, value)
    else:
        score, below, reason = _linear(spec, priority, value)
    if below:
        reason += "; below the walk-away point"
    return TermScore(
        spec.key, spec.label, spec.display(value), priority.weight, rounded(score), below, reason
    )


def score_values(
    values: Mapping[str, Any],
    specs: Mapping[str, TermSpec],
    priorities: Mapping[str, Priority],
    *,
    package_key: str = "",
    perspective: str = OWNER,
) -> PackageScore:
    """Weighted score of one package's values against one perspective's priorities."""
    weighted = [p for p in priorities.values() if p.weight > 0 and p.term_key in specs]
    if not weighted:  # nothing to score against (what the general case gives, without the sums)
        return PackageScore(package_key, perspective, None, Decimal(0), [], [])
    total = sum((Decimal(p.weight) for p in weighted), Decimal(0))
    terms: list[TermScore] = []
    for priority in weighted:
        if priority.term_key in values:
            terms.append(score_term(specs[priority.term_key], priority, values[priority.term_key]))
    scored = [t for t in terms if t.score is not None]
    covered = sum((Decimal(t.weight) for t in scored), Decimal(0))
    score = sum((t.score * t.weight for t in scored), Decimal(0)) / covered if covered else None
    coverage = covered / total * HUNDRED if total else Decimal(0)
    return PackageScore(
        package_key,
        perspective,
        rounded(score),
        rounded(coverage) or Decimal(0),
        terms,
        [t.term_key for t in terms if t.below_walk_away],
    )


def perspectives(negotiation: NegotiationView) -> list[str]:
    """ "owner" first (if the owner set priorities), then each party with priorities of its own."""
    keys = [k for k, v in negotiation.priorities.items() if v]
    return sorted(keys, key=lambda k: (k != OWNER, k))


def score_packages(
    negotiation: NegotiationView, perspective: str = OWNER, packages: list[Package] | None = None
) -> Mapping[str, PackageScore]:
    """{package key: PackageScore} for every proposal and alternative from one perspective, each
    scored when first read (the negotiation page shows a few of a long negotiation's thousand).
    Owner scores of proposals say whether they beat the best alternative."""
    specs = term_specs(negotiation)
    priorities = copy.deepcopy(dict(negotiation.priorities.get(perspective, {})))  # its own: read later
    packages = all_packages(negotiation) if packages is None else packages

    def score(package: Package) -> PackageScore:
        return score_values(
            package.values, specs, priorities, package_key=package.key, perspective=perspective
        )

    if perspective != OWNER:
        return PerPackage(packages, score)
    batna = best_alternative(packages, PerPackage([p for p in packages if p.kind == "alternative"], score))

    def owner_score(package: Package) -> PackageScore:
        found = score(package)
        if (
            package.kind == "proposal"
            and not package.withdrawn
            and batna is not None
            and found.score is not None
        ):
            return replace(found, beats_batna=found.score > batna.score)
        return found

    return PerPackage(packages, owner_score)


@dataclass(frozen=True)
class Batna:
    package_key: str
    alternative_id: str
    label: str
    score: Decimal

    @property
    def display(self) -> str:
        return show(self.score)


def best_alternative(packages: list[Package], scores: Mapping[str, PackageScore]) -> Batna | None:
    """The highest-scoring alternative (the first logged wins a tie); None if none could be scored."""
    best: Batna | None = None
    for package in packages:
        score = scores[package.key].score if package.key in scores else None
        if package.kind == "alternative" and score is not None and (best is None or score > best.score):
            best = Batna(package.key, package.ref, package.label, score)
    return best
