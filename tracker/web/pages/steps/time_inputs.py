"""A step form's date and time inputs (``datetime-local``), read in the person's time zone and handed
on as UTC ISO 8601 (with its offset), the form the schemas and the domain take; the domain's "not in
the future" check then compares real moments, wherever the person is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

from werkzeug.datastructures import MultiDict

from tracker.web.localtime import LocalTimeProblem, read_local, utc_text

TIME_INPUTS = ("occurred_at", "respond_by")


def read_times(
    posted: MultiDict, zone: tzinfo, names: Iterable[str] = TIME_INPUTS
) -> tuple[MultiDict, dict[str, list[str]]]:
    """The posted values with each date and time in UTC, and the problems by input name. An input
    that cannot be read (or names a time the clocks skipped) is left out, its problem kept."""
    values = posted.copy()
    errors: dict[str, list[str]] = {}
    for name in names:
        raw = posted.get(name, "")
        if not raw.strip():
            continue
        try:
            values[name] = utc_text(read_local(raw, zone))
        except LocalTimeProblem as problem:
            values.pop(name, None)
            errors.setdefault(name, []).append(problem.message)
    return values, errors
