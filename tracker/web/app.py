"""Flask application factory: config, the application service, extensions and blueprints."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from tracker.audit.signing import installation_keys
from tracker.bootstrap import build_people, build_tracker
from tracker.config import load_config
from tracker.eventstore.availability import limit_store_waits
from tracker.web.auth.cookie_sessions import RememberingSessionInterface
from tracker.web.auth.guard import register_guard
from tracker.web.auth.refusals import register_refusals
from tracker.web.body_limit import BodyLimit
from tracker.web.errors import register_error_handlers
from tracker.web.health import register_health
from tracker.web.secret_key import secret_key
from tracker.web.security import register_security_headers
from tracker.web.signing_keys import register_signing


def build_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    config = load_config(overrides)
    app = Flask(__name__)
    app.config["TRACKER"] = config
    app.config["SECRET_KEY"] = secret_key(config)
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_SECURE"] = bool(config.get("session_cookie_secure"))
    app.config["WTF_CSRF_ENABLED"] = bool(config.get("csrf_enabled", True))
    app.config["WTF_CSRF_TIME_LIMIT"] = None  # a long-open form must still submit
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(
        minutes=int(config.get("session_lifetime_minutes", 720))
    )
    # The cookie is sent back when the session changed, not signed again on every answer: an active
    # person's last_seen changes every minute (tracker.web.auth.sessions), which keeps it sliding.
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    app.session_interface = RememberingSessionInterface()
    tracker = build_tracker(config)
    app.extensions["tracker"] = tracker
    clock = config.get("clock")  # tests pass a clock they move by hand
    people = build_people(config, tracker, clock=clock if callable(clock) else None)
    app.extensions["people"] = people
    limit_store_waits(tracker, people.accounts.app, people.teams.app)  # never wait on a silent database
    register_guard(app)  # before CSRF: someone signed out is sent to sign in, whatever they post
    csrf = CSRFProtect(app)
    register_refusals(app)
    register_security_headers(app)
    register_error_handlers(app)
    register_blueprints(app, csrf)

    register_health(app, tracker, config)
    register_signing(app, config, installation_keys(config))
    app.wsgi_app = BodyLimit(app.wsgi_app, app.config["MAX_CONTENT_LENGTH"])  # type: ignore[method-assign]
    hops = int(config.get("trusted_proxies") or 0)
    if hops > 0:  # the client address (throttling, logs) from X-Forwarded-For, set by known proxies only
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops)  # type: ignore[method-assign]

    return app


def register_blueprints(app: Flask, csrf: CSRFProtect) -> None:
    """Each blueprint module exposes ``bp``; the JSON API is exempt from CSRF (it uses tokens)."""
    from importlib import import_module

    for name in (
        "tracker.web.pages",
        "tracker.web.api",
        "tracker.web.auth",
        "tracker.web.teams",
        "tracker.web.notifications",
        "tracker.web.calendar_feed",
    ):
        try:
            module = import_module(name)
        except ModuleNotFoundError as error:  # a blueprint not built yet
            if error.name != name:
                raise
            continue
        if getattr(module, "CSRF_EXEMPT", False):
            csrf.exempt(module.bp)
        app.register_blueprint(module.bp)
