"""The read model holds exactly the rows the full aggregates give, however it got there: caught up
live in small batches while the history is written, rebuilt from zero, or rebuilt in many small
windows that forget most states in between (rebuild.py folds only the events a row needs).

The expected rows come from each negotiation's whole history folded into the full aggregate (the
projection's row builder over every event at once), the teams' and access records' aggregates, and
who-sees-what worked out in Python, independently of the SQL that writes it."""

from __future__ import annotations

import pytest

from tests.support.histories import random_history
from tests.support.projections import count_decoded
from tests.support.scenario import every_command
from tests.support.teams import BEN, LEAD, MIA, make_world
from tracker.domain.stage_time import stage_spans
from tracker.projections import rebuild, rows, schema, scope, summaries
from tracker.teams.access import NegotiationAccess
from tracker.teams.roles import strongest, via_team
from tracker.teams.team import Team


def visibility(owner, grants, members=None):
    """{principal: role} for one negotiation (the rules of tracker.projections.visibility, in Python):
    its rows, or with ``members`` ({team id: [(email, team role)]}), everyone who sees it, each member
    of a team it is shared with included (what a person's list must show)."""
    roles = {f"user:{owner}": "owner"}

    def add(principal, role):
        roles[principal] = strongest(roles.get(principal), role) or role

    for kind, principal, role in grants:
        add(f"{kind}:{principal}", role)
        if kind == "team" and members is not None:
            for email, team_role in members.get(principal, []):
                add(f"user:{email}", via_team(role, team_role))
    return roles


def ordered(table_rows):
    return sorted(table_rows, key=lambda row: tuple((v is None, str(v)) for v in row))


def expected(world):
    tracker, teams_app = world.tracker, world.teams.app
    negotiations, spans = {}, []
    for nid in tracker.negotiation_ids():
        events = list(tracker.events.get(nid))
        row = rows.negotiation_row(summaries.project(None, events), events, None)
        negotiations[row["negotiation_id"]] = row
        spans.extend(
            (str(nid), s.stage.value, rows.to_us(s.entered), None if s.left is None else rows.to_us(s.left))
            for s in stage_spans(events)
        )
    ids = {n.originator_id for n in teams_app.recorder.select_notifications(1, 100_000)}
    aggregates = [teams_app.repository.get(aid) for aid in ids]
    team_rows = [rows.team_rows(a) for a in aggregates if isinstance(a, Team)]
    access = dict(rows.access_rows(a) for a in aggregates if isinstance(a, NegotiationAccess))
    members = {team_id: found for team_id, _, found in team_rows}
    seen, lists = [], {}
    for nid, row in negotiations.items():
        grants = [(kind, principal, role) for kind, principal, role, _ in access.get(nid, [])]
        shared = tuple(row[c] for c in schema.SHARED_COLUMNS)
        seen.extend((p, nid, role, *shared) for p, role in visibility(row["owner"], grants).items())
        for p, role in visibility(row["owner"], grants, members).items():
            if p.startswith("user:"):
                lists.setdefault(p[5:], []).append((row["last_step_at"], nid, role))
    everyone = {m[0] for found in members.values() for m in found} | set(lists)
    return {
        "lists": {
            person: [(nid, role) for _, nid, role in sorted(lists.get(person, []), reverse=True)]
            for person in sorted(everyone)
        },
        "negotiations": ordered(
            tuple(r[c] for c in schema.NEGOTIATION_COLUMNS) for r in negotiations.values()
        ),
        "access": ordered((nid, *g) for nid, found in access.items() for g in found),
        "teams": ordered((team_id, name) for team_id, name, _ in team_rows),
        "members": ordered((team_id, *m) for team_id, _, found in team_rows for m in found),
        "visibility": ordered(seen),
        "stage_spans": ordered(spans),
    }


def stored(read_model, people):
    """The read model's rows, table by table, and each of ``people``'s list as (id, role), page by page."""
    columns = {
        "negotiations": schema.NEGOTIATION_COLUMNS,
        "access": schema.ACCESS.names,
        "teams": schema.TEAMS.names,
        "members": schema.MEMBERS.names,
        "visibility": schema.VISIBILITY.names,
        "stage_spans": schema.STAGE_SPANS.names,
    }
    found = {
        table: ordered(
            tuple(row[c] for c in names) for row in read_model.view.rows(f"SELECT * FROM {{{table}}}")
        )
        for table, names in columns.items()
    }
    found["lists"] = {person: person_list(read_model, person) for person in people}
    return found


def person_list(read_model, person):
    """Every page of ``person``'s list, the same whether their page merges each principal's first rows
    or groups all their rows (scope.MERGED_ARMS: a person in many teams)."""
    merged = pages(read_model, person)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scope, "MERGED_ARMS", 0)
        assert pages(read_model, person) == merged
    return merged


