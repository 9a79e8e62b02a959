"""Filters and results of the read model's queries, as plain values."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from tracker.domain.errors import InvalidValue
from tracker.domain.vocabulary import NegotiationKind, OpportunityType, Stage
from tracker.projections.rows import from_us, to_us

MAX_PER_PAGE = 100


def _choices(raw: object, enum: type, name: str) -> tuple[str, ...]:
    if raw in (None, "", (), []):
        return ()
    values = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[arg-type]
    return tuple(enum.parse(value.strip(), name).value for value in values if str(value).strip())


@dataclass(frozen=True)
class Filters:
    stage: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    opportunity_type: tuple[str, ...] = ()
    owner: str | None = None
    search: str | None = None  # words in the title, each anywhere in it (case-insensitive)
    stale_days: int | None = None  # open, and no step for at least this many days
    open: bool | None = None  # only open (True) or only closed (False) negotiations

    @classmethod
    def parse(cls, args: Mapping[str, Any] | None) -> Filters:
        """From query parameters (strings); InvalidValue names the parameter at fault."""
        args = args or {}
        stale = args.get("stale_days")
        if stale not in (None, ""):
            try:
                stale = int(stale)
            except (TypeError, ValueError):
                raise InvalidValue("Give a whole number of days.", "stale_days") from None
            if not 1 <= stale <= 3650:
                raise InvalidValue("Give between 1 and 3650 days.", "stale_days")
        search = str(args.get("search") or "").strip() or None
        if search and len(search) > 100:
            raise InvalidValue("Keep the search under 100 characters.", "search")
        open_raw = str(args.get("open") or "").strip().lower()
        if open_raw not in ("", "yes", "no", "true", "false", "1", "0"):
            raise InvalidValue("Answer yes or no.", "open")
        return cls(
            stage=_choices(args.get("stage"), Stage, "stage"),
            kind=_choices(args.get("kind"), NegotiationKind, "kind"),
            opportunity_type=_choices(args.get("opportunity_type"), OpportunityType, "opportunity_type"),
            owner=str(args.get("owner") or "").strip().lower() or None,
            search=search,
            stale_days=stale or None,
            open=None if not open_raw else open_raw in ("yes", "true", "1"),
        )

    def where(self, now: datetime, alias: str = "n.") -> tuple[list[str], list[Any]]:
        """SQL conditions on the negotiations table (as ``alias``) and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("stage", "kind", "opportunity_type"):
            values = getattr(self, column)
            if isinstance(values, str):
                values = (values,)
            if values:
                clauses.append(f"{alias}{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        if self.owner:
            clauses.append(f"{alias}owner = ?")
            params.append(self.owner.lower())
        for word in (self.search or "").lower().split():  # every word, anywhere in the title
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            clauses.append(f"{alias}title_search LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if self.stale_days:
            clauses.append(f"{alias}is_open = 1 AND {alias}last_step_at < ?")
            params.append(to_us(now - timedelta(days=self.stale_days)))
        if self.open is not None:
            clauses.append(f"{alias}is_open = ?")
            params.append(1 if self.open else 0)
        return clauses, params


@dataclass(frozen=True)
class Summary:
    negotiation_id: UUID
    title: str
    kind: str
    opportunity_type: str
    stage: str
    owner: str
    created_at: datetime
    started_at: datetime
    last_step_type: str
    last_step_sentence: str
    last_step_at: datetime
    last_actor: str
    version: int
    proposal_count: int
    party_count: int
    outcome: str | None
    closed_at: datetime | None
    agreed_at: datetime | None
    days_to_agreement: float | None
    role: str | None = None  # the reader's role, when the list was asked for someone

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Summary:
        return cls(
            UUID(row["negotiation_id"]),
            row["title"],
            row["kind"],
            row["opportunity_type"],
            row["stage"],
            row["owner"],
            from_us(row["created_at"]),
            from_us(row["started_at"]),
            row["last_step_type"],
            row["last_step_sentence"],
            from_us(row["last_step_at"]),
            row["last_actor"],
            row["version"],
            row["proposal_count"],
            row["party_count"],
            row["outcome"],
            from_us(row["closed_at"]),
            from_us(row["agreed_at"]),
            row["days_to_agreement"],
            row.get("role"),
        )


@dataclass(frozen=True)
class Page:
    items: list[Summary]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


@dataclass(frozen=True)
class Dashboard:
    team_id: UUID
    team_name: str
    total: int
    by_stage: dict[str, int]
    by_kind: dict[str, int]
    by_opportunity_type: dict[str, int]
    by_owner: dict[str, int]
    outcomes: dict[str, int]
    agreed: int
    internal_role_total: int
    internal_role_agreed: int
    median_days_to_agreement: float | None
    stale_after_days: int
    stale_count: int
    stale: list[Summary] = field(default_factory=list)  # the longest-silent first
    page: Page | None = None


@dataclass(frozen=True)
class Membership:
    team_id: UUID
    name: str
    role: str
