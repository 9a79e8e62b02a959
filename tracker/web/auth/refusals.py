"""App-wide answers for access refusals raised outside the pages and API blueprints (which map them
themselves): no access is 404 (nothing hints that the thing exists), a role too weak is 403."""

from __future__ import annotations

from flask import Flask, jsonify, render_template

from tracker.domain.errors import NotFound
from tracker.teams import AccessDenied
from tracker.web.auth.guard import is_api
from tracker.web.identity import Forbidden


def _answer(code: int, title: str, message: str):
    if is_api():
        return jsonify(error=title, message=message), code
    return render_template("pages/error.html", code=code, title=title, message=message), code


def register_refusals(app: Flask) -> None:
    @app.errorhandler(NotFound)
    def not_found(error: NotFound):
        return _answer(404, "Not Found" if is_api() else "Not found", str(error) or "There is nothing here.")

    @app.errorhandler(Forbidden)
    @app.errorhandler(AccessDenied)
    def forbidden(error: Exception):
        message = getattr(error, "message", None) or str(error) or "Your role does not allow this."
        return _answer(403, "Forbidden" if is_api() else "Not allowed", message)
