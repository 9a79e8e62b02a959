"""Audit tools: tamper evidence (hash chain checks on the stored events), export and import,
time travel, timeline filters and comparisons. Import from here:

    from tracker.audit import verify_negotiation, import_negotiation, negotiation_as_of, ...

``tracker.audit.reads`` holds the audit queries the pages and the JSON API share (timeline as of a
moment with filters, comparisons, the chain's verdict); it reads through the application service, so
it is imported on its own, not from here.
"""

from tracker.audit.compare import compare_in_store
from tracker.audit.errors import AlreadyStored, AuditError, ImportRefused, StoreUnreadable
from tracker.audit.importing import ImportResult, import_file, import_negotiation, read_export
from tracker.audit.timefilter import STEP_KINDS, filter_timeline, mentions_party
from tracker.audit.timetravel import AsOf, negotiation_as_of, parse_moment
from tracker.audit.verify import head_of, heads_of_all, verify_all, verify_negotiation
from tracker.eventstore.storage import check_store_readable

__all__ = [
    "STEP_KINDS",
    "AlreadyStored",
    "AsOf",
    "AuditError",
    "ImportRefused",
    "ImportResult",
    "StoreUnreadable",
    "check_store_readable",
    "compare_in_store",
    "filter_timeline",
    "head_of",
    "heads_of_all",
    "import_file",
    "import_negotiation",
    "mentions_party",
    "negotiation_as_of",
    "parse_moment",
    "read_export",
    "verify_all",
    "verify_negotiation",
]
