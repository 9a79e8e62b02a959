"""With a few thousand negotiations, the first page of every list is an index range scan: the
database reads one page of rows, not the table (EXPLAIN, not a stopwatch)."""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest

from tests.support.accounts import people_config
from tests.support.config import make_config
from tests.support.services import postgres_config, postgres_schema
from tracker.bootstrap import build_people, build_tracker
from tracker.projections import Filters
from tracker.projections.sample import AUDITOR, LEAD, seed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def big(request, tmp_path_factory):
    """Seeded once per store for the whole module (seeding is the slow part)."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            config = make_config(store="sqlite", data_dir=str(tmp_path_factory.mktemp("plan")))
        else:
            config = make_config(**postgres_config(stack.enter_context(postgres_schema())))
        tracker = build_tracker(config)
        people = build_people(people_config(config), tracker)
        stack.callback(tracker.close)
        stack.callback(people.close)
        sample = seed(tracker, people.teams.app, 2500)
        people.read_model.catch_up()
        people.read_model.view.analyze()
        yield people.read_model, sample, request.param


def uses_indexes_only(plan: str, store: str) -> bool:
    """No table read whole. A person in teams has their page merged from each principal's first rows
    (readmodel.Scope.page): its subqueries (a0, a1... u, r), a page's worth of rows each, are scanned."""
    if store == "sqlite":
        full_scans = [
            line
            for line in plan.splitlines()
            if re.match(r"\s*SCAN \w+$", line.strip()) and not re.match(r"SCAN (a\d+|u|r)$", line.strip())
        ]
        return "USING" in plan and not full_scans and "rm_" in plan
    return "Seq Scan" not in plan and "Index" in plan


def test_the_seeded_read_model_is_complete(big):
    read_model, sample, _store = big
    assert read_model.list_negotiations(visible_to=LEAD).total == 100  # the lead's team: 10 people x 10
    assert read_model.team_dashboard(sample.team_ids[0]).total == 100
    assert read_model.list_negotiations(visible_to="person7@example.com").total == 100


@pytest.mark.parametrize("who", [LEAD, AUDITOR, "person42@example.com"])
def test_a_persons_first_page_uses_the_visibility_index(big, who):
    read_model, _sample, store = big
    plan = read_model.explain_first_page(visible_to=who)
    assert uses_indexes_only(plan, store), plan
    assert "rm_visibility_recent" in plan, plan


def test_a_filtered_first_page_uses_indexes(big):
    read_model, _sample, store = big
    plan = read_model.explain_first_page(
        Filters.parse({"stage": "agreed", "kind": "promotion"}), visible_to=LEAD
    )
    assert uses_indexes_only(plan, store), plan


def test_the_team_page_and_the_operator_list_use_indexes(big):
    read_model, sample, store = big
    team_plan = read_model.explain_first_page(team_id=sample.team_ids[3])
    assert uses_indexes_only(team_plan, store) and "rm_visibility_recent" in team_plan, team_plan
    everything = read_model.explain_first_page()
    assert uses_indexes_only(everything, store) and "rm_neg_recent" in everything, everything


class Asked:
    """Stands in for the view: keeps each query a figure asks (and answers nothing)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, list]] = []

    def rows(self, template, params=()):
        self.queries.append((template, list(params)))
        return []


def test_the_dashboards_figures_start_from_the_teams_visibility_rows(big):
    """Each figure over time starts from the team's visibility rows (an index range); on SQLite each of
    its negotiations' spans or row is then read by their index, never the whole table."""
    from datetime import UTC, datetime

    from tracker.projections import team_figures as figures
    from tracker.projections.readmodel import Scope

    read_model, sample, store = big
    now = datetime.now(UTC)
    scope = Scope.of(team_id=sample.team_ids[0])
    where, params = read_model._where(scope, Filters(), now)
    asked = Asked()
    starts = figures.month_starts(now)
    figures.time_in_stage(asked, where, params, now)
    figures.stages_by_month(asked, where, params, now, starts)
    figures.agreement_by_kind(asked, where, params)
    figures.outcomes_by_month(asked, where, params, now, starts)
    assert len(asked.queries) == 5
    for template, values in asked.queries:
        plan = read_model.view.explain(template, values)
        if store == "sqlite":
            assert "rm_visibility" in plan or "sqlite_autoindex_read_visibility" in plan, plan
            assert not re.search(r"SCAN (s|n|v)\b(?! USING)", plan), plan  # no table read whole
        else:  # at this size PostgreSQL may rightly hash-join a sequential read of the small spans table
            assert "Seq Scan on read_visibility" not in plan and "Index" in plan, plan
