"""Scenarios of features/audit.feature, on a real SQLite store (so tampering edits the real file).

The shared steps (common_steps.py) set the scene; the auditor's steps here use tracker.audit.
"""

from __future__ import annotations

import json

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.bdd.audit_scene_steps import *  # noqa: F403 (the scene's steps)
from tests.bdd.audit_scene_steps import DAY, on_day
from tests.bdd.common_steps import NAME, OTHER
from tests.bdd.workflow import ServiceWorkflow
from tests.support.config import make_config
from tests.support.tamper import StoredTable
from tracker.audit import ImportRefused, filter_timeline, import_file, negotiation_as_of, verify_negotiation
from tracker.audit.exporting import export_negotiation
from tracker.bootstrap import build_tracker
from tracker.domain.compare import compare_refs
from tracker.domain.errors import DomainError

scenarios("audit.feature")


@pytest.fixture
def store(tmp_path):
    return make_config(store="sqlite", data_dir=str(tmp_path / "audited"))


@pytest.fixture
def workflow(store):
    """The shared workflow, on a SQLite file instead of memory."""
    tracker = build_tracker(store)
    flow = ServiceWorkflow(tracker)
    yield flow
    tracker.close()
    flow.check_no_refusal()


@pytest.fixture
def audit():
    """What the auditor found, asked, exported or was told."""
    return {}


def fresh(config):
    """The store opened again, as a later `tracker verify` run would."""
    return build_tracker(config)


def proposal_of(workflow, name: str, which: str) -> str:
    party = workflow.party(name)
    made = [p for p in workflow.current().proposals_in_order() if p.from_party == party]
    return (made[0] if which == "first" else made[-1]).proposal_id


# -- finding steps ---------------------------------------------------------------------------------
@when(parsers.re(r"the auditor lists the proposals involving " + NAME + " that happened on " + DAY))
def list_proposals(workflow, audit, name, day):
    date = on_day(day).date()
    audit["found"] = filter_timeline(
        workflow.tracker.timeline(workflow.nid),
        party=workflow.party(name),
        kind="proposals",
        since=date,
        until=date,
        basis="occurred",
    )


@when(parsers.re(r"the auditor lists the steps logged by (?P<actor>\w+)"))
def list_by_actor(workflow, audit, actor):
    audit["found"] = filter_timeline(workflow.tracker.timeline(workflow.nid), actor=actor)


@then(parsers.parse("the auditor finds {count:d} step"))
def finds(audit, count):
    assert len(audit["found"]) == count


@then(parsers.parse('it reads "{sentence}"'))
def it_reads(audit, sentence):
    assert audit["found"][0].sentence == sentence


@then(parsers.re(r"it was logged by (?P<actor>\w+), after it happened"))
def logged_by(audit, actor):
    entry = audit["found"][0]
    assert entry.actor == actor and entry.occurred_at < entry.recorded_at


# -- time travel -----------------------------------------------------------------------------------
def look(workflow, audit, **when):
    try:
        audit["as_of"] = negotiation_as_of(workflow.tracker, workflow.nid, **when)
    except DomainError as error:
        audit["told"] = error.message


@when(parsers.parse("the auditor looks at the negotiation as it stood after version {version:d}"))
def as_of_version(workflow, audit, version):
    look(workflow, audit, version=version)


@when(parsers.re(r"the auditor looks at the negotiation as it stood on " + DAY))
def as_of_day(workflow, audit, day):
    look(workflow, audit, moment=on_day(day))


@then(parsers.parse("at that point there were {count:d} proposals"))
def proposals_then(audit, count):
    assert len(audit["as_of"].negotiation.proposals) == count


@then(parsers.re(r"at that point " + NAME + r"'s latest position on (?P<term>.+?) was (?P<value>.+)"))
def position_then(workflow, audit, name, term, value):
    spec = workflow.term(term)
    positions = audit["as_of"].negotiation.latest_positions()
    assert positions[workflow.party(name)][spec.key] == spec.validate(workflow.value(spec, value), "v")


@then(parsers.parse('the auditor is told "{message}"'))
def told(audit, message):
    assert audit.pop("told") == message


@then("the auditor is told that the negotiation did not exist yet")
def told_not_yet(audit):
    assert audit.pop("told").startswith("The negotiation did not exist yet at 2020-01-01")


# -- comparing -------------------------------------------------------------------------------------
@when(
    parsers.re(
        r"the auditor compares "
        + NAME
        + r"'s (?P<which>first|latest) proposal with "
        + OTHER
        + r"'s (?P<which2>first|latest) proposal"
    )
)
def compare_two(workflow, audit, name, which, other, which2):
    audit["comparison"] = compare_refs(
        workflow.current(), proposal_of(workflow, name, which), proposal_of(workflow, other, which2)
    )


