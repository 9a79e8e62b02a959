from datetime import timedelta

from tests.support.analysis_builders import Deal
from tracker.analysis.readiness import readiness
from tracker.analysis.settings import AnalysisSettings


def items(result):
    return {i.key: i for i in result.items}


def test_an_empty_negotiation_lists_what_to_prepare_with_reasons():
    deal = Deal()
    result = readiness(deal.n, deal.n.modified_on)
    status = {k: (i.status, i.reason) for k, i in items(result).items()}
    assert status["aspirations"][0] == "missing"
    assert status["priorities"] == ("missing", "No terms are on the table yet.")
    assert status["research"] == ("missing", "No money terms on the table yet.")
    assert status["allies"][0] == "missing" and status["alternative"][0] == "missing"
    assert status["opportunity_type"][0] == "check"
    assert status["specific_targets"] == ("missing", "No targets set yet.")
    assert result.done_count == 0 and result.hints == []


def prepared() -> Deal:
    deal = Deal(opportunity_type="personal_arrangement").terms("base_salary", "remote_days")
    deal.do("record_aspiration", horizon="long_term", text="Lead a platform team within three years.")
    deal.priority("base_salary", 60, "130000", "110000").priority("remote_days", 40, "3", "1")
    deal.do("log_research", term_key="base_salary", source="Levels survey", typical="122000")
    ally = deal.do("enlist_ally", name="Priya Shah", relationship="former manager")
    deal.do("log_ally_action", ally_id=ally, action="Spoke to the department head.")
    deal.alternative("Offer from Contoso", base_salary="124000")
    deal.do(
        "add_value_entry",
        kind="achievement",
        text="Shipped the platform.",
        supports=["base_salary", "remote_days"],
    )
    for key in ("base_salary", "remote_days"):
        deal.do("map_authority", term_key=key, party_id=deal.dana, role="decides")
    deal.do(
        "log_interaction",
        channel="call",
        summary="Dana walked me through the offer.",
        participants=[deal.dana],
    )
    return deal


def test_a_prepared_negotiation_ticks_every_item():
    result = readiness(prepared().n, prepared().n.modified_on)
    assert {i.key: i.status for i in result.items} == dict.fromkeys(items(result), "done")
    assert items(result)["allies"].reason == "Priya Shah (supportive): Spoke to the department head."
    assert items(result)["opportunity_type"].reason == "Recorded as a personal arrangement."


def test_gaps_name_the_terms_concerned():
    deal = prepared().term("training_budget").term("scope")
    deal.priority("scope", 10, "More responsibility", "Same as now")
    result = items(readiness(deal.n, deal.n.modified_on))
    assert result["priorities"].reason == "Not set for: Training budget."
    assert result["research"].reason == "No market figures for: Training budget."
    assert result["specific_targets"].status == "missing"
    assert "Targets in words only: Scope." in result["specific_targets"].reason


def test_an_ally_who_has_not_acted_is_not_enough():
    deal = Deal()
    deal.do("enlist_ally", name="Jon Berg", relationship="mentor")
    assert items(readiness(deal.n, deal.n.modified_on))["allies"].reason.startswith("1 ally(ies) enlisted")


def test_benefits_raised_before_any_offer_give_a_timing_hint():
    deal = Deal().terms("base_salary", "pto_days")
    deal.propose(deal.me, base_salary="130000", pto_days="30")
    deal.propose(deal.dana, base_salary="120000", pto_days="25")
    hints = readiness(deal.n, deal.n.modified_on).hints
    assert [h.key for h in hints] == ["benefits_timing"]
    assert "Paid time off before any offer" in hints[0].reason


def test_benefits_after_the_offer_are_fine():
    deal = Deal().terms("base_salary", "pto_days")
    deal.propose(deal.dana, base_salary="120000")
    deal.propose(deal.me, base_salary="130000", pto_days="30")
    assert readiness(deal.n, deal.n.modified_on).hints == []


