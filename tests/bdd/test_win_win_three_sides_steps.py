"""features/win_win_three_sides.feature: better deals with three sides, read through tracker.analysis."""

from __future__ import annotations

from pytest_bdd import parsers, scenarios, then

from tests.bdd.analysis_steps import *  # noqa: F403

scenarios("win_win_three_sides.feature")


@then(parsers.parse("the space holds {count:d} packages"))
def space_holds(workflow, view, count):
    assert view.report(workflow).frontier.space_size == count


@then(
    parsers.re(
        r"with it Alex Morgan scores (?P<a>\d+) instead of (?P<a0>\d+), Dana Kim (?P<d>\d+) instead of "
        r"(?P<d0>\d+) and Rick Alvarez (?P<r>\d+) instead of (?P<r0>\d+)"
    )
)
def three_scores(workflow, view, a, a0, d, d0, r, r0):
    [found] = [i for i in view.report(workflow).frontier.improvements if i.improvable]
    for who, after, before in (
        ("owner", a, a0),
        (workflow.party("Dana Kim"), d, d0),
        (workflow.party("Rick Alvarez"), r, r0),
    ):
        assert (found.better.scores[who], found.scores[who]) == (int(after), int(before)), who


@then(parsers.parse('the analysis notes "{words}"'))
def analysis_notes(workflow, view, words):
    notes = " ".join(view.report(workflow).frontier.notes)
    assert words in notes, notes
