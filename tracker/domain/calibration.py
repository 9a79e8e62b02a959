"""Commands for checking the owner's weights against their own judgement (Inspire's calibration): the
owner rates a few whole packages 0-100 by feel, and may then take weights fitted to those ratings
(the fit is analysis, in tracker.analysis.calibration; taking it is this step)."""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.limits import SHORT_TEXT
from tracker.domain.money import parse_decimal
from tracker.domain.terms import optional_text

MAX_RATINGS = 20
MIN_RATINGS = 3  # fewer rated packages say too little about the weights


class CalibrationCommands:
    """Mixed into the Negotiation aggregate."""

    def rate_package(
        self, *, actor: str, values: dict, rating: object, label: object = "", **common: Any
    ) -> str:
        """Records the owner's 0-100 rating of a whole package: a value for every term they weigh."""
        self.require_open()
        checks = Checks()
        weighed = self.weighed_terms()
        if not weighed:
            checks.refuse(
                InvalidValue("Set your own priorities first: a rating is compared with them.", "values")
            )
        checked = checks(self.check_values, values)
        if checked is not None:
            for key in weighed:
                if key not in checked:
                    checks.refuse(
                        InvalidValue(
                            f"Rate whole packages: give a value for {self.terms[key].label} too.",
                            f"values.{key}",
                        )
                    )
        score = checks(whole_number, rating, "rating")
        name = checks(optional_text, label, "label", SHORT_TEXT)
        if len(self.package_ratings) >= MAX_RATINGS:
            checks.refuse(
                InvalidValue(f"A negotiation keeps at most {MAX_RATINGS} rated packages.", "rating")
            )
        checks.done()
        rating_id = f"rating{len(self.package_ratings) + 1}"
        self.record(
            ev.PackageRated,
            actor=actor,
            rating_id=rating_id,
            label=name or f"Package {len(self.package_ratings) + 1}",
            values=checked,
            rating=score,
            **common,
        )
        return rating_id

    def calibrate_weights(self, *, actor: str, weights: object, **common: Any) -> None:
        """Takes new weights for the owner's priorities (only the weights change)."""
        self.require_open()
        own = self.priorities.get("owner", {})
        checks = Checks()
        if len(self.package_ratings) < MIN_RATINGS:
            checks.refuse(
                InvalidValue(
                    f"Rate at least {MIN_RATINGS} whole packages first ({len(self.package_ratings)} so far).",
                    "weights",
                )
            )
        if not isinstance(weights, dict) or not weights:
            raise InvalidValue("Give a weight for each of your priorities.", "weights")
        new: dict[str, int] = {}
        for key, raw in weights.items():
            if key not in own or key not in self.terms:
                checks.refuse(InvalidValue(f"'{key}' is not one of your priorities.", f"weights.{key}"))
                continue
            weight = checks(whole_number, raw, f"weights.{key}")
            if weight is not None:
                new[str(key)] = weight
        if new and not any(new.get(key, own[key].weight) for key in own):
            checks.refuse(InvalidValue("At least one weight is more than 0.", "weights"))
        if new and all(own[key].weight == weight for key, weight in new.items()):
            checks.refuse(InvalidValue("These are your weights already.", "weights"))
        checks.done()
        self.record(
            ev.WeightsCalibrated,
            actor=actor,
            weights=new,
            rating_ids=[r.rating_id for r in self.package_ratings],
            **common,
        )


def whole_number(raw: object, field: str) -> int:
    """A whole number from 0 to 100 (a weight or a rating)."""
    number = parse_decimal(raw, field) if raw not in (None, "") else None
    if number is None or number != number.to_integral_value() or not 0 <= number <= 100:
        raise InvalidValue("Give a whole number from 0 to 100.", field)
    return int(number)
