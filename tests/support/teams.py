"""Helpers shared by the tests (moved out of tests/teams/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tests.support.accounts import FakeClock, people_config
from tracker.bootstrap import build_people, build_tracker

LEAD, MIA, BEN, AUDITOR, COACH, STRANGER = (
    "lead@example.com",
    "mia@example.com",
    "ben@example.com",
    "audit@example.com",
    "coach@example.com",
    "eve@example.com",
)

EVERYONE = (LEAD, MIA, BEN, AUDITOR, COACH, STRANGER)
#: A pay band as a form or a JSON body gives it (tracker.teams.pay_bands).
TECH_LEAD_BAND = {
    "name": "Tech lead, L5",
    "term_key": "base_salary",
    "currency": "EUR",
    "minimum": "85000",
    "midpoint": "95000",
    "maximum": "105000",
    "effective_from": "2026-01-01",
}


@dataclass
class World:
    tracker: object
    people: object
    clock: FakeClock

    @property
    def teams(self):
        return self.people.teams

    @property
    def access(self):
        return self.people.access

    def start(self, owner=MIA, title="Staff engineer scope", kind="internal_role_change"):
        return self.tracker.start_negotiation(actor=owner, title=title, kind=kind)


def make_world(config, clock=None):
    clock = clock or FakeClock(datetime.now(UTC))  # starts with the tracker's own clock
    tracker = build_tracker(config)
    people = build_people(people_config(config), tracker, clock=clock)
    for email in EVERYONE:
        if not people.accounts.user_exists(email):  # a second "process" on the same store
            people.accounts.sign_up(email, "correct horse battery")
    return World(tracker, people, clock)