@when(parsers.re(r"the auditor compares (?P<user>\w+)'s targets with " + NAME + r"'s latest proposal"))
def compare_targets(workflow, audit, name):
    audit["comparison"] = compare_refs(workflow.current(), "targets", proposal_of(workflow, name, "latest"))


@then("the comparison shows:")
def comparison_shows(audit, datatable):
    header, *rows = datatable
    shown = [
        [r.label, r.base_text, r.other_text, r.difference_text, r.direction, r.verdict]
        for r in audit["comparison"].rows
    ]
    assert header == ["term", "from", "to", "difference", "moved", "for Alex"]
    assert shown == rows


# -- tamper evidence -------------------------------------------------------------------------------
@given(
    parsers.re(
        r"someone changed (?P<old>\S+) to (?P<new>\S+) in "
        + NAME
        + r"'s (?P<which>first|latest) proposal directly in the database"
    )
)
def edit_in_database(workflow, store, name, which, old, new):
    version = workflow.current().proposals[proposal_of(workflow, name, which)].made_version
    StoredTable(store, workflow.nid).replace_text(version, f'"{old}"'.encode(), f'"{new}"'.encode())


@given(
    parsers.re(r"someone deleted " + NAME + r"'s (?P<which>first|latest) proposal directly in the database")
)
def delete_in_database(workflow, store, name, which):
    version = workflow.current().proposals[proposal_of(workflow, name, which)].made_version
    StoredTable(store, workflow.nid).delete(version)


@when("the auditor verifies the negotiation's history")
def verify(workflow, store, audit):
    tracker = fresh(store)
    try:
        audit["report"] = verify_negotiation(tracker, workflow.nid)
    finally:
        tracker.close()


@then(parsers.parse("the history is intact, with {count:d} steps"))
def intact(audit, count):
    report = audit["report"]
    assert report.intact and report.events_checked == count


@then(parsers.parse('the history is broken at version {version:d}, because "{problem}"'))
def broken(audit, version, problem):
    report = audit["report"]
    assert (report.first_bad_version, report.problem) == (version, problem)


# -- export and import -----------------------------------------------------------------------------
@pytest.fixture
def new_store(tmp_path):
    tracker = build_tracker(make_config(store="sqlite", data_dir=str(tmp_path / "new")))
    yield tracker
    tracker.close()


def history(tracker, nid):
    return [
        (e.version, e.event_type, e.actor, e.recorded_at, e.occurred_at, e.sentence, e.data, e.digest)
        for e in tracker.timeline(nid)
    ]


@given("the auditor has exported the negotiation")
def exported(workflow, audit):
    audit["file"] = json.dumps(export_negotiation(workflow.tracker, workflow.nid))


@given(parsers.parse("someone changed {old} to {new} in the file"))
def edit_file(audit, old, new):
    assert f'"{old}"' in audit["file"]
    audit["file"] = audit["file"].replace(f'"{old}"', f'"{new}"')


@when("the auditor imports the file into a new store")
def import_into_new(audit, new_store):
    try:
        # the audit world records people by name: a tracker without accounts
        audit["imported"] = import_file(new_store, audit["file"].encode(), email_actors=False)
    except ImportRefused as error:
        audit["refused"] = error.message


@when("the auditor exports the negotiation and imports the file into a new store")
def export_then_import(workflow, audit, new_store):
    exported(workflow, audit)
    import_into_new(audit, new_store)


@then("the new store holds the same history: the same steps, versions, times and digests")
def same_history(workflow, audit, new_store):
    assert audit["imported"].negotiation_id == workflow.nid
    original = history(workflow.tracker, workflow.nid)
    assert history(new_store, workflow.nid)[: len(original)] == original


@then(
    parsers.parse(
        "after it one more step, the auditor's import, saying the file's origin is not proven because \"{reason}\""
    )
)
def import_step(workflow, new_store, reason):
    last = new_store.timeline(workflow.nid)[-1]
    assert last.event_type == "Imported" and last.version == workflow.tracker.get(workflow.nid).version + 1
    assert f"origin not proven ({reason})" in last.sentence


@then("the history in the new store is intact")
def new_store_intact(workflow, new_store):
    assert verify_negotiation(new_store, workflow.nid).intact


@then(parsers.parse('the import is refused with a message starting "{prefix}"'))
def import_refused(audit, prefix):
    assert audit["refused"].startswith(prefix) and audit["refused"].endswith("Nothing was imported.")


@then("the new store holds nothing")
def holds_nothing(new_store):
    assert new_store.recorder.max_notification_id() in (None, 0)
