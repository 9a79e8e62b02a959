"""Browser tests in real headless Chromium (Debian's package, driven by Playwright): the app runs in
a thread on 127.0.0.1 and a free port, on a fresh SQLite store, with CSRF protection and sign-in on.
Each browser context is a person who signs up (or in) through the real forms: by default the owner of
the sample negotiation (tracker.demo.ACTOR)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.auth_helpers import PASSWORD
from tests.services import CHROMIUM, require_chromium
from tracker.demo import ACTOR as PERSON  # the browser's person owns the demo negotiation

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
    from tests.conftest import make_config
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


@pytest.fixture
def live_server(tmp_path) -> Iterator[LiveServer]:
    with running_server(tmp_path) as server:
        yield server


_RUNNING: dict[str, object] = {
    "users": 0
}  # one Playwright per process, however many modules import the fixture


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    if not _RUNNING["users"]:
        _RUNNING["playwright"] = sync_playwright().start()
        _RUNNING["browser"] = _RUNNING["playwright"].chromium.launch(  # type: ignore[attr-defined]
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
    _RUNNING["users"] = int(_RUNNING["users"]) + 1  # type: ignore[call-overload]
    yield _RUNNING["browser"]
    _RUNNING["users"] = int(_RUNNING["users"]) - 1  # type: ignore[call-overload]
    if not _RUNNING["users"]:
        _RUNNING.pop("browser").close()  # type: ignore[attr-defined]
        _RUNNING.pop("playwright").stop()  # type: ignore[attr-defined]


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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_up_or_in(page, live_server.url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    # A refused form answers 422 (or 409) on purpose; anything else (a CSP violation, a missing asset,
    # a script error) is a failure.
    unexpected = [e for e in errors if not EXPECTED_STATUS.search(e)]
    assert unexpected == [], f"the browser reported errors: {unexpected}"


@pytest.fixture
def phone(browser, live_server):
    context = signed_in_context(
        browser,
        live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield context.new_page()
    context.close()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path
