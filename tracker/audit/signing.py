"""The installation's signing keys (Ed25519, with ``cryptography``) and the signature on exports.

Each installation signs what it exports with its own key, so that another installation, or this one
later, can tell a record this installation produced from a file anyone could have written: the hash
chain alone is plain SHA-256, which any consistent rewrite of a file reproduces.

Keys live in the data directory, in ``signing-keys/``: the current private key (``<key id>.pem``, mode
0600, made on first use like the session secret) and the public keys of earlier ones (``<key id>.pub``)
after ``tracker keys rotate``, so that what they signed still verifies. Several app servers share the
directory (or a configured ``signing_keys_dir``). The in-memory store keeps a key in memory only.
Other installations' public keys are trusted by name in the ``trusted_keys`` setting.

The signature covers the export's format, the negotiation id, its version and the head digest (the
chain makes the head stand for every event before it).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "Ed25519"
CONTEXT = b"negotiation-tracker export signature v1\n"
CURRENT = "current"


class SigningKeyError(RuntimeError):
    """The kept keys cannot be read or written, or a trusted key in the settings is not a key."""


def key_id(public: Ed25519PublicKey) -> str:
    """A short, stable name for a public key: the first 16 hex digits of SHA-256 over its raw bytes."""
    return hashlib.sha256(raw(public)).hexdigest()[:16]


def raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def encoded(public: Ed25519PublicKey) -> str:
    """The public key as people copy it between installations: base64 of its 32 raw bytes."""
    return base64.b64encode(raw(public)).decode("ascii")


def public_key_from(text: str) -> Ed25519PublicKey:
    """A public key from its base64 text; raises SigningKeyError if it is not one."""
    try:
        data = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(data)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"not an Ed25519 public key in base64 ({error})") from None


def signed_message(document: Mapping[str, Any]) -> bytes:
    """The bytes an export's signature covers."""
    fields = {
        "format": document.get("format"),
        "negotiation_id": document.get("negotiation_id"),
        "version": document.get("version"),
        "head_digest": document.get("head_digest"),
    }
    return CONTEXT + json.dumps(fields, sort_keys=True, separators=(",", ":")).encode("utf-8")


class InstallationKeys:
    """This installation's current key and its earlier public keys."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        self._memory: Ed25519PrivateKey | None = None

    def current(self) -> Ed25519PrivateKey:
        """The key that signs now, made (and kept) on first use."""
        if self.directory is None:
            with self._lock:
                self._memory = self._memory or Ed25519PrivateKey.generate()
                return self._memory
        try:
            pointer = self.directory / CURRENT
            if not pointer.exists():
                return self._make()
            return self._load(pointer.read_text().strip())
        except OSError as error:
            raise SigningKeyError(f"cannot read the signing key in {self.directory}: {error}") from None

    def public_keys(self) -> dict[str, tuple[Ed25519PublicKey, bool]]:
        """Every public key of this installation by id, with whether it is the current one."""
        current = self.current().public_key()
        keys = {key_id(current): (current, True)}
        if self.directory is not None:
            for path in sorted(self.directory.glob("*.pub")):
                public = public_key_from(path.read_text())
                keys.setdefault(key_id(public), (public, False))
        return keys

    def rotate(self) -> str:
        """A new current key; the old one's public key is kept (its private key is deleted). Returns
        the new key's id."""
        if self.directory is None:
            with self._lock:
                self._memory = Ed25519PrivateKey.generate()
                return key_id(self._memory.public_key())
        old = self.current()
        old_id = key_id(old.public_key())
        (self.directory / f"{old_id}.pub").write_text(encoded(old.public_key()) + "\n")
        new_id = self._make(replace=True)
        (self.directory / f"{old_id}.pem").unlink(missing_ok=True)
        return key_id(new_id.public_key())

    def sign(self, document: Mapping[str, Any]) -> dict[str, str]:
        """The ``signature`` block for an export document."""
        private = self.current()
        return {
            "algorithm": ALGORITHM,
            "key_id": key_id(private.public_key()),
            "public_key": encoded(private.public_key()),
            "value": base64.b64encode(private.sign(signed_message(document))).decode("ascii"),
        }

    def _make(self, replace: bool = False) -> Ed25519PrivateKey:
        assert self.directory is not None
        with self._lock:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            pointer = self.directory / CURRENT
            if pointer.exists() and not replace:  # another worker made it first
                return self._load(pointer.read_text().strip())
            private = Ed25519PrivateKey.generate()
            name = key_id(private.public_key())
            pem = private.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            path = self.directory / f"{name}.pem"
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
            temporary = self.directory / f".{CURRENT}.{os.getpid()}"
            temporary.write_text(name + "\n")
            os.replace(temporary, pointer)  # atomic: a worker reads the old or the new name
            return private

    def _load(self, name: str) -> Ed25519PrivateKey:
        assert self.directory is not None
        key = serialization.load_pem_private_key((self.directory / f"{name}.pem").read_bytes(), None)
        if not isinstance(key, Ed25519PrivateKey):
            raise SigningKeyError(f"{self.directory / name}.pem is not an Ed25519 key")
        return key


