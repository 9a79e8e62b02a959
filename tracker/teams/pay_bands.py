"""Pay bands a team keeps per role or level: minimum, midpoint and maximum of one money term (the base
salary, usually) in one currency, in force from a date. A figure's place in its band: below it, in
which quartile of the range, above it, and the compa-ratio (the figure over the midpoint)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_decimal
from tracker.domain.terms import parse_date, require_text

QUARTILES = ("first quartile", "second quartile", "third quartile", "fourth quartile")


@dataclass(frozen=True)
class PayBand:
    name: str  # the role or level ("Tech lead, L5")
    term_key: str  # the money term it applies to
    currency: str
    minimum: Decimal
    midpoint: Decimal
    maximum: Decimal
    effective_from: dt.date

    def as_event(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "term_key": self.term_key,
            "currency": self.currency,
            "minimum": str(self.minimum),
            "midpoint": str(self.midpoint),
            "maximum": str(self.maximum),
            "effective_from": self.effective_from.isoformat(),
        }

    @classmethod
    def from_event(cls, data: dict[str, Any]) -> PayBand:
        return cls(
            data["name"],
            data["term_key"],
            data["currency"],
            Decimal(data["minimum"]),
            Decimal(data["midpoint"]),
            Decimal(data["maximum"]),
            dt.date.fromisoformat(data["effective_from"]),
        )


@dataclass(frozen=True)
class Placement:
    band: PayBand
    amount: Decimal
    position: str  # "below the band", "first quartile"... "above the band"
    compa_ratio: Decimal  # amount / midpoint, to two places

    @property
    def outside(self) -> bool:
        return self.position in ("below the band", "above the band")

    @property
    def sentence(self) -> str:
        return (
            f"{self.amount:,.0f} {self.band.currency} is {'in the ' if not self.outside else ''}{self.position} "
            f"of {self.band.name} ({self.band.minimum:,.0f}-{self.band.maximum:,.0f}, midpoint "
            f"{self.band.midpoint:,.0f}); compa-ratio {self.compa_ratio}"
        )


def check_band(raw: dict[str, Any]) -> PayBand:
    """A band from a form or a JSON body, every problem at once (fields named as posted)."""
    checks = Checks()
    name = checks(require_text, raw.get("name"), "name", 100)
    term_key = checks(require_text, raw.get("term_key") or "base_salary", "term_key", 40)
    currency = str(raw.get("currency") or "").strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        checks.refuse(InvalidValue("Give a three-letter currency code, e.g. EUR.", "currency"))
    figures = {k: checks(parse_decimal, raw.get(k), k) for k in ("minimum", "midpoint", "maximum")}
    since = checks(parse_date, raw.get("effective_from"), "effective_from")
    low, mid, high = figures["minimum"], figures["midpoint"], figures["maximum"]
    if None not in (low, mid, high):
        if low < 0:
            checks.refuse(InvalidValue("A band's minimum cannot be negative.", "minimum"))
        if not low <= mid <= high:
            checks.refuse(InvalidValue("The midpoint lies between the minimum and the maximum.", "midpoint"))
        if low == high:
            checks.refuse(InvalidValue("The maximum is above the minimum.", "maximum"))
    checks.done()
    return PayBand(name, term_key, currency, low, mid, high, since)


def in_force(versions: list[PayBand], on: dt.date) -> PayBand | None:
    """The version of a band in force on a day: the latest effective on or before it."""
    current = [band for band in versions if band.effective_from <= on]
    return max(current, key=lambda band: band.effective_from) if current else None


def place(band: PayBand, amount: Decimal) -> Placement:
    ratio = (amount / band.midpoint).quantize(Decimal("0.01")) if band.midpoint else Decimal(0)
    if amount < band.minimum:
        position = "below the band"
    elif amount > band.maximum:
        position = "above the band"
    else:
        quarter = (band.maximum - band.minimum) / 4
        index = min(3, int((amount - band.minimum) / quarter)) if quarter else 3
        position = QUARTILES[index]
    return Placement(band, amount, position, ratio)


def placement_of(band: PayBand, value: Any) -> Placement | None:
    """Where a term's value (a money mapping) sits, when it is in the band's currency."""
    if not isinstance(value, dict) or value.get("currency") != band.currency:
        return None
    return place(band, Decimal(str(value["amount"])))
