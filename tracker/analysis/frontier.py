"""The Pareto frontier of a package space: the packages no other package beats for every party.

A party's score of a whole package is the weighted average of its term scores (``scoring``), so it is
a sum over terms of weight x term score / total weight: additive. The frontier of a sum is built term
by term: for each term keep only the values not beaten by another value of the same term, add them to
every partial package kept so far, and drop the partial packages another one beats. Nothing that
could end on the frontier is ever dropped, so the result is exact on the stepped space (ties between
packages with the same scores keep the first), at a cost that grows with the frontier's size rather
than with the number of packages. ``brute_force`` enumerates every package, for the tests.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

#: Scores closer than this (in points of 0-100) count as equal when packages are compared.
TOLERANCE = 1e-9
BLOCK = 512  # rows compared at a time when there are three or more parties


@dataclass(frozen=True)
class Frontier:
    """Packages as value indices (one column per term) and their scores (one column per party)."""

    choices: np.ndarray  # (packages, terms) of int
    scores: np.ndarray  # (packages, parties) of float, 0-100

    def __len__(self) -> int:
        return len(self.scores)


def pareto_mask(points: np.ndarray) -> np.ndarray:
    """True for each row no other row beats (at least as good everywhere, better somewhere); of rows
    with equal scores only the first is kept."""
    n, k = points.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if k == 1:
        best = points[:, 0].max()
        mask = np.zeros(n, dtype=bool)
        mask[int(np.argmax(points[:, 0] >= best - TOLERANCE))] = True
        return mask
    if k == 2:
        order = np.lexsort((-points[:, 1], -points[:, 0]))  # by the first score, then the second, both down
        second = points[order, 1]
        running = np.maximum.accumulate(np.concatenate(([-np.inf], second[:-1])))
        kept = second > running + TOLERANCE
        mask = np.zeros(n, dtype=bool)
        mask[order[kept]] = True
        return mask
    # A row can only be beaten by a row of at least its sum: go down the sums a block at a time, each
    # block checked against the rows kept so far and against the earlier rows of the block.
    order = np.argsort(-points.sum(axis=1), kind="stable")
    kept = np.zeros((0, k))
    kept_index: list[np.ndarray] = []
    for start in range(0, n, BLOCK):
        index = order[start : start + BLOCK]
        block = points[index]
        beaten = np.zeros(len(block), dtype=bool)
        for first in range(0, len(kept), BLOCK):
            others = kept[first : first + BLOCK]
            beaten |= np.all(others[:, None, :] >= block[None, :, :] - TOLERANCE, axis=2).any(axis=0)
        within = np.all(block[:, None, :] >= block[None, :, :] - TOLERANCE, axis=2)
        beaten |= np.triu(within, k=1).any(axis=0)  # by an earlier row of the block
        kept = np.concatenate((kept, block[~beaten]))
        kept_index.append(index[~beaten])
    mask = np.zeros(n, dtype=bool)
    mask[np.concatenate(kept_index)] = True
    return mask


def frontier(tables: list[np.ndarray], tolerance: float = 0.0) -> Frontier:
    """The frontier of the space whose term ``t`` adds ``tables[t][v]`` (one score per party) when it
    takes its value ``v``. With a ``tolerance`` (points, three parties), an approximate one: every
    package of the space is then within ``tolerance`` points, for every party, of one kept; each kept
    package is a real package with its exact scores (``within_tolerance``)."""
    parties = tables[0].shape[1] if tables else 0
    cell = _cell(tolerance, len(tables), parties)
    scores = np.zeros((1, parties))
    choices = np.zeros((1, 0), dtype=np.int64)
    for table in tables:
        useful = np.flatnonzero(pareto_mask(table))
        combined = (scores[:, None, :] + table[useful][None, :, :]).reshape(-1, parties)
        keep = np.flatnonzero(within_tolerance(combined, cell) if cell else pareto_mask(combined))
        choices = np.concatenate((choices[keep // len(useful)], useful[keep % len(useful)][:, None]), axis=1)
        scores = combined[keep]
    order = np.lexsort(scores.T[::-1])  # by the first party's score, then the next...
    return Frontier(choices[order], scores[order])


def _cell(tolerance: float, terms: int, parties: int) -> float:
    """The score-grid cell each merge may round within, so that ``terms`` merges stay within
    ``tolerance`` in all (0: exact; only three parties have a grid)."""
    return tolerance / terms if tolerance and parties == 3 else 0.0


def within_tolerance(points: np.ndarray, cell: float) -> np.ndarray:
    """For three parties: one row per cell of a ``cell``-point grid in score space, kept when no other
    cell is at least as high in every score (and higher in one). Every row dropped is within one cell,
    in each score, of a row kept that is at least as good, so the merge's error grows by at most
    ``cell`` per term. The highest third score of each (first, second) column of cells, and the
    highest beyond it in both, are grids (``np.maximum.at`` and running maxima): a pass over the rows
    and one over the grid, however many rows there are."""
    grid = np.maximum(np.floor(points / cell).astype(np.int64), 0)  # scores are 0-100: cells from 0
    x, y, z = grid[:, 0], grid[:, 1], grid[:, 2]
    width = int(y.max()) + 2
    column = x * width + y
    top = np.full((int(x.max()) + 2) * width, -1, dtype=np.int64)
    np.maximum.at(top, column, z)
    square = top.reshape(-1, width)
    beyond = np.maximum.accumulate(np.maximum.accumulate(square[::-1, ::-1], axis=0), axis=1)[::-1, ::-1]
    pad = -np.ones_like(beyond)
    pad[:-1, :] = beyond[1:, :]
    after = np.maximum(pad, np.pad(beyond[:, 1:], ((0, 0), (0, 1)), constant_values=-1)).ravel()
    kept = np.flatnonzero((z == top[column]) & (z > after[column]))
    _, first = np.unique(column[kept], return_index=True)
    mask = np.zeros(len(points), dtype=bool)
    mask[kept[first]] = True
    return mask


def brute_force(tables: list[np.ndarray]) -> Frontier:
    """The same frontier by scoring every package: only for spaces small enough to enumerate."""
    parties = tables[0].shape[1] if tables else 0
    choices = np.array(list(itertools.product(*(range(len(t)) for t in tables))), dtype=np.int64)
    choices = choices.reshape(-1, len(tables))
    scores = np.zeros((len(choices), parties))
    for t, table in enumerate(tables):
        scores += table[choices[:, t]]
    keep = pareto_mask(scores)
    order = np.lexsort(scores[keep].T[::-1])
    return Frontier(choices[keep][order], scores[keep][order])


def dominating(frontier_scores: np.ndarray, point: np.ndarray, margin: float = 0.005) -> np.ndarray:
    """Indices of frontier packages at least as good as ``point`` for every party and better (by more
    than ``margin`` points) for at least one."""
    at_least = np.all(frontier_scores >= point - TOLERANCE, axis=1)
    better = np.any(frontier_scores > point + margin, axis=1)
    return np.flatnonzero(at_least & better)


def beaten(
    tables: list[np.ndarray], point: np.ndarray, margin: float = 0.005, tolerance: float = 0.0
) -> bool:
    """Whether some package of the space is at least as good as ``point`` for every party and better
    (by more than ``margin``) for one: the frontier merge, dropping on the way every partial package
    that can no longer reach ``point`` for some party even with the best values of the terms left.
    With a ``tolerance`` (three parties), the merge keeps what ``frontier`` keeps with it."""
    parties = len(point)
    cell = _cell(tolerance, len(tables), parties)
    maxima = np.array([t.max(axis=0) for t in tables] + [np.zeros(parties)])
    best_left = np.cumsum(maxima[::-1], axis=0)[::-1][1:]  # the terms after each one, at their best
    partial = np.zeros((1, parties))
    for table, left in zip(tables, best_left, strict=True):
        useful = table[pareto_mask(table)]
        combined = (partial[:, None, :] + useful[None, :, :]).reshape(-1, parties)
        reachable = np.all(combined + left >= point - TOLERANCE, axis=1)
        combined = combined[reachable]
        if len(combined) == 0:
            return False
        partial = combined[within_tolerance(combined, cell) if cell else pareto_mask(combined)]
    return len(dominating(partial, point, margin)) > 0
