"""Where a record came from: an import marks it with who imported it and whether its origin is proven.

The marks are an event of the importer's (``Imported``), chained after the file's events, so the
record itself says, for as long as it is kept, that the steps before it are as a file said and not as
this installation recorded them."""

from __future__ import annotations

from typing import Any

from tracker.domain import events as ev
from tracker.domain.checks import Checks
from tracker.domain.errors import InvalidValue
from tracker.domain.terms import optional_text

ORIGINS = ("this_installation", "trusted", "not_proven")
DIGEST_LENGTH = 64


class ProvenanceCommands:
    """The import mark (one command; it is never a step a person logs through a form)."""

    imported = None  # not annotated: set on the instance by the first import (see Negotiation)

    def mark_imported(
        self: Any,
        *,
        actor: str,
        origin: object,
        signer: object = "",
        key_id: object = "",
        reason: object = "",
        file_version: object,
        file_head: object,
        **common: Any,
    ) -> None:
        """Marks the record as imported by ``actor`` from a file whose head is ``file_version`` /
        ``file_head``, with its origin as the signature check found it. Closed records are marked too."""
        checks = Checks()
        if origin not in ORIGINS:
            checks.refuse(InvalidValue("Choose one of: " + ", ".join(ORIGINS) + ".", "origin"))
        name = checks(optional_text, signer, "signer", 200)
        key = checks(optional_text, key_id, "key_id", 64)
        why = checks(optional_text, reason, "reason", 500)
        if origin == "trusted" and not name:
            checks.refuse(InvalidValue("Name the trusted installation that signed it.", "signer"))
        if origin == "not_proven" and not why:
            checks.refuse(InvalidValue("Say why the origin is not proven.", "reason"))
        if (
            not isinstance(file_version, int)
            or isinstance(file_version, bool)
            or file_version != self.version
        ):
            checks.refuse(InvalidValue("The file's head version is the record's version.", "file_version"))
        if file_head != self.head_digest:
            checks.refuse(InvalidValue("The file's head digest is the record's head.", "file_head"))
        checks.done()
        self.record(
            ev.Imported,
            actor=actor,
            allow_closed=True,
            origin=origin,
            signer=name,
            key_id=key,
            reason=why,
            file_version=file_version,
            file_head=file_head,
            **common,
        )
