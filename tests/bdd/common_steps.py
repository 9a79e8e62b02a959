"""Step definitions shared by the core feature files (preparing, proposals, agreement, refusals).

Every step works through the ``workflow`` fixture (see workflow.py). Given steps that set the scene
use the same code as the matching When steps ("Dana Kim has proposed..." / "Dana Kim proposes...").
"""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from tests.bdd.workflow import ServiceWorkflow, key_for
from tests.support.config import make_config
from tracker.bootstrap import build_tracker

NAME = r"(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"
OTHER = r"(?P<other>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"
REASON = r'(?: because "(?P<reason>[^"]*)")?'


@pytest.fixture
def workflow():
    tracker = build_tracker(make_config(store="memory"))
    flow = ServiceWorkflow(tracker)
    yield flow
    tracker.close()
    flow.check_no_refusal()  # a refusal no Then step expected fails the scenario


# -- the scene -------------------------------------------------------------------------------------
@given(parsers.parse('{user} is preparing a negotiation "{title}" about {kind}'))
def preparing(workflow, user, title, kind):
    workflow.start(user, title, kind)


@given("the people at the table are:")
@when("these people join the negotiation:")
def people_join(workflow, datatable):
    header, *rows = datatable
    for row in rows:
        person = dict(zip(header, row, strict=False))
        workflow.do("join_party", name=person["name"], role=person.get("role", ""), side=person["side"])
        if workflow.refusal:
            break


@given("the package on the table is:")
@when(parsers.parse("{user} puts these terms on the table:"))
def terms_on_the_table(workflow, datatable):
    header, *rows = datatable
    for row in rows:
        term = dict(zip(header, row, strict=False))
        kind, details = term["kind"], term.get("details", "").strip()
        extra = {
            "money": {"currency": details},
            "choice": {"options": details},
            "number": {"unit": details},
        }.get(kind, {})
        for column, bound in (("lowest", "minimum"), ("highest", "maximum"), ("step", "step")):
            if term.get(column, "").strip():  # as a person writes it: "100,000"
                extra[bound] = term[column].replace(",", "").strip()
        workflow.do(
            "add_term",
            key=key_for(term["term"]),
            label=term["term"],
            kind=kind,
            better=term.get("better") or "none",
            **extra,
        )
        if workflow.refusal:
            break


# -- preparing -------------------------------------------------------------------------------------
@when(
    parsers.re(
        r"(?P<user>\w+) records an? (?P<horizon>short-term|long-term) (?P<area>career|life) "
        r'goal "(?P<text>[^"]+)"'
    )
)
def record_goal(workflow, horizon, area, text):
    workflow.do("record_aspiration", horizon=horizon.replace("-", "_"), area=area, text=text)


@when(
    parsers.parse(
        "{user} gives {term} a weight of {weight:d}, a target of {target} "
        "and a walk-away point of {walk_away}"
    )
)
def set_priority(workflow, term, weight, target, walk_away):
    spec = workflow.term(term)
    workflow.do(
        "set_priority",
        term_key=spec.key,
        weight=weight,
        target=workflow.value(spec, target),
        walk_away=workflow.value(spec, walk_away),
    )


@when(
    parsers.parse('{user} logs research on {term} from "{source}": low {low}, typical {typical}, high {high}')
)
def research_figures(workflow, term, source, low, typical, high):
    workflow.do(
        "log_research", term_key=workflow.term(term).key, source=source, low=low, typical=typical, high=high
    )


@when(parsers.parse('{user} logs research from "{source}": "{text}"'))
def research_note(workflow, source, text):
    workflow.do("log_research", source=source, text=text)


@when(parsers.parse('{user} enlists {name}, "{relationship}", as a {stance} ally'))
def enlist_ally(workflow, name, relationship, stance):
    workflow.do("enlist_ally", name=name, relationship=relationship, stance=stance)


@when(parsers.parse('{user} notes that {ally} "{action}"'))
def ally_action(workflow, ally, action):
    workflow.do("log_ally_action", ally_id=workflow.ally(ally), action=action)


@when(parsers.parse('{ally} becomes {stance} because "{reason}"'))
def ally_stance(workflow, ally, stance, reason):
    workflow.do("change_ally_stance", ally_id=workflow.ally(ally), stance=stance, reason=reason)


