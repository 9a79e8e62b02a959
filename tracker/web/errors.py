"""Errors never surface as 500 pages with tracebacks: JSON under /api, a plain page elsewhere.
A store that is down or cannot be written (``StoreUnavailable``) is a 503 with ``Retry-After``."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException

from tracker.eventstore.availability import UNAVAILABLE_ERRORS, unavailable_from

log = logging.getLogger(__name__)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ code }} {{ name }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{{ name }}</h1><p>{{ description }}</p><p><a href="/">Back to your negotiations</a></p></main>
</body></html>"""


def wants_json() -> bool:
    return request.path.startswith("/api/")


#: Seconds a client is asked to wait before trying again when the store is unavailable.
RETRY_AFTER = 5


def register_error_handlers(app: Flask) -> None:
    def store_unavailable(error: Exception):
        problem = unavailable_from(error)
        log.warning("store unavailable on %s %s: %s", request.method, request.path, error)
        headers = {"Retry-After": str(RETRY_AFTER), "Cache-Control": "no-store"}
        if wants_json():
            body = jsonify(error="Service Unavailable", message=problem.message, reason=problem.reason)
            return body, 503, headers
        page = render_template_string(
            PAGE, code=503, name="The store is unavailable", description=problem.message
        )
        return page, 503, headers

    for kind in UNAVAILABLE_ERRORS:
        app.register_error_handler(kind, store_unavailable)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            # Keep the exception's own headers (Allow on a 405), but answer in JSON.
            headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
            return jsonify(error=error.name, message=error.description), error.code, headers
        return render_template_string(
            PAGE, code=error.code, name=error.name, description=error.description
        ), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        message = "Something went wrong on our side; nothing was stored. Please try again."
        if wants_json():
            return jsonify(error="Internal Server Error", message=message), 500
        return render_template_string(PAGE, code=500, name="Something went wrong", description=message), 500
