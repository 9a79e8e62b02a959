"""Forged export files: a state edited, then every digest after it recomputed, so the hash chain is
intact and only the rules a live step must pass can tell the file is not a real history."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from tests.support.config import make_config
from tracker.bootstrap import build_tracker
from tracker.domain.chain import event_digest

Edit = Callable[[dict[str, Any]], None]


def forged(document: dict[str, Any], edits: dict[int, Edit]) -> dict[str, Any]:
    """A copy of ``document`` with ``edits[version]`` applied to that event's stored state (decoded)
    and the chain recomputed from the first edit on; the readable copies are dropped."""
    doc = copy.deepcopy(document)
    tracker = build_tracker(make_config(store="memory"))
    try:
        transcoder = tracker.mapper.transcoder
        nid, first = doc["negotiation_id"], min(edits)
        prev = doc["events"][first - 2]["stored_state"]["digest"] if first > 1 else None
        for event in doc["events"][first - 1 :]:
            state = transcoder.decode(json.dumps(event["stored_state"]).encode())
            if event["version"] in edits:
                edits[event["version"]](state)
            if prev is not None:
                state["prev_digest"] = prev
            state["digest"] = prev = event_digest(event["topic"], nid, event["version"], state)
            event["stored_state"] = json.loads(transcoder.encode(state))
            for key in ("state", "actor", "recorded_at", "occurred_at", "prev_digest", "digest"):
                event.pop(key, None)
        doc["head_digest"] = prev
        return doc
    finally:
        tracker.close()


def exported_history(owner: str) -> dict[str, Any]:
    """A short real history exported from a store in memory: started, two parties, a term, a note."""
    from tracker.audit.exporting import export_negotiation

    tracker = build_tracker(make_config(store="memory"))
    try:
        nid = tracker.start_negotiation(actor=owner, title="Promotion to staff engineer", kind="promotion")
        tracker.step(nid, "join_party", actor=owner, name="Alex Morgan", role="engineer", side="owner")
        tracker.step(nid, "join_party", actor=owner, name="Dana Kim", role="manager", side="counterpart")
        tracker.step(nid, "add_note", actor=owner, text="Ask for the staff title first")
        return export_negotiation(tracker, nid)
    finally:
        tracker.close()