def pages(read_model, person, per_page=3):
    """Every page of ``person``'s list (small pages, so a page starts deep in each principal's rows)."""
    seen, page = [], 1
    while True:
        found = read_model.list_negotiations(visible_to=person, page=page, per_page=per_page)
        seen.extend((str(s.negotiation_id), s.role) for s in found.items)
        if len(found.items) < per_page:
            assert found.total == len(seen) == len({nid for nid, _ in seen})
            return seen
        page += 1


def total_events(w):
    return sum(app.recorder.max_notification_id() or 0 for app in (w.tracker, w.teams.app))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_way_of_projecting_gives_the_rows_of_the_full_aggregates(store_config, monkeypatch, seed):
    w = make_world(store_config)
    try:
        projection = w.people.read_model.projection
        batches = iter([1, 3, 7, 50] * 100)
        random_history(w, seed, between=lambda: projection.catch_up(batch=next(batches)))
        projection.catch_up()
        want = expected(w)
        assert want["negotiations"] and want["visibility"] and want["access"]
        assert {row[1] for row in want["stage_spans"]} > {"preparing"}  # stages were entered and left
        # live catch-up, batch by batch (the aggregates' path)
        assert stored(w.people.read_model, want["lists"]) == want

        assert projection.rebuild() == total_events(w)
        assert stored(w.people.read_model, want["lists"]) == want

        monkeypatch.setattr(summaries, "BATCH", 4)
        monkeypatch.setattr(rebuild, "WINDOW", 9)  # many windows: positions moved by compare-and-set
        monkeypatch.setattr(rebuild, "ROW_STATES_KEPT", 2)  # most states reloaded from the store
        assert projection.rebuild() == total_events(w)
        assert stored(w.people.read_model, want["lists"]) == want
        assert projection.position() == {
            "Tracker": w.tracker.recorder.max_notification_id(),
            "Teams": w.teams.app.recorder.max_notification_id(),
        }
    finally:
        w.people.close()
        w.tracker.close()


def test_proposals_counted_undecoded_give_the_rows_of_the_full_aggregates(store_config, monkeypatch):
    """A rebuild decodes a ProposalMade only while the stage is preparing or offer received (where it can
    move the stage) or when it is the last step; the others are only counted. Here counted proposals are
    answered by decoded counter-proposals, a counted one is the last step, and the stage a reopened
    negotiation gets depends on there being proposals; in one window and in windows of four events."""
    w = make_world(store_config)
    try:
        nid = w.start(owner=MIA)

        def step(command, **fields):
            w.tracker.step(nid, command, actor=MIA, **fields)

        def offer(**fields):
            step(
                "make_proposal",
                from_party="p2",
                to_parties=["p1"],
                rationale="Band",
                values={"salary": {"amount": "90000", "currency": "EUR"}},
                **fields,
            )

        step("join_party", name="Alex", role="candidate", side="owner")
        step("join_party", name="Dana", role="manager", side="counterpart")
        step("add_term", key="salary", label="Salary", kind="money", currency="EUR", better="higher")
        step("change_stage", stage="negotiating")
        for i in range(3):
            step("add_note", text=f"Note {i}")
        offer()  # prop1 (version 9, the first of a window of four): counted
        step("change_stage", stage="offer_received")
        offer(in_reply_to="prop1")  # decoded: the second proposal, so negotiating
        offer()  # prop3: counted
        step("change_stage", stage="preparing")
        offer(in_reply_to="prop3")  # decoded: from the counterpart, so offer received
        step("conclude", outcome="walked_away")
        step("reopen", reason="They came back")  # with proposals: negotiating
        offer()  # counted, but the last step: decoded for its sentence
        want = expected(w)
        decoded = count_decoded(monkeypatch, w.tracker.mapper)
        projection = w.people.read_model.projection
        assert projection.rebuild() == total_events(w)
        assert stored(w.people.read_model, want["lists"]) == want
        assert decoded.count("ProposalMade") == 3
        summary = w.people.read_model.summary(nid)
        assert (summary.stage, summary.proposal_count) == ("negotiating", 5)
        assert summary.last_step_sentence.startswith("Dana (manager) proposed to Alex (candidate): Salary")

        rebuilt_in_small_windows(
            w, monkeypatch, lambda rm: stored(rm, want["lists"]), want, states_kept=0
        )  # each reloads the aggregate
    finally:
        w.people.close()
        w.tracker.close()


def rebuilt_in_small_windows(w, monkeypatch, read, want, states_kept: int) -> None:
    """A rebuild in windows of three notifications read two at a time, keeping ``states_kept``
    negotiations' states between windows, gives the rows ``read`` finds ``want``."""
    monkeypatch.setattr(summaries, "BATCH", 2)
    monkeypatch.setattr(rebuild, "WINDOW", 3)
    monkeypatch.setattr(rebuild, "ROW_STATES_KEPT", states_kept)
    assert w.people.read_model.projection.rebuild() == total_events(w)
    assert read(w.people.read_model) == want


