"""Settings of the analysis, read from the tracker's configuration (with safe defaults)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tracker.domain.money import parse_decimal


@dataclass(frozen=True)
class AnalysisSettings:
    """``sign_on_spread_years``: a sign-on (or relocation) bonus counts as this many years' worth.
    ``pto_baseline_days``: paid days off above this baseline are valued; None means "the fewest days
    in any recorded package of this negotiation" (so no baseline is invented).
    ``default_vesting_years``: equity with no ``vesting_years`` term vests over this many years
    (the result says so). ``workdays_per_year``: a day is worth base / this.
    ``stale_after_days``: no recorded step for this long gives a follow-up hint."""

    sign_on_spread_years: Decimal = Decimal(1)
    pto_baseline_days: Decimal | None = None
    default_vesting_years: Decimal = Decimal(4)
    workdays_per_year: Decimal = Decimal(260)
    stale_after_days: int = 14

    def __post_init__(self) -> None:
        for name in ("sign_on_spread_years", "default_vesting_years", "workdays_per_year"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.stale_after_days < 1:
            raise ValueError("stale_after_days must be at least 1")

    @classmethod
    def from_config(cls, config: Mapping[str, Any] | None) -> AnalysisSettings:
        config = config or {}

        def number(key: str, default: Decimal | None) -> Decimal | None:
            raw = config.get(key)
            if raw in (None, ""):
                return default
            return parse_decimal(str(raw), key)

        return cls(
            sign_on_spread_years=number("sign_on_spread_years", Decimal(1)),  # type: ignore[arg-type]
            pto_baseline_days=number("pto_baseline_days", None),
            default_vesting_years=number("default_vesting_years", Decimal(4)),  # type: ignore[arg-type]
            workdays_per_year=number("workdays_per_year", Decimal(260)),  # type: ignore[arg-type]
            stale_after_days=int(config.get("stale_after_days") or 14),
        )
