"""Win-win: the best deals of the whole space of packages, and how far each recorded proposal is from
them. For two or more parties with priorities: the Pareto frontier of the space (``frontier``), the Nash
bargaining solution (the largest product of gains over each party's disagreement point: the owner's best
alternative, recorded as the BATNA, or 0 at the walk-away points), the Kalai-Smorodinsky point (the
largest equal share of each party's possible gain), the package with the most total score, whether a
zone of possible agreement exists, and for every proposal on the table the package that is at least as
good for everyone and better for someone, closest to the Nash point, said term by term."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import numpy as np

from tracker.analysis.frontier import dominating, frontier
from tracker.analysis.packages import Package, all_packages, on_the_table, proposal_packages
from tracker.analysis.pareto import perspective_label
from tracker.analysis.scoring import OWNER, PackageScore, best_alternative, rounded, score_term
from tracker.analysis.space import Space, TermRange, package_space
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import Side

FRONTIER_SHOWN = 50  # frontier points returned (evenly spread over the frontier)
COARSE = 8  # values per term when four or more sides are compared (ends kept, evenly spread)
#: With three sides the exact frontier of a real space can hold millions of packages: it is found to
#: within this many points for every side instead (frontier.within_tolerance).
THREE_SIDED_TOLERANCE = 2.0


def tolerance(parties: int) -> float:
    return THREE_SIDED_TOLERANCE if parties == 3 else 0.0


@dataclass(frozen=True)
class Deal:
    """A package of the space with each party's score (0-100)."""

    values: dict[str, Any]
    shown: dict[str, str]  # term key -> the value as people read it
    scores: dict[str, Decimal]  # perspective -> score


@dataclass(frozen=True)
class Change:
    term_key: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class Improvement:
    """For one proposal: whether a package of the space beats it for everyone, and the best such."""

    package_key: str
    label: str
    improvable: bool
    scores: dict[str, Decimal]  # perspective -> the proposal's own score on the terms it names
    better: Deal | None = None
    changes: list[Change] = field(default_factory=list)
    sentence: str = ""


@dataclass(frozen=True)
class Suggestion:
    deal: Deal
    reason: str


@dataclass(frozen=True)
class TradeHint:
    term_key: str
    label: str
    yours: int  # the term's share of your total weight, in %
    theirs: int  # of the other side's
    other: str  # who the other side is
    sentence: str


@dataclass(frozen=True)
class WinWin:
    perspectives: list[str]
    labels: dict[str, str]
    left_out: list[str]  # parties on a side of the table whose priorities are not entered
    space_size: int
    notes: list[str]
    disagreement: dict[str, Decimal]
    frontier_size: int = 0
    points: list[Deal] = field(default_factory=list)  # the frontier, at most FRONTIER_SHOWN spread over it
    nash: Deal | None = None
    kalai: Deal | None = None
    welfare: Deal | None = None
    zopa: bool = False
    summary: str = ""
    improvements: list[Improvement] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)  # from the owner's side (suggestions.py)
    trade_hints: list[TradeHint] = field(default_factory=list)
    sensitivity: Any = None  # how the verdicts hold when the other sides' weights move (sensitivity.py)


def win_win(negotiation: NegotiationView, by_perspective: Mapping[str, Mapping[str, PackageScore]]) -> WinWin:
    """The win-win analysis of a negotiation's state; ``by_perspective`` are the recorded packages'
    scores (pareto.scores_by_perspective), whose best alternatives give the disagreement points."""
    who = list(by_perspective)
    labels = {w: perspective_label(negotiation, w) for w in who}
    left_out = [
        p.name
        for pid, p in negotiation.active_parties().items()
        if p.side == Side.COUNTERPART.value and pid not in who
    ]
    space = analysis_space(negotiation, len(who))
    packages = all_packages(negotiation)
    # Recorded alternatives are the owner's own; the other sides' are not on record, so their
    # disagreement point is their walk-away (0).
    disagreement = dict.fromkeys(who, Decimal(0))
    if OWNER in by_perspective:
        batna = best_alternative(packages, by_perspective[OWNER])
        disagreement[OWNER] = batna.score if batna is not None else Decimal(0)
    result = WinWin(who, labels, left_out, space.size, list(space.notes), disagreement)
    if len(who) < 2 or not space.terms:
        return replace(result, summary=_why_not(labels, left_out, space))
    tables, parties = utility_tables(negotiation, space.terms, who)
    if len(parties) < 2:
        return replace(result, summary="The priorities entered cover no term of the space for two parties.")
    best = frontier(tables, tolerance(len(parties)))
    d = np.array([float(disagreement[p]) for p in parties])
    points = _points(negotiation, space.terms, parties, best)
    nash_i, kalai_i, welfare_i, zopa = bargaining_indices(best.scores, d)
    spread = np.unique(np.linspace(0, len(best) - 1, min(FRONTIER_SHOWN, len(best))).round().astype(int))
    result = replace(
        result,
        frontier_size=len(best),
        points=[points(i) for i in spread],
        nash=points(nash_i) if nash_i is not None else None,
        kalai=points(kalai_i) if kalai_i is not None else None,
        welfare=points(welfare_i),
        zopa=zopa,
    )
    improvements = [
        improvement(negotiation, space, who, p) for p in on_the_table(proposal_packages(negotiation))
    ]
    return replace(result, improvements=improvements, summary=_summary(result, improvements, labels))


