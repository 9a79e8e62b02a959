"""What each step records: the Negotiation command of that name and the event it records (an answer
that concludes an agreement records Concluded after it). The application service runs these
commands and no others; the step registry (tracker.schemas.steps) describes each one for the API,
the forms and the menu, and a test keeps the two lists equal."""

from __future__ import annotations

from tracker.domain import events as ev

#: command (the Negotiation method of that name) -> the event it records.
STEP_EVENTS: dict[str, type[ev.NegotiationEvent]] = {
    "record_aspiration": ev.AspirationRecorded,
    "join_party": ev.PartyJoined,
    "leave_party": ev.PartyLeft,
    "add_term": ev.TermAdded,
    "revise_term": ev.TermRevised,
    "remove_term": ev.TermRemoved,
    "set_priority": ev.PrioritySet,
    "log_research": ev.ResearchLogged,
    "enlist_ally": ev.AllyEnlisted,
    "log_ally_action": ev.AllyActionLogged,
    "change_ally_stance": ev.AllyStanceChanged,
    "log_alternative": ev.AlternativeLogged,
    "add_value_entry": ev.ValueEntryAdded,
    "map_authority": ev.AuthorityMapped,
    "set_money_schedule": ev.MoneyScheduleSet,
    "rate_package": ev.PackageRated,
    "calibrate_weights": ev.WeightsCalibrated,
    "make_proposal": ev.ProposalMade,
    "accept_proposal": ev.ProposalAccepted,
    "reject_proposal": ev.ProposalRejected,
    "withdraw_proposal": ev.ProposalWithdrawn,
    "approve_proposal": ev.ProposalApproved,
    "decline_proposal": ev.ProposalDeclined,
    "amend_proposal": ev.ProposalAmended,
    "log_interaction": ev.InteractionLogged,
    "add_note": ev.NoteAdded,
    "set_decision_date": ev.DecisionDateSet,
    "change_stage": ev.StageChanged,
    "conclude": ev.Concluded,
    "record_lessons": ev.LessonsRecorded,
    "reopen": ev.Reopened,
}