def approvals_expected(world):
    return ordered(
        (nid, *waiting)
        for found in (rows.approval_rows(world.tracker.get(n)) for n in world.tracker.negotiation_ids())
        for nid, waits in [found]
        for waiting in waits
    )


def approvals_stored(read_model):
    return ordered(
        tuple(row[c] for c in schema.APPROVALS.names)
        for row in read_model.view.rows("SELECT * FROM {approvals}")
    )


def test_approvals_waiting_are_the_full_aggregates_whichever_way_projected(store_config, monkeypatch):
    """Approvals requested, given in order, declined, voided by an amendment and left waiting by a
    withdrawal: the read model's approvals are those the negotiations wait for, caught up in batches
    of one and rebuilt in small windows, and the team's dashboard counts them by approver."""
    w = make_world(store_config)
    try:
        people, tracker, projection = w.people, w.tracker, w.people.read_model.projection
        team = people.teams.create_team("Platform", actor=LEAD)
        people.teams.add_member(team, MIA, "member", actor=LEAD)
        people.teams.add_member(team, BEN, "member", actor=LEAD)
        people.teams.set_approval_chain(
            team,
            [
                {"approver": LEAD, "step": 1, "when": "always"},
                {"approver": BEN, "step": 2, "when": "names_term", "term_key": "title"},
            ],
            actor=LEAD,
        )
        nids = []
        for title in ("One", "Two", "Three"):
            nid = tracker.start_negotiation(actor=MIA, title=title, kind="internal_role_change")
            for name, side in (("Mia", "owner"), ("Lena", "counterpart")):
                tracker.step(nid, "join_party", actor=MIA, name=name, role="", side=side)
            tracker.step(nid, "add_term", actor=MIA, key="title", label="Title", kind="text")
            people.access.share_with_team(nid, team, "editor", actor=MIA)
            nids.append(nid)
            projection.catch_up(batch=1)

        def step(n, command, actor=MIA, **fields):
            tracker.step(nids[n], command, actor=actor, **fields)
            projection.catch_up(batch=1)

        for n in range(3):
            step(n, "make_proposal", from_party="p2", to_parties=["p1"], values={"title": "Tech lead"})
        step(0, "approve_proposal", actor=LEAD, proposal_id="prop1", comment="Yes.")  # now Ben's turn
        step(1, "decline_proposal", actor=LEAD, proposal_id="prop1", comment="No.")  # withdrawn
        step(2, "approve_proposal", actor=LEAD, proposal_id="prop1", comment="Yes.")
        step(
            2, "amend_proposal", proposal_id="prop1", values={"title": "Staff engineer"}
        )  # voided, again Lena
        step(0, "make_proposal", from_party="p2", to_parties=["p1"], values={"title": "Lead"})
        step(0, "withdraw_proposal", proposal_id="prop2", party="p2")  # waits for nobody any more
        want = approvals_expected(w)
        assert sorted((row[1], row[2]) for row in want) == [("prop1", BEN), ("prop1", LEAD)]
        assert approvals_stored(w.people.read_model) == want
        assert w.people.read_model.approvals_waiting(team) == [(BEN, 1), (LEAD, 1)]

        assert projection.rebuild() == total_events(w)
        assert approvals_stored(w.people.read_model) == want
        rebuilt_in_small_windows(w, monkeypatch, approvals_stored, want, states_kept=1)

        tracker.step(nids[0], "conclude", actor=MIA, outcome="withdrawn")
        assert w.people.read_model.approvals_waiting(team) == [(LEAD, 1)]  # closed: waits no more
    finally:
        w.people.close()
        w.tracker.close()


def test_every_command_once_gives_the_rows_of_the_full_aggregates(store_config, monkeypatch):
    """Every command once (tests/support/scenario.py), among them events whose ``evolve`` reads what
    the Negotiation class holds until the first such event (money schedules, authority, package
    ratings, the value case, a proposal's citations and answer date): caught up a step at a time,
    rebuilt, and rebuilt in windows of three that reload every state."""
    w = make_world(store_config)
    try:
        projection = w.people.read_model.projection
        original = w.tracker.step

        def step_and_catch_up(*args, **kwargs):
            result = original(*args, **kwargs)
            projection.catch_up()
            return result

        monkeypatch.setattr(w.tracker, "step", step_and_catch_up)
        every_command(w.tracker)
        projection.catch_up()
        want = expected(w)
        assert stored(w.people.read_model, want["lists"]) == want

        assert projection.rebuild() == total_events(w)
        assert stored(w.people.read_model, want["lists"]) == want
        rebuilt_in_small_windows(w, monkeypatch, lambda rm: stored(rm, want["lists"]), want, states_kept=0)
    finally:
        w.people.close()
        w.tracker.close()
