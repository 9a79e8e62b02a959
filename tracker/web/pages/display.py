"""Template filters: times, labels of enum values and term values, as a person reads them."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from tracker.domain.vocabulary import Choice, NegotiationKind, OpportunityType, Stage
from tracker.web.pages.blueprint import bp
from tracker.web.pages.formdata import error_key

bp.add_app_template_filter(error_key, "error_key")

LABELS: dict[str, type[Choice]] = {"stage": Stage, "kind": NegotiationKind, "opportunity": OpportunityType}


@bp.app_template_filter("when")
def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(timezone.utc).strftime("%-d %b %Y, %H:%M UTC")


@bp.app_template_filter("iso")
def iso(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).isoformat() if moment else ""


@bp.app_template_filter("label")
def label(value: str | None, vocabulary: str = "") -> str:
    if not value:
        return ""
    enum = LABELS.get(vocabulary)
    if enum is not None:
        try:
            return enum(value).label
        except ValueError:
            pass
    return value.replace("_", " ")


@bp.app_template_filter("term_value")
def term_value(value: Any, spec: Any) -> str:
    if value is None:
        return "–"
    return spec.display(value) if spec is not None else str(value)
