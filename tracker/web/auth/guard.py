"""Who is asking, on every request: the session (pages) or a bearer token (the JSON API).

With ``auth_required`` every route but the sign-in pages, /healthz and static files needs a user:
pages redirect to the sign-in page (coming back afterwards), the API answers 401 in JSON with a
``WWW-Authenticate: Bearer`` challenge (answered more slowly after many bad tokens from one client).
"""

from __future__ import annotations

from flask import Flask, g, jsonify, redirect, request, url_for

from tracker.accounts import SignInFailed
from tracker.web.auth.sessions import session_account
from tracker.web.identity import auth_required, people
from tracker.web.preferences import use_preferences

#: The calendar feed too: its URL's token is the credential (tracker.web.calendar_feed).
PUBLIC_ENDPOINTS = frozenset(
    {"auth.signin", "auth.signup", "healthz", "ping", "static", "signing_keys", "calendar.feed"}
)
REALM = 'Bearer realm="tracker"'


def is_api() -> bool:
    return request.path.startswith("/api/")


def unauthorized(message: str, error: str | None = None):
    challenge = REALM + (f', error="{error}"' if error else "")
    return jsonify(error="Unauthorized", message=message), 401, {"WWW-Authenticate": challenge}


def bearer_token() -> str | None:
    """The token of an ``Authorization: Bearer ...`` header; "" for another or malformed scheme."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def identify():
    """Sets ``g.user`` (and, for a signed-in page, ``g.time_zone`` and ``g.locale``); returns a response
    when the request may not go on."""
    g.user = None
    endpoint = request.endpoint
    if endpoint is None or endpoint in ("static", "healthz", "ping", "signing_keys", "calendar.feed"):
        return None  # unknown URLs answer 404/405; static files, health checks, public keys, feeds are public
    if is_api():
        token = bearer_token()
        if token is not None:
            try:
                g.user = people().accounts.authenticate_token(token, client=request.remote_addr).email
            except SignInFailed:
                return unauthorized(
                    "That API token is not valid (revoked, mistyped or unknown).", "invalid_token"
                )
        elif auth_required():
            return unauthorized(
                "Send an API token: Authorization: Bearer trk_... "
                "(create one on the API tokens page or with `tracker token create`)."
            )
        return None
    account = session_account()  # read once: the session check and the person's zone and locale
    g.user = account.email if account is not None else None
    if account is not None:  # API requests (above) keep UTC: the API speaks ISO 8601 with offsets
        use_preferences(account.time_zone, account.locale)
    if g.user is None and auth_required() and endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
    return None


def register_guard(app: Flask) -> None:
    app.before_request(identify)

    @app.context_processor
    def signed_in():
        return {
            "signed_in_user": getattr(g, "user", None),
            "auth_required": auth_required(),
            "negotiation_role": negotiation_role,
            "can_write": can_write,
            "unread_notifications": unread_notifications,
        }


def unread_notifications() -> int:
    """The bell's count for the signed-in person (0 for nobody), read once per page."""
    if not getattr(g, "user", None):
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = people().outbox.store.unread_count(g.user)
    return g.unread_notifications


def negotiation_role(negotiation_id: object) -> str | None:
    """The signed-in user's role on a negotiation (None without one, or nobody signed in)."""
    user = getattr(g, "user", None)
    if not user:
        return None
    known = g.setdefault("negotiation_roles", {})  # asked several times while one page is drawn
    key = str(negotiation_id)
    if key not in known:
        known[key] = people().access.role_for(user, key)
    return known[key]


def can_write(negotiation_id: object) -> bool:
    """Whether to offer the forms that log steps (the views check again on submit)."""
    if not auth_required():
        return True
    return negotiation_role(negotiation_id) in ("editor", "owner")
