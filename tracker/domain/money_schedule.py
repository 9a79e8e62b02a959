"""How a money term pays out year by year: equity vesting (percent per year, with a cliff), a one-off
payment (possibly clawed back), a guaranteed or target bonus (with a payout chance), or a raise at
review. A schedule is the term's default for every package, or an override for one proposal or
alternative (competing offers often vest differently). The analysis turns it into years 1-4."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue, UnknownTerm
from tracker.domain.money import parse_decimal
from tracker.domain.vocabulary import ScheduleKind, TermKind

MAX_VESTING_YEARS = 10
MAX_MONTHS = 48
MIN_REVIEW_MONTHS = 6  # reviews at least half a year apart: at most 8 raises compound in four years
HUNDRED = Decimal(100)


def parse_percents(raw: object, field: str = "vesting") -> list[str]:
    """'5/15/40/40' (or a list of numbers) -> ['5', '15', '40', '40']: each 0-100, together 100."""
    if isinstance(raw, str):
        parts = [p for p in raw.replace(",", "/").replace(" ", "/").split("/") if p.strip()]
    elif isinstance(raw, (list, tuple)):
        parts = list(raw)
    else:
        raise InvalidValue("Give the percent vesting each year, e.g. 25/25/25/25.", field)
    if not parts:
        raise InvalidValue("Give the percent vesting each year, e.g. 25/25/25/25.", field)
    if len(parts) > MAX_VESTING_YEARS:
        raise InvalidValue(f"A vesting schedule runs at most {MAX_VESTING_YEARS} years.", field)
    percents = [parse_decimal(p, field) for p in parts]
    if any(p < 0 or p > HUNDRED for p in percents):
        raise InvalidValue("Each year's percent is between 0 and 100.", field)
    total = sum(percents, Decimal(0))
    if total != HUNDRED:
        raise InvalidValue(f"The yearly percents add up to {total.normalize():f}, not 100.", field)
    return [f"{p.normalize():f}" for p in percents]


def parse_whole(raw: object, field: str, low: int, high: int, default: int | None = None) -> int:
    """A whole number from low to high (months, years); blank gives the default when there is one."""
    if raw in (None, "") and default is not None:
        return default
    text = str(raw).strip()
    if isinstance(raw, bool) or not isinstance(raw, (int, str)) or not (text.isascii() and text.isdigit()):
        raise InvalidValue(f"Give a whole number from {low} to {high}.", field)
    value = int(text)
    if not low <= value <= high:
        raise InvalidValue(f"Give a whole number from {low} to {high}.", field)
    return value


def parse_percent(raw: object, field: str, low: Decimal = Decimal(0)) -> str:
    if raw in (None, ""):
        raise InvalidValue("Give a percent.", field)
    value = parse_decimal(raw, field)
    if not low <= value <= HUNDRED or (low > 0 and value == 0):
        raise InvalidValue(
            f"Give a percent from {low} to 100." if low else "Give a percent from 0 to 100.", field
        )
    return f"{value.normalize():f}"


def schedule_details(kind: ScheduleKind, given: dict[str, Any], checks: Checks) -> dict[str, Any]:
    """The figures of one kind of schedule, each checked (the other kinds' fields are not kept)."""
    if kind is ScheduleKind.VESTING:
        return {
            "vesting": checks(parse_percents, given.get("vesting")),
            "cliff_months": checks(parse_whole, given.get("cliff_months"), "cliff_months", 0, MAX_MONTHS, 0),
        }
    if kind is ScheduleKind.ONE_OFF:
        months = given.get("clawback_months")
        return {"clawback_months": checks(parse_whole, months, "clawback_months", 0, MAX_MONTHS, 0)}
    if kind is ScheduleKind.BONUS:
        years = checks(parse_whole, given.get("guaranteed_years"), "guaranteed_years", 0, 4, 0)
        chance = given.get("payout_percent")
        payout = (
            checks(parse_percent, chance, "payout_percent")
            if years != 4 or chance not in (None, "")
            else "100"
        )
        return {"guaranteed_years": years, "payout_percent": payout}
    if kind is ScheduleKind.RAISE:
        return {
            "raise_percent": checks(
                parse_percent, given.get("raise_percent"), "raise_percent", Decimal("0.01")
            ),
            "raise_after_months": checks(
                parse_whole, given.get("raise_after_months"), "raise_after_months", 1, MAX_MONTHS
            ),
            "review_months": checks(
                parse_whole, given.get("review_months"), "review_months", MIN_REVIEW_MONTHS, MAX_MONTHS, 12
            ),
        }
    return {}


class MoneyScheduleCommands:
    """Mixed into the Negotiation aggregate."""

    def set_money_schedule(
        self,
        *,
        actor: str,
        term_key: object,
        kind: object,
        package_key: object = "",
        vesting: object = None,
        cliff_months: object = None,
        clawback_months: object = None,
        guaranteed_years: object = None,
        payout_percent: object = None,
        raise_percent: object = None,
        raise_after_months: object = None,
        review_months: object = None,
        **common: Any,
    ) -> None:
        """Records how a money term pays out year by year, for every package or for one."""
        self.require_open()
        checks = Checks()
        spec = self.terms.get(term_key) if isinstance(term_key, str) else None
        if spec is None:
            checks.refuse(UnknownTerm(f"'{term_key}' is not a term on the table.", "term_key"))
        package = "" if package_key in (None, "") else package_key
        if package and not self.has_package(package):
            checks.refuse(
                InvalidValue(f"'{package}' is not a proposal or alternative on record.", "package_key")
            )
        say = checks(ScheduleKind.parse, kind, "kind")
        if spec is not None and say not in (None, ScheduleKind.NONE):
            allowed = (TermKind.MONEY, TermKind.PERCENT) if say is ScheduleKind.BONUS else (TermKind.MONEY,)
            if spec.kind not in allowed:
                checks.refuse(
                    InvalidValue(
                        f"A {say.label} schedule is for a money term; {spec.label} is a {spec.kind.label} term.",
                        "kind",
                    )
                )
        given = {
            "vesting": vesting,
            "cliff_months": cliff_months,
            "clawback_months": clawback_months,
            "guaranteed_years": guaranteed_years,
            "payout_percent": payout_percent,
            "raise_percent": raise_percent,
            "raise_after_months": raise_after_months,
            "review_months": review_months,
        }
        details = schedule_details(say, given, checks) if say is not None else {}
        taken = self.money_schedules.get(package, {})
        if say is ScheduleKind.NONE and spec is not None and term_key not in taken:
            checks.refuse(InvalidValue("There is no schedule to take off.", "kind"))
        checks.done()
        self.record(
            ev.MoneyScheduleSet,
            actor=actor,
            term_key=term_key,
            package_key=package,
            kind=say.value,
            details=details,
            **common,
        )

    def has_package(self, package_key: object) -> bool:
        """Whether ``package_key`` ("proposal:<id>" or "alternative:<id>") names a package on record."""
        if not isinstance(package_key, str):
            return False
        kind, _, ref = package_key.partition(":")
        return (kind == "proposal" and ref in self.proposals) or (
            kind == "alternative" and ref in self.alternatives
        )


def schedule_words(schedule: dict[str, Any]) -> str:
    """A schedule as a coach says it: "vesting 5/15/40/40 after a 12-month cliff"."""
    kind = schedule.get("kind")
    if kind == "vesting":
        cliff = schedule.get("cliff_months", 0)
        return f"vesting {'/'.join(schedule['vesting'])}" + (
            f" after {_a(cliff)} {cliff}-month cliff" if cliff else ""
        )
    if kind == "one_off":
        months = schedule.get("clawback_months", 0)
        return "paid once in year 1" + (
            f", repaid in full if you leave within {months} months" if months else ""
        )
    if kind == "bonus":
        years, chance = schedule.get("guaranteed_years", 0), schedule.get("payout_percent", "100")
        if years >= 4:
            return "guaranteed every year"
        target = f"at {_a(chance)} {chance}% payout chance"
        if years == 0:
            return target
        return (
            f"guaranteed in year 1, then {target}"
            if years == 1
            else f"guaranteed in years 1-{years}, then {target}"
        )
    if kind == "raise":
        after, every = schedule["raise_after_months"], schedule.get("review_months", 12)
        return f"rising {schedule['raise_percent']}% after {after} months, then every {every} months"
    return "no schedule"


def _a(number: object) -> str:
    """The article before a number said aloud: "an 18-month cliff", "an 80% chance", "a 12-month cliff"."""
    text = str(number)
    return "an" if text.startswith("8") or text.split(".")[0] in ("11", "18") else "a"
