"""The random-history state machine: several parties bargain through the application service with
random valid and invalid steps; every step is checked against the model, every state against the
invariants in ``history_checks``."""

from __future__ import annotations

import shutil
import tempfile
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tests.conftest import make_config
from tests.robustness import history_checks as checks
from tests.robustness.counts import tally
from tests.robustness.history_model import OPEN_STAGES, OUTCOMES, SIDES, Model, Prediction, values_reasons
from tests.robustness.history_values import (
    ACTORS, OCCURRED_AT, OPTION_SETS, TERMS, UNKNOWN_TERMS, value_for, valid_value_for)
from tracker.application import NegotiationTracker
from tracker.domain.errors import ConflictError, DomainError
from tracker.services import build_tracker

OWNER = "alex@example.org"
NAMES = ("Alex", "Dana", "Rick", "Priya", "Sam", "Noor", "Jo", "Kim", "Lee")
BOGUS_PARTIES = ("p99", "", None, 7, "P1")
BOGUS_PROPOSALS = ("prop99", "", None, 3, "PROP1")


def rarely(data: Any, one_in: int = 8) -> bool:
    """True about once in ``one_in`` draws; shrinks towards False (the ordinary case)."""
    return data.draw(st.integers(0, one_in - 1)) == one_in - 1


class NegotiationHistories(RuleBasedStateMachine):
    """Subclasses choose the store (``config``) and the name their counts are reported under."""

    run_name = "memory"

    def config(self) -> dict[str, Any]:
        return make_config(store="memory", snapshot_interval=4)

    def readers(self) -> tuple[NegotiationTracker, ...]:
        return ()

    def __init__(self) -> None:
        super().__init__()
        self.tracker = build_tracker(self.config())
        self.model = Model()
        self.nid = None
        self.next_request = 0
        self.refused_requests: list[str] = []
        self.counts = tally("random_histories", self.run_name)
        self.last_history: dict[str, int] = {}

    def teardown(self) -> None:
        if self.nid is not None:
            self.counts["events stored"] += self.model.version
            self.counts["longest history (events)"] = max(self.counts["longest history (events)"],
                                                         self.model.version)
            for key, value in self.last_history.items():
                self.counts[key] += value
        self.tracker.close()

    # -- running one step -------------------------------------------------------------------------
    def common(self, data: Any) -> tuple[dict[str, Any], bool, bool]:
        actor, actor_ok = data.draw(ACTORS) if rarely(data, 12) else (OWNER, True)
        when, when_ok = data.draw(OCCURRED_AT) if rarely(data, 6) else (None, True)
        return {"actor": actor, "occurred_at": when}, actor_ok, when_ok

    def envelope(self, data: Any) -> tuple[str | None, int | None]:
        """The request id (new, none, or one seen before) and the expected version (none, current, stale)."""
        self.next_request += 1
        request_id: str | None = f"req-{self.next_request}"
        kind = data.draw(st.integers(0, 19))
        if kind in (14, 15):
            request_id = None
        elif kind in (16, 17) and self.model.request_ids:
            request_id = data.draw(st.sampled_from(sorted(self.model.request_ids)))
        elif kind in (18, 19) and self.refused_requests:
            request_id = data.draw(st.sampled_from(self.refused_requests))
        expected = data.draw(st.integers(0, 9))
        version = self.model.version
        if expected in (7, 8):
            return request_id, version
        if expected == 9:
            return request_id, data.draw(st.sampled_from([version - 1, version + 1, 0]))
        return request_id, None

    def run(self, data: Any, command: str, prediction: Prediction, fields: dict[str, Any],
            plain: bool = False) -> None:
        request_id, expected = (f"setup-{self.next_request + 1}", None) if plain else self.envelope(data)
        self.next_request += plain
        model, before = self.model, self.model.version
        duplicate = request_id in model.request_ids
        stale = expected is not None and expected != before
        self.counts["setup steps" if plain else "steps"] += 1
        try:
            result = self.tracker.step(self.nid, command, expected_version=expected, request_id=request_id,
                                       **fields)
        except ConflictError:
            assert stale and not duplicate, f"{command} refused as a conflict: {fields}"
            self.counts["refused: stale version"] += 1
        except DomainError as error:
            assert not duplicate, f"a repeated request {request_id} ran again: {error!r}"
            assert not stale, f"a stale version ({expected}, now {before}) was not detected"
            assert not prediction.valid, f"{command} {fields} refused unexpectedly: {error!r}"
            assert isinstance(error, tuple(prediction.reasons)), (
                f"{command} {fields}: got {error!r}, the model expected one of {prediction.reasons}")
            assert error.message.strip()
            self.counts["refused: domain rule"] += 1
            self.counts[f"refused: {command} ({type(error).__name__})"] += 1
            if request_id:
                self.refused_requests.append(request_id)
        else:
            if duplicate:
                assert result.duplicate and result.version == before, result
                self.counts["repeated request ids (nothing stored)"] += 1
            else:
                assert not stale, f"a stale version ({expected}, now {before}) was accepted"
                assert prediction.valid, f"{command} {fields} accepted; the model expected {prediction.reasons}"
                assert not result.duplicate and result.version == before + prediction.events, result
                if prediction.value is not None:
                    assert result.value == prediction.value
                assert prediction.effect is None or prediction.effect() is None
                model.version = result.version
                if request_id:
                    model.request_ids[request_id] = before + 1
                if not plain:
                    self.counts["accepted steps"] += 1
                    self.counts[f"accepted: {command}"] += 1
        stored = list(self.tracker.recorder.select_events(self.nid))
        assert len(stored) == model.version, f"{command}: {len(stored)} events stored, {model.version} expected"

    # -- setting the table ------------------------------------------------------------------------
    @initialize(data=st.data())
    def start(self, data: Any) -> None:
        self.counts["histories"] += 1
        self.nid = self.tracker.start_negotiation(actor=OWNER, title="Staff engineer offer", kind="job_offer")
        extra = data.draw(st.lists(st.sampled_from(SIDES), min_size=1, max_size=3), label="more sides")
        names = data.draw(st.permutations(NAMES))
        for name, side in zip(names, ["owner", "counterpart"] + extra):
            fields = dict(name=name, role=f"{side} party", side=side, actor=OWNER)
            self.run(data, "join_party", self.model.join_party(name, side), fields, plain=True)
        others = data.draw(st.sets(st.sampled_from(sorted(set(TERMS) - {"base_salary"})), min_size=2))
        for key in ["base_salary"] + sorted(others):
            prediction = self.model.add_term(key, TERMS[key].get("currency"), options=TERMS[key].get("options"))
            self.run(data, "add_term", prediction, dict(key=key, actor=OWNER, **TERMS[key]), plain=True)
        if not rarely(data, 5):  # mostly the employer's opening offer is on the table
            values = {key: data.draw(valid_value_for(key, "EUR")) for key in ("base_salary", *sorted(others)[:1])}
            to = [p for p, party in self.model.parties.items() if party.side == "owner"]
            covered = {k: self.model.token(k, v) for k, v in values.items()}
            prediction = self.model.make_proposal("p2", to, set(), None, covered=covered)
            self.run(data, "make_proposal", prediction, dict(from_party="p2", to_parties=to, values=values,
                                                             actor=OWNER), plain=True)

    # -- drawing references -----------------------------------------------------------------------
    def party(self, data: Any, preferred: list[str] | None = None, odd_one_in: int = 10) -> Any:
        """Mostly an active party (from ``preferred`` if given); sometimes one who left or no party."""
        if rarely(data, odd_one_in):
            return data.draw(st.sampled_from(sorted(self.model.parties) + list(BOGUS_PARTIES)))
        active = sorted(p for p in self.model.parties if self.model.is_active(p))
        preferred = [p for p in (preferred or []) if self.model.is_active(p)] or active or sorted(
            self.model.parties)
        return data.draw(st.sampled_from(preferred))

    def proposal(self, data: Any, open_only: bool = False) -> Any:
        """Mostly an open proposal; sometimes any proposal, or one that does not exist."""
        proposals = self.model.proposals
        open_ones = sorted(pid for pid, p in proposals.items() if p.status == "open")
        if rarely(data, 10):
            return data.draw(st.sampled_from(sorted(proposals) + list(BOGUS_PROPOSALS)))
        if open_ones and (open_only or not rarely(data, 4)):
            return data.draw(st.sampled_from(open_ones))
        return data.draw(st.sampled_from(sorted(proposals) or list(BOGUS_PROPOSALS)))

    def values(self, data: Any, empty_ok: bool = False) -> tuple[Any, set[type]]:
        if rarely(data, 25):
            raw = data.draw(st.sampled_from(["120000", {}, ["base_salary"], None]))
            return raw, values_reasons(raw if raw is not None or not empty_ok else {}, {}, self.model.terms,
                                       empty_ok)
        on_table = sorted(self.model.terms) or sorted(TERMS)  # all removed: every key is unknown
        keys = data.draw(st.lists(st.sampled_from(on_table), min_size=1, max_size=3, unique=True))
        values, ok = {}, {}
        mixed = rarely(data, 6)
        for key in keys:
            currency, options = self.model.currencies.get(key), self.model.options.get(key)
            values[key], ok[key] = (data.draw(value_for(key, currency, options)) if mixed
                                    else (data.draw(valid_value_for(key, currency, options)), True))
        if rarely(data, 20):  # a term that never was, or is no longer, on the table
            values[data.draw(st.sampled_from(sorted(set(UNKNOWN_TERMS) | set(TERMS) - self.model.terms)))] = "1"
        return values, values_reasons(values, ok, self.model.terms, empty_ok)

    # -- the rules --------------------------------------------------------------------------------
    def make_proposal(self, data: Any, sender: Any, to: Any, in_reply_to: Any) -> None:
        values, reasons = self.values(data)
        common, actor_ok, when_ok = self.common(data)
        covered = {k: self.model.token(k, v) for k, v in values.items()} if isinstance(values, dict) else {}
        prediction = self.model.make_proposal(sender, to, reasons, in_reply_to, actor_ok, when_ok, covered)
        self.run(data, "make_proposal", prediction, dict(from_party=sender, to_parties=to, values=values,
                                                         in_reply_to=in_reply_to, rationale="Fair.", **common))

    def addressees(self, data: Any, sender: Any, first: list[str]) -> Any:
        if rarely(data, 15):
            return data.draw(st.sampled_from([[], "p1", [sender]]))
        others = [p for p in self.model.parties if p != sender and self.model.is_active(p)]
        size = data.draw(st.integers(1, max(1, min(3, len(others)))))
        return first + [self.party(data, others, odd_one_in=20) for _ in range(size - len(first))]

    @rule(data=st.data())
    def propose(self, data: Any) -> None:
        """A party makes a new proposal to one or more others."""
        sender = self.party(data)
        self.make_proposal(data, sender, self.addressees(data, sender, []), None)

    @precondition(lambda self: self.model.proposals)
    @rule(data=st.data())
    def counter(self, data: Any) -> None:
        """A counter-proposal to an earlier proposal, mostly by one of the parties it was made to."""
        answered = self.proposal(data)
        original = self.model.proposals.get(answered) if isinstance(answered, str) else None
        sender = self.party(data, original.to_parties if original else None)
        first = [original.from_party] if original and original.from_party != sender else []
        self.make_proposal(data, sender, self.addressees(data, sender, first), answered)

    @precondition(lambda self: any(p.status == "open" for p in self.model.proposals.values()))
    @rule(data=st.data(), verb=st.sampled_from(["accept", "reject", "withdraw"]))
    def settle(self, data: Any, verb: str) -> None:
        """An open proposal answered by a party it concerns (its maker withdraws it; a party it
        awaits accepts or rejects it; the last acceptance makes the agreement)."""
        self.respond(data, verb, self.proposal(data, open_only=True))

    @precondition(lambda self: self.model.proposals)
    @rule(data=st.data(), verb=st.sampled_from(["accept", "reject", "withdraw"]))
    def answer(self, data: Any, verb: str) -> None:
        """Any answer to any proposal, by its maker, a party it was made to, or anyone else."""
        self.respond(data, verb, self.proposal(data), focused=False)

    def respond(self, data: Any, verb: str, proposal_id: Any, focused: bool = True) -> None:
        proposal = self.model.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        preferred = None
        if proposal is not None and focused:
            awaiting = [p for p in proposal.to_parties if p not in proposal.accepted_by] or proposal.to_parties
            preferred = [proposal.from_party] if verb == "withdraw" else awaiting
        elif proposal is not None:
            preferred = [proposal.from_party] + proposal.to_parties
        party = self.party(data, preferred, odd_one_in=4 if not focused else 10)
        common, actor_ok, when_ok = self.common(data)
        prediction = getattr(self.model, verb)(proposal_id, party, actor_ok, when_ok)
        self.run(data, f"{verb}_proposal", prediction,
                 dict(proposal_id=proposal_id, party=party, reason="Because.", **common))

    @rule(data=st.data())
    def close_or_reopen(self, data: Any) -> None:
        """Mostly: an open negotiation is concluded with an outcome, a closed one is reopened.
        Sometimes the other way round, which the domain must refuse."""
        if self.model.closed != rarely(data, 6):
            reason = data.draw(st.sampled_from(["The start date moved.", "  "])) if rarely(data, 6) else "New facts."
            common, actor_ok, when_ok = self.common(data)
            self.run(data, "reopen", self.model.reopen(bool(reason.strip()), actor_ok, when_ok),
                     dict(reason=reason, **common))
            return
        outcome = data.draw(st.sampled_from(("won", "") if rarely(data, 10) else OUTCOMES + ("agreed",)))
        kind = data.draw(st.integers(0, 3))
        terms, reasons = (self.values(data, empty_ok=True) if kind == 3 else ([None, {}, None][kind], set()))
        common, actor_ok, when_ok = self.common(data)
        prediction = self.model.conclude(outcome, reasons, bool(terms), actor_ok, when_ok)
        self.run(data, "conclude", prediction, dict(outcome=outcome, final_terms=terms, lessons="", **common))

    @rule(data=st.data(), stage=st.sampled_from(OPEN_STAGES + OPEN_STAGES + ("agreed", "stalled", "finished")))
    def change_stage(self, data: Any, stage: str) -> None:
        common, actor_ok, when_ok = self.common(data)
        self.run(data, "change_stage", self.model.change_stage(stage, actor_ok, when_ok),
                 dict(stage=stage, reason="", **common))

    @precondition(lambda self: len(self.model.parties) < 8)
    @rule(data=st.data(), side=st.sampled_from(SIDES + ("boss",)))
    def join_party(self, data: Any, side: str) -> None:
        """A new party joins (sometimes with a name already at the table, or none)."""
        name = data.draw(st.sampled_from(NAMES + ("", "  "))) if rarely(data, 5) else f"Guest {self.next_request}"
        common, actor_ok, when_ok = self.common(data)
        self.run(data, "join_party", self.model.join_party(name, side, actor_ok, when_ok),
                 dict(name=name, role="", side=side, **common))

    @rule(data=st.data())
    def retable_term(self, data: Any) -> None:
        """A term comes off the table (refused while an open proposal covers it) or goes back on
        (sometimes with a bad currency, or while it is still there). Mostly a term some proposal covers."""
        covered = sorted({key for p in self.model.proposals.values() for key in p.values})
        key = data.draw(st.sampled_from(covered if covered and not rarely(data, 3) else sorted(TERMS)))
        common, actor_ok, when_ok = self.common(data)
        if (key in self.model.terms) != rarely(data, 6):
            self.run(data, "remove_term", self.model.remove_term(key, actor_ok, when_ok),
                     dict(key=key, reason="Settled.", **common))
            return
        spec = dict(TERMS[key])
        currency_ok = True
        if spec["kind"] == "money" and rarely(data, 4):
            spec["currency"], currency_ok = data.draw(st.sampled_from([("US", False), ("", False), ("usd", True)]))
        prediction = self.model.add_term(key, spec.get("currency"), currency_ok, actor_ok, when_ok, spec.get("options"))
        self.run(data, "add_term", prediction,
                 dict(key=key, **spec, **common))

    @rule(data=st.data(), options=st.sampled_from(OPTION_SETS))
    def revise_options(self, data: Any, options: tuple[str, ...]) -> None:
        """The title's options change (refused while an open proposal offers one left out)."""
        common, actor_ok, when_ok = self.common(data)
        self.run(data, "revise_term", self.model.revise_term("title", options, actor_ok, when_ok),
                 dict(key="title", options=list(options), **common))

    @rule(data=st.data())
    def leave_party(self, data: Any) -> None:
        party = self.party(data)
        common, actor_ok, when_ok = self.common(data)
        self.run(data, "leave_party", self.model.leave_party(party, actor_ok, when_ok),
                 dict(party_id=party, reason="Moved on.", **common))

    @rule(data=st.data(), command=st.sampled_from(["add_note", "record_lessons"]),
          text=st.sampled_from(["Ask about the training budget.", "Ask about the training budget.", "", "\x00"]))
    def write_down(self, data: Any, command: str, text: str) -> None:
        common, actor_ok, when_ok = self.common(data)
        predict = self.model.add_note if command == "add_note" else self.model.record_lessons
        field = "text" if command == "add_note" else "lessons"
        self.run(data, command, predict(bool(text.strip()) and text.isprintable(), actor_ok, when_ok),
                 {field: text, **common})

    @rule(data=st.data())
    def look_back(self, data: Any) -> None:
        """The negotiation as it stood at a random earlier version equals a replay up to there."""
        version = data.draw(st.integers(1, self.model.version))
        checks.check_version(self.tracker, self.nid, list(self.tracker.events.get(self.nid)), version)
        self.counts["past versions compared"] += 1

    # -- after every step -------------------------------------------------------------------------
    @invariant()
    def history_holds(self) -> None:
        if self.nid is None:
            return
        self.last_history = checks.check_all(self.tracker, self.nid, self.readers())
        live, model = self.tracker.get(self.nid), self.model
        assert live.version == model.version
        assert live.stage.value == model.stage
        assert live.request_ids == model.request_ids
        assert {pid: (p.side, p.active) for pid, p in live.parties.items()} == {
            pid: (p.side, p.active) for pid, p in model.parties.items()}
        assert {pid: (p.from_party, p.to_parties, p.status, p.accepted_by) for pid, p in live.proposals.items()} == {
            pid: (p.from_party, p.to_parties, p.status, p.accepted_by) for pid, p in model.proposals.items()}


class SqliteHistories(NegotiationHistories):
    """The same histories on the SQLite file store, read back by a second, cache-less service."""

    run_name = "sqlite"

    def __init__(self) -> None:
        self.directory = tempfile.mkdtemp(prefix="histories-")
        super().__init__()
        self.reader = build_tracker(dict(self.config(), aggregate_cache_size=0, snapshot_interval=0))

    def config(self) -> dict[str, Any]:
        return make_config(store="sqlite", data_dir=self.directory, sqlite_file="tracker.sqlite",
                           snapshot_interval=4)

    def readers(self) -> tuple[NegotiationTracker, ...]:
        return (self.reader,)

    def teardown(self) -> None:
        try:
            super().teardown()
            self.reader.close()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
