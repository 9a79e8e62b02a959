"""Forms for checking the owner's weights: rating a whole package by feel, and taking weights fitted
to those ratings (prefilled with the fit, each one editable)."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.analysis.calibration import calibration
from tracker.domain.view import NegotiationView
from tracker.web.pages.steps.formspec import Field, StepForm
from tracker.web.pages.steps.registered import step_form


def rate_package(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    weighed = [n.terms[k] for k in n.weighed_terms()]
    return step_form(
        "rate_package",
        "Imagine being offered this whole package and say how good it would be for you, 0 to 100, by feel; "
        "do not work it out. After three to five such ratings the analysis compares them with what your "
        "weights compute and proposes weights that fit your judgement better.",
        [
            Field("label", "Name", help="e.g. High salary, no remote days"),
            Field("values", "The package", "term_values", True, specs=weighed),
            Field("rating", "How good is it for you (0 to 100)", "number", True),
        ],
        submit="Record the rating",
    )


def calibrate_weights(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    found = calibration(n)
    fields = [
        Field(
            f"weights-{w.term_key}",
            f"{w.label} (now {w.current})",
            "number",
            True,
            help="Proposed from your ratings" if w.proposed != w.current else "",
        )
        for w in found.weights
    ]
    intro = found.summary
    if found.disagreements:
        intro += " " + " ".join(d.sentence for d in found.disagreements[:3])
    return step_form(
        "calibrate_weights",
        intro + " Only the weights change; targets and walk-away points stay as they are.",
        fields,
        submit="Take these weights",
        defaults={f"weights-{w.term_key}": str(w.proposed) for w in found.weights},
    )


BUILDERS = {f.__name__: f for f in (rate_package, calibrate_weights)}
