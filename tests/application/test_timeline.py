"""The timeline: each event as a readable sentence, with its actor, times and digest."""

from tracker.demo import ACTOR, load_demo


def test_the_sample_negotiation_reads_as_a_story(store_tracker):
    nid = load_demo(store_tracker)
    timeline = store_tracker.timeline(nid)
    sentences = [entry.sentence for entry in timeline]
    assert [entry.version for entry in timeline] == list(range(1, len(timeline) + 1))
    assert sentences[0] == "Started “Senior Data Engineer offer at Northwind”: job offer, standard ask"
    assert sentences[1] == "Recorded a long-term career goal: Lead a data platform team within three years."
    assert "Dana Kim (hiring manager) joined on the counterpart side" in sentences
    assert "Put Base salary on the table (money, EUR, higher is better)" in sentences
    assert (
        "Set the priority on Base salary: weight 40, target 130,000 EUR, walk-away 112,000 EUR" in sentences
    )
    assert (
        "Logged research on Base salary from Levels survey 2026, Berlin, senior DE: "
        "105,000 / 122,000 / 140,000 EUR (low / typical / high)"
    ) in sentences
    assert "Enlisted Priya Shah (former manager, now at Northwind) as an ally, supportive" in sentences
    assert "Jon Berg is now supportive (Agrees the ask is realistic.)" in sentences
    assert any(
        s.startswith("Logged an alternative, Offer from Contoso (competing offer): Base salary 124,000 EUR")
        for s in sentences
    )
    assert any(
        s.startswith("Dana Kim (hiring manager) proposed to Alex Morgan (candidate): Base salary 118,000 EUR")
        for s in sentences
    )
    assert any(
        s.startswith(
            "Alex Morgan (candidate) countered proposal #1 from Dana Kim to Dana Kim (hiring manager), "
            "Rick Alvarez (recruiter): Base salary 132,000 EUR"
        )
        for s in sentences
    )
    assert (
        "Call with Dana Kim (hiring manager), Alex Morgan (candidate) (warm): Dana walked through the offer; "
        "open to discussing remote days." in sentences
    )
    assert (
        sentences[-3]
        == "Dana Kim (hiring manager) accepted proposal #4 from Alex Morgan (Approved by the department head.)"
    )
    assert sentences[-2].startswith("Concluded: agreed on Base salary 127,000 EUR, Sign-on bonus 5,000 EUR")
    assert sentences[-1].startswith("Lessons learned: Market data plus a polite mention")


def test_timeline_entries_carry_who_when_and_the_digest(store_tracker):
    nid = load_demo(store_tracker)
    timeline = store_tracker.timeline(nid)
    events = list(store_tracker.events.get(nid))
    assert {entry.actor for entry in timeline} == {ACTOR}
    for entry, event in zip(timeline, events, strict=True):
        assert (entry.event_type, entry.recorded_at, entry.digest) == (
            type(event).__name__,
            event.timestamp,
            event.digest,
        )
        assert "digest" not in entry.data and "actor" not in entry.data
    call = next(entry for entry in timeline if entry.event_type == "InteractionLogged")
    assert call.occurred_at is not None and call.occurred_at < call.recorded_at
    assert call.data["channel"] == "call" and call.data["participants"] == ["p2", "p1"]


def test_names_in_the_timeline_are_those_known_at_each_step(store_tracker):
    nid = store_tracker.start_negotiation(actor=ACTOR, title="Promotion", kind="promotion")
    store_tracker.step(nid, "add_term", actor=ACTOR, key="scope", label="Scope", kind="text")
    store_tracker.step(nid, "revise_term", actor=ACTOR, key="scope", label="Scope of authority")
    store_tracker.step(nid, "remove_term", actor=ACTOR, key="scope", reason="Parked.")
    sentences = [entry.sentence for entry in store_tracker.timeline(nid)]
    assert sentences[1:] == [
        "Put Scope on the table (text)",
        "Revised the term Scope of authority",
        "Took Scope of authority off the table (Parked.)",
    ]
