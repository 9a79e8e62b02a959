"""Terms on the table: what kind of value each takes, how to check one, and which way is better."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from dataclasses import field as dc_field
from decimal import Decimal
from typing import Any

from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.limits import LINK_TEXT, LONG_TEXT, SHORT_TEXT  # noqa: F401 (re-exported)
from tracker.domain.money import Money, format_amount, parse_currency, parse_decimal
from tracker.domain.vocabulary import Better, TermKind
from tracker.domain.wording import plural_word

KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_TEXT = LONG_TEXT  # a text term's value
NUMERIC_KINDS = (TermKind.MONEY, TermKind.NUMBER, TermKind.PERCENT, TermKind.DAYS)
#: The kinds that may name their own bounds and step: the numeric ones and dates (a date's bounds are
#: dates, its step a whole number of days; inside the term they are day numbers, ``date.toordinal``).
RANGED_KINDS = (*NUMERIC_KINDS, TermKind.DATE)
ZERO = Decimal(0)
#: The bounds a numeric term has unless it names its own (``min`` / ``max``): nothing negative, a
#: percentage up to 100, days up to a year. A term's own bound replaces the default on its side.
DEFAULT_BOUNDS: dict[TermKind, tuple[Decimal | None, Decimal | None]] = {
    TermKind.MONEY: (ZERO, None),
    TermKind.NUMBER: (ZERO, None),
    TermKind.PERCENT: (ZERO, Decimal(100)),
    TermKind.DAYS: (ZERO, Decimal(366)),
}


@dataclass(frozen=True)
class TermSpec:
    """A term's definition. ``better`` says which direction is better for the owner."""

    key: str
    label: str
    kind: TermKind
    better: Better = Better.NONE
    currency: str | None = None
    unit: str | None = None
    options: tuple[str, ...] = dc_field(default_factory=tuple)
    minimum: Decimal | None = None  # the term's own bounds (None: the kind's default, see DEFAULT_BOUNDS)
    maximum: Decimal | None = None
    step: Decimal | None = None  # the step between values the win-win analysis tries (None: a round one)

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest value allowed (None: no bound on that side)."""
        low, high = DEFAULT_BOUNDS.get(self.kind, (None, None))
        return (
            self.minimum if self.minimum is not None else low,
            self.maximum if self.maximum is not None else high,
        )

    def as_event_data(self) -> dict[str, Any]:
        """The term as events store it; ``min`` / ``max`` only when the term has its own bounds
        (terms recorded before bounds existed have neither, and load as before)."""
        data: dict[str, Any] = {
            "key": self.key,
            "label": self.label,
            "kind": self.kind.value,
            "better": self.better.value,
            "currency": self.currency,
            "unit": self.unit,
            "options": list(self.options),
        }
        for name, number in (("min", self.minimum), ("max", self.maximum)):
            if number is not None:
                data[name] = _date_text(number) if self.kind is TermKind.DATE else number
        if self.step is not None:
            data["step"] = self.step
        return data

    def bound_text(self, number: Decimal | None) -> str | None:
        """A bound as the API writes it: a plain decimal, or a date for a date term."""
        if number is None:
            return None
        return _date_text(number) if self.kind is TermKind.DATE else format(number, "f")

    @classmethod
    def from_event_data(cls, data: dict[str, Any]) -> TermSpec:
        return cls(
            key=data["key"],
            label=data["label"],
            kind=TermKind(data["kind"]),
            better=Better(data["better"]),
            currency=data.get("currency"),
            unit=data.get("unit"),
            options=tuple(data.get("options") or ()),
            minimum=_stored_bound(data.get("min")),
            maximum=_stored_bound(data.get("max")),
            step=_stored_bound(data.get("step")),
        )

    @classmethod
    def define(
        cls,
        key: object,
        label: object,
        kind: object,
        better: object = "none",
        currency: object = None,
        unit: object = None,
        options: object = None,
        minimum: object = None,
        maximum: object = None,
        step: object = None,
    ) -> TermSpec:
        """Checks a new term's definition and returns it, or raises every refusal at once
        (``Refusals``, or the one InvalidValue), each naming its field."""
        checks = Checks()
        if not isinstance(key, str) or not KEY_RE.match(key):
            checks.refuse(
                InvalidValue(
                    "A key is 1-40 lower-case letters, digits or underscores, starting with a letter "
                    "(e.g. base_salary).",
                    "key",
                )
            )
        label = checks(require_text, label, "label", SHORT_TEXT)
        term_kind = checks(TermKind.parse, kind, "kind")
        direction = checks(Better.parse, better or "none", "better")
        cur = None
        if term_kind is TermKind.MONEY:
            cur = checks(parse_currency, currency, "currency")
        elif currency not in (None, "") and term_kind is not None:
            checks.refuse(InvalidValue("Only money terms have a currency.", "currency"))
        unit_text = None
        if unit not in (None, ""):
            unit_text = checks(require_text, unit, "unit", SHORT_TEXT)
        opts: tuple[str, ...] = ()
        if term_kind is TermKind.CHOICE:
            opts = checks(parse_options, options) or ()
        elif options and term_kind is not None:
            checks.refuse(InvalidValue("Only choice terms have options.", "options"))
        if term_kind in (TermKind.TEXT, TermKind.CHOICE) and direction not in (None, Better.NONE):
            checks.refuse(
                InvalidValue(
                    "Text and choice terms have no better direction; "
                    "rate the options with a priority instead.",
                    "better",
                )
            )
        low = checks(_bound, minimum, "min", term_kind)
        high = checks(_bound, maximum, "max", term_kind)
        if low is not None and high is not None and low > high:
            texts = [_date_text(b) if term_kind is TermKind.DATE else b for b in (low, high)]
            checks.refuse(
                InvalidValue(f"The lowest value ({texts[0]}) is above the highest ({texts[1]}).", "max")
            )
        every = checks(_step, step, term_kind)
        checks.done()
        return cls(key, label, term_kind, direction, cur, unit_text, opts, low, high, every)  # type: ignore[arg-type]

    def check_bounds(self, value: Decimal, field: str) -> None:
        """Refuses a number outside the term's bounds, naming ``field``."""
        low, high = self.bounds
        if low is not None and value < low:
            if low == 0 and self.minimum is None:
                raise InvalidValue(f"{self.label} cannot be negative.", field)
            raise InvalidValue(
                f"{self.label} is at least {self._bound_text(low)}; {self._bound_text(value)} is less.", field
            )
        if high is not None and value > high:
            if self.maximum is None and self.kind is TermKind.PERCENT:
                raise InvalidValue("A percentage is between 0 and 100.", field)
            if self.maximum is None and self.kind is TermKind.DAYS:
                raise InvalidValue("A number of days is at most 366.", field)
            raise InvalidValue(
                f"{self.label} is at most {self._bound_text(high)}; {self._bound_text(value)} is more.", field
            )

    def _bound_text(self, number: Decimal) -> str:
        if self.kind is TermKind.MONEY:
            return self.display({"amount": number, "currency": self.currency})
        if self.kind is TermKind.DATE:
            return _date_text(number)
        return self.display(number)

    def validate(self, raw: object, field: str) -> Any:
        """Returns the value in its stored form, or raises InvalidValue naming ``field``."""
        kind = self.kind
        if raw is None or raw == "":
            raise InvalidValue(f"A value for {self.label} is required.", field)
        if kind is TermKind.MONEY:
            money = Money.parse(raw, field)
            if money.currency != self.currency:
                raise InvalidValue(
                    f"{self.label} is in {self.currency}, not {money.currency}.", f"{field}.currency"
                )
            self.check_bounds(money.amount, f"{field}.amount")
            return money.as_dict()
        if kind in (TermKind.NUMBER, TermKind.PERCENT, TermKind.DAYS):
            value = parse_decimal(raw, field)
            self.check_bounds(value, field)
            return value
        if kind is TermKind.BOOLEAN:
            return parse_bool(raw, field)
        if kind is TermKind.DATE:
            day = parse_date(raw, field)
            self.check_bounds(Decimal(day.toordinal()), field)
            return day.isoformat()
        if kind is TermKind.CHOICE:
            if raw not in self.options:
                raise InvalidValue(f"Choose one of: {', '.join(self.options)}.", field)
            return raw
        return require_text(raw, field, MAX_TEXT)

    def number(self, value: Any) -> Decimal | None:
        """A comparable number for a stored value (money amount, number, date ordinal), else None."""
        if value is None:
            return None
        if self.kind is TermKind.MONEY:
            return Decimal(value["amount"])
        if self.kind in (TermKind.NUMBER, TermKind.PERCENT, TermKind.DAYS):
            return Decimal(value)
        if self.kind is TermKind.DATE:
            return Decimal(dt.date.fromisoformat(value).toordinal())
        if self.kind is TermKind.BOOLEAN:
            return Decimal(int(bool(value)))
        return None

    def same(self, a: Any, b: Any) -> bool:
        """Whether two values of this term are the same value (numbers compared as numbers: 15 and 15.0)."""
        if self.is_numeric:
            try:
                return self.number(a) == self.number(b)
            except (ArithmeticError, KeyError, TypeError, ValueError):
                return False
        return a == b

    def at_least_as_good(self, a: Any, b: Any) -> bool | None:
        """Is value ``a`` at least as good for the owner as ``b``? None when there is no direction."""
        if self.better is Better.NONE:
            return None
        na, nb = self.number(a), self.number(b)
        if na is None or nb is None:
            return None
        return na >= nb if self.better is Better.HIGHER else na <= nb

    def display(self, value: Any) -> str:
        if value is None:
            return "-"
        kind = self.kind
        if kind is TermKind.MONEY:
            return f"{format_amount(Decimal(value['amount']))} {value['currency']}"
        if kind is TermKind.PERCENT:
            return f"{value}%"
        if kind is TermKind.DAYS:
            return f"{value} {plural_word(Decimal(value), 'day')}"
        if kind is TermKind.NUMBER:
            return f"{format_amount(Decimal(value))}{' ' + self.unit if self.unit else ''}"
        if kind is TermKind.BOOLEAN:
            return "yes" if value else "no"
        return str(value)


