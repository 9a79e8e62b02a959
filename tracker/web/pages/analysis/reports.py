"""The analysis of one negotiation for the pages and the JSON API: now or as of a version or moment,
with the user's own exchange rates, kept per (negotiation, version, ...) in a small in-process LRU.

Query parameters (the same on every analysis page and API route):

* ``as_of_version=N`` or ``as_of=2026-03-03T17:00:00Z``: the negotiation as it stood then (read by
  ``tracker.audit.negotiation_as_of``); hints are judged at that moment, not today.
* ``rates=USD:0.9,GBP:1.15`` and ``convert_to=EUR``: convert the per-currency totals with the user's
  own rates (1 USD = 0.9 EUR). Nothing is ever converted with a rate the user did not give.

Bad values raise ``InvalidValue`` (field ``as_of_version``, ``as_of``, ``rates`` or ``convert_to``):
the pages show the message, the API answers 422. Access is checked before anything is read.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from cachetools import LRUCache
from eventsourcing.persistence import PersistenceError
from flask import current_app

from tracker.analysis.charts import dance_chart, term_charts
from tracker.analysis.readings import Readings
from tracker.analysis.report import Charts, Report, analyse, completed
from tracker.audit import AsOf, negotiation_as_of
from tracker.audit.kept_readings import KEEP_EVERY
from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_currency, parse_decimal
from tracker.domain.view import NegotiationView
from tracker.eventstore.errors import StoreUnavailable
from tracker.web.identity import require_access
from tracker.web.preferences import current_time_zone

LOG = logging.getLogger(__name__)
CACHE_SIZE = 64
MAX_RATES = 20


@dataclass(frozen=True)
class AnalysisQuery:
    """What the user asked for, parsed. ``args`` keeps the raw parameters to carry on links."""

    as_of_version: str | None = None
    as_of: str | None = None
    rates: tuple[tuple[str, Decimal], ...] = ()
    convert_to: str | None = None
    args: tuple[tuple[str, str], ...] = field(default=())

    @property
    def link_args(self) -> dict[str, str]:
        return dict(self.args)

    def without(self, *names: str) -> dict[str, str]:
        """The link arguments less some (e.g. the as-of ones, for a link to "now")."""
        return {name: value for name, value in self.args if name not in names}

    @property
    def rates_text(self) -> str:
        return ",".join(f"{currency}:{rate}" for currency, rate in self.rates)


def parse_rates(text: str | None) -> tuple[tuple[str, Decimal], ...]:
    """``"USD:0.9, GBP:1.15"`` -> ``(("GBP", Decimal("1.15")), ("USD", Decimal("0.9")))``."""
    if not text or not text.strip():
        return ()
    found: dict[str, Decimal] = {}
    pairs = [pair.strip() for pair in text.split(",") if pair.strip()]
    if len(pairs) > MAX_RATES:
        raise InvalidValue(f"Give at most {MAX_RATES} rates.", "rates")
    for pair in pairs:
        currency, sep, rate = pair.partition(":")
        if not sep:
            raise InvalidValue(
                f"'{pair[:40]}' is not a rate: write each as CURRENCY:RATE, e.g. USD:0.92.", "rates"
            )
        code = parse_currency(currency, "rates")
        value = parse_decimal(rate, "rates")
        if value <= 0:
            raise InvalidValue(f"The rate for {code} must be a positive number.", "rates")
        if code in found:
            raise InvalidValue(f"{code} is given twice.", "rates")
        found[code] = value
    return tuple(sorted(found.items()))


def parse_query(args: Mapping[str, str]) -> AnalysisQuery:
    """The analysis parameters of a request (``request.args``); raises InvalidValue for bad ones."""

    def text(name: str) -> str | None:
        value = args.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else None

    version, moment = text("as_of_version"), text("as_of")
    if version and moment:
        raise InvalidValue("Ask for a version or a moment, not both.", "as_of")
    rates = parse_rates(args.get("rates"))
    convert_to = parse_currency(text("convert_to"), "convert_to") if text("convert_to") else None
    if rates and not convert_to:
        raise InvalidValue("Say which currency to convert to (convert_to), e.g. EUR.", "convert_to")
    kept = tuple(
        (name, value) for name in ("as_of_version", "as_of", "rates", "convert_to") if (value := text(name))
    )
    return AnalysisQuery(version, moment, rates, convert_to, kept)


class ReportCache(LRUCache):
    """A small LRU (cachetools') of analysis reports and dance charts. A report only reads a
    negotiation's state at one version and the days from it to the reader's dates, so (negotiation id,
    version, idle days, the reader's date, rates, currency, zone) identifies one exactly; the dance
    needs only (negotiation id, version, zone). Request threads share it, so every read and write
    holds ``lock``."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        super().__init__(size)
        self.lock = threading.Lock()


def report_cache() -> ReportCache:
    return current_app.extensions.setdefault("analysis_reports", ReportCache())


def history_cache() -> ReportCache:
    """What the analysis read of each negotiation so far, and the version kept in the store (see
    ``history_for``)."""
    return current_app.extensions.setdefault("priority_histories", ReportCache())


@dataclass(frozen=True)
class Analysis:
    """A report and what it is about: the negotiation state it read and the as-of details."""

    negotiation: NegotiationView
    report: Report
    as_of: AsOf
    query: AnalysisQuery
    now: datetime

    @property
    def is_past(self) -> bool:
        return not self.as_of.is_latest


def report_for(
    negotiation: NegotiationView,
    *,
    latest: bool = True,
    query: AnalysisQuery | None = None,
    charts: bool = True,
    now: datetime | None = None,
    glance: bool = False,
) -> Report:
    """The (cached) report of a negotiation state. A past state is judged at its own moment.
    Charts are drawn only when asked, once per report; a ``glance`` (the negotiation page's panels)
    leaves out what they do not show, added when a whole report of the same state is asked for."""
    query = query or AnalysisQuery()
    now = (now or datetime.now(UTC)) if latest else negotiation.modified_on
    idle = (now - negotiation.modified_on).days
    zone = current_time_zone()
    today = now.astimezone(zone).date()  # the deadline hints count whole days to the reader's midnights
    key = (str(negotiation.id), negotiation.version, idle, today, query.rates, query.convert_to, str(zone))
    cache = report_cache()
    with cache.lock:
        report = cache.get(key)
    if report is None:
        report = analyse(
            negotiation,
            readings=history_for(negotiation),
            now=now,
            config=current_app.config["TRACKER"],
            rates=dict(query.rates) or None,
            convert_to=query.convert_to,
            charts=charts,
            zone=zone,
            glance=glance,
        )
        with cache.lock:
            cache[key] = report
        return report
    # Only a cached glance asked for whole is completed, and only then is the history read for it.
    as_is = glance or report.frontier is not None
    whole = report if as_is else completed(report, negotiation, history_for(negotiation))
    if charts and whole.charts is None:
        whole = replace(whole, charts=Charts(dance_for(negotiation, whole), term_charts(negotiation, zone)))
    if whole is not report:
        with cache.lock:
            cache[key] = whole
    if not charts and whole.charts is not None:
        whole = replace(whole, charts=None)
    return whole


def history_for(negotiation: NegotiationView) -> Readings:
    """What the analysis reads from the events up to the negotiation's version (the priority steps,
    the stated figures), kept per negotiation and extended with the newer events only: a long history
    is read once, not at every step. A worker's first read starts from the readings an earlier one
    kept in the store (tracker.audit.kept_readings) when the chain joins them. A past version is read
    on its own."""
    tracker = current_app.extensions["tracker"]
    key = str(negotiation.id)
    cache = history_cache()
    with cache.lock:
        kept = cache.get(key)
    if kept is not None and kept[0].version > negotiation.version:
        return Readings.read(list(tracker.events.get(negotiation.id, lte=negotiation.version)))
    if kept is None:
        found, stored = _first_read(tracker, negotiation)
    else:
        newer = tracker.events.get(negotiation.id, gt=kept[0].version, lte=negotiation.version)
        found, stored = Readings.read(list(newer), kept[0]), kept[1]
    if tracker.kept_readings is not None and found.version >= stored + KEEP_EVERY:
        stored = _keep(tracker, negotiation, found, stored)
    with cache.lock:
        cache[key] = (found, stored)
    return found


def _first_read(tracker: Any, negotiation: NegotiationView) -> tuple[Readings, int]:
    """(the readings, the version kept in the store) of this process's first read of a negotiation:
    from the kept row and the events after it when the chain joins it, else from every event."""
    kept = tracker.kept_readings.recall(negotiation.id) if tracker.kept_readings is not None else None
    if kept is not None and kept[1].version <= negotiation.version:
        head, readings = kept
        newer = list(tracker.events.get(negotiation.id, gt=readings.version, lte=negotiation.version))
        joined = newer[0].prev_digest if newer else getattr(negotiation, "head_digest", None)
        if joined == head and (not newer or newer[0].originator_version == readings.version + 1):
            return Readings.read(newer, readings), readings.version
    return Readings.read(list(tracker.events.get(negotiation.id, lte=negotiation.version))), 0


def _keep(tracker: Any, negotiation: NegotiationView, readings: Readings, stored: int) -> int:
    """Keeps the readings in the store (the version kept); a store refusing the write only costs the
    next worker a longer first read."""
    head = getattr(negotiation, "head_digest", None)
    if not head or readings.version != negotiation.version:
        return stored
    try:
        tracker.kept_readings.keep(negotiation.id, head, readings)
    except (PersistenceError, StoreUnavailable) as error:
        LOG.warning("Could not keep the analysis readings of %s: %s", negotiation.id, error)
        return stored
    return readings.version


def dance_for(negotiation: NegotiationView, report: Report) -> str | None:
    """The dance chart of a report's negotiation state (drawn once per version), for the panels."""
    if report.charts is not None:
        return report.charts.dance
    zone = current_time_zone()
    key = ("dance", str(negotiation.id), negotiation.version, str(zone))
    cache = report_cache()
    with cache.lock:
        drawn = cache.get(key)
    if drawn is None:
        drawn = (dance_chart(negotiation, report.perspectives, report.batna, zone),)
        with cache.lock:
            cache[key] = drawn
    return drawn[0]


def load_analysis(negotiation_id: str, args: Mapping[str, str], *, charts: bool = True) -> Analysis:
    """Checks read access, parses the query, loads the state asked for and its report."""
    require_access(negotiation_id, "read")
    tracker = current_app.extensions["tracker"]
    tracker.get(negotiation_id)  # an unknown negotiation is 404 whatever else the query says
    query = parse_query(args)
    as_of = negotiation_as_of(tracker, negotiation_id, version=query.as_of_version, moment=query.as_of)
    now = datetime.now(UTC)
    report = report_for(as_of.negotiation, latest=as_of.is_latest, query=query, charts=charts, now=now)
    return Analysis(as_of.negotiation, report, as_of, query, now if as_of.is_latest else as_of.recorded_at)
