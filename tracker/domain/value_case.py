"""The coach's record of who and why: the owner's value case ("showcase your value": achievements,
evidence, skills and market data, each linked to the asks it supports, for proposals to cite) and the
authority map ("negotiate with the right parties": who can decide, advise on or block each term)."""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue, UnknownTerm
from tracker.domain.limits import LINK_TEXT, LONG_TEXT
from tracker.domain.terms import LINK_RE, optional_text, require_text
from tracker.domain.vocabulary import AuthorityRole, ValueKind

MAX_ENTRIES = 200


class ValueCaseCommands:
    """Mixed into the Negotiation aggregate."""

    def add_value_entry(
        self,
        *,
        actor: str,
        kind: object,
        text: object,
        link: object = "",
        supports: object = (),
        **common: Any,
    ) -> str:
        """Adds an entry to the value case; ``supports``: the keys of the terms (asks) it backs."""
        self.require_open()
        checks = Checks()
        entry_kind = checks(ValueKind.parse, kind, "kind")
        words = checks(require_text, text, "text", LONG_TEXT)
        where = checks(optional_text, link, "link", LINK_TEXT)
        if where and not LINK_RE.match(where):
            checks.refuse(InvalidValue("A link starts with http:// or https://.", "link"))
        if not isinstance(supports, (list, tuple)):
            checks.refuse(InvalidValue("List the terms it supports.", "supports"))
            supports = []
        for key in supports:
            if key not in self.terms:
                checks.refuse(UnknownTerm(f"'{key}' is not a term on the table.", "supports"))
        if len(self.value_case) >= MAX_ENTRIES:
            checks.refuse(InvalidValue(f"A value case holds at most {MAX_ENTRIES} entries.", "text"))
        checks.done()
        entry_id = f"v{len(self.value_case) + 1}"
        self.record(
            ev.ValueEntryAdded,
            actor=actor,
            entry_id=entry_id,
            kind=entry_kind.value,
            text=words,
            link=where,
            supports=list(dict.fromkeys(supports)),
            **common,
        )
        return entry_id

    def map_authority(
        self, *, actor: str, term_key: object, party_id: object, role: object, **common: Any
    ) -> None:
        """Records who can decide, advise on or block a term (the authority map)."""
        self.require_open()
        checks = Checks()
        if not isinstance(term_key, str) or term_key not in self.terms:
            checks.refuse(UnknownTerm(f"'{term_key}' is not a term on the table.", "term_key"))
        if not isinstance(party_id, str) or party_id not in self.parties:
            checks.refuse(InvalidValue(f"'{party_id}' is not a party to this negotiation.", "party_id"))
        say = checks(AuthorityRole.parse, role, "role")
        if say is not None and not checks.errors:
            now = self.authority.get(term_key, {}).get(party_id, "none")
            if now == say.value:
                checks.refuse(InvalidValue("That is already on the map.", "role"))
        checks.done()
        self.record(
            ev.AuthorityMapped, actor=actor, term_key=term_key, party_id=party_id, role=say.value, **common
        )

    def check_cites(self, cites: object) -> list[str]:
        """The value-case entries a proposal cites, each one on record."""
        if cites in (None, ""):
            return []
        if not isinstance(cites, (list, tuple)):
            raise InvalidValue("List the value-case entries it cites.", "cites")
        known = {e.entry_id for e in self.value_case}
        for entry_id in cites:
            if entry_id not in known:
                raise InvalidValue(f"'{entry_id}' is not an entry of your value case.", "cites")
        return list(dict.fromkeys(cites))
