"""The core feature files, driven through the HTML forms instead of the application service: the
same scenarios, the same words, and the refusal each person reads on the page."""

import pytest
from pytest_bdd import scenarios

from tests.bdd.web_workflow import WebWorkflow
from tests.support.config import make_config
from tracker import create_app


@pytest.fixture
def workflow():
    app = create_app(
        make_config(store="memory", csrf_enabled=False, secret_key="web-scenarios", auth_required=False)
    )
    flow = WebWorkflow(app)
    yield flow
    app.extensions["tracker"].close()
    flow.check_no_refusal()


scenarios("preparing.feature", "proposals.feature", "agreement.feature", "refusals.feature")
