"""The negotiation vocabulary: the fixed choices a negotiator picks from, with readable labels."""

from __future__ import annotations

from enum import Enum


class Choice(str, Enum):
    """A string enum with a human label; ``Choice.parse`` gives a clear error for bad input."""

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def parse(cls, raw: object, field: str) -> Choice:
        from tracker.domain.errors import InvalidValue

        try:
            return cls(raw)
        except ValueError:
            allowed = ", ".join(cls.values())
            raise InvalidValue(f"'{raw}' is not one of: {allowed}.", field) from None


class NegotiationKind(Choice):
    JOB_OFFER = "job_offer"
    PROMOTION = "promotion"
    INTERNAL_ROLE_CHANGE = "internal_role_change"
    BENEFITS = "benefits"
    FLEXIBLE_WORK = "flexible_work"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"benefits": "benefits and perks"}.get(self.value, self.value.replace("_", " "))


class OpportunityType(Choice):
    STANDARD = "standard"  # what others in the role already get
    PERSONAL_ARRANGEMENT = "personal_arrangement"  # an idiosyncratic deal
    NEW_DIRECTION = "new_direction"  # take the organization somewhere new

    @property
    def label(self) -> str:
        return {
            "standard": "standard ask",
            "personal_arrangement": "personal arrangement",
            "new_direction": "new direction for the organization",
        }[self.value]


class Side(Choice):
    OWNER = "owner"  # the person negotiating for themselves (the candidate)
    COUNTERPART = "counterpart"  # the employer's side
    ADVISOR = "advisor"  # a coach or mentor who advises, not a negotiating side
    NEUTRAL = "neutral"


class ScheduleKind(Choice):
    """How a money term pays out over the years (none: takes the schedule off)."""

    VESTING = "vesting"
    ONE_OFF = "one_off"
    BONUS = "bonus"
    RAISE = "raise"
    NONE = "none"

    @property
    def label(self) -> str:
        return {"one_off": "one-off", "none": "no"}.get(self.value, self.value)


class AuthorityRole(Choice):
    """What say a party has over a term (none: takes the party off that term's map)."""

    DECIDES = "decides"
    ADVISES = "advises"
    BLOCKS = "blocks"
    NONE = "none"


class ValueKind(Choice):
    """What a value-case entry is."""

    ACHIEVEMENT = "achievement"  # something done, with its result
    EVIDENCE = "evidence"  # a document, a review, a metric (with a link)
    SKILL = "skill"  # what the person brings
    MARKET_DATA = "market_data"  # what the market pays or offers


class TermKind(Choice):
    MONEY = "money"
    NUMBER = "number"
    PERCENT = "percent"
    DAYS = "days"
    BOOLEAN = "boolean"
    DATE = "date"
    CHOICE = "choice"
    TEXT = "text"


class Better(Choice):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Stage(Choice):
    PREPARING = "preparing"
    OFFER_RECEIVED = "offer_received"
    NEGOTIATING = "negotiating"
    AGREED = "agreed"
    DECLINED = "declined"
    WALKED_AWAY = "walked_away"
    WITHDRAWN = "withdrawn"
    STALLED = "stalled"

    @property
    def is_closed(self) -> bool:
        return self in CLOSED_STAGES


OPEN_STAGES = (Stage.PREPARING, Stage.OFFER_RECEIVED, Stage.NEGOTIATING)
CLOSED_STAGES = (Stage.AGREED, Stage.DECLINED, Stage.WALKED_AWAY, Stage.WITHDRAWN, Stage.STALLED)


class Outcome(Choice):
    AGREED = "agreed"
    DECLINED = "declined"
    WALKED_AWAY = "walked_away"
    WITHDRAWN = "withdrawn"
    STALLED = "stalled"


class Horizon(Choice):
    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class GoalArea(Choice):
    CAREER = "career"
    LIFE = "life"


class AllyStance(Choice):
    SUPPORTIVE = "supportive"
    NEUTRAL = "neutral"
    UNKNOWN = "unknown"
    OPPOSED = "opposed"


class AlternativeKind(Choice):
    COMPETING_OFFER = "competing_offer"
    STATUS_QUO = "status_quo"
    OTHER = "other"


class Channel(Choice):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    MESSAGE = "message"
    VIDEO = "video"


class Tone(Choice):
    WARM = "warm"
    NEUTRAL = "neutral"
    TENSE = "tense"


class ProposalStatus(Choice):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"
