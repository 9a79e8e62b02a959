"""After the load: compare the ledger of answers with what the store holds.

* every acknowledged request id is stored exactly once, at the version its first answer named;
* every request whose last answer was 409 is not stored at all; an unanswered one at most once;
* every negotiation's hash chain verifies (``verify_all``) and it replays to its stored version
  (nothing half-written);
* the read model, caught up, agrees with the store: as many negotiations listed as stored, and each
  one's version and stage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from tests.support.step_load import Ledger
from tracker.audit.verify import stored_negotiation_ids, verify_all
from tracker.bootstrap import build_people, build_tracker
from tracker.domain.requests import request_key


def stored_request_ids(tracker: Any) -> tuple[Counter, dict[str, tuple[str, int]]]:
    """How often each request id is stored, and where (negotiation id, version) it is; by the key the
    client sent (the API records it with its request's fingerprint: tracker.domain.requests)."""
    counts: Counter = Counter()
    where: dict[str, tuple[str, int]] = {}
    for nid in stored_negotiation_ids(tracker):
        for event in tracker.events.get(nid):
            if event.request_id:
                key = request_key(event.request_id)
                counts[key] += 1
                where[key] = (str(nid), event.originator_version)
    return counts, where


def check_store(config: Mapping[str, Any], ledger: Ledger, owner: str | None) -> dict[str, int]:
    """Asserts the module's promises; returns the figures to report."""
    tracker = build_tracker(config)
    try:
        counts, where = stored_request_ids(tracker)
        problems = []
        for key, outcome in ledger.outcomes.items():
            stored = counts.get(key, 0)
            if outcome.acked:
                if stored != 1:
                    problems.append(f"{key} acknowledged but stored {stored} times")
                elif outcome.acked_version is not None and where[key][1] != outcome.acked_version:
                    problems.append(
                        f"{key} acknowledged as version {outcome.acked_version}, stored at {where[key]}"
                    )
            elif outcome.last == "refused" and stored != 0:
                problems.append(f"{key} refused (409) but stored {stored} times")
            elif stored > 1:
                problems.append(f"{key} unanswered but stored {stored} times")
        strangers = [k for k in counts if k not in ledger.outcomes]
        assert not strangers, f"events with request ids nobody sent: {strangers[:5]}"
        assert not problems, problems[:20]

        reports = verify_all(tracker)
        broken = [r for r in reports if not r.intact]
        assert not broken, broken[:5]
        ids = stored_negotiation_ids(tracker)
        events = 0
        for nid in ids:
            stored_versions = [e.originator_version for e in tracker.events.get(nid)]
            assert stored_versions == list(range(1, len(stored_versions) + 1)), f"gaps in {nid}"
            assert tracker.get(nid).version == len(stored_versions)  # replays to the stored head
            events += len(stored_versions)

        agreed = check_read_model(config, tracker, ids, owner)
        return {
            "negotiations stored": len(ids),
            "events stored": events,
            "chains verified": len(reports),
            "acknowledged steps found once": len(ledger.acked()),
            "read model rows agreeing": agreed,
            "steps cut off by a kill": sum(1 for o in ledger.outcomes.values() if o.cut_off),
            "cut off, sent again, found stored once": sum(
                1 for o in ledger.outcomes.values() if o.cut_off and o.acked
            ),
        }
    finally:
        tracker.close()


def check_read_model(config: Mapping[str, Any], tracker: Any, ids: list, owner: str | None) -> int:
    """The read model (as a fresh process would see it, after catching up) agrees with the store."""
    people = build_people(config, tracker)
    try:
        model = people.read_model
        model.catch_up()
        if owner is not None:
            page = model.list_negotiations(visible_to=owner, per_page=100)
            assert page.total == len(ids), f"read model lists {page.total}, the store holds {len(ids)}"
        for nid in ids:
            negotiation = tracker.get(nid)
            row = model.summary(nid)
            assert row is not None, f"{nid} missing from the read model"
            assert (row.version, row.stage) == (negotiation.version, negotiation.stage_value), nid
        return len(ids)
    finally:
        people.close()