ALTERNATIVE_KINDS = {
    "a competing offer": "competing_offer",
    "the status quo": "status_quo",
    "another alternative": "other",
}


@when(
    parsers.re(
        r"(?P<user>\w+) logs (?P<what>a competing offer|the status quo|another alternative) "
        r'"(?P<label>[^"]+)" with (?P<values>.+?)(?: and a deadline on (?P<deadline>\d{4}-\d\d-\d\d))?'
    )
)
def alternative(workflow, what, label, values, deadline):
    workflow.do(
        "log_alternative",
        label=label,
        kind=ALTERNATIVE_KINDS[what],
        values=workflow.values(values),
        deadline=deadline,
    )


# -- proposals and answers -------------------------------------------------------------------------
@given(parsers.re(NAME + r" has proposed to (?P<names>.+?): (?P<values>.+)"))
@when(parsers.re(NAME + r" proposes to (?P<names>.+?): (?P<values>.+)"))
def propose(workflow, name, names, values):
    workflow.do(
        "make_proposal",
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
    )


@given(
    parsers.re(NAME + r" has countered " + OTHER + r"'s latest proposal, to (?P<names>.+?): (?P<values>.+)")
)
@when(parsers.re(NAME + r" counters " + OTHER + r"'s latest proposal, to (?P<names>.+?): (?P<values>.+)"))
def counter(workflow, name, other, names, values):
    workflow.do(
        "make_proposal",
        from_party=workflow.party(name),
        to_parties=workflow.parties(names),
        values=workflow.values(values),
        in_reply_to=workflow.latest_proposal(other),
    )


ANSWERS = {
    "accepts": "accept",
    "has accepted": "accept",
    "rejects": "reject",
    "has rejected": "reject",
    "withdraws": "withdraw",
    "has withdrawn": "withdraw",
}


@given(
    parsers.re(
        NAME + r" (?P<verb>has accepted|has rejected|has withdrawn) " + OTHER + r"'s latest proposal" + REASON
    )
)
@when(parsers.re(NAME + r" (?P<verb>accepts|rejects|withdraws) " + OTHER + r"'s latest proposal" + REASON))
def answer(workflow, name, verb, other, reason):
    workflow.do(
        f"{ANSWERS[verb]}_proposal",
        proposal_id=workflow.latest_proposal(other),
        party=workflow.party(name),
        reason=reason or "",
    )


@when(
    parsers.re(
        r"(?P<user>\w+) logs an? (?P<channel>call|email|meeting|message|video) with (?P<names>.+?)"
        r'(?:, tone (?P<tone>\w+))?: "(?P<summary>[^"]+)"'
    )
)
def interaction(workflow, channel, names, tone, summary):
    workflow.do(
        "log_interaction",
        channel=channel,
        participants=workflow.parties(names),
        tone=tone or "neutral",
        summary=summary,
    )


@when(parsers.re(r'(?P<user>\w+) adds the note "(?P<text>[^"]+)"'))
def note(workflow, text):
    workflow.do("add_note", text=text)


@when(parsers.re(NAME + r" leaves the negotiation" + REASON))
def leave(workflow, name, reason):
    workflow.do("leave_party", party_id=workflow.party(name), reason=reason or "")


# -- closing ---------------------------------------------------------------------------------------
@when(
    parsers.re(
        r"(?P<user>\w+) concludes the negotiation as (?P<outcome>[a-z ]+?)(?: on (?P<values>.+?))?"
        r'(?:, with the lesson "(?P<lesson>[^"]+)")?'
    )
)
def conclude(workflow, outcome, values, lesson):
    final_terms = workflow.values(values) if values else None
    workflow.do("conclude", outcome=outcome.replace(" ", "_"), final_terms=final_terms, lessons=lesson or "")


@when(parsers.re(r'(?P<user>\w+) records the lesson "(?P<text>[^"]+)"'))
def lesson(workflow, text):
    workflow.do("record_lessons", lessons=text)


@when(parsers.re(r'(?P<user>\w+) reopens the negotiation because "(?P<reason>[^"]+)"'))
def reopen(workflow, reason):
    workflow.do("reopen", reason=reason)


