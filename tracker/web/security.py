"""Security headers on every response. No asset comes from elsewhere, so the policy is strict."""

from __future__ import annotations

from flask import Flask, Response

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def register_security_headers(app: Flask) -> None:
    headers = dict(HEADERS)
    if app.config.get("SESSION_COOKIE_SECURE"):
        headers["Strict-Transport-Security"] = "max-age=31536000"
    named = [(name.lower(), name, value) for name, value in headers.items()]

    @app.after_request
    def add_headers(response: Response) -> Response:
        """Each header the view did not set itself (one pass over the response's headers, not one per header)."""
        present = {name.lower() for name, _ in response.headers.items()}
        response.headers.extend([(name, value) for lower, name, value in named if lower not in present])
        return response