def _stored_bound(raw: object) -> Decimal | None:
    """A bound or step as events store it: a decimal, or a date term's bound as an ISO date (kept as
    its day number)."""
    if raw is None:
        return None
    if isinstance(raw, str) and DATE_RE.match(raw):
        return Decimal(dt.date.fromisoformat(raw).toordinal())
    return Decimal(str(raw))


def _date_text(number: Decimal) -> str:
    return dt.date.fromordinal(int(number)).isoformat()


def _bound(raw: object, field: str, kind: TermKind | None) -> Decimal | None:
    """A term's own lowest or highest value: only numeric and date terms have one."""
    if raw in (None, ""):
        return None
    if kind is not None and kind not in RANGED_KINDS:
        raise InvalidValue(
            "Only money, number, percent, days and date terms have a lowest and highest value.", field
        )
    if kind is TermKind.DATE:
        return Decimal(parse_date(raw, field).toordinal())
    return parse_decimal(raw, field)


def _step(raw: object, kind: TermKind | None) -> Decimal | None:
    """The step the win-win analysis takes between a term's values: positive; whole days for a date."""
    if raw in (None, ""):
        return None
    if kind is not None and kind not in RANGED_KINDS:
        raise InvalidValue("Only money, number, percent, days and date terms have a step.", "step")
    step = parse_decimal(raw, "step")
    if step <= 0:
        raise InvalidValue("A step is more than 0.", "step")
    if kind is TermKind.DATE and step != step.to_integral_value():
        raise InvalidValue("A date term's step is a whole number of days.", "step")
    return step