# -- two people at once ----------------------------------------------------------------------------
@given(parsers.re(NAME + r" has the negotiation open"))
def has_it_open(workflow, name):
    workflow.load_as(name)


@when(parsers.re(NAME + r' adds the note "(?P<text>[^"]+)" to what they have open'))
def note_on_what_they_saw(workflow, name, text):
    workflow.do("add_note", actor=name, text=text, expected_version=workflow.loaded[name])


# -- outcomes --------------------------------------------------------------------------------------
COUNTS = {
    "goals": lambda n: n.aspirations,
    "parties": lambda n: n.active_parties(),
    "terms on the table": lambda n: n.terms,
    "research notes": lambda n: n.research,
    "allies": lambda n: n.allies,
    "alternatives": lambda n: n.alternatives,
    "proposals": lambda n: n.proposals,
    "interactions": lambda n: n.interactions,
}


@then(parsers.re(r"the negotiation has (?P<count>\d+) (?P<what>" + "|".join(COUNTS) + ")"))
def has_count(workflow, count, what):
    assert len(COUNTS[what](workflow.current())) == int(count)


@then(parsers.parse("the negotiation is in the {stage} stage"))
def in_stage(workflow, stage):
    assert workflow.current().stage.value == stage.replace(" ", "_")


@then(parsers.parse('the timeline reads "{sentence}"'))
def timeline_reads(workflow, sentence):
    workflow.check_no_refusal()
    sentences = workflow.sentences()
    assert sentence in sentences, "\n".join(sentences)


@then(parsers.re(NAME + r" sits on the (?P<side>\w+) side"))
def sits_on(workflow, name, side):
    assert workflow.current().parties[workflow.party(name)].side == side


@then(parsers.re(NAME + r" is now an? (?P<stance>\w+) ally"))
def ally_is(workflow, name, stance):
    assert workflow.current().allies[workflow.ally(name)].stance == stance


@then(parsers.parse("{user}'s target for {term} is {value}"))
def target_is(workflow, term, value):
    spec = workflow.term(term)
    assert workflow.current().owner_priorities()[spec.key].target == spec.validate(
        workflow.value(spec, value), "v"
    )


@then(parsers.re(NAME + r"'s latest proposal is (?P<status>open|accepted|rejected|withdrawn|superseded)"))
def proposal_status(workflow, name, status):
    assert workflow.current().proposals[workflow.latest_proposal(name)].status == status


@then(parsers.re(NAME + r"'s latest proposal is still awaiting (?P<names>.+)"))
def proposal_awaiting(workflow, name, names):
    proposal = workflow.current().proposals[workflow.latest_proposal(name)]
    assert proposal.is_open and proposal.awaiting == workflow.parties(names)


@then(parsers.re(NAME + r"'s latest position on (?P<term>.+?) is (?P<value>.+)"))
def position(workflow, name, term, value):
    spec = workflow.term(term)
    positions = workflow.current().latest_positions()
    assert positions[workflow.party(name)][spec.key] == spec.validate(workflow.value(spec, value), "v")


@then(parsers.re(NAME + r" has no position on (?P<term>.+)"))
def no_position(workflow, name, term):
    positions = workflow.current().latest_positions().get(workflow.party(name), {})
    assert workflow.term(term).key not in positions


@then(parsers.parse("the negotiation is agreed on {values}"))
def agreed_on(workflow, values):
    negotiation = workflow.current()
    assert negotiation.stage.value == "agreed"
    assert negotiation.final_terms == workflow.stored(values)


@then(parsers.parse('the lessons learned include "{text}"'))
def lessons_include(workflow, text):
    assert text in workflow.current().lessons


@then(parsers.parse('the step is refused: "{message}"'))
def refused(workflow, message):
    assert workflow.take_refusal() == message


@then(parsers.parse('the step is refused with a message starting "{prefix}"'))
def refused_starting(workflow, prefix):
    assert workflow.take_refusal().startswith(prefix)


@then("nothing new is recorded")
def nothing_recorded(workflow):
    assert workflow.version_before_refusal is not None, "no step was refused"
    assert workflow.current().version == workflow.version_before_refusal
