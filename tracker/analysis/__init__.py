"""Analysis and coaching: everything here is derived from a Negotiation's state alone, so it works
"as of" any earlier version. Nothing here imports Flask or the storage layer.

Entry point::

    from tracker.analysis.report import analyse
    report = analyse(negotiation, config=app_config)        # or now=, settings=, rates=, convert_to=
    report.scores["proposal:prop2"].display                   # "96"; keys: "proposal:<id>", "alternative:<id>"
    report.charts.dance, report.charts.terms["base_salary"]   # inline SVG strings (None / missing if nothing)
    report.as_dict()                                          # JSON-ready (no SVG unless include_charts=True)

As of version N: ``n = tracker.get(nid, version=N); analyse(n, now=n.modified_on)``.

Pieces, usable on their own: package_value (annual value per currency), scoring (0-100 scores,
BATNA), pareto (every party's perspective, dominated proposals), concessions, readiness (checklist
and hints), comparison (latest proposal beside the alternatives), charts (pygal SVG).
"""
