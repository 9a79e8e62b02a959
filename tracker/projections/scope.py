"""Scope: which visibility rows a query of the read model sees (a person, a team, or everything), and
the query of one page of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from tracker.projections import visibility
from tracker.teams.roles import RANK

EVERYTHING = "*every negotiation*"  # visible_to for operators (the CLI), never for a signed-in user
#: The most principals whose first rows a page merges, one subquery each (SQLite allows 500 terms in a
#: compound SELECT); a person in more teams has all their rows grouped instead.
MERGED_ARMS = 50


@dataclass(frozen=True)
class Scope:
    """Which rows a query sees. For a person or a team, ``counts_from`` is their visibility rows alone
    (a range scan of one principal); page rows join the full negotiation rows for one page only.

    A person in teams (``person``) sees through several principals, ``arms``: their own rows and each
    team's (visibility.py keeps no row per member). Their page merges each principal's first rows, in
    order, as far as the page reaches, keeping each negotiation once with the strongest role."""

    rows_from: str
    counts_from: str
    alias: str  # the table whose columns conditions and ordering use
    condition: str
    params: list[Any]
    columns: str = "n.*"
    arms: tuple[tuple[str, bool], ...] = ()  # (principal, through a team as its viewer)

    @property
    def order(self) -> str:
        return f" ORDER BY {self.alias}last_step_at DESC, {self.alias}negotiation_id DESC"

    @classmethod
    def of(cls, visible_to: str | None = None, team_id: UUID | str | None = None) -> Scope:
        joined = "{visibility} v JOIN {negotiations} n ON n.negotiation_id = v.negotiation_id"
        if team_id is not None:
            return cls(joined, "{visibility} v", "v.", "v.principal = ?", [f"team:{team_id}"])
        if visible_to == EVERYTHING:
            return cls("{negotiations} n", "{negotiations} n", "n.", "1 = 1", [])
        user = str(visible_to or "").strip().lower()
        return cls(joined, "{visibility} v", "v.", "v.principal = ?", [f"user:{user}"], "n.*, v.role AS role")

    @classmethod
    def person(cls, user: str, teams: list[tuple[str, str]]) -> Scope:
        """A person who belongs to ``teams`` ((team id, their role in it), at least one)."""
        arms = ((f"user:{user}", False), *((f"team:{team}", role == "viewer") for team, role in teams))
        return cls(
            "",
            "{visibility} v",
            "v.",
            f"v.principal IN ({', '.join('?' for _ in arms)})",
            [principal for principal, _ in arms],
            arms=arms,
        )

    def page(self, clauses: list[str], params: list[Any], limit: int, offset: int) -> tuple[str, list[Any]]:
        """The query of one page and its parameters (``clauses``, ``params``: the filters')."""
        where = "".join(f" AND {clause}" for clause in clauses)
        return (
            f"SELECT {self.columns} FROM {self.rows_from} WHERE {self.condition}{where}{self.order} "
            "LIMIT ? OFFSET ?",
            [*self.params, *params, limit, offset],
        )

    def merged(self, clauses: list[str], params: list[Any], limit: int, offset: int) -> tuple[str, list[Any]]:
        """For a person in teams: the query of one page's (negotiation_id, role), merged from each
        principal's first ``offset + limit`` rows in order (a negotiation in the page is among the
        first rows of every principal that sees it, so its strongest role is found)."""
        where = "".join(f" AND {clause}" for clause in clauses)
        if len(self.arms) > MERGED_ARMS:
            return self._grouped(where, params, limit, offset)
        selects, values = [], []
        for i, (principal, team_viewer) in enumerate(self.arms):
            rank = str(RANK["viewer"]) if team_viewer else visibility.strength("v.role")
            selects.append(
                "SELECT * FROM (SELECT v.negotiation_id AS negotiation_id, v.last_step_at AS last_step_at, "
                f"{rank} AS strength FROM {{visibility}} v WHERE v.principal = ?{where}{self.order} LIMIT ?) a{i}"
            )
            values += [principal, *params, offset + limit]
        return (
            f"SELECT negotiation_id, {visibility.role('MAX(strength)')} AS role "
            f"FROM ({' UNION ALL '.join(selects)}) u GROUP BY negotiation_id "
            "ORDER BY MAX(last_step_at) DESC, negotiation_id DESC LIMIT ? OFFSET ?",
            [*values, limit, offset],
        )

    def _grouped(self, where: str, params: list[Any], limit: int, offset: int) -> tuple[str, list[Any]]:
        """``merged``'s page from every row of the person's principals at once."""
        viewers = [principal for principal, team_viewer in self.arms if team_viewer]
        rank = visibility.strength("v.role")
        if viewers:
            rank = f"CASE WHEN v.principal IN ({', '.join('?' for _ in viewers)}) THEN {RANK['viewer']} ELSE {rank} END"
        return (
            f"SELECT v.negotiation_id AS negotiation_id, {visibility.role(f'MAX({rank})')} AS role "
            f"FROM {{visibility}} v WHERE {self.condition}{where} GROUP BY v.negotiation_id "
            "ORDER BY MAX(v.last_step_at) DESC, v.negotiation_id DESC LIMIT ? OFFSET ?",
            [*viewers, *self.params, *params, limit, offset],
        )

    @property
    def counted(self) -> str:
        """What a count of the scope's rows counts: each negotiation once."""
        return "COUNT(DISTINCT v.negotiation_id)" if self.arms else "COUNT(*)"