def analysis_space(negotiation: NegotiationView, sides: int) -> Space:
    """The space the analysis searches: every term's range; with three sides the frontier is found to
    within THREE_SIDED_TOLERANCE points, and with four or more each range is coarser (a frontier in
    four or more scores grows too fast for either)."""
    space = package_space(negotiation)
    if sides == 3:
        note = (
            f"With three sides, the frontier is found to within {THREE_SIDED_TOLERANCE:g} points for each "
            "side: no package of the space beats every package shown by more than that."
        )
        return replace(space, notes=(*space.notes, note))
    if sides < 3:
        return space
    return replace(
        space,
        terms=tuple(coarse(t) for t in space.terms),
        notes=(*space.notes, f"With four or more sides, each term is looked at in at most {COARSE} steps."),
    )


def own_ranges(
    negotiation: NegotiationView, space: Space, sides: int, package: Package
) -> tuple[list[TermRange], list[int]]:
    """The ranges of the terms ``package`` names, each holding the package's own value (so it is its
    own fallback), and the index of that value in each."""
    ranges = []
    for t in space.terms:
        if t.key in package.values:
            spec, own = negotiation.terms[t.key], package.values[t.key]
            values = t.values if any(spec.same(own, v) for v in t.values) else (*t.values, own)
            ranges.append(TermRange(t.key, t.label, values))
    if sides >= 4:  # as the whole space: coarse, the proposal's own values kept
        ranges = [coarse(r, keep=package.values[r.key]) for r in ranges]
    own_index = [
        next(i for i, v in enumerate(r.values) if negotiation.terms[r.key].same(package.values[r.key], v))
        for r in ranges
    ]
    return ranges, own_index


def utility_tables(
    negotiation: NegotiationView, terms: Sequence[TermRange], who: Sequence[str]
) -> tuple[list[np.ndarray], list[str]]:
    """For each term, a (values, parties) array: what each value adds to each party's 0-100 score.
    A party counts the terms it weighs and can score at every value of the range; parties that can
    score none of the terms are left out (the second result lists those kept)."""
    scores = term_scores(negotiation, terms, who)
    return weighted_tables(scores, [len(t.values) for t in terms]), list(scores)


@dataclass(frozen=True)
class PartyScores:
    """One party's 0-100 score of each value of each term it can score (None: a term it does not
    count), and its weight on each."""

    scores: list[np.ndarray | None]
    weights: list[float]


def term_scores(
    negotiation: NegotiationView, terms: Sequence[TermRange], who: Sequence[str]
) -> dict[str, PartyScores]:
    """Each party's unweighted term scores over ``terms``, for the parties that can score any."""
    specs = negotiation.terms
    found = {}
    for w in who:
        priorities = negotiation.priorities.get(w, {})
        scores: list[np.ndarray | None] = []
        weights: list[float] = []
        for t in terms:
            priority = priorities.get(t.key)
            column = None
            if priority is not None and priority.weight > 0:
                values = [score_term(specs[t.key], priority, v).score for v in t.values]
                column = None if any(v is None for v in values) else np.array([float(v) for v in values])
            scores.append(column)
            weights.append(float(priority.weight) if column is not None else 0.0)
        if any(c is not None for c in scores):
            found[w] = PartyScores(scores, weights)
    return found


def weighted_tables(
    scores: Mapping[str, PartyScores],
    sizes: Sequence[int],
    factors: Mapping[tuple[str, int], float] | None = None,
) -> list[np.ndarray]:
    """The per-term tables of ``utility_tables`` (term ``i`` has ``sizes[i]`` values), with a party's
    weight on term ``i`` multiplied by ``factors[(party, i)]`` where given (the sensitivity check)."""
    factors = factors or {}
    weights = {
        w: np.array([weight * factors.get((w, i), 1.0) for i, weight in enumerate(s.weights)])
        for w, s in scores.items()
    }
    tables = []
    for i, size in enumerate(sizes):
        table = np.zeros((size, len(scores)))
        for j, (w, party) in enumerate(scores.items()):
            column = party.scores[i]
            if column is not None:
                table[:, j] = column * weights[w][i] / weights[w].sum()
        tables.append(table)
    return tables


