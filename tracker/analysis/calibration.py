"""Calibrate my weights (Inspire's check): the owner's 0-100 ratings of a few whole packages, by feel,
set against what their weights compute for the same packages; where the two orders disagree it says
so, and it proposes weights that fit the ratings better.

The fit is a least-squares one (scipy's bounded ``lsq_linear``): each rating is modelled as the
weighted average of the package's term scores, the weights are shares (at least 0, summing to 1), and
a light pull towards the current weights keeps the fit from swinging on the few ratings there are
(with three ratings and six terms the ratings alone leave many weightings equally good; the pull picks
the one nearest what the owner set). The proposed weights keep the scale of the current ones (the same
sum, each at most 100), as whole numbers, so taking them is a ``calibrate_weights`` step like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

import numpy as np
from scipy.optimize import lsq_linear
from scipy.stats import kendalltau

from tracker.analysis.package_value import term_specs
from tracker.analysis.scoring import OWNER, rounded, score_term
from tracker.domain.calibration import MIN_RATINGS
from tracker.domain.view import NegotiationView

PULL = 0.05  # how strongly the fit stays near the current weights (a tie-breaker more than a force)
AGREE_WITHIN = Decimal(10)  # a computed score this close to the rating agrees with it


@dataclass(frozen=True)
class RatedPackage:
    rating_id: str
    label: str
    rating: int
    score: Decimal | None  # what the current weights give it (0-100)
    fitted: Decimal | None  # what the proposed weights give it


@dataclass(frozen=True)
class Disagreement:
    higher: str  # the label of the package rated higher...
    lower: str  # ...than this one, while the weights score them the other way round
    sentence: str


@dataclass(frozen=True)
class WeightChange:
    term_key: str
    label: str
    current: int
    proposed: int


@dataclass(frozen=True)
class Calibration:
    status: str  # "needs_ratings", "no_priorities", "agrees" or "disagrees"
    summary: str
    packages: list[RatedPackage]
    disagreements: list[Disagreement]
    weights: list[WeightChange]  # empty until there are enough ratings
    order_agreement: Decimal | None  # Kendall's tau between ratings and computed scores, -1..1
    error_before: Decimal | None  # mean distance (points) between ratings and computed scores
    error_after: Decimal | None  # the same with the proposed weights
    left_out: list[str]  # labels of weighted terms that cannot be scored, so cannot be fitted

    @property
    def proposed_weights(self) -> dict[str, int]:
        return {w.term_key: w.proposed for w in self.weights}

    @property
    def changes(self) -> bool:
        return any(w.current != w.proposed for w in self.weights)


def calibration(negotiation: NegotiationView) -> Calibration:
    ratings = list(negotiation.package_ratings)
    own = {k: p for k, p in negotiation.priorities.get(OWNER, {}).items() if k in negotiation.terms}
    if not own:
        return _empty(
            "no_priorities", "Set your own priorities first; then rate a few whole packages.", ratings
        )
    specs = term_specs(negotiation)
    keys = [k for k, p in own.items() if p.weight > 0]
    # Each rated package's score on each weighted term (NaN: not scored, e.g. no target set).
    table = np.full((len(ratings), len(keys)), np.nan)
    for i, rated in enumerate(ratings):
        for j, key in enumerate(keys):
            if key in rated.values:
                score = score_term(specs[key], own[key], rated.values[key]).score
                table[i, j] = float(score) if score is not None else np.nan
    fit = (
        [j for j in range(len(keys)) if not np.isnan(table[:, j]).any()]
        if ratings
        else list(range(len(keys)))
    )
    left_out = [specs[keys[j]].label for j in range(len(keys)) if j not in fit]
    current = np.array([own[k].weight for k in keys], dtype=float)
    scored = [_score(table[i, fit], current[fit]) for i in range(len(ratings))]
    if len(ratings) < MIN_RATINGS:
        need = MIN_RATINGS - len(ratings)
        summary = (
            f"Rate {need} more whole package{'s' if need > 1 else ''} (0-100, by feel) to check your "
            "weights against your own judgement."
        )
        return Calibration(
            "needs_ratings", summary, _rows(ratings, scored, scored), [], [], None, None, None, left_out
        )
    if not fit:
        return Calibration(
            "no_priorities",
            "None of the terms you weigh can be scored yet: give each a target and a walk-away point.",
            _rows(ratings, scored, scored),
            [],
            [],
            None,
            None,
            None,
            left_out,
        )
    r = np.array([x.rating for x in ratings], dtype=float)
    proposed = current.copy()
    if fit:
        proposed[fit] = fitted_weights(table[:, fit], r, current[fit])
    refitted = [_score(table[i, fit], proposed[fit]) for i in range(len(ratings))]
    disagreements = _disagreements(ratings, scored)
    tau = kendalltau(r, [float(s) if s is not None else np.nan for s in scored], nan_policy="omit").statistic
    before, after = _error(r, scored), _error(r, refitted)
    weights = [
        WeightChange(key, specs[key].label, int(current[j]), int(proposed[j])) for j, key in enumerate(keys)
    ]
    agrees = not disagreements and before is not None and before <= AGREE_WITHIN
    summary = _summary(len(ratings), len(disagreements), before, after, agrees)
    return Calibration(
        "agrees" if agrees else "disagrees",
        summary,
        _rows(ratings, scored, refitted),
        disagreements,
        weights,
        rounded(Decimal(str(tau)), "0.01") if tau == tau else None,
        before,
        after,
        left_out,
    )


def _summary(rated: int, pairs: int, before: Decimal | None, after: Decimal | None, agrees: bool) -> str:
    if agrees:
        return (
            f"Your weights agree with your ratings of {rated} packages (within {before} points on average)."
        )
    order = f" on the order of {pairs} pair{'s' if pairs != 1 else ''}" if pairs else ""
    return (
        f"Your weights and your ratings of {rated} packages disagree{order}; they are {before} points "
        f"apart on average. The weights below fit your ratings better ({after} points apart)."
    )


def fitted_weights(scores: np.ndarray, ratings: np.ndarray, current: np.ndarray) -> np.ndarray:
    """Whole-number weights on the scale of ``current`` whose weighted average of ``scores`` (packages x
    terms, 0-100) comes closest to ``ratings``, pulled lightly towards ``current``."""
    n_terms = scores.shape[1]
    shares_now = current / current.sum()
    # Rows: one per rating; then the pull towards the current shares (in the same points); then the
    # shares summing to 1, weighted so heavily that it holds.
    a = np.vstack([scores, np.sqrt(PULL) * 100 * np.eye(n_terms), 1e4 * np.ones((1, n_terms))])
    b = np.concatenate([ratings, np.sqrt(PULL) * 100 * shares_now, [1e4]])
    shares = lsq_linear(a, b, bounds=(0, 1)).x
    shares = np.clip(shares, 0, None) / max(shares.sum(), 1e-12)
    weights = shares * current.sum()
    if weights.max() > 100:
        weights *= 100 / weights.max()
    whole = np.rint(weights)
    if whole.sum() == 0:
        whole[int(np.argmax(weights))] = 1
    return whole


def _score(scores: np.ndarray, weights: np.ndarray) -> Decimal | None:
    if not len(scores) or weights.sum() <= 0:
        return None
    return rounded(Decimal(str(float(scores @ weights / weights.sum()))))


def _error(ratings: np.ndarray, scores: list[Decimal | None]) -> Decimal | None:
    pairs = [(float(r), float(s)) for r, s in zip(ratings, scores, strict=True) if s is not None]
    if not pairs:
        return None
    return rounded(Decimal(str(np.mean([abs(r - s) for r, s in pairs]))), "0.1")


def _disagreements(ratings, scored) -> list[Disagreement]:
    found = []
    for (a, sa), (b, sb) in combinations(zip(ratings, scored, strict=True), 2):
        if sa is None or sb is None or a.rating == b.rating:
            continue
        high, low, s_high, s_low = (a, b, sa, sb) if a.rating > b.rating else (b, a, sb, sa)
        if s_high < s_low:
            found.append(
                Disagreement(
                    high.label,
                    low.label,
                    f"You rated {high.label} ({high.rating}) above {low.label} ({low.rating}), but your "
                    f"weights score {low.label} {rounded(s_low, '1')} and {high.label} {rounded(s_high, '1')}.",
                )
            )
    return found


def _rows(ratings, scored, refitted) -> list[RatedPackage]:
    return [
        RatedPackage(r.rating_id, r.label, r.rating, s, f)
        for r, s, f in zip(ratings, scored, refitted, strict=True)
    ]


def _empty(status: str, summary: str, ratings) -> Calibration:
    rows = [RatedPackage(r.rating_id, r.label, r.rating, None, None) for r in ratings]
    return Calibration(status, summary, rows, [], [], None, None, None, [])
