"""This installation's public signing keys at a well-known URL, without sign-in: another installation
(or a person) fetches them to trust what this one exports (``trusted_keys``)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify

from tracker.audit.signing import ALGORITHM, InstallationKeys, SigningKeyError, encoded, trusted_keys
from tracker.config import ConfigError

WELL_KNOWN = "/.well-known/negotiation-tracker-keys"


def register_signing(app: Flask, config: dict[str, Any], keys: InstallationKeys) -> None:
    """Makes (or reads) the installation's key now, as the session secret is, and reads the trusted
    keys from the settings: a bad one stops the start with one line."""
    try:
        keys.current()
        app.extensions["trusted_keys"] = trusted_keys(config.get("trusted_keys"))
    except SigningKeyError as error:
        raise ConfigError(str(error)) from None
    app.extensions["signing"] = keys

    @app.get(WELL_KNOWN)
    def signing_keys():
        found = installation_keys_of(current_app).public_keys()
        listed = [
            {"key_id": name, "algorithm": ALGORITHM, "public_key": encoded(public), "current": current}
            for name, (public, current) in found.items()
        ]
        return jsonify(keys=listed), 200, {"Cache-Control": "public, max-age=300"}


def installation_keys_of(app: Flask) -> InstallationKeys:
    return app.extensions["signing"]
