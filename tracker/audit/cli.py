"""The audit subcommands of `tracker`: export, import, verify, keys, keygen.

Exit codes: 0 done (every chain intact); 1 a chain is broken or an import was refused;
2 bad usage, unknown negotiation, unreadable store or bad configuration.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from tracker.audit.errors import AuditError, ImportRefused, StoreUnreadable
from tracker.cli.errors import exits_on, fail
from tracker.cli.progress import ProgressBar, quiet_option
from tracker.config import ConfigError, load_config
from tracker.domain.errors import NotFound

if TYPE_CHECKING:  # pragma: no cover
    from tracker.application import NegotiationTracker

F = TypeVar("F", bound=Callable[..., Any])


def _guarded(command: F) -> F:
    """A refused import ends with 1; an unknown id, an unreadable store, a bad configuration with 2."""
    refused = exits_on(ImportRefused, code=1, prefix="import refused: ")
    return exits_on(NotFound, AuditError, StoreUnreadable, ConfigError)(refused(command))


def _tracker() -> Any:
    from tracker.bootstrap import build_tracker

    return build_tracker(load_config())


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


@click.command("export", short_help="Print a negotiation's event stream (JSON) or timeline (CSV).")
@click.argument("id")
@click.option(
    "--format",
    "form",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: the whole event stream with its hash chain; csv: the timeline, one row per event.",
)
@click.option("--output", "-o", metavar="FILE", help="Write to this file instead of the standard output.")
@_guarded
def export(id: str, form: str, output: str | None) -> None:
    """Print the negotiation ID's event stream (JSON) or timeline (CSV)."""
    from tracker.audit.exporting import export_negotiation, timeline_csv

    tracker = _tracker()
    if form == "csv":
        _write(timeline_csv(tracker, id), output)
    else:
        document = export_negotiation(tracker, id, _keys(load_config()))
        _write(json.dumps(document, indent=2, ensure_ascii=False) + "\n", output)


@click.command("import", short_help="Load an exported negotiation into this store (chain verified).")
@click.argument("file")
@click.option(
    "--by", "by", metavar="EMAIL", help="Who imports it (recorded on the import's step); default: its owner."
)
@_guarded
def import_(file: str, by: str | None) -> None:
    """Load an exported negotiation from FILE into this store.

    Its hash chain is verified first; a broken chain, a negotiation already stored or an event
    this tracker cannot apply refuses the whole file (exit 1) and nothing is stored. Its signature
    says whether its origin is proven (this installation or a trusted one); either way the import
    is recorded as a step of its own, with the origin found."""
    from tracker.audit.importing import import_file

    config = load_config()
    result = import_file(
        _tracker(),
        Path(file),
        email_actors=bool(config.get("auth_required", True)),
        keys=_keys(config),
        trusted=_trusted(config),
        imported_by=by,
    )
    click.echo(
        f"Imported negotiation {result.negotiation_id} (“{result.title}”): {result.events - 1} events, "
        f"chain verified, head digest {result.head_digest}. {result.origin.sentence}"
    )


def _keys(config: dict[str, Any]) -> Any:
    from tracker.audit.signing import installation_keys

    return installation_keys(config)


def _trusted(config: dict[str, Any]) -> Any:
    from tracker.audit.signing import SigningKeyError, trusted_keys

    try:
        return trusted_keys(config.get("trusted_keys"))
    except SigningKeyError as error:
        raise ConfigError(str(error)) from None


