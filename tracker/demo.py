"""A realistic sample negotiation: a job offer with four parties, eight terms, research, two allies,
a competing offer, three rounds of proposals and an agreement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

from tracker.application import NegotiationTracker

ACTOR = "demo@example.org"


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


#: Alex's guess of the hiring manager's priorities: (term, weight, target, walk-away).
DANAS_PRIORITIES = (
    ("base_salary", 50, eur("118000"), eur("130000")),
    ("sign_on", 20, eur("0"), eur("10000")),
    ("target_bonus", 10, "10", "15"),
    ("remote_days", 10, "2", "4"),
    ("pto_days", 10, "26", "30"),
)

#: How the offer's money pays out year by year, as Dana explained it on the first call: the sign-on
#: bonus is clawed back within a year, the bonus is guaranteed in year 1 only, raises come at review.
SAMPLE_SCHEDULES = (
    dict(term_key="sign_on", kind="one_off", clawback_months=12),
    dict(term_key="target_bonus", kind="bonus", guaranteed_years=1, payout_percent="80"),
    dict(term_key="base_salary", kind="raise", raise_percent="3", raise_after_months=12),
)


def load_demo(
    tracker: NegotiationTracker,
    actor: str = ACTOR,
    *,
    their_priorities: bool = False,
    money_schedules: bool = False,
) -> UUID:
    """The sample job-offer negotiation (40 steps, agreed on the fourth proposal). With
    ``their_priorities`` (as the app and ``tracker demo`` load it) Alex also records a guess of the
    hiring manager's priorities after the first call (5 steps more), so the win-win analysis has two
    sides to compare; with ``money_schedules`` (the app and ``tracker demo`` too) how the money pays out
    year by year (3 steps more), so the analysis shows the four-year table with its assumptions;
    without either, the 40-step history the audit tests know by heart."""
    now = datetime.now(UTC)

    def ago(days: int) -> datetime:
        return now - timedelta(days=days)

    nid = tracker.start_negotiation(
        actor=actor,
        title="Senior Data Engineer offer at Northwind",
        kind="job_offer",
        opportunity_type="standard",
        description="Offer after four interview rounds; team lead role later.",
        occurred_at=ago(30),
    )

    def step(command: str, **fields):
        return tracker.step(nid, command, actor=actor, **fields).value

    step(
        "record_aspiration",
        horizon="long_term",
        area="career",
        text="Lead a data platform team within three years.",
    )
    step(
        "record_aspiration",
        horizon="short_term",
        area="life",
        text="Work from home at least three days a week; no more than 20% travel.",
    )
    me = step("join_party", name="Alex Morgan", role="candidate", side="owner")
    dana = step("join_party", name="Dana Kim", role="hiring manager", side="counterpart")
    rick = step("join_party", name="Rick Alvarez", role="recruiter", side="counterpart")
    step("join_party", name="Sam Patel", role="career coach", side="advisor")
    terms = [
        dict(key="base_salary", label="Base salary", kind="money", currency="EUR", better="higher"),
        dict(key="sign_on", label="Sign-on bonus", kind="money", currency="EUR", better="higher"),
        dict(key="target_bonus", label="Target bonus", kind="percent", better="higher"),
        dict(
            key="remote_days",
            label="Remote days per week",
            kind="days",
            better="higher",
            minimum="0",
            maximum="7",
        ),
        dict(key="pto_days", label="Paid time off", kind="days", better="higher"),
        dict(key="start_date", label="Start date", kind="date", better="none"),
        dict(
            key="title",
            label="Title",
            kind="choice",
            options="Data Engineer, Senior Data Engineer, Staff Data Engineer",
        ),
        dict(key="training_budget", label="Training budget", kind="money", currency="EUR", better="higher"),
    ]
    for term in terms:
        step("add_term", **term)
    step("set_priority", term_key="base_salary", weight=40, target=eur("130000"), walk_away=eur("112000"))
    step("set_priority", term_key="remote_days", weight=20, target="3", walk_away="2")
    step("set_priority", term_key="sign_on", weight=10, target=eur("15000"), walk_away=eur("0"))
    step("set_priority", term_key="target_bonus", weight=10, target="15", walk_away="8")
    step("set_priority", term_key="pto_days", weight=10, target="30", walk_away="25")
    step(
        "set_priority",
        term_key="title",
        weight=5,
        target="Senior Data Engineer",
        walk_away="Data Engineer",
        ratings={"Data Engineer": 20, "Senior Data Engineer": 80, "Staff Data Engineer": 100},
    )
    step("set_priority", term_key="training_budget", weight=5, target=eur("3000"), walk_away=eur("1000"))
    step(
        "log_research",
        term_key="base_salary",
        source="Levels survey 2026, Berlin, senior DE",
        low="105000",
        typical="122000",
        high="140000",
        link="https://example.org/levels-2026",
    )
    step(
        "log_research",
        term_key="remote_days",
        source="Northwind employee handbook",
        text="Standard policy is two remote days; exceptions approved by the department head.",
    )
    coach = step(
        "enlist_ally",
        name="Priya Shah",
        relationship="former manager, now at Northwind",
        stance="supportive",
        note="Knows the department head.",
    )
    step(
        "log_ally_action",
        ally_id=coach,
        action="Told the department head about my platform work.",
        occurred_at=ago(20),
    )
    mentor = step("enlist_ally", name="Jon Berg", relationship="mentor", stance="neutral")
    step(
        "log_ally_action",
        ally_id=mentor,
        action="Reviewed my counter-proposal and suggested trading sign-on for remote days.",
    )
    step("change_ally_stance", ally_id=mentor, stance="supportive", reason="Agrees the ask is realistic.")
    step(
        "log_alternative",
        label="Offer from Contoso",
        kind="competing_offer",
        deadline=(now + timedelta(days=10)).date().isoformat(),
        values={"base_salary": eur("124000"), "remote_days": "2", "pto_days": "28", "target_bonus": "10"},
    )
    step(
        "log_alternative",
        label="Stay at current job",
        kind="status_quo",
        values={"base_salary": eur("108000"), "remote_days": "1", "pto_days": "27"},
    )
    p1 = step(
        "make_proposal",
        from_party=dana,
        to_parties=[me],
        occurred_at=ago(14),
        rationale="Our standard senior package.",
        values={
            "base_salary": eur("118000"),
            "sign_on": eur("5000"),
            "target_bonus": "10",
            "remote_days": "2",
            "pto_days": "26",
            "start_date": (now + timedelta(days=45)).date().isoformat(),
            "title": "Data Engineer",
            "training_budget": eur("1500"),
        },
    )
    step(
        "log_interaction",
        channel="call",
        participants=[dana, me],
        tone="warm",
        occurred_at=ago(13),
        summary="Dana walked through the offer; open to discussing remote days.",
    )
    # Alex's best guess of what matters to Dana (her budget first), for the win-win analysis.
    for key, weight, target, walk_away in DANAS_PRIORITIES if their_priorities else ():
        step("set_priority", term_key=key, weight=weight, target=target, walk_away=walk_away, party_id=dana)
    for schedule in SAMPLE_SCHEDULES if money_schedules else ():
        step("set_money_schedule", **schedule)
    p2 = step(
        "make_proposal",
        from_party=me,
        to_parties=[dana, rick],
        in_reply_to=p1,
        occurred_at=ago(10),
        rationale="Market data puts the role at 122k typical; I have a competing offer at 124k.",
        values={
            "base_salary": eur("132000"),
            "sign_on": eur("10000"),
            "target_bonus": "15",
            "remote_days": "3",
            "pto_days": "30",
            "title": "Senior Data Engineer",
            "training_budget": eur("3000"),
        },
    )
    p3 = step(
        "make_proposal",
        from_party=dana,
        to_parties=[me],
        in_reply_to=p2,
        occurred_at=ago(6),
        rationale="Best we can do on base; flexible on remote and title.",
        values={
            "base_salary": eur("124000"),
            "sign_on": eur("8000"),
            "target_bonus": "12",
            "remote_days": "3",
            "pto_days": "28",
            "title": "Senior Data Engineer",
            "training_budget": eur("2500"),
        },
    )
    p4 = step(
        "make_proposal",
        from_party=me,
        to_parties=[dana, rick],
        in_reply_to=p3,
        occurred_at=ago(4),
        rationale="Happy to trade sign-on for base.",
        values={
            "base_salary": eur("127000"),
            "sign_on": eur("5000"),
            "target_bonus": "12",
            "remote_days": "3",
            "pto_days": "28",
            "title": "Senior Data Engineer",
            "training_budget": eur("2500"),
        },
    )
    step("accept_proposal", proposal_id=p4, party=rick, reason="Within band.", occurred_at=ago(3))
    step(
        "accept_proposal",
        proposal_id=p4,
        party=dana,
        reason="Approved by the department head.",
        occurred_at=ago(2),
    )
    step(
        "record_lessons",
        lessons="Market data plus a polite mention of the competing offer moved base by 9k; "
        "trading sign-on for base worked.",
    )
    return nid
