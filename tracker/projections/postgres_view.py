"""The read model's view on PostgreSQL (imported only when the store is PostgreSQL: psycopg is an
optional dependency)."""

from __future__ import annotations

from typing import Any

from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL

from tracker.projections.dialects import PostgresDialect
from tracker.projections.views import SummaryViewMixin


class PostgresSummaryView(SummaryViewMixin, PostgresTrackingRecorder):
    def __init__(
        self, datastore: PostgresDatastore, *, tracking_table_name: str = "read_model_tracking", **kwargs: Any
    ) -> None:
        super().__init__(datastore, tracking_table_name=tracking_table_name, **kwargs)
        self.dialect = PostgresDialect(self.datastore.schema, self.tracking_table_name)
        self.sql_create_statements.extend(SQL(statement) for statement in self.view_statements())
