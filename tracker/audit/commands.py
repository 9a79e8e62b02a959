"""The audit subcommands of `tracker`: export, import, verify, keygen.

Exit codes: 0 done (every chain intact); 1 a chain is broken or an import was refused;
2 bad usage, unknown negotiation, unreadable store or bad configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from tracker.audit.errors import AuditError, ImportRefused
from tracker.config import ConfigError, load_config
from tracker.domain.errors import NotFound


def _tracker() -> Any:
    from tracker.services import build_tracker

    return build_tracker(load_config())


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except ImportRefused as error:
            print(f"tracker: import refused: {error.message}", file=sys.stderr)
            return 1
        except (NotFound, AuditError, ConfigError) as error:
            print(f"tracker: {getattr(error, 'message', error)}", file=sys.stderr)
            return 2
    return command


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _export(args: argparse.Namespace) -> int:
    from tracker.audit.exporting import export_negotiation, timeline_csv

    tracker = _tracker()
    if args.format == "csv":
        _write(timeline_csv(tracker, args.id), args.output)
    else:
        _write(json.dumps(export_negotiation(tracker, args.id), indent=2, ensure_ascii=False) + "\n",
               args.output)
    return 0


def _import(args: argparse.Namespace) -> int:
    from tracker.audit.importing import import_file

    result = import_file(_tracker(), Path(args.file))
    print(f"Imported negotiation {result.negotiation_id} (“{result.title}”): {result.events} events, "
          f"chain verified, head digest {result.head_digest}.")
    return 0


def _load_anchors(path: str | None) -> dict[str, tuple[int, str]]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {str(k): (int(v["version"]), str(v["digest"])) for k, v in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise AuditError(f"Cannot read the anchors file {path}: {error}") from None


def _read_model_heads(tracker: Any) -> dict[str, tuple[int, str]]:
    """The version the read model last saw of each negotiation. It keeps that row when events are
    deleted from the store afterwards, so a deleted newest event shows without an anchors file."""
    from tracker.services import build_people

    people = build_people(load_config(), tracker)
    try:
        summaries = (people.read_model.summary(nid) for nid in tracker.negotiation_ids())
        return {str(s.negotiation_id): (s.version, "") for s in summaries if s is not None}
    finally:
        people.close()


def _verify(args: argparse.Namespace) -> int:
    from tracker.audit.verify import heads_of_all, summary, verify_all, verify_negotiation

    if bool(args.id) == bool(args.all):
        print("tracker verify: give a negotiation id or --all", file=sys.stderr)
        return 2
    tracker = _tracker()
    anchors = {**_read_model_heads(tracker), **_load_anchors(args.anchors)}
    if args.all:
        reports = verify_all(tracker, anchors)
    else:
        reports = [verify_negotiation(tracker, args.id, anchors.get(str(args.id)))]
    for report in reports:
        print(report)
    print(summary(reports))
    if args.save_anchors:
        heads = heads_of_all(tracker)
        Path(args.save_anchors).write_text(json.dumps(
            {k: {"version": v, "digest": d} for k, (v, d) in heads.items()}, indent=2) + "\n", encoding="utf-8")
        print(f"Saved the head of {len(heads)} negotiations to {args.save_anchors}; keep it elsewhere "
              "and pass it back with --anchors to detect deleted newest events.")
    return 0 if all(r.intact for r in reports) else 1


def _keygen(args: argparse.Namespace) -> int:
    from eventsourcing.cryptography import AESCipher

    print(AESCipher.create_key(args.bytes))
    return 0


def add_audit_commands(sub: Any) -> None:
    export = sub.add_parser("export", help="print a negotiation's event stream (JSON) or timeline (CSV)")
    export.add_argument("id")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", "-o", help="write to this file instead of the standard output")
    export.set_defaults(func=_guarded(_export))
    importing = sub.add_parser("import", help="load an exported negotiation into this store (chain verified)")
    importing.add_argument("file")
    importing.set_defaults(func=_guarded(_import))
    verify = sub.add_parser("verify", help="check the hash chain of one negotiation or of all")
    verify.add_argument("id", nargs="?")
    verify.add_argument("--all", action="store_true", help="every negotiation in the store")
    verify.add_argument("--anchors", help="JSON file of expected heads (from --save-anchors)")
    verify.add_argument("--save-anchors", help="write each negotiation's head (version, digest) here")
    verify.set_defaults(func=_guarded(_verify))
    keygen = sub.add_parser("keygen", help="print a new cipher key for TRACKER_CIPHER_KEY")
    keygen.add_argument("--bytes", type=int, choices=(16, 24, 32), default=32)
    keygen.set_defaults(func=_guarded(_keygen))
