"""Interactions (calls, emails, meetings, messages) and notes kept along the way."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.domain import last_event
from tracker.domain.errors import InvalidValue


def test_an_interaction_keeps_its_channel_participants_tone_and_date(table):
    last_tuesday = datetime.now(UTC) - timedelta(days=6)
    table.do(
        "log_interaction",
        channel="meeting",
        participants=[table.dana, table.me, table.dana],
        summary="Walked through the package.",
        tone="warm",
        occurred_at=last_tuesday,
    )
    meeting = table.n.interactions[0]
    assert (meeting.channel, meeting.participants, meeting.tone) == (
        "meeting",
        [table.dana, table.me],
        "warm",
    )
    assert meeting.occurred_at == last_tuesday and meeting.version == table.n.version
    table.do("log_interaction", channel="email", summary="Sent my counter.")
    assert (table.n.interactions[1].tone, table.n.interactions[1].participants) == ("neutral", [])


@pytest.mark.parametrize(
    "fields, field, message",
    [
        (dict(channel="fax"), "channel", "'fax' is not one of: call, email, meeting, message, video."),
        (dict(summary=""), "summary", "This field is required."),
        (dict(participants="p1"), "participants", "Participants are a list of party ids."),
        (dict(participants=["p9"]), "participants", "'p9' is not a party to this negotiation."),
        (dict(tone="angry"), "tone", "'angry' is not one of: warm, neutral, tense."),
    ],
)
def test_an_interaction_that_does_not_fit_is_refused(table, fields, field, message):
    values = dict(channel="call", summary="Talked.")
    values.update(fields)
    with pytest.raises(InvalidValue, match=message.replace(".", r"\.")) as refused:
        table.do("log_interaction", **values)
    assert refused.value.field == field


def test_notes_are_kept_in_order_with_their_version(table):
    table.do("add_note", text="  Ask about the training budget. ")
    table.do("add_note", text="Dana prefers email.")
    assert [(n.text, n.version) for n in table.n.notes] == [
        ("Ask about the training budget.", table.n.version - 1),
        ("Dana prefers email.", table.n.version),
    ]
    assert last_event(table.n).text == "Dana prefers email."
    with pytest.raises(InvalidValue, match="Keep it under 5000 characters"):
        table.do("add_note", text="x" * 5001)
