"""Who sees which negotiation: the read_visibility rows, computed by the database from the rows of
read_negotiations, read_access and read_members (already written in the same transaction).

A negotiation is seen by its owner (role owner); by each person or team it is shared with, in the
role granted; and by each member of those teams, in the role granted to the team, except team
viewers (auditors), who only ever read (tracker.teams.roles.via_team). Where one principal gets
several roles, the strongest wins (roles.strongest). Each row also copies the negotiation's columns
that lists filter and sort on (schema.SHARED_COLUMNS).

One INSERT ... SELECT, rather than reading the rows back and writing one row per person and
negotiation from Python: a rebuild writes tens of thousands of them.
"""

from __future__ import annotations

from typing import Sequence

from tracker.projections.dialects import marks
from tracker.projections.schema import SHARED_COLUMNS
from tracker.teams.roles import RANK


def _strength(column: str) -> str:
    return f"CASE {column}" + "".join(f" WHEN '{role}' THEN {rank}" for role, rank in RANK.items()) + " END"


_ROLE = "CASE g.strength" + "".join(f" WHEN {rank} THEN '{role}'" for role, rank in RANK.items()) + " END"

#: ``{n}``, ``{a}`` and ``{o}`` restrict the rows read to some negotiations (``among``), or are empty.
INSERT = f"""INSERT INTO {{visibility}} (principal, negotiation_id, role, {', '.join(SHARED_COLUMNS)})
SELECT g.principal, g.negotiation_id, {_ROLE}, {', '.join('n.' + c for c in SHARED_COLUMNS)}
FROM (SELECT principal, negotiation_id, MAX(strength) AS strength FROM (
        SELECT 'user:' || owner AS principal, negotiation_id, {RANK['owner']} AS strength
        FROM {{negotiations}} WHERE 1 = 1 {{n}}
        UNION ALL
        SELECT principal_kind || ':' || principal, negotiation_id, {_strength('role')}
        FROM {{access}} WHERE 1 = 1 {{a}}
        UNION ALL
        SELECT 'user:' || m.email, a.negotiation_id,
               CASE WHEN m.role = 'viewer' THEN {RANK['viewer']} ELSE {_strength('a.role')} END
        FROM {{access}} a JOIN {{members}} m ON m.team_id = a.principal
        WHERE a.principal_kind = 'team' {{a}}
      ) roles GROUP BY principal, negotiation_id) g
JOIN {{negotiations}} n ON n.negotiation_id = g.negotiation_id WHERE 1 = 1 {{o}}"""


def among(negotiation_ids: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The restriction to these negotiations: the template's parts and the parameters."""
    ids = marks(negotiation_ids)
    return ({"n": f"AND negotiation_id IN ({ids})", "a": f"AND negotiation_id IN ({ids})",
             "o": f"AND n.negotiation_id IN ({ids})"}, list(negotiation_ids) * 4)


EVERY_NEGOTIATION: tuple[dict[str, str], list[str]] = ({"n": "", "a": "", "o": ""}, [])
