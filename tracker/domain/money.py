"""Money is a Decimal amount with an ISO 4217 currency code, never a float."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from tracker.domain.errors import InvalidValue

CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
MAX_AMOUNT = Decimal("1e15")


def parse_decimal(raw: object, field: str) -> Decimal:
    """A finite Decimal from a Decimal, an int or a string of digits (floats are refused)."""
    if isinstance(raw, (bool, float)):
        raise InvalidValue('Give the number as a string of digits, e.g. "120000.00".', field)
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("_", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise InvalidValue(f"'{raw[:40]}' is not a number.", field) from None
    else:
        raise InvalidValue("A number is required.", field)
    if not value.is_finite():
        raise InvalidValue("The number must be finite.", field)
    if abs(value) >= MAX_AMOUNT:
        raise InvalidValue("The number is too large.", field)
    if value.as_tuple().exponent < -6:  # type: ignore[operator]
        raise InvalidValue("Use at most six decimal places.", field)
    return value


def parse_currency(raw: object, field: str) -> str:
    if not isinstance(raw, str) or not CURRENCY_RE.match(raw.strip().upper()):
        raise InvalidValue("A currency is a three-letter code such as EUR or USD.", field)
    return raw.strip().upper()


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    @classmethod
    def parse(cls, raw: object, field: str) -> Money:
        if isinstance(raw, Money):
            return raw
        if not isinstance(raw, dict):
            raise InvalidValue("Money needs an amount and a currency.", field)
        if raw.get("amount") in (None, ""):
            raise InvalidValue("An amount is required.", f"{field}.amount")
        amount = parse_decimal(raw.get("amount"), f"{field}.amount")
        currency = parse_currency(raw.get("currency"), f"{field}.currency")
        return cls(amount, currency)

    def as_dict(self) -> dict[str, object]:
        return {"amount": self.amount, "currency": self.currency}

    def __str__(self) -> str:
        return f"{format_amount(self.amount)} {self.currency}"


def format_amount(amount: Decimal) -> str:
    """128000 -> '128,000'; 1234.5 -> '1,234.50'."""
    if amount == amount.to_integral_value():
        return f"{amount:,.0f}"
    return f"{amount:,.2f}"
