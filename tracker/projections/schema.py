"""The read model's tables, written once for both stores ({name} is filled in by the dialect with a
schema-qualified name on PostgreSQL). Times are whole microseconds since 1970 UTC (BIGINT), so
ordering and comparisons are the same on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

NEGOTIATION_COLUMNS = (
    "negotiation_id",
    "title",
    "title_search",
    "kind",
    "opportunity_type",
    "stage",
    "is_open",
    "owner",
    "created_at",
    "started_at",
    "last_step_type",
    "last_step_sentence",
    "last_step_at",
    "last_actor",
    "version",
    "proposal_count",
    "party_count",
    "outcome",
    "closed_at",
    "agreed_at",
    "days_to_agreement",
)

#: Indexes an earlier version made on read_negotiations for filters that no query reads through them
#: (people's lists and dashboards filter their visibility rows); dropped at start (Dialect.migrations).
RETIRED_INDEXES = ("rm_neg_owner", "rm_neg_stage", "rm_neg_kind", "rm_neg_opportunity", "rm_neg_open")

TABLES = ("negotiations", "access", "teams", "members", "visibility", "stage_spans", "approvals")

#: The visibility table's secondary indexes. A rebuild drops them before it fills the emptied table
#: and creates them again after: sorting the rows once costs less than an index insert per row.
VISIBILITY_INDEXES = {
    "rm_visibility_recent": "CREATE INDEX IF NOT EXISTS rm_visibility_recent ON {visibility} "
    "(principal, last_step_at DESC, negotiation_id DESC)",
    "rm_visibility_negotiation": "CREATE INDEX IF NOT EXISTS rm_visibility_negotiation ON {visibility} "
    "(negotiation_id)",
}
#: The visibility table's primary key. On PostgreSQL a rebuild drops it too, and adds it back after the
#: rows: one sort costs less than an insert into the key's index for every row.
VISIBILITY_KEY = ("principal", "negotiation_id")
#: PostgreSQL's key for the same rows, negotiation first, so that it also finds a negotiation's rows
#: and rm_visibility_negotiation is not kept there: a step moves every visibility row of its
#: negotiation (last_step_at is in rm_visibility_recent, so no update is HOT), and each index of the
#: table takes a new entry for each of them. A table made with VISIBILITY_KEY is keyed anew once
#: (dialects.PostgresDialect.migrations). SQLite cannot change a table's key: it keeps both.
POSTGRES_VISIBILITY_KEY = ("negotiation_id", "principal")

CREATE = (
    """CREATE TABLE IF NOT EXISTS {negotiations} (
        negotiation_id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        title_search TEXT NOT NULL,
        kind TEXT NOT NULL,
        opportunity_type TEXT NOT NULL,
        stage TEXT NOT NULL,
        is_open INTEGER NOT NULL,
        owner TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        started_at BIGINT NOT NULL,
        last_step_type TEXT NOT NULL,
        last_step_sentence TEXT NOT NULL,
        last_step_at BIGINT NOT NULL,
        last_actor TEXT NOT NULL,
        version INTEGER NOT NULL,
        proposal_count INTEGER NOT NULL,
        party_count INTEGER NOT NULL,
        outcome TEXT,
        closed_at BIGINT,
        agreed_at BIGINT,
        days_to_agreement DOUBLE PRECISION)""",
    # Only the operator's list of every negotiation reads this table in order: its one index besides the
    # key (each further index on last_step_at takes a new entry at every step of every negotiation).
    "CREATE INDEX IF NOT EXISTS rm_neg_recent ON {negotiations} (last_step_at DESC, negotiation_id DESC)",
    """CREATE TABLE IF NOT EXISTS {access} (
        negotiation_id TEXT NOT NULL,
        principal_kind TEXT NOT NULL,
        principal TEXT NOT NULL,
        role TEXT NOT NULL,
        since BIGINT NOT NULL,
        PRIMARY KEY (negotiation_id, principal_kind, principal))""",
    "CREATE INDEX IF NOT EXISTS rm_access_principal ON {access} (principal_kind, principal, negotiation_id)",
    """CREATE TABLE IF NOT EXISTS {teams} (
        team_id TEXT PRIMARY KEY,
        name TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS {members} (
        team_id TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (team_id, email))""",
    "CREATE INDEX IF NOT EXISTS rm_members_email ON {members} (email, team_id)",
    # Who sees what, one row per (principal, negotiation): "user:<email>" for the owner, people it is
    # shared with and members of teams it is shared with; "team:<id>" for the teams themselves. The
    # columns that lists filter, sort and count on are copied here, so every query for one person or
    # one team is a range scan of that principal's rows, whatever the store's size.
    """CREATE TABLE IF NOT EXISTS {visibility} (
        principal TEXT NOT NULL,
        negotiation_id TEXT NOT NULL,
        role TEXT NOT NULL,
        stage TEXT NOT NULL,
        kind TEXT NOT NULL,
        opportunity_type TEXT NOT NULL,
        owner TEXT NOT NULL,
        outcome TEXT,
        is_open INTEGER NOT NULL,
        last_step_at BIGINT NOT NULL,
        days_to_agreement DOUBLE PRECISION,
        title_search TEXT NOT NULL,
        PRIMARY KEY ({visibility_key}))""",
    # the visibility indexes: Dialect.visibility_indexes
    # Time in stage: one row per stay of a negotiation in a stage (tracker.domain.stage_time); a
    # reopened negotiation enters a stage again. ``left_at`` is NULL while it is the current stage.
    """CREATE TABLE IF NOT EXISTS {stage_spans} (
        negotiation_id TEXT NOT NULL,
        stage TEXT NOT NULL,
        entered_at BIGINT NOT NULL,
        left_at BIGINT)""",
    "CREATE INDEX IF NOT EXISTS rm_spans_negotiation ON {stage_spans} (negotiation_id, left_at)",
    # Approvals waiting now: one row per proposal awaiting approval and approver of its current step
    # (tracker.domain.approvals), replaced whole whenever an approval step is recorded.
    """CREATE TABLE IF NOT EXISTS {approvals} (
        negotiation_id TEXT NOT NULL,
        proposal_id TEXT NOT NULL,
        approver TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS rm_approvals_negotiation ON {approvals} (negotiation_id)",
    # What has been brought to this version's layout, one row a change (views.upgrade): not emptied
    # by a rebuild, which writes the current layout.
    "CREATE TABLE IF NOT EXISTS {layout} (name TEXT PRIMARY KEY)",
)


@dataclass(frozen=True)
class Insert:
    """Rows for one table: the dialect writes them in bulk (executemany on SQLite, one JSON document on PostgreSQL)."""

    table: str
    columns: tuple[tuple[str, str], ...]  # (name, PostgreSQL type)
    conflict: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)


