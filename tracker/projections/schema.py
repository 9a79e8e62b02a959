"""The read model's tables, written once for both stores ({name} is filled in by the dialect with a
schema-qualified name on PostgreSQL). Times are whole microseconds since 1970 UTC (BIGINT), so
ordering and comparisons are the same on SQLite and PostgreSQL."""

from __future__ import annotations

NEGOTIATION_COLUMNS = (
    "negotiation_id", "title", "title_search", "kind", "opportunity_type", "stage", "is_open", "owner",
    "created_at", "started_at", "last_step_type", "last_step_sentence", "last_step_at", "last_actor",
    "version", "proposal_count", "party_count", "outcome", "closed_at", "agreed_at", "days_to_agreement",
)

TABLES = ("negotiations", "access", "teams", "members")

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
    "CREATE INDEX IF NOT EXISTS rm_neg_recent ON {negotiations} (last_step_at DESC, negotiation_id DESC)",
    "CREATE INDEX IF NOT EXISTS rm_neg_owner ON {negotiations} (owner, last_step_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_neg_stage ON {negotiations} (stage, last_step_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_neg_kind ON {negotiations} (kind, last_step_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_neg_opportunity ON {negotiations} (opportunity_type, last_step_at DESC)",
    "CREATE INDEX IF NOT EXISTS rm_neg_open ON {negotiations} (is_open, last_step_at)",
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
)

_UPDATES = ", ".join(f"{c} = excluded.{c}" for c in NEGOTIATION_COLUMNS[1:])
UPSERT_NEGOTIATION = (
    f"INSERT INTO {{negotiations}} ({', '.join(NEGOTIATION_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in NEGOTIATION_COLUMNS)}) "
    f"ON CONFLICT (negotiation_id) DO UPDATE SET {_UPDATES}"
)
SELECT_PREVIOUS = ("SELECT negotiation_id, created_at, started_at, closed_at, agreed_at FROM {negotiations} "
                   "WHERE negotiation_id IN ({marks})")
DELETE_MEMBERS = "DELETE FROM {members} WHERE team_id = ?"
INSERT_MEMBER = "INSERT INTO {members} (team_id, email, role) VALUES (?, ?, ?)"
UPSERT_TEAM = ("INSERT INTO {teams} (team_id, name) VALUES (?, ?) "
               "ON CONFLICT (team_id) DO UPDATE SET name = excluded.name")
DELETE_ACCESS = "DELETE FROM {access} WHERE negotiation_id = ?"
INSERT_ACCESS = ("INSERT INTO {access} (negotiation_id, principal_kind, principal, role, since) "
                 "VALUES (?, ?, ?, ?, ?)")
