"""Browser tests in real headless Chromium (Debian's package, driven by Playwright): the app runs in
a thread on 127.0.0.1 and a free port, on a fresh SQLite store, with CSRF protection and sign-in on.
Each browser context is a person who signs up (or in) through the real forms: by default the owner of
the sample negotiation (tracker.demo.ACTOR)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.browser import (  # noqa: F401
    _RUNNING,
    ARGS,
    EXPECTED_STATUS,
    SCREENSHOTS,
    LiveServer,
    running_server,
    screenshot,
    sign_up_or_in,
    signed_in_context,
)
from tests.support.services import CHROMIUM, require_chromium


@pytest.fixture
def live_server(tmp_path) -> Iterator[LiveServer]:
    with running_server(tmp_path) as server:
        yield server


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
