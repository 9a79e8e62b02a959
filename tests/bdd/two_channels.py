"""Fixtures for features that run twice: through the application service and through the web forms
(sign-in off, as one local user). Import them with ``from tests.bdd.two_channels import channel,
workflow`` and mark the module ``pytestmark = pytest.mark.usefixtures("channel")``. The service
channel's workflow also carries ``people`` (accounts, teams, read model) for what reads the lists."""

from __future__ import annotations

import pytest

from tests.bdd.web_workflow import WebWorkflow
from tests.bdd.workflow import ServiceWorkflow
from tests.support.config import make_config
from tracker import create_app
from tracker.bootstrap import build_people, build_tracker


@pytest.fixture(params=["service", "web"])
def channel(request) -> str:
    return request.param


@pytest.fixture
def workflow(channel):
    if channel == "service":
        tracker = build_tracker(make_config(store="memory"))
        flow = ServiceWorkflow(tracker)
        flow.people = build_people(make_config(store="memory"), tracker)
        yield flow
        flow.people.close()
        tracker.close()
    else:
        config = make_config(
            store="memory", csrf_enabled=False, secret_key="two-channels", auth_required=False
        )
        app = create_app(config)
        flow = WebWorkflow(app)
        yield flow
        app.extensions["people"].close()
        app.extensions["tracker"].close()
    flow.check_no_refusal()