#: A link a person gives (research, value case): an http(s) URL without spaces or quotes.
LINK_RE = re.compile(r"^https?://[^\s<>\"]+$")
#: The control characters refused in text: below 32, except tab, line feed and carriage return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def require_text(raw: object, field: str, max_len: int, required: bool = True) -> str:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InvalidValue("This field is required.", field)
        return ""
    if not isinstance(raw, str):
        raise InvalidValue("Text is required.", field)
    if CONTROL_RE.search(raw):  # before trimming: the whole input
        raise InvalidValue("Remove the control characters from the text.", field)
    text = raw.strip()
    if len(text) > max_len:
        raise InvalidValue(f"Keep it under {max_len} characters (it has {len(text)}).", field)
    return text


def optional_text(raw: object, field: str, max_len: int = LONG_TEXT) -> str:
    return require_text(raw, field, max_len, required=False)


def parse_bool(raw: object, field: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("yes", "true", "1", "on", "y"):
        return True
    if isinstance(raw, str) and raw.strip().lower() in ("no", "false", "0", "off", "n"):
        return False
    raise InvalidValue("Answer yes or no.", field)


def parse_moment(raw: object, field: str) -> dt.datetime | None:
    """A date and time with its time zone, in UTC; None when not given."""
    if raw in (None, ""):
        return None
    if not isinstance(raw, dt.datetime):
        raise InvalidValue("Give a date and time.", field)
    if raw.tzinfo is None:
        raise InvalidValue("Give the time with its time zone.", field)
    try:
        return raw.astimezone(dt.UTC)
    except OverflowError:  # year 1 or 9999 with an offset: no such moment in UTC
        raise InvalidValue("That date and time is out of range.", field) from None


def parse_date(raw: object, field: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise InvalidValue("Give a date as YYYY-MM-DD.", field)


def parse_options(raw: object) -> tuple[str, ...]:
    if isinstance(raw, str):
        raw = list(re.split(r"[,\n]", raw))
    if not isinstance(raw, (list, tuple)):
        raise InvalidValue("List the options, separated by commas.", "options")
    opts = tuple(dict.fromkeys(require_text(o, "options", 80) for o in raw if str(o).strip()))
    if len(opts) < 2:
        raise InvalidValue("A choice needs at least two options.", "options")
    if len(opts) > 30:
        raise InvalidValue("Keep it to 30 options at most.", "options")
    return opts
