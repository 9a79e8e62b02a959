"""Flask's signed session cookie, read with less work on every request after the first.

A browser sends the same cookie with each request until the session changes. Flask verifies its
signature and decodes it each time, with a serializer made anew each time. Here the serializer is
made once per set of keys, and a cookie verified once is remembered with its data and signing time
(``remembered`` cookies per worker, least recently used dropped first): the same cookie again is
checked for age as itsdangerous checks it and its data copied, not verified and decoded again. Only
verified cookies are remembered, under the keys that verified them, so rotating the secret key or a
tampered cookie is treated as before. What the session means is still checked against the account on
every request (tracker.web.auth.sessions)."""

from __future__ import annotations

import copy
import threading
import time
from typing import Any

from cachetools import LRUCache
from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

REMEMBERED = 1024


class RememberingSessionInterface(SecureCookieSessionInterface):
    def __init__(self, remembered: int = REMEMBERED) -> None:
        self._verified: LRUCache[tuple[Any, str], tuple[dict[str, Any], int]] = LRUCache(remembered)
        self._lock = threading.Lock()
        self._serializer: tuple[tuple[Any, ...], URLSafeTimedSerializer] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        keys = (*(app.config["SECRET_KEY_FALLBACKS"] or ()), app.secret_key)
        made = self._serializer
        if made is None or made[0] != keys:
            serializer = super().get_signing_serializer(app)
            assert serializer is not None
            made = self._serializer = (keys, serializer)
        return made[1]

    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        key = (self._serializer[0] if self._serializer else None, cookie)
        with self._lock:
            found = self._verified.get(key)
        if found is not None:
            data, signed_at = found
            age = int(time.time()) - signed_at  # as itsdangerous: whole seconds, none from the future
            if 0 <= age <= max_age:
                return self.session_class(copy.deepcopy(data))
        try:
            data, signed = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        with self._lock:
            self._verified[key] = (copy.deepcopy(data), int(signed.timestamp()))
        return self.session_class(data)
