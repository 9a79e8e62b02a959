"""The key that signs session cookies and CSRF tokens, shared by every worker of an installation.

A configured ``secret_key`` (``TRACKER_SECRET_KEY``) wins. Without one, the first worker to start
generates a key and keeps it in the data directory (``secret_key`` file, mode 0600); every other worker,
and every later start, reads the same file, so a cookie signed by one worker is good in all of them.
The in-memory store (tests, throwaway runs) keeps nothing on disk and gets a key of its own.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

FILE_NAME = "secret_key"


class SecretKeyError(RuntimeError):
    """The kept key cannot be read or written (permissions, an empty or damaged file)."""


def secret_key(config: Mapping[str, Any]) -> str:
    configured = str(config.get("secret_key") or "").strip()
    if configured:
        return configured
    if config.get("store") == "memory":
        return secrets.token_hex(32)
    return kept_key(Path(config["data_dir"]))


def kept_key(data_dir: Path) -> str:
    """The key kept in ``data_dir``, made there first if there is none (safe when workers race)."""
    path = data_dir / FILE_NAME
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        temporary = data_dir / f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)  # never replaces: the first worker's key wins, whole or not at all
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    try:
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise SecretKeyError(
            f"The session key in {path} cannot be read ({error}); fix its permissions, "
            f"or set TRACKER_SECRET_KEY."
        ) from None
    if len(key) < 32:
        raise SecretKeyError(
            f"The session key in {path} is too short or empty; delete the file to make a "
            f"new one (everyone is signed out), or set TRACKER_SECRET_KEY."
        )
    return key
