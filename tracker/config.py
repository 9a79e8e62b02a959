"""Layered configuration: config/default.toml, then TRACKER_* environment variables, then a mapping."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "config" / "default.toml"


class ConfigError(ValueError):
    """A configuration value that cannot be used."""


def _coerce(key: str, raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        if raw.strip().lower() in ("1", "true", "yes", "on"):
            return True
        if raw.strip().lower() in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"TRACKER_{key.upper()} must be true or false, not {raw!r}")
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"TRACKER_{key.upper()} must be a whole number, not {raw!r}") from None
    return raw


def load_config(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Returns the merged settings. Unknown keys in ``overrides`` are kept (extensions use them)."""
    path = Path(os.environ.get("TRACKER_CONFIG_FILE", DEFAULT_FILE))
    with path.open("rb") as fh:
        config: dict[str, Any] = tomllib.load(fh)
    env = os.environ if environ is None else environ
    for key, default in list(config.items()):
        name = f"TRACKER_{key.upper()}"
        if name in env:
            config[key] = _coerce(key, env[name], default)
    for key, value in (overrides or {}).items():
        config[key.lower()] = value
    if config["store"] not in ("sqlite", "postgres", "memory"):
        raise ConfigError(f"store must be sqlite, postgres or memory, not {config['store']!r}")
    return config


def sqlite_path(config: Mapping[str, Any]) -> Path:
    file = Path(config["sqlite_file"])
    return file if file.is_absolute() else Path(config["data_dir"]) / file


def postgres_connection(config: Mapping[str, Any]) -> dict[str, Any]:
    """psycopg.connect's arguments for the configured PostgreSQL server (outside the library's pool)."""
    return dict(
        host=config["postgres_host"],
        port=config["postgres_port"],
        dbname=config["postgres_dbname"],
        user=config["postgres_user"],
        password=config["postgres_password"] or None,
    )


def store_timeout(config: Mapping[str, Any]) -> float:
    """How long a read or write may wait for the store before it is called unavailable (seconds)."""
    value = config.get("store_timeout_seconds", 5)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise ConfigError(f"store_timeout_seconds must be a number of seconds, not {value!r}") from None
    if seconds <= 0:
        raise ConfigError(f"store_timeout_seconds must be more than 0, not {value!r}")
    return seconds


def eventsourcing_env(config: Mapping[str, Any]) -> dict[str, str]:
    """The eventsourcing library's settings for the configured store."""
    timeout = store_timeout(config)
    env: dict[str, str] = {"STORE_TIMEOUT": str(timeout)}
    store = config["store"]
    if store == "sqlite":
        path = sqlite_path(config)
        path.parent.mkdir(parents=True, exist_ok=True)
        env.update(
            PERSISTENCE_MODULE="eventsourcing.sqlite",
            SQLITE_DBNAME=str(path),
            SQLITE_LOCK_TIMEOUT=str(max(1, round(timeout))),
        )
    elif store == "postgres":
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=str(config["postgres_dbname"]),
            POSTGRES_HOST=str(config["postgres_host"]),
            POSTGRES_PORT=str(config["postgres_port"]),
            POSTGRES_USER=str(config["postgres_user"]),
            POSTGRES_PASSWORD=str(config["postgres_password"]),
            POSTGRES_POOL_SIZE=str(config["postgres_pool_size"]),
            POSTGRES_MAX_OVERFLOW=str(config["postgres_max_overflow"]),
            POSTGRES_CONNECT_TIMEOUT=str(
                max(1, round(timeout))
            ),  # the pool's wait; the guard sets the exact one
            POSTGRES_LOCK_TIMEOUT="5",
            POSTGRES_PRE_PING="y" if config.get("postgres_pre_ping") else "",
            # Each append one statement, the lock held only while the server works
            # (tracker/eventstore/postgres_append.py).
            APPLICATION_RECORDER_TOPIC="tracker.eventstore.postgres_append:OneTripApplicationRecorder",
        )
        if config.get("postgres_schema"):
            env["POSTGRES_SCHEMA"] = str(config["postgres_schema"])
    else:
        env["PERSISTENCE_MODULE"] = "eventsourcing.popo"
    if int(config.get("snapshot_interval") or 0) > 0:
        env["IS_SNAPSHOTTING_ENABLED"] = "y"
    if int(config.get("aggregate_cache_size") or 0) > 0:
        env["AGGREGATE_CACHE_MAXSIZE"] = str(config["aggregate_cache_size"])
        env["AGGREGATE_CACHE_FASTFORWARD"] = "y"
    if config.get("cipher_key"):
        env.update(
            CIPHER_TOPIC="eventsourcing.cryptography:AESCipher",
            CIPHER_KEY=check_cipher_key(str(config["cipher_key"])),
        )
    return env


def check_cipher_key(key: str) -> str:
    """A cipher key is 16, 24 or 32 random bytes in base64 (`tracker keygen` makes one)."""
    import binascii
    from base64 import b64decode

    try:
        size = len(b64decode(key.strip().encode("ascii"), validate=True))
    except (binascii.Error, UnicodeEncodeError):
        size = -1
    if size not in (16, 24, 32):
        raise ConfigError(
            "cipher_key (TRACKER_CIPHER_KEY) must be 16, 24 or 32 bytes in base64; "
            "run `tracker keygen` to make one."
        )
    return key.strip()
