"""A newcomer's first minute on the real server, with the defaults ``make run`` gives (no secret key
set, several gunicorn workers): sign up through the form and stay signed in, across a restart too."""

from __future__ import annotations

import http.cookiejar
import re
import stat
import urllib.parse
import urllib.request

from tests.support.config import make_config
from tests.support.live_server import LiveServer
from tracker.web.secret_key import FILE_NAME


def signed_up_browser(base: str, email: str) -> urllib.request.OpenerDirector:
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    page = browser.open(f"{base}/auth/signup").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {
        "csrf_token": token,
        "email": email,
        "display_name": "First Minute",
        "password": "First-minute-pass-1",
        "confirm": "First-minute-pass-1",
    }
    answer = browser.open(
        urllib.request.Request(
            f"{base}/auth/signup", method="POST", data=urllib.parse.urlencode(form).encode()
        )
    )
    assert "/auth/" not in answer.geturl(), answer.read().decode()[:2000]
    return browser


def pages_that_sent_back_to_sign_in(browser: urllib.request.OpenerDirector, base: str, count: int) -> int:
    return sum("/auth/signin" in browser.open(f"{base}/").geturl() for _ in range(count))


def test_sign_up_and_stay_signed_in_on_every_worker_without_a_configured_secret(tmp_path):
    config = make_config(store="sqlite", data_dir=str(tmp_path / "var"), password_hash_profile="CHEAPEST")
    assert not config["secret_key"]
    server = LiveServer(config, tmp_path / "server.log", workers=3, threads=2).start()
    try:
        browser = signed_up_browser(server.base_url, "first.minute@example.org")
        assert pages_that_sent_back_to_sign_in(browser, server.base_url, 20) == 0
        kept = tmp_path / "var" / FILE_NAME
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        server.stop()
        server.start()  # the kept key outlives the processes: nobody is signed out by a restart
        assert pages_that_sent_back_to_sign_in(browser, server.base_url, 5) == 0
    finally:
        server.stop()
