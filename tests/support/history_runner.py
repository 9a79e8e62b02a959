"""The random-history runner: one negotiation on a fresh store, the model beside it, one step at a
time through the application service (``run``: the step's acceptance must match the model's
prediction, a refused step stores nothing), and the invariants of ``history_checks`` plus the
model's view checked after every step. The rules live in ``history_machine``."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant

from tests.support import history_checks as checks
from tests.support.config import make_config
from tests.support.counts import tally
from tests.support.history_bargaining import Model
from tests.support.history_model import SIDES, Prediction, values_reasons
from tests.support.history_values import (
    ACTORS,
    OCCURRED_AT,
    TERMS,
    UNKNOWN_TERMS,
    valid_value_for,
    value_for,
)
from tracker.application import NegotiationTracker
from tracker.bootstrap import build_tracker
from tracker.domain.errors import ConflictError, DomainError, each_refusal

OWNER = "alex@example.org"
ALWAYS = ("base_salary", "title")  # on every table (money with a currency, a choice); others vary
NAMES = ("Alex", "Dana", "Rick", "Priya", "Sam", "Noor", "Jo", "Kim", "Lee")
BOGUS_PARTIES = ("p99", "", None, 7, "P1")
BOGUS_PROPOSALS = ("prop99", "", None, 3, "PROP1")


def rarely(data: Any, one_in: int = 8) -> bool:
    """True about once in ``one_in`` draws; shrinks towards False (the ordinary case)."""
    return data.draw(st.integers(0, one_in - 1)) == one_in - 1


class HistoryRunner(RuleBasedStateMachine):
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
            self.counts["longest history (events)"] = max(
                self.counts["longest history (events)"], self.model.version
            )
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

    def run(
        self, data: Any, command: str, prediction: Prediction, fields: dict[str, Any], plain: bool = False
    ) -> None:
        request_id, expected = (f"setup-{self.next_request + 1}", None) if plain else self.envelope(data)
        self.next_request += plain
        model, before = self.model, self.model.version
        duplicate = request_id in model.request_ids
        stale = expected is not None and expected != before
        self.counts["setup steps" if plain else "steps run"] += 1
        try:
            result = self.tracker.step(
                self.nid, command, expected_version=expected, request_id=request_id, **fields
            )
        except ConflictError:
            assert stale and not duplicate, f"{command} refused as a conflict: {fields}"
            self.counts["refused steps: stale version"] += 1
            if request_id:
                self.refused_requests.append(request_id)
        except DomainError as error:
            assert not duplicate, f"a repeated request {request_id} ran again: {error!r}"
            assert not stale, f"a stale version ({expected}, now {before}) was not detected"
            assert not prediction.valid, f"{command} {fields} refused unexpectedly: {error!r}"
            for each in each_refusal(error):  # a step's refusals come together (Refusals)
                assert isinstance(each, tuple(prediction.reasons)), (
                    f"{command} {fields}: got {each!r}, the model expected one of {prediction.reasons}"
                )
                assert each.message.strip()
            self.counts["refused steps: domain rule"] += 1
            self.counts[f"refused: {command} ({type(error).__name__})"] += 1
            if request_id:
                self.refused_requests.append(request_id)
        else:
            if duplicate:
                assert result.duplicate and result.version == before, result
                self.counts["repeated request ids (nothing stored)"] += 1
            else:
                assert not stale, f"a stale version ({expected}, now {before}) was accepted"
                assert prediction.valid, (
                    f"{command} {fields} accepted; the model expected {prediction.reasons}"
                )
                assert not result.duplicate and result.version == before + prediction.events, result
                if prediction.value is not None:
                    assert result.value == prediction.value
                if prediction.effect is not None:
                    prediction.effect()
                model.version = result.version
                if request_id:
                    model.request_ids[request_id] = before + 1
                if not plain:
                    self.counts["accepted steps"] += 1
                    self.counts[f"accepted: {command}"] += 1
        stored = list(self.tracker.recorder.select_events(self.nid))
        assert len(stored) == model.version, (
            f"{command}: {len(stored)} events stored, {model.version} expected"
        )

    # -- setting the table ------------------------------------------------------------------------
    @initialize(data=st.data())
    def start(self, data: Any) -> None:
        self.counts["histories generated"] += 1
        self.nid = self.tracker.start_negotiation(actor=OWNER, title="Staff engineer offer", kind="job_offer")
        extra = data.draw(st.lists(st.sampled_from(SIDES), min_size=1, max_size=3), label="more sides")
        names = data.draw(st.permutations(NAMES))
        for name, side in zip(names, ["owner", "counterpart", *extra], strict=False):
            fields = dict(name=name, role=f"{side} party", side=side, actor=OWNER)
            self.run(data, "join_party", self.model.join_party(name, side), fields, plain=True)
        others = data.draw(st.sets(st.sampled_from(sorted(set(TERMS) - set(ALWAYS))), min_size=1))
        for key in [*ALWAYS, *sorted(others)]:
            prediction = self.model.add_term(
                key, TERMS[key].get("currency"), options=TERMS[key].get("options")
            )
            self.run(data, "add_term", prediction, dict(key=key, actor=OWNER, **TERMS[key]), plain=True)
        if not rarely(data, 5):  # mostly the employer's opening offer is on the table
            values = {key: data.draw(valid_value_for(key, "EUR")) for key in (*ALWAYS, *sorted(others)[:1])}
            to = [p for p, party in self.model.parties.items() if party.side == "owner"]
            covered = {k: self.model.token(k, v) for k, v in values.items()}
            prediction = self.model.make_proposal("p2", to, set(), None, covered=covered)
            self.run(
                data,
                "make_proposal",
                prediction,
                dict(from_party="p2", to_parties=to, values=values, actor=OWNER),
                plain=True,
            )

    # -- drawing references -----------------------------------------------------------------------
    def party(self, data: Any, preferred: list[str] | None = None, odd_one_in: int = 10) -> Any:
        """Mostly an active party (from ``preferred`` if given); sometimes one who left or no party."""
        if rarely(data, odd_one_in):
            return data.draw(st.sampled_from(sorted(self.model.parties) + list(BOGUS_PARTIES)))
        active = sorted(p for p in self.model.parties if self.model.is_active(p))
        preferred = (
            [p for p in (preferred or []) if self.model.is_active(p)] or active or sorted(self.model.parties)
        )
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
            return raw, values_reasons(
                raw if raw is not None or not empty_ok else {}, {}, self.model.terms, empty_ok
            )
        on_table = sorted(self.model.terms) or sorted(TERMS)  # all removed: every key is unknown
        keys = data.draw(st.lists(st.sampled_from(on_table), min_size=1, max_size=3, unique=True))
        values, ok = {}, {}
        mixed = rarely(data, 6)
        for key in keys:
            currency, options = self.model.currencies.get(key), self.model.options.get(key)
            values[key], ok[key] = (
                data.draw(value_for(key, currency, options))
                if mixed
                else (data.draw(valid_value_for(key, currency, options)), True)
            )
        if rarely(data, 20):  # a term that never was, or is no longer, on the table
            values[data.draw(st.sampled_from(sorted(set(UNKNOWN_TERMS) | set(TERMS) - self.model.terms)))] = (
                "1"
            )
        return values, values_reasons(values, ok, self.model.terms, empty_ok)

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
            pid: (p.side, p.active) for pid, p in model.parties.items()
        }
        assert {
            pid: (p.from_party, p.to_parties, p.status, p.accepted_by) for pid, p in live.proposals.items()
        } == {
            pid: (p.from_party, p.to_parties, p.status, p.accepted_by) for pid, p in model.proposals.items()
        }
