"""Import an export file (see ``tracker.audit.exporting`` for the format) into another store.

Everything is checked before anything is written: the file's format, each event's type, the hash
chain recomputed from the file's stored states, the readable copies, the declared head, that the
events replay into a negotiation, and that the id is new to this store. Then all events are written
in one ``insert_events`` call (one transaction), followed by an ``Imported`` event of the importer's
that says whether the file's signature proves where it came from: either the whole history is
stored, identical to the original (same id, versions, timestamps, digests) and marked, or nothing is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent
from eventsourcing.utils import get_topic

from tracker.audit.errors import AlreadyStored, ImportRefused
from tracker.audit.exporting import FORMAT, FORMAT_VERSION, to_json
from tracker.audit.import_rules import EventRefused, check_event, check_state_keys
from tracker.audit.signing import InstallationKeys, Origin, origin_of
from tracker.domain import events as ev
from tracker.domain.chain import ChainReport, verify_chain
from tracker.domain.errors import DomainError
from tracker.domain.negotiation import Negotiation
from tracker.eventstore.storage import encode_state

if TYPE_CHECKING:  # pragma: no cover
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from tracker.application import NegotiationTracker

MAX_EVENTS = 100_000
EVENT_TOPICS = {
    get_topic(c): c
    for c in vars(ev).values()
    if isinstance(c, type)
    and issubclass(c, ev.NegotiationEvent)
    and c is not ev.NegotiationEvent
    and not c.__name__.startswith("_")
}


@dataclass(frozen=True)
class ImportResult:
    negotiation_id: UUID
    title: str
    events: int  # the file's events and the import's own mark
    head_digest: str
    origin: Origin


def read_export(source: str | Path | bytes) -> dict[str, Any]:
    """Parses an export file (a path, or its text/bytes). Raises ImportRefused when it is not JSON."""
    try:
        if isinstance(source, Path):
            source = source.read_bytes()
        document = json.loads(source)
    except OSError as error:
        raise ImportRefused(f"Cannot read the file: {error.strerror or error}.") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ImportRefused(f"The file is not valid JSON ({error}). Nothing was imported.") from None
    if not isinstance(document, dict):
        raise ImportRefused("The file is not a negotiation export. Nothing was imported.")
    return document


def import_negotiation(
    tracker: NegotiationTracker,
    document: dict[str, Any],
    *,
    owned_by: str | None = None,
    email_actors: bool = True,
    keys: InstallationKeys | None = None,
    trusted: Mapping[str, tuple[str, Ed25519PublicKey]] | None = None,
    imported_by: str | None = None,
) -> ImportResult:
    """Stores an exported negotiation in ``tracker``'s store, or raises ImportRefused (nothing stored).
    With ``owned_by`` (the signed-in person), only a negotiation they started is accepted. Every event
    must pass the rules a live step of its kind passes (``import_rules``); its actor is an email
    address unless ``email_actors`` is off (a tracker used without accounts records names).

    The file's signature is checked against ``keys`` (this installation's) and ``trusted``; an
    ``Imported`` event by the importer (``imported_by``, else ``owned_by``, else the record's owner)
    records the origin found, stored with the file's events in the same transaction."""
    nid, entries = _check_header(document)
    records = [_decode_event(tracker, nid, i, entry) for i, entry in enumerate(entries, start=1)]
    declared = document.get("version")
    if not isinstance(declared, int) or isinstance(declared, bool):
        raise ImportRefused("The file does not say how many events it holds (version). Nothing was imported.")
    report = verify_chain(str(nid), records, expected_head=(declared, str(document.get("head_digest") or "")))
    if not report.intact:
        raise ImportRefused(
            f"The file's hash chain is broken at version {report.first_bad_version}: "
            f"{report.problem}. The file was altered. Nothing was imported."
        )
    if declared != len(records):
        raise ImportRefused(
            f"The file declares {declared} events but holds {len(records)}; "
            "events were removed. Nothing was imported."
        )
    stored = [
        StoredEvent(
            originator_id=nid, originator_version=v, topic=topic, state=encode_state(tracker.mapper, state)
        )
        for topic, v, state in records
    ]
    negotiation = _replay(tracker, stored, email_actors)
    if owned_by is not None and str(negotiation.owner).strip().lower() != owned_by.strip().lower():
        raise ImportRefused(
            "You can import only negotiations you started (this one was started by "
            "someone else). Nothing was imported."
        )
    if tracker.recorder.select_events(nid, limit=1):
        raise AlreadyStored(
            f"A negotiation with id {nid} already exists in this store. Nothing was imported."
        )
    origin = origin_of(document, keys, trusted or {})
    try:
        negotiation.mark_imported(
            actor=imported_by or owned_by or negotiation.owner,
            origin=origin.kind,
            signer=origin.signer,
            key_id=origin.key_id,
            reason=origin.reason,
            file_version=declared,
            file_head=negotiation.head_digest,
        )
    except DomainError as error:  # e.g. a trusted installation's name longer than a mark takes
        raise ImportRefused(f"The import cannot be recorded: {error.message} Nothing was imported.") from None
    stored += [tracker.mapper.to_stored_event(event) for event in negotiation.collect_events()]
    try:
        tracker.recorder.insert_events(stored)
    except IntegrityError:
        raise AlreadyStored(
            f"A negotiation with id {nid} already exists in this store. Nothing was imported."
        ) from None
    return ImportResult(nid, negotiation.title, len(stored), negotiation.head_digest, origin)


def file_chain(tracker: NegotiationTracker, document: dict[str, Any]) -> ChainReport:
    """The hash chain of an export document, checked as an import checks it (nothing is stored).
    Raises ImportRefused when the file is not an export at all."""
    nid, entries = _check_header(document)
    records = [_decode_event(tracker, nid, i, entry) for i, entry in enumerate(entries, start=1)]
    declared = document.get("version")
    head = (declared, str(document.get("head_digest") or "")) if isinstance(declared, int) else None
    return verify_chain(str(nid), records, expected_head=head)


def import_file(tracker: NegotiationTracker, source: str | Path | bytes, **how: Any) -> ImportResult:
    """``import_negotiation`` of a file's contents (a path, or its text/bytes)."""
    return import_negotiation(tracker, read_export(source), **how)


def _check_header(document: dict[str, Any]) -> tuple[UUID, list[Any]]:
    if document.get("format") != FORMAT:
        raise ImportRefused(
            f"The file is not a negotiation export (its format is not '{FORMAT}'). Nothing was imported."
        )
    if document.get("format_version") != FORMAT_VERSION:
        raise ImportRefused(
            f"This tracker reads export format version {FORMAT_VERSION}, not "
            f"{document.get('format_version')!r}. Nothing was imported."
        )
    try:
        nid = UUID(str(document.get("negotiation_id")))
    except ValueError:
        raise ImportRefused("The file's negotiation_id is not a valid id. Nothing was imported.") from None
    entries = document.get("events")
    if not isinstance(entries, list) or not entries:
        raise ImportRefused("The file holds no events. Nothing was imported.")
    if len(entries) > MAX_EVENTS:
        raise ImportRefused(f"The file holds more than {MAX_EVENTS} events. Nothing was imported.")
    return nid, entries


def _decode_event(
    tracker: NegotiationTracker, nid: UUID, position: int, entry: Any
) -> tuple[str, int, dict[str, Any]]:
    def refuse(why: str) -> ImportRefused:
        return ImportRefused(f"Event {position} of the file {why}. Nothing was imported.")

    if not isinstance(entry, dict):
        raise refuse("is not an object")
    topic, version = entry.get("topic"), entry.get("version")
    if not isinstance(topic, str) or topic not in EVENT_TOPICS:  # a list or an object is no topic either
        raise refuse(f"has an unknown type ({topic!r})")
    if not isinstance(version, int) or isinstance(version, bool):
        raise refuse("has no whole-number version")
    if not isinstance(entry.get("stored_state"), dict):
        raise refuse("has no stored_state")
    try:
        state = tracker.mapper.transcoder.decode(json.dumps(entry["stored_state"]).encode("utf8"))
    except Exception as error:
        raise refuse(f"has a stored_state that cannot be decoded ({error})") from None
    if not isinstance(state, dict):
        raise refuse("has a stored_state that is not an object")
    readable = to_json(state)
    copies = {
        "state": readable,
        "actor": readable.get("actor"),
        "recorded_at": readable.get("timestamp"),
        "occurred_at": readable.get("occurred_at"),
        "prev_digest": readable.get("prev_digest"),
        "digest": readable.get("digest"),
    }
    for key, value in copies.items():
        if key in entry and entry[key] != value:
            raise refuse(f"has a readable {key} that differs from its stored_state: the file was edited")
    if version == 1 and state.get("originator_topic") != get_topic(Negotiation):
        raise refuse("does not start a negotiation")
    try:
        check_state_keys(EVENT_TOPICS[topic], state)
    except EventRefused as refusal:
        raise ImportRefused(
            f"Event {version} of the file is refused at '{refusal.field}': {refusal.message.rstrip('.')}. "
            "Nothing was imported.",
            version=version,
            field=refusal.field,
        ) from None
    return topic, version, state


def _replay(tracker: NegotiationTracker, stored: list[StoredEvent], email_actors: bool) -> Negotiation:
    """The negotiation the events build, each checked first as a live step of its kind would be."""
    aggregate: Negotiation | None = None
    concluding: str | None = None  # a proposal every addressed party accepted: Concluded comes next
    for item in stored:
        version = item.originator_version
        try:
            event = tracker.mapper.to_domain_event(item)
            if concluding and not (isinstance(event, ev.Concluded) and event.proposal_id == concluding):
                raise EventRefused("topic", f"must conclude the agreement on {concluding}")
            check_event(aggregate, event, email_actors=email_actors)
            aggregate = event.mutate(aggregate)
        except EventRefused as refusal:
            raise ImportRefused(
                f"Event {version} of the file is refused at '{refusal.field}': {refusal.message.rstrip('.')}. "
                "A live step could not record it. Nothing was imported.",
                version=version,
                field=refusal.field,
            ) from None
        except Exception as error:
            raise ImportRefused(
                f"Event {version} of the file cannot be applied by this "
                f"tracker ({type(error).__name__}: {error}). Nothing was imported.",
                version=version,
            ) from None
        concluding = None
        if (
            isinstance(event, ev.ProposalAccepted)
            and aggregate.proposals[event.proposal_id].status == "accepted"
        ):
            concluding = event.proposal_id
    if not isinstance(aggregate, Negotiation):
        raise ImportRefused("The file's events do not make a negotiation. Nothing was imported.")
    return aggregate