def bargaining_indices(scores: np.ndarray, d: np.ndarray) -> tuple[int | None, int | None, int, bool]:
    """(Nash, Kalai-Smorodinsky, most total score, whether a ZOPA exists) among frontier packages;
    the first two are None without a ZOPA."""
    welfare = int(np.argmax(scores.sum(axis=1)))
    rational = np.flatnonzero(np.all(scores >= d - 1e-9, axis=1))
    if len(rational) == 0:
        return None, None, welfare, False
    gains = scores[rational] - d
    nash = int(rational[np.argmax(np.prod(gains, axis=1))])
    ideal = gains.max(axis=0)
    shares = np.divide(gains, ideal, out=np.ones_like(gains), where=ideal > 0)
    kalai = int(rational[np.argmax(shares.min(axis=1))])
    return nash, kalai, welfare, True


def improvement(
    negotiation: NegotiationView, space: Space, who: Sequence[str], package: Package
) -> Improvement:
    """The best package at least as good as ``package`` for everyone, on the terms it names (the
    proposal's own values stay possible, so it is its own fallback)."""

    ranges, own_index = own_ranges(negotiation, space, len(who), package)
    tables, parties = utility_tables(negotiation, ranges, who)
    mine = sum((table[i] for table, i in zip(tables, own_index, strict=True)), np.zeros(len(parties)))
    scores = {p: _score(mine[j]) for j, p in enumerate(parties)}
    if len(parties) < 2:
        return Improvement(package.key, package.label, False, scores)
    best = frontier(tables, tolerance(len(parties)))
    found = dominating(best.scores, mine)
    if len(found) == 0:
        return Improvement(package.key, package.label, False, scores)
    d = np.array([0.0] * len(parties))
    nash, *_ = bargaining_indices(best.scores, d)
    target = best.scores[nash] if nash is not None else best.scores[found].max(axis=0)
    pick = int(found[np.argmin(np.linalg.norm(best.scores[found] - target, axis=1))])
    deal = _points(negotiation, ranges, parties, best)(pick)
    changes = [
        Change(r.key, r.label, negotiation.terms[r.key].display(package.values[r.key]), deal.shown[r.key])
        for r in ranges
        if not negotiation.terms[r.key].same(deal.values[r.key], package.values[r.key])
    ]
    labels = {w: perspective_label(negotiation, w) for w in parties}
    moved = "; ".join(f"{c.label} {c.before} → {c.after}" for c in changes)
    who_gains = ", ".join(_gain(labels[w], deal.scores[w], scores[w]) for w in parties)
    sentence = f"{moved}: {who_gains}."
    return Improvement(package.key, package.label, True, scores, deal, changes, sentence)


def _gain(label: str, after: Decimal, before: Decimal) -> str:
    """ "Dana Kim 74 instead of 70", or, when the gain does not show in whole points, "the same"."""
    if f"{after:.0f}" == f"{before:.0f}":
        return f"{label} {after:.0f} as before" if after == before else f"{label} {after:.0f} (a little more)"
    return f"{label} {after:.0f} instead of {before:.0f}"


def _points(negotiation: NegotiationView, terms: Sequence[TermRange], parties: Sequence[str], best: Any):
    def deal(i: int) -> Deal:
        values = {t.key: t.values[best.choices[i, k]] for k, t in enumerate(terms)}
        shown = {k: negotiation.terms[k].display(v) for k, v in values.items()}
        return Deal(values, shown, {p: _score(best.scores[i, j]) for j, p in enumerate(parties)})

    return deal


def _score(value: float) -> Decimal:
    return rounded(Decimal(repr(float(value))))


def _why_not(labels: Mapping[str, str], left_out: Sequence[str], space: Space) -> str:
    if not space.terms:
        return "No term can be ranged over yet: add terms with bounds, targets or proposals."
    if left_out:
        return (
            f"Enter the priorities of {', '.join(left_out)} to look for deals better for both sides; "
            "their priorities can be your best guess."
        )
    return "Better deals for both sides need the priorities of at least two parties."


def _summary(result: WinWin, improvements: Sequence[Improvement], labels: Mapping[str, str]) -> str:
    improvable = [i for i in improvements if i.improvable]
    parts = [f"{result.frontier_size:,} packages are on the frontier of {result.space_size:,} possible."]
    if not result.zopa:
        parts.append("No package gives every party at least its best alternative: there is no ZOPA.")
    if improvable:
        names = ", ".join(i.label for i in improvable)
        everyone = "both sides" if len(result.perspectives) == 2 else "everyone"
        parts.append(f"A better deal for {everyone} exists for: {names}.")
    elif improvements:
        parts.append("Every proposal on the table is already on the frontier.")
    return " ".join(parts)


def coarse(term: TermRange, keep: Any = None) -> TermRange:
    """``term`` with at most COARSE values, evenly spread, both ends and ``keep`` (if given) kept."""
    values = term.values
    if len(values) > COARSE:
        step = (len(values) - 1) / (COARSE - 1)
        values = tuple(values[round(i * step)] for i in range(COARSE))
    if keep is not None and keep not in values:
        values = (*values, keep)
    return replace(term, values=values)
