"""ReadModel: the queries the pages and the API ask of the projection.

Each query first catches the projection up (a cheap indexed read when nothing is new), so a list
never lags behind a write, including a revocation made by another process. The first page is an
index range scan plus LIMIT: its cost depends on the page size, not on how many negotiations exist.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.stage_time import StageSpan
from tracker.domain.vocabulary import Stage
from tracker.projections import team_figures as figures
from tracker.projections.filters import MAX_PER_PAGE, Dashboard, Filters, Membership, Page, Summary
from tracker.projections.progress import Progress
from tracker.projections.rows import from_us, to_us
from tracker.projections.scope import EVERYTHING, Scope
from tracker.projections.summaries import NegotiationSummaries
from tracker.projections.team_figures import TeamFigures

STALE_SHOWN = 10
MAX_WINDOW = 500  # rows one list_window call may return


class ReadModel:
    def __init__(
        self,
        projection: NegotiationSummaries,
        *,
        stale_after_days: int = 14,
        clock: Callable[[], datetime],
        catch_up_on_read: bool = True,
    ) -> None:
        self.projection = projection
        self.view = projection.view
        self.stale_after_days = stale_after_days
        self.clock = clock
        self.catch_up_on_read = catch_up_on_read

    def catch_up(self, progress: Progress | None = None) -> int:
        """Projects what is new; ``progress`` (optional) hears (done, total) as it goes."""
        return self.projection.catch_up(progress=progress)

    def close(self) -> None:
        """Closes the view's own database, if it has one (the memory store); otherwise the store's
        connections belong to the tracker application, which closes them."""
        if getattr(self.view, "owns_datastore", False):
            self.view.datastore.close()

    def rebuild(self, progress: Progress | None = None) -> int:
        """Projects everything again from zero; ``progress`` (optional) hears (done, total) as it goes."""
        return self.projection.rebuild(progress=progress)

    # -- lists -----------------------------------------------------------------------------------
    def list_negotiations(
        self,
        filters: Filters | None = None,
        page: int = 1,
        per_page: int = 20,
        *,
        visible_to: str | None,
        now: datetime | None = None,
    ) -> Page:
        """The negotiations ``visible_to`` may see (owner, shared directly or through a team), most
        recently active first. ``visible_to=None`` (nobody signed in) sees nothing."""
        if visible_to is None:
            return Page([], 0, _page(page), _per_page(per_page))
        self._fresh()
        return self._page(self._scope(visible_to), filters, page, per_page, now, fresh=False)

    def list_window(
        self,
        filters: Filters | None = None,
        offset: int = 0,
        limit: int = 100,
        *,
        visible_to: str | None,
        now: datetime | None = None,
    ) -> tuple[list[Summary], int]:
        """Like ``list_negotiations``, by offset and limit (the JSON API's paging): (rows, total)."""
        if not isinstance(offset, int) or offset < 0:
            raise InvalidValue("Start from 0 or more.", "offset")
        if not isinstance(limit, int) or not 1 <= limit <= MAX_WINDOW:
            raise InvalidValue(f"Ask for between 1 and {MAX_WINDOW}.", "limit")
        if visible_to is None:
            return [], 0
        self._fresh()
        return self._window(self._scope(visible_to), filters, offset, limit, now)

    def summary(self, negotiation_id: UUID | str, fresh: bool = True) -> Summary | None:
        """One row, unchecked: call only after the access policy allowed the reader. ``fresh=False``:
        the row as last projected, without catching up first (it may lag behind, never run ahead)."""
        if fresh:
            self._fresh()
        found = self.view.rows("SELECT * FROM {negotiations} WHERE negotiation_id = ?", [str(negotiation_id)])
        return Summary.from_row(found[0]) if found else None

    def stage_spans(self, negotiation_id: UUID | str) -> list[StageSpan]:
        """One negotiation's stays in each stage, oldest first, unchecked: call only after the access
        policy allowed the reader."""
        self._fresh()
        found = self.view.rows(
            "SELECT stage, entered_at, left_at FROM {stage_spans} WHERE negotiation_id = ? "
            "ORDER BY entered_at, left_at IS NULL, left_at",
            [str(negotiation_id)],
        )
        return [StageSpan(Stage(r["stage"]), from_us(r["entered_at"]), from_us(r["left_at"])) for r in found]

    def teams_of(self, user: str) -> list[Membership]:
        self._fresh()
        found = self.view.rows(
            "SELECT t.team_id, t.name, m.role FROM {members} m JOIN {teams} t "
            "ON t.team_id = m.team_id WHERE m.email = ? ORDER BY t.name",
            [user.lower()],
        )
        return [Membership(UUID(r["team_id"]), r["name"], r["role"]) for r in found]

    # -- the team dashboard ----------------------------------------------------------------------
    def team_dashboard(
        self,
        team_id: UUID | str,
        filters: Filters | None = None,
        now: datetime | None = None,
        *,
        page: int = 1,
        per_page: int = 20,
        stale_after_days: int | None = None,
        as_user: str | None = None,
    ) -> Dashboard:
        """Counts, outcomes, stale negotiations and the first page of the negotiations shared with the
        team. With ``as_user``, someone outside the team gets NotFound."""
        self._fresh()
        team = self._team(team_id, as_user)
        now = now or self.clock()
        days = int(stale_after_days or self.stale_after_days)
        scope = Scope.of(team_id=team_id)
        where, params = self._where(scope, filters, now)
        stale_before = to_us(now - timedelta(days=days))
        a = scope.alias
        groups = self.view.rows(
            f"SELECT {a}stage AS stage, {a}kind AS kind, {a}opportunity_type AS opportunity_type, "
            f"{a}owner AS owner, {a}outcome AS outcome, COUNT(*) AS n, "
            f"SUM(CASE WHEN {a}is_open = 1 AND {a}last_step_at < ? THEN 1 ELSE 0 END) AS stale "
            f"FROM {scope.counts_from} WHERE {where} "
            f"GROUP BY {a}stage, {a}kind, {a}opportunity_type, {a}owner, {a}outcome",
            [stale_before, *params],
        )
        counts: dict[str, Counter] = {
            k: Counter() for k in ("stage", "kind", "opportunity_type", "owner", "outcome")
        }
        internal: Counter = Counter()
        for g in groups:
            for key in counts:
                if g[key] is not None:
                    counts[key][g[key]] += g["n"]
            if g["kind"] == "internal_role_change":
                internal["total"] += g["n"]
                internal["agreed"] += g["n"] if g["outcome"] == "agreed" else 0
        stale_rows = self.view.rows(
            f"SELECT n.* FROM {scope.rows_from} WHERE {where} AND {a}is_open = 1 "
            f"AND {a}last_step_at < ? ORDER BY {a}last_step_at, {a}negotiation_id LIMIT ?",
            [*params, stale_before, STALE_SHOWN],
        )
        return Dashboard(
            UUID(str(team_id)),
            team["name"],
            sum(counts["stage"].values()),
            dict(counts["stage"]),
            dict(counts["kind"]),
            dict(counts["opportunity_type"]),
            dict(counts["owner"]),
            dict(counts["outcome"]),
            counts["outcome"].get("agreed", 0),
            internal["total"],
            internal["agreed"],
            self._median(scope, where, params),
            days,
            sum(int(g["stale"] or 0) for g in groups),
            [Summary.from_row(r) for r in stale_rows],
            self._page(scope, filters, page, per_page, now, fresh=False),
        )

    def team_figures(
        self,
        team_id: UUID | str,
        filters: Filters | None = None,
        now: datetime | None = None,
        *,
        as_user: str | None = None,
    ) -> TeamFigures:
        """The dashboard's figures over time (team_figures.py) for the negotiations shared with the
        team that match ``filters``. With ``as_user``, someone outside the team gets NotFound."""
        self._fresh()
        self._team(team_id, as_user)
        now = now or self.clock()
        scope = Scope.of(team_id=team_id)
        where, params = self._where(scope, filters, now)
        starts = figures.month_starts(now)
        return TeamFigures(
            [start.date() for start in starts],
            figures.time_in_stage(self.view, where, params, now),
            figures.stages_by_month(self.view, where, params, now, starts),
            figures.agreement_by_kind(self.view, where, params),
            figures.outcomes_by_month(self.view, where, params, now, starts),
        )

    def people_with_open_work(self) -> list[str]:
        """Everyone who can see an open negotiation, and everyone an approval waits on (the people the
        daily reminders are for), by email."""
        self._fresh()
        seen = self.view.rows(  # the pattern a parameter: psycopg reads a '%' in the text as a placeholder
            "SELECT DISTINCT principal FROM {visibility} WHERE is_open = 1 AND principal LIKE ?", ["user:%"]
        )
        members = self.view.rows(  # through their teams' rows (visibility.py)
            "SELECT DISTINCT m.email AS email FROM {members} m WHERE EXISTS (SELECT 1 FROM {visibility} v "
            "WHERE v.principal = 'team:' || m.team_id AND v.is_open = 1)"
        )
        approvers = self.view.rows("SELECT DISTINCT approver FROM {approvals}")
        return sorted(
            {r["principal"][5:] for r in seen}
            | {r["email"] for r in members}
            | {r["approver"].strip().lower() for r in approvers}
        )

    def approvals_waiting(
        self, team_id: UUID | str, filters: Filters | None = None, *, as_user: str | None = None
    ) -> list[tuple[str, int]]:
        """(approver, approvals waiting for them now) in the open negotiations shared with the team
        that match ``filters``, most first; someone outside the team gets NotFound (with ``as_user``)."""
        self._fresh()
        self._team(team_id, as_user)
        scope = Scope.of(team_id=team_id)
        where, params = self._where(scope, filters, self.clock())
        found = self.view.rows(
            "SELECT a.approver AS approver, COUNT(*) AS n FROM {visibility} v "
            "JOIN {approvals} a ON a.negotiation_id = v.negotiation_id "
            f"WHERE {where} AND v.is_open = 1 GROUP BY a.approver ORDER BY COUNT(*) DESC, a.approver",
            params,
        )
        return [(row["approver"], int(row["n"])) for row in found]

    def explain_first_page(
        self,
        filters: Filters | None = None,
        per_page: int = 20,
        *,
        visible_to: str | None = None,
        team_id: UUID | str | None = None,
        now: datetime | None = None,
    ) -> str:
        """The database's plan for the first page (tests check it uses indexes)."""
        scope = Scope.of(team_id=team_id) if team_id is not None else self._scope(visible_to or EVERYTHING)
        clauses, params = (filters or Filters()).where(now or self.clock(), scope.alias)
        query = scope.merged if scope.arms else scope.page  # merged: its rows are then read by key
        return self.view.explain(*query(clauses, params, per_page, 0))

    # -- internals -------------------------------------------------------------------------------
    def _scope(self, visible_to: str) -> Scope:
        """What ``visible_to`` sees: their own visibility rows, and their teams' (Scope.person)."""
        if visible_to == EVERYTHING:
            return Scope.of(EVERYTHING)
        user = str(visible_to or "").strip().lower()
        teams = self.view.rows("SELECT team_id, role FROM {members} WHERE email = ?", [user])
        if not teams:
            return Scope.of(user)
        return Scope.person(user, [(r["team_id"], r["role"]) for r in teams])

    def _fresh(self) -> None:
        if self.catch_up_on_read:
            self.projection.catch_up()

    @staticmethod
    def _where(scope: Scope, filters: Filters | None, now: datetime) -> tuple[str, list[Any]]:
        clauses, params = (filters or Filters()).where(now, scope.alias)
        return " AND ".join([scope.condition, *clauses]), [*scope.params, *params]

    def _page(
        self,
        scope: Scope,
        filters: Filters | None,
        page: int,
        per_page: int,
        now: datetime | None,
        fresh: bool = True,
    ) -> Page:
        page, per_page = _page(page), _per_page(per_page)
        if fresh:
            self._fresh()
        items, total = self._window(scope, filters, (page - 1) * per_page, per_page, now)
        return Page(items, total, page, per_page)

    def _window(
        self, scope: Scope, filters: Filters | None, offset: int, limit: int, now: datetime | None
    ) -> tuple[list[Summary], int]:
        now = now or self.clock()
        clauses, filtered = (filters or Filters()).where(now, scope.alias)
        if scope.arms:  # the page's negotiations, then their rows (found by their key)
            page = self.view.rows(*scope.merged(clauses, filtered, limit, offset))
            rows = {r["negotiation_id"]: r for r in self._rows([p["negotiation_id"] for p in page])}
            # A row gone since (a rebuild emptying the view meanwhile) is left out, not an error.
            found = [
                dict(rows[p["negotiation_id"]], role=p["role"]) for p in page if p["negotiation_id"] in rows
            ]
        else:
            found = self.view.rows(*scope.page(clauses, filtered, limit, offset))
        where, params = self._where(scope, filters, now)
        total = self.view.rows(f"SELECT {scope.counted} AS n FROM {scope.counts_from} WHERE {where}", params)[
            0
        ]["n"]
        return [Summary.from_row(r) for r in found], int(total)

    def _rows(self, negotiation_ids: list[str]) -> list[dict[str, Any]]:
        if not negotiation_ids:
            return []
        marks = ", ".join("?" for _ in negotiation_ids)
        return self.view.rows(
            f"SELECT * FROM {{negotiations}} WHERE negotiation_id IN ({marks})", negotiation_ids
        )

    def _median(self, scope: Scope, where: str, params: list[Any]) -> float | None:
        column = f"{scope.alias}days_to_agreement"
        agreed = f"{where} AND {column} IS NOT NULL"
        n = int(
            self.view.rows(f"SELECT COUNT(*) AS n FROM {scope.counts_from} WHERE {agreed}", params)[0]["n"]
        )
        if n == 0:
            return None
        middle = self.view.rows(
            f"SELECT {column} AS d FROM {scope.counts_from} WHERE {agreed} "
            f"ORDER BY {column} LIMIT ? OFFSET ?",
            [*params, 2 - n % 2, (n - 1) // 2],
        )
        return sum(float(r["d"]) for r in middle) / len(middle)

    def _team(self, team_id: UUID | str, as_user: str | None) -> dict[str, Any]:
        """The team's row; NotFound if there is none or ``as_user`` is not one of its members."""
        team = self.view.rows("SELECT team_id, name FROM {teams} WHERE team_id = ?", [str(team_id)])
        if not team or (as_user is not None and not self._is_member(str(team_id), as_user)):
            raise NotFound("No such team.")
        return team[0]

    def _is_member(self, team_id: str, user: str) -> bool:
        return bool(
            self.view.rows(
                "SELECT 1 AS x FROM {members} WHERE team_id = ? AND email = ?",
                [team_id, user.strip().lower()],
            )
        )


def _page(page: int) -> int:
    if not isinstance(page, int) or page < 1:
        raise InvalidValue("Pages are numbered from 1.", "page")
    return page


def _per_page(per_page: int) -> int:
    if not isinstance(per_page, int) or not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidValue(f"Show between 1 and {MAX_PER_PAGE} per page.", "per_page")
    return per_page
