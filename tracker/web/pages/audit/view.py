"""What the negotiation page shows for auditing: the state as of a version or moment (with a banner,
and no forms to log steps when it is not the latest), the timeline filtered by party, kind of step,
actor and date range, links to compare proposals and to see the page "as of here", and the badge
saying whether the stored record is intact.

Bad values never break the page: each comes back as a message beside its filter, and the page shows
what it can (the latest state, the unfiltered timeline), answered with 422.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, url_for
from marshmallow import ValidationError

from tracker.application import NegotiationTracker
from tracker.audit import STEP_KINDS, AsOf
from tracker.audit.reads import (
    FILTERS,
    Part,
    TimelineRead,
    Verification,
    check_badge,
    check_party,
    read_as_of,
    read_latest_page,
    read_timeline,
)
from tracker.domain.errors import InvalidValue
from tracker.domain.negotiation import Negotiation
from tracker.schemas.audit import TimelineFilterQuery
from tracker.web.identity import require_access
from tracker.web.localtime import LOCAL_INPUT, LocalTimeProblem, day_bound, local_input, read_local
from tracker.web.pages.negotiations.paging import page_of
from tracker.web.pages.steps.formdata import flat_errors

KIND_LABELS = {
    "goals": "Goals",
    "parties": "Parties joining and leaving",
    "terms": "Terms",
    "priorities": "Priorities and package ratings",
    "authority": "Who decides",
    "value_case": "Value case",
    "research": "Research",
    "allies": "Allies",
    "alternatives": "Alternatives",
    "proposals": "Proposals and answers",
    "interactions": "Interactions",
    "notes": "Notes",
    "stage": "Stage and outcome",
    "imports": "Imports",
}
KEPT = ("as_of_version", "as_of", *FILTERS, "basis", "order")


@dataclass
class AuditView:
    nid: str
    as_of: AsOf
    timeline: TimelineRead
    verification: Verification
    asked: bool  # an as_of or as_of_version was asked for (and understood)
    raw: dict[str, str]  # the query as typed, for the forms and the links
    errors: dict[str, list[str]] = field(default_factory=dict)
    imported: dict[str, Any] | None = None  # the record's import mark (at any version shown)

    @property
    def negotiation(self) -> Negotiation:
        return self.as_of.negotiation

    @property
    def unproven_before(self) -> int:
        """Steps before this version came from a file whose origin is not proven (0: none did)."""
        return int((self.imported or {}).get("unproven_before", 0))

    @property
    def past(self) -> bool:
        """Showing an earlier version than the latest: nothing can be logged from here."""
        return self.asked and not self.as_of.is_latest

    @property
    def filtered(self) -> bool:
        return bool(self.timeline.filters)

    @property
    def filter_errors(self) -> dict[str, list[str]]:
        return {k: v for k, v in self.errors.items() if k not in ("as_of", "as_of_version")}

    @property
    def as_of_input(self) -> str:
        """The moment shown, as a datetime-local input's value (in the person's time zone)."""
        return local_input(self.as_of.moment, seconds=True)

    @property
    def status(self) -> int:
        return 422 if self.errors else 200

    @property
    def kinds(self) -> list[tuple[str, str]]:
        return [(kind, KIND_LABELS.get(kind, kind)) for kind in STEP_KINDS]

    @property
    def actors(self) -> list[str]:
        """Who logged the steps shown (on a page of a long timeline: that page's), the owner, the one asked for."""
        return sorted(
            {e.actor for e in self.timeline.entries}
            | {self.negotiation.owner, self.raw.get("actor", "")} - {""},
            key=str.lower,
        )

    def args(self, **changes: Any) -> dict[str, str]:
        """The query to keep on a link (as of, filters, order), with ``changes`` (None drops one)."""
        bad = set(self.errors) | ({"as_of", "as_of_version"} if not self.asked else set())
        kept = {k: v for k, v in self.raw.items() if k in KEPT and k not in bad}
        for name, value in changes.items():
            if value is None:
                kept.pop(name, None)
            else:
                kept[name] = value
        return kept

    def as_of_url(self, version: int) -> str:
        page = page_of(version)  # the timeline's page (oldest first) that shows it
        return url_for(
            "pages.negotiation",
            nid=self.nid,
            as_of_version=version,
            **({"page": page} if page > 1 else {}),
            _anchor=f"v{version}",
        )

    def compare_links(self, proposal_id: str) -> list[tuple[str, str]]:
        """("Compare with ...", url) for a proposal: the one it answers, the same party's previous
        one, the owner's targets; as of the version shown when it is an earlier one."""
        n = self.negotiation
        proposal = n.proposals.get(proposal_id)
        if proposal is None:
            return []
        extra = {"as_of_version": self.as_of.version} if self.past else {}

        def link(base: str) -> str:
            return url_for("pages.compare", nid=self.nid, base=base, other=proposal_id, **extra)

        links = []
        if proposal.in_reply_to in n.proposals:
            links.append(
                (
                    f"Compare with {n.proposal_name(proposal.in_reply_to)}, which it answers",
                    link(proposal.in_reply_to),
                )
            )
        earlier = [
            p
            for p in n.proposals_in_order()
            if p.from_party == proposal.from_party and p.made_version < proposal.made_version
        ]
        if earlier and earlier[-1].proposal_id != proposal.in_reply_to:
            previous = earlier[-1].proposal_id
            links.append((f"Compare with {n.proposal_name(previous)}, the previous one", link(previous)))
        if any(p.target is not None for p in n.owner_priorities().values()):
            links.append(("Compare with my targets", link("targets")))
        return links


def page_query(args: Mapping[str, str], errors: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Non-blank parameters; a date and time without a zone (a datetime-local input) is read in the
    person's time zone and kept as its UTC moment (so links carry it unambiguously). One that does not
    exist there (clocks went forward) goes into ``errors`` and is left out."""
    raw = {k: str(v).strip() for k, v in args.items() if str(v).strip()}
    if LOCAL_INPUT.match(raw.get("as_of", "")):
        try:
            raw["as_of"] = read_local(raw["as_of"]).isoformat().replace("+00:00", "Z")
        except LocalTimeProblem as problem:
            del raw["as_of"]
            if errors is not None:
                errors["as_of"] = [problem.message]
    return raw


def load_query(raw: dict[str, str], errors: dict[str, list[str]]) -> dict[str, Any]:
    """The parsed query; each bad parameter goes into ``errors`` and is left out. The date filters
    (since, until) are whole days in the person's time zone."""
    usable = dict(raw)
    for name, end in (("since", False), ("until", True)):
        if name in usable:
            usable[name] = day_bound(usable[name], end=end)
    for _ in range(3):
        try:
            return TimelineFilterQuery().load(usable)
        except ValidationError as error:
            found = flat_errors(error.messages)
            errors.update(found)
            for name in found:
                usable.pop(name, None)
    return TimelineFilterQuery().load({})


def build_view(
    tracker: NegotiationTracker, nid: str, args: Mapping[str, str], part: Part | None = None
) -> AuditView:
    """Checks read access, then reads the negotiation as asked (NotFound for an unknown one); the
    whole timeline, or ``part`` of it (a page)."""
    require_access(nid, "read")
    errors: dict[str, list[str]] = {}
    raw = page_query(args, errors)
    query = load_query(raw, errors)
    latest = None
    if (
        part is not None
        and not errors
        and not any(query.get(name) for name in (*FILTERS, "as_of", "as_of_version"))
    ):
        latest = read_latest_page(tracker, nid, part, query.get("basis") or "recorded")  # one replay for both
    as_of, asked, timeline = (
        (latest[0], False, latest[1]) if latest else read_as_asked(tracker, nid, raw, query, errors, part)
    )
    nid = as_of.negotiation.id
    badge = check_badge(
        tracker, nid, read_model_head(nid, as_of.latest_version), read_versions(as_of, timeline)
    )
    newest = as_of.negotiation if as_of.is_latest else tracker.get(nid)
    return AuditView(str(nid), as_of, timeline, badge, asked, raw, errors, newest.imported)


def read_as_asked(
    tracker: NegotiationTracker,
    nid: str,
    raw: dict[str, str],
    query: dict[str, Any],
    errors: dict[str, list[str]],
    part: Part | None,
) -> tuple[AsOf, bool, TimelineRead]:
    """The state as of the version or moment asked for, and the timeline filtered as asked; each bad
    value goes into ``errors`` and is left out."""
    if "as_of" in errors or "as_of_version" in errors:  # one bad: show the latest, not the other
        query.update(as_of=None, as_of_version=None)
    try:
        as_of = read_as_of(tracker, nid, query)
        asked = query.get("as_of_version") is not None or bool(query.get("as_of"))
    except InvalidValue as error:
        errors[error.field or "as_of"] = [error.message]
        as_of, asked = read_as_of(tracker, nid, {}), False
    timeline = None
    if raw.get("party") and "party" not in errors:  # named beside its field with any other problem
        try:
            check_party(tracker, as_of, raw["party"])
        except InvalidValue as error:
            errors["party"] = [error.message]
    if not any(name not in ("as_of", "as_of_version") for name in errors):
        try:
            timeline = read_timeline(tracker, nid, query, as_of, part)
        except InvalidValue as error:
            errors[error.field or "_schema"] = [error.message]
    if timeline is None:  # a bad filter: the whole timeline, with the message beside the filter
        timeline = read_timeline(tracker, nid, {}, as_of, part)
    return as_of, asked, timeline


def read_versions(as_of: AsOf, timeline: TimelineRead) -> set[int]:
    """The versions the page's reads start from (the state shown; the one before the timeline's
    first entry): the badge checks the snapshots they are loaded from."""
    versions = {as_of.version}
    if timeline.entries:
        versions.add(timeline.entries[0].version - 1)
    return versions


def read_model_head(negotiation_id: Any, latest_version: int) -> tuple[int, str] | None:
    """The version the read model last saw (never ahead of the store unless stored events were
    deleted): the badge then names a deleted newest event too. The row as last projected is enough
    when it has seen at least the version just loaded (the usual case: the background catch-up and
    every list keep it current); a row that lags behind, or none, is caught up first."""
    people = current_app.extensions.get("people")
    if people is None:
        return None
    summary = people.read_model.summary(negotiation_id, fresh=False)
    if summary is None or summary.version < latest_version:
        summary = people.read_model.summary(negotiation_id)
    return (summary.version, "") if summary is not None else None
