"""A person's choice of what they are told, in the app and by email. Checked here; kept by the
outbox store (a setting of the person, not a fact of any negotiation)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue

#: In the app: every step, only what needs me (an answer owed, an approval waiting, a share), nothing.
IN_APP = {"all": "Every step", "needs_me": "Only what needs me", "nothing": "Nothing"}
#: By email: the same three, or one email a day with every step of the day and what is due.
EMAIL = {**IN_APP, "digest": "A daily digest"}


@dataclass(frozen=True)
class Preferences:
    in_app: str = "all"
    email: str = "needs_me"

    def wants(self, channel_choice: str, needs_me: bool) -> bool:
        """Whether a step goes out on a channel whose choice is ``channel_choice``."""
        return channel_choice in ("all", "digest") or (channel_choice == "needs_me" and needs_me)


def _choice(value: object, allowed: dict[str, str], field: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if text not in allowed:
        named = ", ".join(f"{label.lower()} ({code})" for code, label in allowed.items())
        raise InvalidValue(f"Choose one of: {named}.", field)
    return text


def check_preferences(in_app: object, email: object) -> Preferences:
    """Both choices checked together: every problem at once, each naming its field."""
    checks = Checks()
    chosen_in_app = checks(_choice, in_app, IN_APP, "in_app")
    chosen_email = checks(_choice, email, EMAIL, "email")
    checks.done()
    assert chosen_in_app is not None and chosen_email is not None
    return Preferences(chosen_in_app, chosen_email)
