"""Money schedules: set for every package or one, taken off with kind none; each kind's figures
checked, every bad field named at once; replay gives the same state."""

from __future__ import annotations

import pytest

from tests.support.analysis_builders import Deal
from tracker.domain.describe import describe
from tracker.domain.errors import InvalidValue, Refusals
from tracker.domain.money_schedule import schedule_words


def test_a_schedule_for_every_package_and_one_for_a_competing_offer():
    deal = Deal().terms("base_salary", "equity")
    alt = deal.alternative("Contoso", base_salary="100000", equity="80000")
    deal.do("set_money_schedule", term_key="equity", kind="vesting", vesting="5/15/40/40", cliff_months="12")
    deal.do(
        "set_money_schedule",
        term_key="equity",
        kind="vesting",
        package_key=f"alternative:{alt}",
        vesting=[25, 25, 25, 25],
        cliff_months=18,
        payout_percent="70",  # another kind's field: not kept
    )
    assert deal.n.money_schedules == {
        "": {"equity": {"kind": "vesting", "vesting": ["5", "15", "40", "40"], "cliff_months": 12}},
        f"alternative:{alt}": {
            "equity": {"kind": "vesting", "vesting": ["25", "25", "25", "25"], "cliff_months": 18}
        },
    }
    deal.do("set_money_schedule", term_key="equity", kind="none")
    assert list(deal.n.money_schedules) == [f"alternative:{alt}"]
    with pytest.raises(InvalidValue, match="no schedule to take off"):
        deal.do("set_money_schedule", term_key="equity", kind="none")


def test_each_kind_keeps_its_own_figures_and_reads_as_a_coach_says_it():
    deal = Deal().terms("base_salary", "target_bonus", "sign_on")
    deal.do("set_money_schedule", term_key="sign_on", kind="one_off", clawback_months=12)
    deal.do(
        "set_money_schedule", term_key="target_bonus", kind="bonus", guaranteed_years=1, payout_percent="70"
    )
    deal.do(
        "set_money_schedule", term_key="base_salary", kind="raise", raise_percent="3", raise_after_months=6
    )
    every = deal.n.money_schedules[""]
    assert every["base_salary"] == {
        "kind": "raise",
        "raise_percent": "3",
        "raise_after_months": 6,
        "review_months": 12,
    }
    assert [schedule_words(every[k]) for k in ("sign_on", "target_bonus", "base_salary")] == [
        "paid once in year 1, repaid in full if you leave within 12 months",
        "guaranteed in year 1, then at a 70% payout chance",
        "rising 3% after 6 months, then every 12 months",
    ]
    sentences = [describe(deal.n, e) for e in deal.n.pending_events[-3:]]
    assert sentences[0] == (
        "Sign-on bonus: paid once in year 1, repaid in full if you leave within 12 months, in every package"
    )


def test_every_bad_field_is_named_at_once():
    deal = Deal().terms("base_salary", "remote_days")
    with pytest.raises(Refusals) as refused:
        deal.do(
            "set_money_schedule",
            term_key="bonus",
            kind="vesting",
            package_key="proposal:nope",
            vesting="25/25/25",
        )
    assert {e.field for e in refused.value.errors} == {"term_key", "package_key", "vesting"}
    with pytest.raises(Refusals) as refused:
        deal.do(
            "set_money_schedule",
            term_key="base_salary",
            kind="raise",
            raise_percent="0",
            raise_after_months="x",
        )
    assert {e.field for e in refused.value.errors} == {"raise_percent", "raise_after_months"}
    with pytest.raises(InvalidValue, match="money term; Remote days per week is a days term"):
        deal.do("set_money_schedule", term_key="remote_days", kind="one_off")
    with pytest.raises(InvalidValue, match="add up to 95, not 100") as refused:
        deal.do("set_money_schedule", term_key="base_salary", kind="vesting", vesting="50/45", cliff_months=0)
    assert refused.value.field == "vesting"
    with pytest.raises(InvalidValue, match="from 0 to 100") as refused:
        deal.do("set_money_schedule", term_key="base_salary", kind="bonus", payout_percent="120")
    assert refused.value.field == "payout_percent"
    with pytest.raises(InvalidValue, match="'monthly' is not one of"):
        deal.do("set_money_schedule", term_key="base_salary", kind="monthly")
    assert deal.n.money_schedules == {}


def test_the_state_is_the_same_after_replay_and_old_negotiations_have_none():
    deal = Deal().terms("equity")
    assert deal.n.money_schedules == {}
    deal.do("set_money_schedule", term_key="equity", kind="vesting", vesting="25/25/25/25", cliff_months=12)
    replayed = None
    for event in deal.n.pending_events:
        replayed = event.mutate(replayed)
    assert replayed.money_schedules == deal.n.money_schedules
    assert type(deal.n).money_schedules == {}  # the class default is never changed in place
