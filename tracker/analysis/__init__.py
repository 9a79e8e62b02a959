"""Analysis and coaching: everything here is derived from a Negotiation's state alone, so it works
"as of" any earlier version. Nothing here imports Flask or the storage layer.

Entry point: :func:`tracker.analysis.report.analyse`; the pieces are usable on their own
(package_value, scoring, pareto, concessions, readiness, comparison, charts).
"""
