"""Flask application factory: config, the application service, extensions and blueprints."""

from __future__ import annotations

import secrets
from typing import Any, Mapping

from flask import Flask, jsonify

from tracker.config import load_config
from tracker.services import build_tracker


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    config = load_config(overrides)
    app = Flask(__name__)
    app.config["TRACKER"] = config
    app.config["SECRET_KEY"] = config.get("secret_key") or secrets.token_hex(32)
    tracker = build_tracker(config)
    app.extensions["tracker"] = tracker

    @app.get("/healthz")
    def healthz():
        tracker.recorder.max_notification_id()
        return jsonify(status="ok", store=config["store"])

    return app
