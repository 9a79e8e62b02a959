"""API fuzzing: schemathesis against /api/v1/openapi.json with a signed-in client (bearer token), aimed at
real negotiations, on the SQLite file store (so values reach real SQL). No 5xx, every answer documented
and shaped as documented (see tests/support/api_fuzz.py for the checks and the one tuned check, with
its reasons).

TRACKER_FUZZ_EXAMPLES sets the examples per operation (default 100: about 3,500 requests; a longer
run: TRACKER_FUZZ_EXAMPLES=1000).
"""

from __future__ import annotations

import os

import pytest

from tests.support.api_fuzz import Target, fuzz_api
from tests.support.report import report

EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", "100"))


@pytest.mark.slow
def test_generated_requests_get_documented_answers(fuzzed_app):
    tally = fuzz_api(Target.seeded(fuzzed_app), EXAMPLES)
    report(
        "api_fuzzing",
        "SQLite store, signed in",
        {
            "operations": tally.operations,
            "requests fuzzed": tally.requests,
            "examples per operation": EXAMPLES,
            **{f"{mode} requests": n for mode, n in tally.modes.items()},
            **{f"answered {status}": n for status, n in sorted(tally.statuses.items())},
            "operations failing": len(tally.failures),
        },
    )
    assert tally.requests >= tally.operations * EXAMPLES // 2
    assert not any(status >= 500 for status in tally.statuses)
    assert not tally.failures, "\n\n".join(f"{label}:\n{text}" for label, text in tally.failures.items())
