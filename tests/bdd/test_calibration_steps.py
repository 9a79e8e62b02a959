"""features/calibrate_weights.feature: rating whole packages and taking fitted weights."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.analysis_steps import *  # noqa: F403
from tracker.analysis.calibration import calibration

scenarios("calibrate_weights.feature")


@when(parsers.parse("{user} rates packages:"))
def rates_packages(workflow, datatable):
    header, *rows = datatable
    for row in rows:
        item = dict(zip(header, row, strict=False))
        values = workflow.values(
            ", ".join(f"{k} {v}" for k, v in item.items() if k not in ("package", "rating"))
        )
        workflow.do("rate_package", label=item["package"], values=values, rating=int(item["rating"]))


@then(parsers.parse('the calibration says "{sentence}"'))
def calibration_says(workflow, sentence):
    found = calibration(workflow.current())
    said = [found.summary, *(d.sentence for d in found.disagreements)]
    assert sentence in said, said


@then(
    parsers.parse(
        "the proposed weights give {more_term} more than {more:d} and {less_term} less than {less:d}"
    )
)
def proposed_weights(workflow, more_term, more, less_term, less):
    weights = calibration(workflow.current()).proposed_weights
    assert weights[workflow.term(more_term).key] > more and weights[workflow.term(less_term).key] < less


@when(parsers.parse("{user} takes the proposed weights"))
def takes_weights(workflow):
    workflow.proposed = calibration(workflow.current()).proposed_weights
    workflow.do("calibrate_weights", weights=workflow.proposed)


@then(parsers.parse("{user}'s weights are the proposed ones"))
def weights_taken(workflow):
    own = workflow.current().priorities["owner"]
    assert {key: p.weight for key, p in own.items()} == workflow.proposed


@then(parsers.parse('the timeline reads a step starting "{start}"'))
def timeline_starts(workflow, start):
    assert any(s.startswith(start) for s in workflow.sentences()), workflow.sentences()


@then(parsers.parse('taking weights now is refused with "{message}"'))
def taking_refused(workflow, message):
    workflow.do("calibrate_weights", weights={"base_salary": 50, "remote_days": 50})
    assert workflow.take_refusal() == message
