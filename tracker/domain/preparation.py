"""Commands that prepare a negotiation: goals, parties, terms, priorities, research, allies,
alternatives. Each checks its input and the negotiation's rules, then records one event."""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import (
    InvalidValue,
    TargetWorseThanWalkAway,
    UnknownAlly,
    UnknownParty,
    UnknownTerm,
)
from tracker.domain.money import parse_decimal
from tracker.domain.term_keys import FALLBACK, derive_key
from tracker.domain.terms import (
    LINK_RE,
    LINK_TEXT,
    LONG_TEXT,
    SHORT_TEXT,
    TermSpec,
    optional_text,
    parse_date,
    require_text,
)
from tracker.domain.vocabulary import (
    AllyStance,
    AlternativeKind,
    Better,
    Channel,
    GoalArea,
    Horizon,
    Side,
    TermKind,
)

MAX_PARTIES = 50
MAX_TERMS = 60


class PreparationCommands:
    """Mixin for Negotiation; relies on its state attributes and ``record``."""

    def record_aspiration(
        self, *, actor: str, horizon: object, text: object, area: object = "career", **common: Any
    ) -> None:
        self.record(
            ev.AspirationRecorded,
            actor=actor,
            horizon=Horizon.parse(horizon, "horizon").value,
            area=GoalArea.parse(area or "career", "area").value,
            text=require_text(text, "text", LONG_TEXT),
            **common,
        )

    def join_party(self, *, actor: str, name: object, role: object, side: object, **common: Any) -> str:
        if len(self.parties) >= MAX_PARTIES:
            raise InvalidValue(f"A negotiation has at most {MAX_PARTIES} parties.", "name")
        name_text = require_text(name, "name", SHORT_TEXT)
        if any(p.name.lower() == name_text.lower() and p.active for p in self.parties.values()):
            raise InvalidValue(f"{name_text} is already a party to this negotiation.", "name")
        party_id = f"p{len(self.parties) + 1}"
        self.record(
            ev.PartyJoined,
            actor=actor,
            party_id=party_id,
            name=name_text,
            role=optional_text(role, "role", SHORT_TEXT),
            side=Side.parse(side, "side").value,
            **common,
        )
        return party_id

    def leave_party(self, *, actor: str, party_id: str, reason: object = "", **common: Any) -> None:
        party = self.require_party(party_id, "party_id")
        for proposal in self.proposals.values():
            if proposal.is_open and (proposal.from_party == party_id or party_id in proposal.to_parties):
                raise InvalidValue(
                    f"{party.display} is part of open {self.proposal_name(proposal.proposal_id)}; "
                    "it must be answered or withdrawn first.",
                    "party_id",
                )
        self.record(
            ev.PartyLeft, actor=actor, party_id=party_id, reason=optional_text(reason, "reason"), **common
        )

    def add_term(
        self,
        *,
        actor: str,
        label: object,
        kind: object,
        key: object = None,
        better: object = "none",
        currency: object = None,
        unit: object = None,
        options: object = None,
        minimum: object = None,
        maximum: object = None,
        step: object = None,
        **common: Any,
    ) -> None:
        """Puts a term on the table; a numeric or date one may name its lowest and highest value and
        the step the win-win analysis takes between them. Without a key,
        one is derived from the label (term_keys)."""
        if key in (None, ""):  # no label either: the label's own error is the one to show
            text = label.strip() if isinstance(label, str) else ""
            key = derive_key(text, [*self.terms, *self.removed_terms]) if text else FALLBACK
        checks = Checks()
        if isinstance(key, str) and key in self.terms:
            checks.refuse(InvalidValue(f"A term with the key '{key}' is already on the table.", "key"))
        elif len(self.terms) >= MAX_TERMS:
            checks.refuse(InvalidValue(f"A negotiation has at most {MAX_TERMS} terms.", "key"))
        spec = checks(
            TermSpec.define, key, label, kind, better, currency, unit, options, minimum, maximum, step
        )
        checks.done()
        assert spec is not None
        self.record(ev.TermAdded, actor=actor, term=spec.as_event_data(), **common)

    def revise_term(
        self,
        *,
        actor: str,
        key: str,
        label: object = None,
        better: object = None,
        unit: object = None,
        options: object = None,
        minimum: object = None,
        maximum: object = None,
        step: object = None,
        **common: Any,
    ) -> None:
        """Revises a term's label, direction, unit, options, bounds or step (its kind and currency stay);
        what is not given stays as it was."""
        old = self.require_term(key)
        spec = TermSpec.define(
            old.key,
            label if label not in (None, "") else old.label,
            old.kind.value,
            better if better not in (None, "") else old.better.value,
            old.currency,
            unit if unit is not None else old.unit,
            options if options not in (None, "") else (list(old.options) or None),
            minimum if minimum not in (None, "") else old.bound_text(old.minimum),
            maximum if maximum not in (None, "") else old.bound_text(old.maximum),
            step if step not in (None, "") else old.step,
        )
        if spec == old:
            raise InvalidValue(
                "Nothing changed: give a new label, direction, unit, options, bounds or step.", "label"
            )
        field = (
            "options" if spec.options != old.options else ("min" if spec.minimum != old.minimum else "max")
        )
        for proposal in self.proposals.values():  # an open proposal's value must stay allowed
            if proposal.is_open and key in proposal.values:
                try:
                    spec.validate(proposal.values[key], field)
                except InvalidValue:
                    raise InvalidValue(
                        f"Open proposal {proposal.proposal_id} offers "
                        f"{old.display(proposal.values[key])}, which the revised term would not "
                        "allow; answer or withdraw it first.",
                        field,
                    ) from None
        self.record(ev.TermRevised, actor=actor, term=spec.as_event_data(), **common)

    def remove_term(self, *, actor: str, key: str, reason: object = "", **common: Any) -> None:
        self.require_term(key)
        for proposal in self.proposals.values():
            if proposal.is_open and key in proposal.values:
                raise InvalidValue(
                    f"Open proposal {proposal.proposal_id} covers this term; answer or withdraw it first.",
                    "key",
                )
        self.record(ev.TermRemoved, actor=actor, key=key, reason=optional_text(reason, "reason"), **common)

    def set_priority(
        self,
        *,
        actor: str,
        term_key: str,
        weight: object,
        target: object = None,
        walk_away: object = None,
        ratings: dict | None = None,
        party_id: str | None = None,
        **common: Any,
    ) -> None:
        spec = self.require_term(term_key, "term_key")
        checks = Checks()
        if party_id:
            checks(self.require_party, party_id, "party_id")
        weight_num = checks(parse_decimal, weight, "weight") if weight not in (None, "") else None
        if weight_num is None or weight_num != weight_num.to_integral_value() or not 0 <= weight_num <= 100:
            checks.refuse(InvalidValue("A weight is a whole number from 0 to 100.", "weight"))
        target_v = checks(spec.validate, target, "target") if target not in (None, "", {}) else None
        walk_v = checks(spec.validate, walk_away, "walk_away") if walk_away not in (None, "", {}) else None
        rating_map = checks(self._check_ratings, spec, ratings or {}) or {}
        if target_v is not None and walk_v is not None:
            # ``better`` is the owner's direction; another party's target sits the other way round.
            if (
                not party_id
                and spec.better is not Better.NONE
                and spec.at_least_as_good(target_v, walk_v) is False
            ):
                checks.refuse(
                    TargetWorseThanWalkAway(
                        f"The target {spec.display(target_v)} is worse than the walk-away point "
                        f"{spec.display(walk_v)} ({spec.better.value} is better).",
                        "target",
                    )
                )
            if rating_map and rating_map.get(str(target_v), 0) < rating_map.get(str(walk_v), 0):
                checks.refuse(
                    TargetWorseThanWalkAway("The target is rated lower than the walk-away point.", "target")
                )
        checks.done()
        assert weight_num is not None
        self.record(
            ev.PrioritySet,
            actor=actor,
            term_key=term_key,
            weight=int(weight_num),
            target=target_v,
            walk_away=walk_v,
            ratings=rating_map,
            party_id=party_id or None,
            **common,
        )

    @staticmethod
    def _check_ratings(spec: TermSpec, ratings: dict) -> dict[str, int]:
        if not ratings:
            return {}
        allowed = (
            list(spec.options)
            if spec.kind is TermKind.CHOICE
            else (["True", "False"] if spec.kind is TermKind.BOOLEAN else None)
        )
        if allowed is None:
            raise InvalidValue("Only yes/no and choice terms take ratings.", "ratings")
        out: dict[str, int] = {}
        for option, rating in ratings.items():
            if str(option) not in allowed:
                raise InvalidValue(f"'{option}' is not an option of {spec.label}.", "ratings")
            value = parse_decimal(rating, "ratings")
            if not 0 <= value <= 100 or value != value.to_integral_value():
                raise InvalidValue("A rating is a whole number from 0 to 100.", "ratings")
            out[str(option)] = int(value)
        return out

    def log_research(
        self,
        *,
        actor: str,
        source: object,
        term_key: str | None = None,
        low: object = None,
        typical: object = None,
        high: object = None,
        text: object = "",
        link: object = "",
        **common: Any,
    ) -> str:
        checks = Checks()
        figures: dict[str, Any] = {}
        spec = checks(self.require_term, term_key, "term_key") if term_key else None
        for name, raw in (("low", low), ("typical", typical), ("high", high)):
            figures[name] = checks(parse_decimal, raw, name) if raw not in (None, "") else None
        present = [v for v in figures.values() if v is not None]
        if present != sorted(present):
            checks.refuse(InvalidValue("Figures go from low to typical to high.", "typical"))
        if spec is not None and spec.is_numeric:  # a range about a term stays within its bounds
            for name, value in figures.items():
                if value is not None:
                    checks(spec.check_bounds, value, name)
        elif any(v < 0 for v in present):
            checks.refuse(InvalidValue("Figures cannot be negative.", "low"))
        note = checks(optional_text, text, "text", LONG_TEXT) or ""
        if not present and not note and not checks.failed:
            checks.refuse(InvalidValue("Give at least one figure or a note of what you found.", "text"))
        link_text = checks(optional_text, link, "link", LINK_TEXT) or ""
        if link_text and not LINK_RE.match(link_text):
            checks.refuse(InvalidValue("A link starts with http:// or https://.", "link"))
        source_text = checks(require_text, source, "source", SHORT_TEXT)
        checks.done()
        research_id = f"r{len(self.research) + 1}"
        self.record(
            ev.ResearchLogged,
            actor=actor,
            research_id=research_id,
            term_key=term_key or None,
            source=source_text,
            text=note,
            link=link_text,
            **figures,
            **common,
        )
        return research_id

    def enlist_ally(
        self,
        *,
        actor: str,
        name: object,
        relationship: object,
        stance: object = "supportive",
        note: object = "",
        **common: Any,
    ) -> str:
        ally_id = f"a{len(self.allies) + 1}"
        self.record(
            ev.AllyEnlisted,
            actor=actor,
            ally_id=ally_id,
            name=require_text(name, "name", SHORT_TEXT),
            relationship=require_text(relationship, "relationship", SHORT_TEXT),
            stance=AllyStance.parse(stance or "supportive", "stance").value,
            note=optional_text(note, "note"),
            **common,
        )
        return ally_id

    def log_ally_action(
        self, *, actor: str, ally_id: str, action: object, channel: object = None, **common: Any
    ) -> None:
        self.require_ally(ally_id)
        self.record(
            ev.AllyActionLogged,
            actor=actor,
            ally_id=ally_id,
            action=require_text(action, "action", LONG_TEXT),
            channel=Channel.parse(channel, "channel").value if channel not in (None, "") else None,
            **common,
        )

    def change_ally_stance(
        self, *, actor: str, ally_id: str, stance: object, reason: object = "", **common: Any
    ) -> None:
        ally = self.require_ally(ally_id)
        new = AllyStance.parse(stance, "stance").value
        if new == ally.stance:
            raise InvalidValue(f"{ally.name} is already {new}.", "stance")
        self.record(
            ev.AllyStanceChanged,
            actor=actor,
            ally_id=ally_id,
            stance=new,
            reason=optional_text(reason, "reason"),
            **common,
        )

    def log_alternative(
        self,
        *,
        actor: str,
        label: object,
        kind: object,
        values: dict | None = None,
        deadline: object = None,
        notes: object = "",
        **common: Any,
    ) -> str:
        alternative_id = f"alt{len(self.alternatives) + 1}"
        checks = Checks()
        label_text = checks(require_text, label, "label", SHORT_TEXT)
        alternative_kind = checks(AlternativeKind.parse, kind, "kind")
        checked = checks(self.check_values, values or {}, allow_empty=True)
        day = checks(parse_date, deadline, "deadline") if deadline else None
        notes_text = checks(optional_text, notes, "notes", LONG_TEXT)
        checks.done()
        assert alternative_kind is not None
        self.record(
            ev.AlternativeLogged,
            actor=actor,
            alternative_id=alternative_id,
            label=label_text,
            kind=alternative_kind.value,
            values=checked,
            deadline=day.isoformat() if day else None,
            notes=notes_text,
            **common,
        )
        return alternative_id

    # -- shared checks -----------------------------------------------------------------------------
    def check_values(self, values: dict, allow_empty: bool = False, field: str = "values") -> dict[str, Any]:
        """Each term's value checked (all the bad ones refused at once), named ``field.<key>``."""
        if not isinstance(values, dict):
            raise InvalidValue("Values map each term key to a value.", field)
        if not values and not allow_empty:
            raise InvalidValue("Give a value for at least one term.", field)
        checked = {}
        checks = Checks()
        for key, raw in values.items():
            spec = self.terms.get(key)
            if spec is None:
                checks.refuse(UnknownTerm(f"'{key}' is not a term on the table.", f"{field}.{key}"))
                continue
            checked[key] = checks(spec.validate, raw, f"{field}.{key}")
        checks.done()
        return checked

    def require_term(self, key: str, field: str = "key") -> TermSpec:
        spec = self.terms.get(key)
        if spec is None:
            raise UnknownTerm(f"'{key}' is not a term on the table.", field)
        return spec

    def require_party(self, party_id: object, field: str):
        party = self.parties.get(party_id) if isinstance(party_id, str) else None
        if party is None or not party.active:
            raise UnknownParty(f"'{party_id}' is not a party to this negotiation.", field)
        return party

    def require_ally(self, ally_id: str):
        ally = self.allies.get(ally_id)
        if ally is None:
            raise UnknownAlly(f"'{ally_id}' is not an ally in this negotiation.", "ally_id")
        return ally
