"""GET /ping: the smallest answer the server gives (the HTTP benchmark's baseline): public, no store."""

from __future__ import annotations

from tests.support.config import make_config
from tracker import create_app


def test_ping_answers_ok_without_signing_in_or_touching_the_store(monkeypatch):
    app = create_app(make_config(store="memory", auth_required=True, secret_key="test"))
    try:
        tracker = app.extensions["tracker"]

        def refused(*_args, **_kwargs):
            raise AssertionError("the store was read")

        monkeypatch.setattr(tracker.recorder, "max_notification_id", refused)
        answer = app.test_client().get("/ping")
        assert answer.status_code == 200 and answer.get_data(as_text=True) == "ok"
        assert answer.headers["Content-Type"].startswith("text/plain")
        assert app.test_client().get("/").status_code in (302, 303)  # pages still need sign-in
    finally:
        app.extensions["people"].close()
        tracker.close()