def _load_anchors(path: str | None) -> dict[str, tuple[int, str]]:
    if not path:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return {str(k): (int(v["version"]), str(v["digest"])) for k, v in data.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise AuditError(f"Cannot read the anchors file {path}: {error}") from None


def _read_model_heads(tracker: NegotiationTracker) -> dict[str, tuple[int, str]]:
    """The version the read model last saw of each negotiation. It keeps that row when events are
    deleted from the store afterwards, so a deleted newest event shows without an anchors file."""
    from tracker.bootstrap import build_people

    people = build_people(load_config(), tracker)
    try:
        summaries = (people.read_model.summary(nid) for nid in tracker.negotiation_ids())
        return {str(s.negotiation_id): (s.version, "") for s in summaries if s is not None}
    finally:
        people.close()


def _save_anchors(tracker: NegotiationTracker, path: str) -> None:
    from tracker.audit.verify import heads_of_all

    heads = heads_of_all(tracker)
    Path(path).write_text(
        json.dumps({k: {"version": v, "digest": d} for k, (v, d) in heads.items()}, indent=2) + "\n",
        encoding="utf-8",
    )
    click.echo(
        f"Saved the head of {len(heads)} negotiations to {path}; keep it elsewhere "
        "and pass it back with --anchors to detect deleted newest events."
    )


@click.command("verify", short_help="Check the hash chain of one negotiation or of all, or an export file.")
@click.argument("id", required=False)
@click.option("--all", "every", is_flag=True, help="Every negotiation in the store (instead of one ID).")
@click.option("--file", "file", metavar="FILE", help="An export file: its chain and who signed it.")
@click.option("--anchors", metavar="FILE", help="JSON file of expected heads (written by --save-anchors).")
@click.option(
    "--save-anchors",
    metavar="FILE",
    help="Write each negotiation's head (version, digest) here, to keep elsewhere.",
)
@quiet_option
@_guarded
def verify(
    id: str | None, every: bool, file: str | None, anchors: str | None, save_anchors: str | None, quiet: bool
) -> None:
    """Check the hash chain of the negotiation ID, or of all with --all, or of an export --file.

    Prints one line per negotiation and a summary; exits 0 when every chain is intact, 1 when one
    is broken. An edited, deleted, reordered or inserted event is named by its version; a deleted
    newest event is caught against the read model or an anchors file. A record imported from a
    file says where it came from (signed by this installation, by a trusted one, or not proven);
    an export file is checked for both (exit 1 when its chain is broken or its origin not proven)."""
    from tracker.audit.verify import summary, verify_all, verify_negotiation

    if file:
        if id or every:
            fail("give a negotiation id, --all or --file", prefix="tracker verify")
        _verify_file(file)
        return
    if bool(id) == bool(every):
        fail("give a negotiation id, --all or --file", prefix="tracker verify")
    tracker = _tracker()
    expected = {**_read_model_heads(tracker), **_load_anchors(anchors)}
    if every:
        with ProgressBar("Verifying", "negotiations", quiet=quiet) as progress:
            reports = verify_all(tracker, expected, progress=progress)
    else:
        reports = [verify_negotiation(tracker, id, expected.get(str(id)))]
    for report in reports:
        click.echo(report)
        mark = tracker.get(report.negotiation_id).imported if report.intact else None
        if mark:
            click.echo(f"  {_origin_line(mark)}")
    click.echo(summary(reports))
    if save_anchors:
        _save_anchors(tracker, save_anchors)
    if not all(r.intact for r in reports):
        raise click.exceptions.Exit(1)


def _origin_line(mark: dict[str, Any]) -> str:
    when = mark["at"].strftime("%Y-%m-%d %H:%M UTC")
    if mark["origin"] == "not_proven":
        return f"imported by {mark['by']} on {when}; origin not proven ({mark['reason']})"
    signer = "this installation" if mark["origin"] == "this_installation" else mark["signer"]
    return f"imported by {mark['by']} on {when}; signed by {signer} (key {mark['key_id']})"


def _verify_file(file: str) -> None:
    """The chain of an export file and its origin."""
    from tracker.audit.importing import file_chain, read_export
    from tracker.audit.signing import origin_of

    config = load_config()
    document = read_export(Path(file))
    report = file_chain(_tracker(), document)
    origin = origin_of(document, _keys(config), _trusted(config))
    click.echo(report)
    click.echo(origin.sentence)
    if not (report.intact and origin.proven):
        raise click.exceptions.Exit(1)


@click.command("keys", short_help="Show this installation's signing keys (public), or rotate them.")
@click.argument("action", required=False, type=click.Choice(["show", "rotate"]), default="show")
@_guarded
def keys(action: str) -> None:
    """Show this installation's public signing keys (give the current one to the installations that
    should trust its exports), or `rotate`: a new key signs from now on; exports signed with the old
    one still verify here."""
    from tracker.audit.signing import encoded

    installation = _keys(load_config())
    if action == "rotate":
        click.echo(f"New signing key {installation.rotate()}; earlier keys still verify what they signed.")
    for name, (public, current) in installation.public_keys().items():
        click.echo(f"{name}  {encoded(public)}  {'current' if current else 'earlier'}")


@click.command("keygen", short_help="Print a new cipher key for TRACKER_CIPHER_KEY.")
@click.option(
    "--bytes",
    "size",
    type=click.Choice(["16", "24", "32"]),
    default="32",
    show_default=True,
    help="Key length in bytes (AES-128, -192 or -256).",
)
def keygen(size: str) -> None:
    """Print a new cipher key for TRACKER_CIPHER_KEY (encryption of the stored events)."""
    from eventsourcing.cryptography import AESCipher

    click.echo(AESCipher.create_key(int(size)))


COMMANDS = (export, import_, verify, keys, keygen)
