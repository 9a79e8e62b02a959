"""Helpers shared by the tests (moved out of tests/web/browser/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.auth import PASSWORD
from tracker.demo import ACTOR as PERSON

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


EXPECTED_STATUS = re.compile(r"Failed to load resource: .* status of (409|422)\b")


ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class LiveServer:
    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def tracker(self):
        return self.app.extensions["tracker"]


@contextmanager
def running_server(data_dir: Path) -> Iterator[LiveServer]:
    """The app on a fresh SQLite store in ``data_dir``, served from a thread until the block ends."""
    from tests.support.config import make_config
    from tracker import create_app

    config = make_config(
        store="sqlite",
        data_dir=str(data_dir),
        sqlite_file="tracker.sqlite",
        secret_key="browser-tests",
        csrf_enabled=True,
        auth_required=True,
        password_hash_profile="CHEAPEST",
    )
    server = LiveServer(create_app(config))
    server.thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.thread.join()
        server.tracker.close()


_RUNNING: dict[str, object] = {
    "users": 0
}  # one Playwright per process, however many modules import the fixture


def sign_up_or_in(page, base_url: str, email: str = PERSON, password: str = PASSWORD) -> None:
    """Through the real forms: signs up (or, when the account exists, signs in) and lands on the list."""
    page.goto(base_url + "/auth/signup")
    page.locator("#f-email").fill(email)
    page.locator("#f-password").fill(password)
    page.locator("#f-confirm").fill(password)
    page.get_by_role("button", name="Create the account").click()
    page.wait_for_load_state()
    if page.url.rstrip("/") != base_url:  # the account exists already: sign in
        page.goto(base_url + "/auth/signin")
        page.locator("#f-email").fill(email)
        page.locator("#f-password").fill(password)
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/")


def signed_in_context(browser, url: str, email: str = PERSON, **options):
    """A new browser context (a person's own browser) signed in on the server ``url`` belongs to."""
    parts = urlsplit(url)
    context = browser.new_context(**options)
    sign_up_or_in(context.new_page(), f"{parts.scheme}://{parts.netloc}", email)
    return context


def screenshot_path(name: str) -> Path:
    """Where the screenshot ``name`` goes (artifacts/screenshots/<name>.png), its folder made."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def screenshot(page, name: str) -> Path:
    path = screenshot_path(name)
    page.screenshot(path=str(path), full_page=True)
    return path
