"""Errors never surface as 500 pages with tracebacks: JSON under /api, a plain page elsewhere."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ code }} {{ name }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{{ name }}</h1><p>{{ description }}</p><p><a href="/">Back to your negotiations</a></p></main>
</body></html>"""


def wants_json() -> bool:
    return request.path.startswith("/api/")


def register_error_handlers(app: Flask) -> None:
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
