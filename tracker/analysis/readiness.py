"""The readiness checklist and coaching hints, each with the reason it was given.

Checklist items have a ``status``: ``done``, ``missing`` or ``check`` (it may be fine, look again).
The opportunity type is chosen when it is not the default "standard ask" or the negotiation carries
an explicit ``opportunity_type_confirmed`` flag; a default "standard" is marked ``check``, since the
history cannot tell a deliberate "standard" from one nobody thought about.

Hints (only shown when they apply):
* ``benefits_timing``: the owner's side proposed benefit terms (time off, remote work, retirement,
  health, relocation, training...) before any offer came from the counterpart; perks are best raised
  after an offer, or they can read as interest only in compensation.
* ``follow_up``: the negotiation is open and nothing was recorded for ``stale_after_days`` days.
* ``below_walk_away``: the latest proposal is below a walk-away point on some term.
* ``alternative_expires``, ``answer_wanted``, ``decision_near``, ``decision_overdue``: the dates call
  for a decision soon (tracker.analysis.deadline_hints).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from tracker.analysis.deadline_hints import deadline_hints
from tracker.analysis.packages import proposal_packages
from tracker.analysis.settings import AnalysisSettings
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import OpportunityType, TermKind
from tracker.domain.wording import plural

BENEFIT_WORDS = (
    "pto",
    "paid_time_off",
    "vacation",
    "holiday",
    "leave",
    "remote",
    "hybrid",
    "flex",
    "retirement",
    "pension",
    "health",
    "dental",
    "insurance",
    "relocation",
    "wellness",
    "gym",
    "training",
    "education",
    "learning",
    "childcare",
    "commut",
    "car_",
    "phone",
    "equipment",
    "sabbatical",
    "parental",
)
DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    status: str  # done | missing | check
    reason: str

    @property
    def done(self) -> bool:
        return self.status == "done"


@dataclass(frozen=True)
class Hint:
    key: str
    title: str
    reason: str


@dataclass(frozen=True)
class Readiness:
    items: list[ChecklistItem]
    hints: list[Hint] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)


def is_benefit(term_key: str) -> bool:
    return any(word in term_key for word in BENEFIT_WORDS)


def _names(negotiation: NegotiationView, keys: list[str]) -> str:
    return ", ".join(negotiation.terms[k].label if k in negotiation.terms else k for k in keys)


def _item(key: str, title: str, ok: bool, yes: str, no: str) -> ChecklistItem:
    return ChecklistItem(key, title, "done" if ok else "missing", yes if ok else no)


def checklist(negotiation: NegotiationView) -> list[ChecklistItem]:
    n, items = negotiation, []
    horizons = sorted({a.horizon.replace("_", "-") for a in n.aspirations})
    items.append(
        _item(
            "aspirations",
            "Aspirations written",
            bool(n.aspirations),
            f"{len(n.aspirations)} written ({', '.join(horizons)}).",
            "Write your short- and long-term goals first, then map back to what to ask for now.",
        )
    )
    mine = n.priorities.get("owner", {})
    incomplete = [k for k in n.terms if k not in mine or mine[k].target is None or mine[k].walk_away is None]
    items.append(
        _item(
            "priorities",
            "Every term has a weight, target and walk-away point",
            bool(n.terms) and not incomplete,
            f"Set for every term ({plural(len(n.terms), 'term')}).",
            f"Not set for: {_names(n, incomplete)}." if n.terms else "No terms are on the table yet.",
        )
    )
    money = [k for k, s in n.terms.items() if s.kind is TermKind.MONEY]
    researched = {r.term_key for r in n.research}
    unresearched = [k for k in money if k not in researched]
    items.append(
        _item(
            "research",
            "Market research for each money term",
            bool(money) and not unresearched,
            f"Benchmarks logged for {_names(n, money)}.",
            f"No market figures for: {_names(n, unresearched)}."
            if money
            else "No money terms on the table yet.",
        )
    )
    acting = [a for a in n.allies.values() if a.actions]
    items.append(
        _item(
            "allies",
            "At least one ally who has done something",
            bool(acting),
            "; ".join(f"{a.name} ({a.stance}): {a.actions[-1]['action'].rstrip('.')}" for a in acting) + ".",
            (
                f"{len(n.allies)} ally(ies) enlisted but none has acted yet."
                if n.allies
                else "Enlist someone who can make the case for you (a sponsor, mentor or future colleague)."
            ),
        )
    )
    alts = list(n.alternatives.values())
    items.append(
        _item(
            "alternative",
            "An alternative logged",
            bool(alts),
            f"{len(alts)} logged: {', '.join(a.label for a in alts)}.",
            "Log your best alternative (a competing offer or staying put) to know your walk-away.",
        )
    )
    items.append(_opportunity(n))
    items.append(_specific_targets(n, mine))
    items.append(_value_case(n))
    items.append(_deciders(n))
    return items


def spoken_to(n: NegotiationView) -> set[str]:
    """The parties taking part in at least one logged interaction."""
    return {p for i in n.interactions for p in i.participants}


def decider_gaps(n: NegotiationView) -> list[tuple[str, str, str]]:
    """(term key, decider party id or "", what is wrong) for each ask whose decider is unmapped, has
    left the negotiation, or has not been spoken to."""
    asks = n.weighed_terms()
    talked = spoken_to(n)
    gaps = []
    for key in asks:
        deciders = [p for p, role in n.authority.get(key, {}).items() if role == "decides"]
        if not deciders:
            gaps.append((key, "", "unmapped"))
            continue
        for party in deciders:
            if party not in n.parties or not n.parties[party].active:
                gaps.append((key, party, "left"))
            elif party not in talked:
                gaps.append((key, party, "silent"))
    return gaps


def _deciders(n: NegotiationView) -> ChecklistItem:
    asks = n.weighed_terms()
    gaps = decider_gaps(n)
    unmapped = [k for k, _, why in gaps if why == "unmapped"]
    others = [
        f"{n.party_name(p)} ({'has left' if why == 'left' else 'not spoken to yet'}) on {n.terms[k].label}"
        for k, p, why in gaps
        if why != "unmapped"
    ]
    problems = ([f"No one mapped as deciding {_names(n, unmapped)}"] if unmapped else []) + others
    return _item(
        "deciders",
        "You know who decides each ask, and have spoken to them",
        bool(asks) and not gaps,
        f"Deciders mapped and spoken to for {_names(n, asks)}.",
        ("; ".join(problems) + ".")
        if asks
        else "Weigh the terms you will ask for, then map who decides each.",
    )


def _value_case(n: NegotiationView) -> ChecklistItem:
    """Each ask (a term you weigh) backed by an entry of your value case."""
    asks = n.weighed_terms()
    backed = {k for entry in n.value_case for k in entry.supports}
    bare = [k for k in asks if k not in backed]
    return _item(
        "value_case",
        "Your value case backs each ask",
        bool(asks) and not bare,
        f"{plural(len(n.value_case), 'entry', 'entries')} backing {_names(n, asks)}.",
        f"Nothing in your value case supports: {_names(n, bare)}. Add an achievement, evidence or market data."
        if asks
        else "Weigh the terms you will ask for, then back each with your value case.",
    )


def _opportunity(n: NegotiationView) -> ChecklistItem:
    title = "Kind of ask chosen"
    if getattr(n, "opportunity_type_confirmed", False) or n.opportunity_type is not OpportunityType.STANDARD:
        return ChecklistItem("opportunity_type", title, "done", f"Recorded as a {n.opportunity_type.label}.")
    return ChecklistItem(
        "opportunity_type",
        title,
        "check",
        "Recorded as a standard ask (the default). If others in the role do not get this, "
        "it is a personal arrangement or a new direction, and needs different arguments.",
    )


def _specific_targets(n: NegotiationView, mine: dict) -> ChecklistItem:
    title = "Targets are specific (figures, not words)"
    targets = [p for p in mine.values() if p.target is not None and p.term_key in n.terms]
    vague = [
        p.term_key
        for p in targets
        if n.terms[p.term_key].kind is TermKind.TEXT and not DIGIT.search(str(p.target))
    ]
    if not targets:
        return ChecklistItem("specific_targets", title, "missing", "No targets set yet.")
    if vague:
        return ChecklistItem(
            "specific_targets",
            title,
            "missing",
            f"Targets in words only: {_names(n, vague)}. Name a figure you can be held to.",
        )
    return ChecklistItem(
        "specific_targets", title, "done", f"Every target is concrete ({plural(len(targets), 'target')})."
    )


def hints(
    negotiation: NegotiationView,
    now: datetime,
    settings: AnalysisSettings | None = None,
    latest_below_walk_away: list[str] | None = None,
    zone: tzinfo = UTC,
) -> list[Hint]:
    """The hints that apply at ``now``; dates in them are days in ``zone``, the reader's time zone."""
    settings = settings or AnalysisSettings()
    n, out = negotiation, []
    packages = proposal_packages(n)
    first_offer = next((p.order for p in packages if p.side == "counterpart"), None)
    early = [
        (p, sorted(k for k in p.values if is_benefit(k)))
        for p in packages
        if p.side == "owner" and (first_offer is None or p.order < first_offer)
    ]
    early = [(p, keys) for p, keys in early if keys]
    if early:
        p, keys = early[0]
        out.append(
            Hint(
                "benefits_timing",
                "Benefits raised before an offer",
                f"Proposal {p.label} asked about {_names(n, keys)} before any offer from the other side. "
                "Perks are best discussed after an offer; earlier they can read as interest only in pay.",
            )
        )
    last = getattr(n, "modified_on", None)
    if last is not None and not n.stage.is_closed:
        idle = (now - last).days
        if idle >= settings.stale_after_days:
            since = last.astimezone(zone).date().isoformat()  # the day in the reader's time zone
            out.append(
                Hint(
                    "follow_up",
                    "Time to follow up",
                    f"Nothing recorded for {plural(idle, 'day')} (since {since}). A short, "
                    "friendly check-in keeps the negotiation moving.",
                )
            )
    if not n.stage.is_closed:
        for key, party, why in decider_gaps(n):
            if why == "unmapped":
                continue
            who = n.party_name(party)
            label = n.terms[key].label
            out.append(
                Hint(
                    "decider",
                    f"Talk to who decides {label}",
                    f"{label} is decided by {who}, whom you have not spoken to yet: log a call or email with them "
                    "before answering."
                    if why == "silent"
                    else f"{label} is decided by {who}, who has left the negotiation: find out who decides it now.",
                )
            )
    out.extend(Hint(*hint) for hint in deadline_hints(n, now, zone))
    if latest_below_walk_away:
        out.append(
            Hint(
                "below_walk_away",
                "Latest proposal is below a walk-away point",
                f"Below your walk-away on: {_names(n, latest_below_walk_away)}.",
            )
        )
    return out


def readiness(
    negotiation: NegotiationView,
    now: datetime,
    settings: AnalysisSettings | None = None,
    latest_below_walk_away: list[str] | None = None,
    zone: tzinfo = UTC,
) -> Readiness:
    """The checklist plus the hints that apply at ``now`` (pass the as-of moment for a past version)."""
    return Readiness(checklist(negotiation), hints(negotiation, now, settings, latest_below_walk_away, zone))