_TYPES = {
    "is_open": "integer",
    "version": "integer",
    "proposal_count": "integer",
    "party_count": "integer",
    "days_to_agreement": "double precision",
}
NEGOTIATIONS = Insert(
    "negotiations",
    tuple((c, _TYPES.get(c, "bigint" if c.endswith("_at") else "text")) for c in NEGOTIATION_COLUMNS),
    "ON CONFLICT (negotiation_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in NEGOTIATION_COLUMNS[1:]),
)
TEAMS = Insert(
    "teams",
    (("team_id", "text"), ("name", "text")),
    "ON CONFLICT (team_id) DO UPDATE SET name = excluded.name",
)
MEMBERS = Insert("members", (("team_id", "text"), ("email", "text"), ("role", "text")))
ACCESS = Insert(
    "access",
    (
        ("negotiation_id", "text"),
        ("principal_kind", "text"),
        ("principal", "text"),
        ("role", "text"),
        ("since", "bigint"),
    ),
)
#: The negotiation's columns copied into each of its visibility rows.
SHARED_COLUMNS = (
    "stage",
    "kind",
    "opportunity_type",
    "owner",
    "outcome",
    "is_open",
    "last_step_at",
    "days_to_agreement",
    "title_search",
)
VISIBILITY = Insert(
    "visibility",
    (
        ("principal", "text"),
        ("negotiation_id", "text"),
        ("role", "text"),
        *tuple((c, dict(NEGOTIATIONS.columns)[c]) for c in SHARED_COLUMNS),
    ),
)

STAGE_SPANS = Insert(
    "stage_spans",
    (("negotiation_id", "text"), ("stage", "text"), ("entered_at", "bigint"), ("left_at", "bigint")),
)

APPROVALS = Insert("approvals", (("negotiation_id", "text"), ("proposal_id", "text"), ("approver", "text")))
DELETE_APPROVALS = "DELETE FROM {approvals} WHERE negotiation_id IN ({marks})"
#: The events after which the approvals waiting in a negotiation are read again from it.
APPROVAL_EVENTS = frozenset(
    ("ApprovalRequested", "ProposalApproved", "ProposalDeclined", "ApprovalsVoided", "ProposalWithdrawn")
)

#: A negotiation's row as last written, and when it entered its current stage (its open span).
SELECT_PREVIOUS = (
    "SELECT n.negotiation_id, n.owner, n.created_at, n.started_at, n.closed_at, n.agreed_at, "
    "s.entered_at AS stage_entered_at FROM {negotiations} n LEFT JOIN {stage_spans} s "
    "ON s.negotiation_id = n.negotiation_id AND s.left_at IS NULL WHERE n.negotiation_id IN ({marks})"
)
#: Ends a negotiation's open span when it enters another stage.
CLOSE_SPAN = "UPDATE {stage_spans} SET left_at = ? WHERE negotiation_id = ? AND left_at IS NULL"
DELETE_MEMBERS = "DELETE FROM {members} WHERE team_id IN ({marks})"
DELETE_ACCESS = "DELETE FROM {access} WHERE negotiation_id IN ({marks})"
DELETE_VISIBILITY = "DELETE FROM {visibility} WHERE negotiation_id IN ({marks})"
#: Copies the shared columns of negotiations whose rows were just written (in the same transaction) to
#: their visibility rows: one statement for many negotiations (the rows' changes are B-tree work either
#: way; one statement a negotiation added a round trip, or a statement's run, to each).
MOVE_VISIBILITY = (
    "UPDATE {visibility} AS v SET "
    + ", ".join(f"{c} = n.{c}" for c in SHARED_COLUMNS)
    + " FROM {negotiations} n WHERE n.negotiation_id = v.negotiation_id AND v.negotiation_id IN ({marks})"
)

#: The layout row of visibility rows without a row per team member (visibility.py): a view made before
#: it has its visibility rows computed again once, at start (views.upgrade).
VISIBILITY_BY_TEAM = "visibility: team members through their team's row"
HAS_LAYOUT = "SELECT name FROM {layout} WHERE name = ?"
#: Takes a layout row; returns it only to the one transaction that wrote it.
CLAIM_LAYOUT = "INSERT INTO {layout} (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING name"
