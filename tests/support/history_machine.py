"""The random-history state machine: several parties bargain through the application service with
random valid and invalid steps (the rules below), on the in-memory store or the SQLite file store."""

from __future__ import annotations

import shutil
import tempfile
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import precondition, rule

from tests.support import history_checks as checks
from tests.support.config import make_config
from tests.support.history_model import OPEN_STAGES, OUTCOMES, SIDES
from tests.support.history_runner import NAMES, HistoryRunner, rarely
from tests.support.history_values import OPTION_SETS, TERMS
from tracker.application import NegotiationTracker
from tracker.bootstrap import build_tracker


class NegotiationHistories(HistoryRunner):
    """Random steps among the parties: proposals, counter-proposals, answers by the parties they
    concern and by others, conclusions and reopenings, stage changes, parties and terms coming and
    going, notes; each sometimes with bad input."""

    def make_proposal(self, data: Any, sender: Any, to: Any, in_reply_to: Any) -> None:
        values, reasons = self.values(data)
        common, actor_ok, when_ok = self.common(data)
        covered = {k: self.model.token(k, v) for k, v in values.items()} if isinstance(values, dict) else {}
        prediction = self.model.make_proposal(sender, to, reasons, in_reply_to, actor_ok, when_ok, covered)
        self.run(
            data,
            "make_proposal",
            prediction,
            dict(
                from_party=sender,
                to_parties=to,
                values=values,
                in_reply_to=in_reply_to,
                rationale="Fair.",
                **common,
            ),
        )

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
        """An open proposal answered, mostly by a party entitled to (its maker withdraws it; a party
        it awaits accepts or rejects it; the last acceptance makes the agreement)."""
        self.respond(data, verb, self.proposal(data, open_only=True))

    @precondition(lambda self: any(p.status == "open" for p in self.model.proposals.values()))
    @rule(data=st.data())
    def accept(self, data: Any) -> None:
        """A party an open proposal awaits accepts it; the last acceptance makes the agreement."""
        self.respond(data, "accept", self.proposal(data, open_only=True))

    @precondition(lambda self: self.model.proposals)
    @rule(data=st.data(), verb=st.sampled_from(["withdraw", "accept", "reject"]))
    def answer(self, data: Any, verb: str) -> None:
        """Any answer to any proposal (open or not), mostly by a party not entitled to give it: an
        acceptance by its maker or a bystander, a withdrawal by a party it was made to..."""
        self.respond(data, verb, self.proposal(data), focused=False)

    def respond(self, data: Any, verb: str, proposal_id: Any, focused: bool = True) -> None:
        proposal = self.model.proposals.get(proposal_id) if isinstance(proposal_id, str) else None
        preferred = None
        if proposal is not None:
            awaiting = [
                p for p in proposal.to_parties if p not in proposal.accepted_by
            ] or proposal.to_parties
            preferred = [proposal.from_party] if verb == "withdraw" else awaiting
            wrong = rarely(data, 4) if focused else not data.draw(st.booleans())
            if wrong:  # a party who may not answer it this way
                preferred = [p for p in self.model.parties if p not in preferred]
        party = self.party(data, preferred)
        common, actor_ok, when_ok = self.common(data)
        prediction = getattr(self.model, verb)(proposal_id, party, actor_ok, when_ok)
        self.run(
            data,
            f"{verb}_proposal",
            prediction,
            dict(proposal_id=proposal_id, party=party, reason="Because.", **common),
        )

    @rule(data=st.data())
    def close_or_reopen(self, data: Any) -> None:
        """Mostly: an open negotiation is concluded with an outcome, a closed one is reopened.
        Sometimes the other way round, which the domain must refuse."""
        if self.model.closed != rarely(data, 6):
            reason = (
                data.draw(st.sampled_from(["The start date moved.", "  "]))
                if rarely(data, 6)
                else "New facts."
            )
            common, actor_ok, when_ok = self.common(data)
            self.run(
                data,
                "reopen",
                self.model.reopen(bool(reason.strip()), actor_ok, when_ok),
                dict(reason=reason, **common),
            )
            return
        outcome = data.draw(
            st.sampled_from(("won", "") if rarely(data, 10) else OUTCOMES[1:] + ("agreed",) * 2)
        )
        kind = data.draw(st.integers(0, 3))
        terms, reasons = self.values(data, empty_ok=True) if kind == 3 else ([None, {}, None][kind], set())
        common, actor_ok, when_ok = self.common(data)
        prediction = self.model.conclude(outcome, reasons, bool(terms), actor_ok, when_ok)
        self.run(data, "conclude", prediction, dict(outcome=outcome, final_terms=terms, lessons="", **common))

    @precondition(
        lambda self: (
            not self.model.closed and any(p.status == "accepted" for p in self.model.proposals.values())
        )
    )
    @rule(data=st.data())
    def reconfirm(self, data: Any) -> None:
        """Reopened after an agreement, the negotiation is concluded on the proposal accepted before
        (refused if its terms have since left the table or changed)."""
        common, actor_ok, when_ok = self.common(data)
        self.run(
            data,
            "conclude",
            self.model.conclude("agreed", set(), False, actor_ok, when_ok),
            dict(outcome="agreed", lessons="Same deal after all.", **common),
        )

    @rule(
        data=st.data(), stage=st.sampled_from(OPEN_STAGES + OPEN_STAGES + ("agreed", "stalled", "finished"))
    )
    def change_stage(self, data: Any, stage: str) -> None:
        common, actor_ok, when_ok = self.common(data)
        self.run(
            data,
            "change_stage",
            self.model.change_stage(stage, actor_ok, when_ok),
            dict(stage=stage, reason="", **common),
        )

    @precondition(lambda self: len(self.model.parties) < 8)
    @rule(data=st.data(), side=st.sampled_from((*SIDES, "boss")))
    def join_party(self, data: Any, side: str) -> None:
        """A new party joins (sometimes with a name already at the table, or none)."""
        name = (
            data.draw(st.sampled_from((*NAMES, "", "  ")))
            if rarely(data, 5)
            else f"Guest {self.next_request}"
        )
        common, actor_ok, when_ok = self.common(data)
        self.run(
            data,
            "join_party",
            self.model.join_party(name, side, actor_ok, when_ok),
            dict(name=name, role="", side=side, **common),
        )

    @rule(data=st.data())
    def retable_term(self, data: Any) -> None:
        """A term comes off the table (refused while an open proposal covers it) or goes back on
        (sometimes with a bad currency, or while it is still there). Mostly a term some proposal covers."""
        covered = sorted({key for p in self.model.proposals.values() for key in p.values})
        key = data.draw(st.sampled_from(covered if covered and not rarely(data, 3) else sorted(TERMS)))
        common, actor_ok, when_ok = self.common(data)
        if (key in self.model.terms) != rarely(data, 6):
            self.run(
                data,
                "remove_term",
                self.model.remove_term(key, actor_ok, when_ok),
                dict(key=key, reason="Settled.", **common),
            )
            return
        spec = dict(TERMS[key])
        currency_ok = True
        if spec["kind"] == "money" and rarely(data, 4):
            spec["currency"], currency_ok = data.draw(
                st.sampled_from([("US", False), ("", False), ("usd", True)])
            )
        prediction = self.model.add_term(
            key, spec.get("currency"), currency_ok, actor_ok, when_ok, spec.get("options")
        )
        self.run(data, "add_term", prediction, dict(key=key, **spec, **common))

    @rule(data=st.data(), options=st.sampled_from(OPTION_SETS))
    def revise_options(self, data: Any, options: tuple[str, ...]) -> None:
        """The title's options change (refused while an open proposal offers one left out)."""
        common, actor_ok, when_ok = self.common(data)
        self.run(
            data,
            "revise_term",
            self.model.revise_term("title", options, actor_ok, when_ok),
            dict(key="title", options=list(options), **common),
        )

    @rule(data=st.data())
    def leave_party(self, data: Any) -> None:
        party = self.party(data)
        common, actor_ok, when_ok = self.common(data)
        self.run(
            data,
            "leave_party",
            self.model.leave_party(party, actor_ok, when_ok),
            dict(party_id=party, reason="Moved on.", **common),
        )

    @rule(
        data=st.data(),
        command=st.sampled_from(["add_note", "record_lessons"]),
        text=st.sampled_from(
            ["Ask about the training budget.", "Ask about the training budget.", "", "\x00"]
        ),
    )
    def write_down(self, data: Any, command: str, text: str) -> None:
        common, actor_ok, when_ok = self.common(data)
        predict = self.model.add_note if command == "add_note" else self.model.record_lessons
        field = "text" if command == "add_note" else "lessons"
        self.run(
            data,
            command,
            predict(bool(text.strip()) and text.isprintable(), actor_ok, when_ok),
            {field: text, **common},
        )

    @rule(data=st.data())
    def look_back(self, data: Any) -> None:
        """The negotiation as it stood at a random earlier version equals a replay up to there."""
        version = data.draw(st.integers(1, self.model.version))
        checks.check_version(self.tracker, self.nid, list(self.tracker.events.get(self.nid)), version)
        self.counts["past versions compared"] += 1


class SqliteHistories(NegotiationHistories):
    """The same histories on the SQLite file store, read back by a second, cache-less service."""

    run_name = "sqlite"

    def __init__(self) -> None:
        self.directory = tempfile.mkdtemp(prefix="histories-")
        super().__init__()
        self.reader = build_tracker(dict(self.config(), aggregate_cache_size=0, snapshot_interval=0))

    def config(self) -> dict[str, Any]:
        return make_config(
            store="sqlite", data_dir=self.directory, sqlite_file="tracker.sqlite", snapshot_interval=4
        )

    def readers(self) -> tuple[NegotiationTracker, ...]:
        return (self.reader,)

    def teardown(self) -> None:
        try:
            super().teardown()
            self.reader.close()
        finally:
            shutil.rmtree(self.directory, ignore_errors=True)
