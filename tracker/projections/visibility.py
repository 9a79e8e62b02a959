"""Who sees which negotiation: the read_visibility rows, computed by the database from the rows of
read_negotiations and read_access (already written in the same transaction).

A negotiation has a row for its owner (role owner) and one for each person or team it is shared with,
in the role granted. A team's members are not given rows of their own: a person's list reads their
own rows and those of their teams, through read_members at query time (readmodel.py), so a change of
membership changes no visibility row, and a step moves two or three rows of its negotiation, not one
per member of every team it is shared with. Where one principal gets several roles, the strongest
wins (roles.strongest). Each row also copies the negotiation's columns that lists filter and sort on
(schema.SHARED_COLUMNS).

SQL rather than rows written from Python (a rebuild writes thousands of them), in one of two
equivalent forms (``statements``):

* grouped (PostgreSQL): one INSERT ... SELECT of every (principal, negotiation, role), grouped to keep
  the strongest role (a hash aggregate there);
* upserts (SQLite, which would sort all the rows to group them): the owners' rows, then the grants,
  each row that meets one already there keeping the stronger role (``ON CONFLICT ... DO UPDATE``).
  PostgreSQL cannot take these: one statement may not meet the same row twice.
"""

from __future__ import annotations

from typing import Any

from tracker.projections.schema import SHARED_COLUMNS
from tracker.teams.roles import RANK


def strength(column: str) -> str:
    """SQL: the rank (roles.RANK) of the role in ``column``."""
    return f"CASE {column}" + "".join(f" WHEN '{role}' THEN {rank}" for role, rank in RANK.items()) + " END"


def role(column: str) -> str:
    """SQL: the role of the rank in ``column``."""
    return f"CASE {column}" + "".join(f" WHEN {rank} THEN '{role}'" for role, rank in RANK.items()) + " END"


_strength, _ROLE = strength, role("g.strength")
_COLUMNS = f"principal, negotiation_id, role, {', '.join(SHARED_COLUMNS)}"
_COPIED = ", ".join("n." + c for c in SHARED_COLUMNS)

#: ``{n}``, ``{a}`` and ``{o}`` restrict the rows read to some negotiations, or are empty.
GROUPED = f"""INSERT INTO {{visibility}} ({_COLUMNS})
SELECT g.principal, g.negotiation_id, {_ROLE}, {_COPIED}
FROM (SELECT principal, negotiation_id, MAX(strength) AS strength FROM (
        SELECT 'user:' || owner AS principal, negotiation_id, {RANK["owner"]} AS strength
        FROM {{negotiations}} WHERE 1 = 1 {{n}}
        UNION ALL
        SELECT a.principal_kind || ':' || a.principal, a.negotiation_id, {_strength("a.role")}
        FROM {{access}} a WHERE 1 = 1 {{a}}
      ) roles GROUP BY principal, negotiation_id) g
JOIN {{negotiations}} n ON n.negotiation_id = g.negotiation_id WHERE 1 = 1 {{o}}"""

_STRONGER = (
    " ON CONFLICT (principal, negotiation_id) DO UPDATE SET role = excluded.role"
    f" WHERE {_strength('excluded.role')} > {_strength('{visibility}.role')}"
)
#: The same rows in two statements; ``{n}`` and ``{a}`` as above (each statement takes one of them).
UPSERTS = (
    f"INSERT INTO {{visibility}} ({_COLUMNS}) SELECT 'user:' || owner, negotiation_id, 'owner', "
    f"{', '.join(SHARED_COLUMNS)} FROM {{negotiations}} WHERE 1 = 1 {{n}}",
    f"INSERT INTO {{visibility}} ({_COLUMNS}) SELECT a.principal_kind || ':' || a.principal, a.negotiation_id, "
    f"a.role, {_COPIED} FROM {{access}} a JOIN {{negotiations}} n ON n.negotiation_id = a.negotiation_id "
    f"WHERE 1 = 1 {{a}}{_STRONGER}",
)


def statements(
    upserts: bool, negotiations: tuple[str, list[Any]] | None = None
) -> list[tuple[str, dict[str, str], list[Any]]]:
    """(template, parts, parameters) to run in order for the visibility rows of some negotiations,
    given as (what goes in ``IN (...)``, its parameters: Dialect.among), their old rows already
    deleted; None: of every negotiation."""
    if negotiations is None:
        parts, ids = {"n": "", "a": "", "o": ""}, []
    else:
        among, ids = negotiations
        restrict = f"IN ({among})"
        parts = {
            "n": f"AND negotiation_id {restrict}",
            "a": f"AND a.negotiation_id {restrict}",
            "o": f"AND n.negotiation_id {restrict}",
        }
    if upserts:
        return [(template, parts, ids) for template in UPSERTS]
    return [(GROUPED, parts, ids * 3)]
