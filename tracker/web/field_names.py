"""Field names as people read them, for messages that name a field outside the form's own labels.

A form's problems are shown beside its inputs under their labels; a problem about something the form
does not show (the version a form was filled in on, a term taken off the table since) still names
its field, and names it in words: ``expected_version`` reads "The version you saw", never the raw
name. The JSON API keeps the raw name (programs read it) and may add these words beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

COMMON = {
    "expected_version": "The version you saw",
    "request_id": "The submission",
    "occurred_at": "When it happened",
    "proposal_id": "Proposal",
    "in_reply_to": "Counters",
    "party": "Party",
    "party_id": "Party",
    "from_party": "From",
    "to_parties": "To",
    "participants": "Who took part",
    "term_key": "Term",
    "key": "Key",
    "values": "Terms",
    "final_terms": "Final terms",
    "walk_away": "Walk-away point",
    "display_name": "Your name",
    "email": "Email address",
    "current_password": "Current password",
    "new_password": "New password",
    "confirm": "The password again",
    "team_id": "Team",
    "stale_after": "Stale after",
    "stale_days": "Stale after",
    "opportunity_type": "Kind of ask",
    "as_of": "As of",
    "head_version": "Version",
}


def field_name(name: str, labels: Mapping[str, str] | None = None) -> str:
    """The words for the field ``name`` (dotted for nested ones: ``values.base_salary.amount``).

    ``labels`` (the form's own, by error name) wins; then the common names above; a nested name
    reads as its parts ("Terms: base salary"); anything else becomes words ("Display name")."""
    if labels and name in labels:
        return labels[name]
    if name in COMMON:
        return COMMON[name]
    head, _, rest = name.partition(".")
    if rest:
        parts = [p for p in rest.split(".") if p not in ("amount", "currency")]
        tail = " ".join(p.replace("_", " ") for p in parts)
        return f"{field_name(head, labels)}: {tail}" if tail else field_name(head, labels)
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else "This field"