def test_two_quiet_weeks_give_a_follow_up_hint_with_the_configured_threshold():
    deal = Deal()
    last = deal.n.modified_on
    assert readiness(deal.n, last + timedelta(days=13)).hints == []
    hint = readiness(deal.n, last + timedelta(days=14)).hints[0]
    assert hint.key == "follow_up" and hint.reason.startswith("Nothing recorded for 14 days")
    short = AnalysisSettings(stale_after_days=3)
    assert [h.key for h in readiness(deal.n, last + timedelta(days=3), short).hints] == ["follow_up"]


def test_a_closed_negotiation_needs_no_follow_up():
    deal = Deal()
    deal.do("conclude", outcome="withdrawn")
    assert readiness(deal.n, deal.n.modified_on + timedelta(days=60)).hints == []


def test_a_latest_proposal_below_walk_away_gives_a_hint():
    deal = prepared()
    hints = readiness(deal.n, deal.n.modified_on, latest_below_walk_away=["base_salary"]).hints
    assert hints[0].key == "below_walk_away" and hints[0].reason == "Below your walk-away on: Base salary."


def test_the_follow_up_hint_names_the_day_in_the_readers_time_zone():
    from zoneinfo import ZoneInfo

    deal = Deal()
    last = deal.n.modified_on
    later = last + timedelta(days=14)
    for zone in (ZoneInfo("Pacific/Kiritimati"), ZoneInfo("Pacific/Pago_Pago")):  # UTC+14, UTC-11
        day = last.astimezone(zone).date().isoformat()
        assert f"(since {day})" in readiness(deal.n, later, zone=zone).hints[0].reason
    assert (
        last.astimezone(ZoneInfo("Pacific/Kiritimati")).date()
        != last.astimezone(ZoneInfo("Pacific/Pago_Pago")).date()
    )


def test_each_ask_needs_an_entry_of_the_value_case():
    from tests.support.analysis_builders import Deal
    from tracker.analysis.readiness import checklist

    deal = Deal().terms("base_salary", "remote_days")
    deal.priority("base_salary", 60, target=130000, walk_away=110000)
    deal.priority("remote_days", 40, target=3, walk_away=1)
    item = next(i for i in checklist(deal.n) if i.key == "value_case")
    assert item.status == "missing"
    assert item.reason.startswith("Nothing in your value case supports: Base salary, Remote days per week.")
    deal.do(
        "add_value_entry",
        kind="market_data",
        text="Survey: 130k typical.",
        supports=["base_salary", "remote_days"],
    )
    item = next(i for i in checklist(deal.n) if i.key == "value_case")
    assert item.status == "done" and item.reason == "1 entry backing Base salary, Remote days per week."


def test_each_ask_needs_a_decider_spoken_to():
    from tests.support.analysis_builders import Deal
    from tracker.analysis.readiness import checklist, hints

    deal = Deal().terms("base_salary")
    deal.priority("base_salary", 60, target=130000, walk_away=110000)
    item = next(i for i in checklist(deal.n) if i.key == "deciders")
    assert item.reason == "No one mapped as deciding Base salary."
    priya = deal.do("join_party", name="Priya Shah", role="compensation lead", side="counterpart")
    deal.do("map_authority", term_key="base_salary", party_id=priya, role="decides")
    found = [h for h in hints(deal.n, deal.n.modified_on) if h.key == "decider"]
    assert found[0].reason == (
        "Base salary is decided by Priya Shah (compensation lead), whom you have not spoken to yet: "
        "log a call or email with them before answering."
    )
    deal.do("log_interaction", channel="call", summary="Priya explained the bands.", participants=[priya])
    assert [h for h in hints(deal.n, deal.n.modified_on) if h.key == "decider"] == []
    assert next(i for i in checklist(deal.n) if i.key == "deciders").status == "done"
    deal.do("leave_party", party_id=priya, reason="Moved teams.")
    [left] = [h for h in hints(deal.n, deal.n.modified_on) if h.key == "decider"]
    assert "who has left the negotiation" in left.reason
