"""Random histories: several parties bargain through the application service with random valid and
invalid steps (see ``history_machine``). Each step's acceptance must match the model's prediction,
a refused step stores nothing, and after every step the invariants hold: agreement only when every
addressed party accepted, no accepted proposal later answered or withdrawn, proposal statuses that
follow from their answers, a timeline equal to the events, replay equal to the live state (also at a
random past version and from another reader), and a hash chain that verifies.

The counts (histories generated, steps run, accepted and refused steps) are printed at the end of
the session and written to artifacts/robustness/random_histories.json.
"""

import pytest
from hypothesis import HealthCheck, settings

from tests.support.history_machine import NegotiationHistories, SqliteHistories

QUICK = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


class InMemoryHistories(NegotiationHistories):
    run_name = "memory"


class SqliteFileHistories(SqliteHistories):
    run_name = "sqlite"


class LongInMemoryHistories(NegotiationHistories):
    run_name = "memory (long)"


class LongSqliteFileHistories(SqliteHistories):
    run_name = "sqlite (long)"


TestInMemoryHistories = InMemoryHistories.TestCase
TestInMemoryHistories.settings = settings(max_examples=60, stateful_step_count=40, **QUICK)

TestSqliteFileHistories = SqliteFileHistories.TestCase
TestSqliteFileHistories.settings = settings(max_examples=12, stateful_step_count=30, **QUICK)

TestLongInMemoryHistories = pytest.mark.slow(LongInMemoryHistories.TestCase)
TestLongInMemoryHistories.settings = settings(max_examples=300, stateful_step_count=60, **QUICK)

TestLongSqliteFileHistories = pytest.mark.slow(LongSqliteFileHistories.TestCase)
TestLongSqliteFileHistories.settings = settings(max_examples=60, stateful_step_count=50, **QUICK)
