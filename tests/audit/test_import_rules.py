"""Imports obey the rules of live steps: a forged file whose hash chain was recomputed over a value no
step could record (too long, outside its vocabulary, fields the event does not have, an actor that is
not an email address) is refused naming the version and the field, and nothing is stored."""

from __future__ import annotations

import pytest

from tests.support.audit import opened
from tests.support.config import make_config
from tests.support.forged_exports import exported_history, forged
from tracker.audit import ImportRefused, import_negotiation, verify_negotiation

OWNER = "owner@example.org"


def refusal(document, **kwargs) -> ImportRefused:
    with opened(make_config(store="memory")) as target:
        with pytest.raises(ImportRefused) as caught:
            import_negotiation(target, document, **kwargs)
        assert target.negotiation_ids() == []
    assert "Nothing was imported" in caught.value.message
    return caught.value


def test_a_real_history_still_imports():
    with opened(make_config(store="memory")) as target:
        result = import_negotiation(target, exported_history(OWNER))
        assert result.events == 5 and verify_negotiation(target, result.negotiation_id).intact


def test_the_demo_with_every_kind_of_step_still_imports():
    from tracker.audit.exporting import export_negotiation
    from tracker.demo import load_demo

    with opened(make_config(store="memory")) as source:
        document = export_negotiation(source, load_demo(source))
    with opened(make_config(store="memory")) as target:
        assert import_negotiation(target, document).events == 41  # and the import's mark


@pytest.mark.parametrize(
    "version, edit, field, words",
    [
        (1, lambda s: s.update(title="x" * 1_000_000), "title", "under 200 characters"),
        (3, lambda s: s.update(side="overlord"), "side", "overlord"),
        (2, lambda s: s.update(name="  Alex Morgan"), "name", "not what this step records"),
        (4, lambda s: s.update(text=""), "text", "required"),
        (2, lambda s: s.update(__class__="os:system"), "__class__", "not a field"),
        (2, lambda s: s.update(originator_version=99), "originator_version", "not a field"),
        (3, lambda s: s.update(party_id="p9"), "party_id", "not what this step records"),
        (2, lambda s: s.pop("role"), "role", "missing"),
        (4, lambda s: s.update(actor=OWNER + " "), "actor", ""),
        (4, lambda s: s.update(actor="not an address"), "actor", "not a valid email"),
        (1, lambda s: s.update(actor="Owner@Example.org"), "actor", "owner@example.org"),
        (1, lambda s: s.update(kind="heist"), "kind", "heist"),
    ],
)
def test_a_forged_event_is_refused_naming_its_version_and_field(version, edit, field, words):
    error = refusal(forged(exported_history(OWNER), {version: edit}))
    assert (error.version, error.field) == (version, field)
    assert f"Event {version}" in error.message and f"'{field}'" in error.message and words in error.message


def test_a_party_joining_twice_is_refused_as_a_live_step_would_be():
    def rename(state):
        state["name"] = "Alex Morgan"

    error = refusal(forged(exported_history(OWNER), {3: rename}))
    assert (error.version, error.field) == (3, "name") and "already a party" in error.message


def test_names_as_actors_are_accepted_only_by_a_tracker_without_accounts():
    named = {v: (lambda s: s.update(actor="local user")) for v in (1, 2, 3, 4)}
    document = forged(exported_history(OWNER), named)
    assert refusal(document).field == "actor"
    spaced = forged(document, {2: lambda s: s.update(actor="local user ")})
    assert refusal(spaced, email_actors=False).field == "actor"
    with opened(make_config(store="memory")) as target:
        assert import_negotiation(target, document, email_actors=False).events == 5  # and the import's mark


def test_an_agreement_holds_the_accepted_proposals_terms():
    from tracker.audit.exporting import export_negotiation
    from tracker.demo import load_demo

    with opened(make_config(store="memory")) as source:
        document = export_negotiation(source, load_demo(source))
    concluded = next(e["version"] for e in document["events"] if e["type"] == "Concluded")
    error = refusal(forged(document, {concluded: lambda s: s["final_terms"].clear()}))
    assert (error.version, error.field) == (concluded, "final_terms")
