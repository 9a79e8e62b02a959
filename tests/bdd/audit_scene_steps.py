"""The scene of the audit features, shared by the service-level and the web-level bindings: the
targets and the dated proposals an auditor later looks back on (``workflow`` is each binding's own)."""

from __future__ import annotations

from datetime import UTC, datetime

from pytest_bdd import given, parsers

from tests.bdd.common_steps import NAME, OTHER

DAY = r"(?P<day>\d{1,2} [A-Z][a-z]+ \d{4})"


def on_day(day: str) -> datetime:
    return datetime.strptime(day, "%d %B %Y").replace(hour=12, tzinfo=UTC)


@given(
    parsers.re(
        r"(?P<user>\w+) has set a target of (?P<target>.+?) and a walk-away point of "
        r"(?P<walk_away>.+?) for (?P<term>.+)"
    )
)
def target_and_walk_away(workflow, target, walk_away, term):
    spec = workflow.term(term)
    workflow.do(
        "set_priority",
        term_key=spec.key,
        weight=50,
        target=workflow.value(spec, target),
        walk_away=workflow.value(spec, walk_away),
    )


@given(
    parsers.re(
        r"(?P<actor>\w+) logged that on " + DAY + " " + NAME + r" proposed to (?P<names>.+?): (?P<values>.+)"
    )
)
def logged_proposal(workflow, actor, day, name, names, values):
    workflow.do(
        "make_proposal",
        actor=actor,
        occurred_at=on_day(day),
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
    )


@given(
    parsers.re(
        r"(?P<actor>\w+) logged that on "
        + DAY
        + " "
        + NAME
        + r" countered "
        + OTHER
        + r"'s latest proposal, to (?P<names>.+?): (?P<values>.+)"
    )
)
def logged_counter(workflow, actor, day, name, other, names, values):
    workflow.do(
        "make_proposal",
        actor=actor,
        occurred_at=on_day(day),
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
        in_reply_to=workflow.latest_proposal(other),
    )