def installation_keys(config: Mapping[str, Any]) -> InstallationKeys:
    """The keys of the installation ``config`` describes (in memory for the in-memory store)."""
    if config.get("store") == "memory" and not config.get("signing_keys_dir"):
        return InstallationKeys(None)
    directory = str(config.get("signing_keys_dir") or "").strip()
    return InstallationKeys(Path(directory) if directory else Path(config["data_dir"]) / "signing-keys")


def trusted_keys(setting: object) -> dict[str, tuple[str, Ed25519PublicKey]]:
    """Other installations' public keys by key id, with the name they are trusted under. The setting
    is a mapping (TOML: ``[trusted_keys]`` name = "base64") or text ``name=base64,name2=base64``
    (``TRACKER_TRUSTED_KEYS``)."""
    if not setting or (isinstance(setting, str) and setting.strip() in ("", "{}")):
        return {}
    if isinstance(setting, str):
        pairs = [part.split("=", 1) for part in setting.split(",") if part.strip()]
        if any(len(pair) != 2 for pair in pairs):
            raise SigningKeyError("trusted_keys: write name=public key, separated by commas")
        items = [(name.strip(), text.strip()) for name, text in pairs]
    elif isinstance(setting, Mapping):
        items = [(str(name), str(text)) for name, text in setting.items()]
    else:
        raise SigningKeyError("trusted_keys: a table of name = public key")
    found = {}
    for name, text in items:
        try:
            public = public_key_from(text)
        except SigningKeyError as error:
            raise SigningKeyError(f"trusted_keys: {name}: {error}") from None
        found[key_id(public)] = (name, public)
    return found


@dataclass(frozen=True)
class Origin:
    """Who produced an export, as far as its signature shows."""

    kind: str  # "this_installation", "trusted" or "not_proven"
    signer: str = ""
    key_id: str = ""
    reason: str = ""

    @property
    def proven(self) -> bool:
        return self.kind != "not_proven"

    @property
    def sentence(self) -> str:
        if self.kind == "this_installation":
            return f"Signed by this installation (key {self.key_id})."
        if self.kind == "trusted":
            return f"Signed by {self.signer}, a trusted installation (key {self.key_id})."
        return f"Origin not proven: {self.reason}."


def origin_of(
    document: Mapping[str, Any],
    own: InstallationKeys | None,
    trusted: Mapping[str, tuple[str, Ed25519PublicKey]],
) -> Origin:
    """Checks an export's signature against this installation's keys (none: only the trusted ones)
    and the trusted ones."""
    block = document.get("signature")
    if block is None:
        return Origin("not_proven", reason="the file is not signed")
    if not isinstance(block, Mapping) or block.get("algorithm") != ALGORITHM:
        return Origin("not_proven", reason="the file's signature is not an Ed25519 signature")
    name = str(block.get("key_id") or "")[:64]
    mine = own.public_keys() if own is not None else {}
    if name in mine:
        public, signer, kind = mine[name][0], "", "this_installation"
    elif name in trusted:
        signer, public = trusted[name]
        kind = "trusted"
    else:
        return Origin(
            "not_proven",
            key_id=name,
            reason=f"it is signed by a key this installation does not trust ({name})",
        )
    try:
        public.verify(
            base64.b64decode(str(block.get("value") or ""), validate=True), signed_message(document)
        )
    except (InvalidSignature, ValueError):
        return Origin(
            "not_proven",
            key_id=name,
            reason="its signature does not match its contents: the file was altered",
        )
    return Origin(kind, signer=signer, key_id=name)
