"""The step registry (tracker.schemas.steps) is the one list of steps: the domain's STEP_EVENTS, the
service's commands, the schemas, the API routes, the forms and the menu all agree with it."""

from __future__ import annotations

import inspect
import re

import pytest

from tracker.application import COMMANDS
from tracker.domain.negotiation import Negotiation
from tracker.domain.steps import STEP_EVENTS
from tracker.schemas.common import StepSchema
from tracker.schemas.steps import BY_COMMAND, COMMAND_SCHEMAS, GROUPS, STEPS, dumper

COMMAND_NAMES = [step.command for step in STEPS]


def test_the_registry_lists_the_domains_steps_once_each():
    assert len(COMMAND_NAMES) == len(set(COMMAND_NAMES)) == 31
    assert set(COMMAND_NAMES) == set(STEP_EVENTS) == COMMANDS == set(BY_COMMAND)


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_each_command_records_the_event_the_domain_names(command):
    source = inspect.getsource(getattr(Negotiation, command))
    first = re.search(r"self\.record\(\s*ev\.(\w+)", source)
    assert first is not None, command
    assert first.group(1) == STEP_EVENTS[command].__name__ == BY_COMMAND[command].event


def test_each_step_has_its_own_schema_entry():
    assert {step.command: step.schema for step in STEPS} == COMMAND_SCHEMAS
    assert all(issubclass(step.schema, StepSchema) for step in STEPS)


def test_each_step_has_an_api_route():
    from tests.support.config import make_config
    from tracker import create_app

    app = create_app(make_config(store="memory", auth_required=False))
    try:
        rules = {rule.endpoint: rule.rule for rule in app.url_map.iter_rules()}
    finally:
        app.extensions["tracker"].close()
    for step in STEPS:
        assert rules[f"api.{step.command}"] == f"/api/v1/negotiations/<negotiation_id>{step.path}"


def test_each_step_has_a_form_or_is_an_answer_offered_on_a_proposal():
    from tracker.web.pages.steps.answers import ACTIONS
    from tracker.web.pages.steps.routes import BUILDERS

    answers = {command for command, _ in ACTIONS.values()}
    assert not set(BUILDERS) & answers
    assert set(BUILDERS) | answers == set(COMMAND_NAMES)
    assert answers == {step.command for step in STEPS if step.group is None}


def test_the_menu_offers_every_step_with_a_group_in_the_registrys_order():
    from tracker.web.pages.negotiations.negotiation import STEP_GROUPS

    assert [title for title, _ in STEP_GROUPS] == list(GROUPS)
    listed = [(command, label) for _, steps in STEP_GROUPS for command, label in steps]
    assert listed == [(s.command, s.label) for s in STEPS if s.group is not None]


def test_the_forms_are_titled_as_the_registry_names_the_steps(tracker_with_demo):
    from tracker.web.pages.steps.routes import BUILDERS

    tracker, nid = tracker_with_demo
    negotiation = tracker.get(nid)
    for command, build in BUILDERS.items():
        assert build(negotiation, {}).title == BY_COMMAND[command].title, command


@pytest.fixture
def tracker_with_demo():
    from tracker.application import NegotiationTracker
    from tracker.demo import load_demo

    tracker = NegotiationTracker({"PERSISTENCE_MODULE": "eventsourcing.popo"})
    return tracker, load_demo(tracker)


def test_each_answer_schema_is_built_once_and_shared():
    schemas = {step.answer.schema for step in STEPS if step.answer.schema is not None}
    assert schemas
    for schema in schemas:
        assert dumper(schema) is dumper(schema)
        assert isinstance(dumper(schema), schema)
