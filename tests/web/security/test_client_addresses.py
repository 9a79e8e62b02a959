"""The client address behind a proxy: with ``trusted_proxies`` the app takes it from X-Forwarded-For
(Werkzeug's ProxyFix), so one person's failures are counted against their own address and nobody
else's; without it the header is ignored, so a client cannot choose the address it is counted as."""

from __future__ import annotations

import http.client
import re
from urllib.parse import urlencode

import pytest

from tests.support.auth import PASSWORD, csrf_token
from tests.support.forwarding_proxy import ForwardingProxy
from tests.support.live_server import LiveServer, run_cli
from tracker import create_app
from tracker.accounts.throttle import Guard


def guarded_addresses(accounts) -> dict[str, int]:
    """Each client address with failures recorded, and how many."""
    found = {}
    for address in ("127.0.0.1", "127.0.0.2", "127.0.0.3", "198.51.100.9", "203.0.113.5"):
        try:
            guard = accounts.app.repository.get(Guard.create_id("client", address))
        except Exception:
            continue
        found[address] = len(guard.failures)
    return found


def fail_in_process(client, n: int, **headers: str) -> int:
    token = csrf_token(client, "/auth/signin")
    data = {"csrf_token": token, "email": f"guess{n}@example.org", "password": "wrong guess"}
    return client.post("/auth/signin", data=data, headers=headers).status_code


@pytest.mark.parametrize("hops, counted", [(0, "127.0.0.1"), (1, "203.0.113.5")])
def test_forwarded_for_counts_only_behind_trusted_proxies(sqlite_config, hops, counted):
    app = create_app({**sqlite_config, "trusted_proxies": hops} if hops else sqlite_config)
    try:
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = "127.0.0.1"  # the proxy (or the client itself)
        assert fail_in_process(client, 1, **{"X-Forwarded-For": "198.51.100.9, 203.0.113.5"}) == 401
        assert guarded_addresses(app.extensions["people"].accounts) == {counted: 1}
    finally:
        app.extensions["people"].close()
        app.extensions["tracker"].close()


class Visitor:
    """One person's browser on its own loopback address, talking to the proxy."""

    def __init__(self, port: int, address: str) -> None:
        self.port, self.address, self.cookie = port, address, ""

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.address, 0)
        )
        sent = {**(headers or {}), **({"Cookie": self.cookie} if self.cookie else {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        answer = conn.getresponse()
        page = answer.read().decode(errors="replace")
        cookie = answer.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        conn.close()
        return answer.status, page

    def sign_in(self, email: str, password: str, **headers: str) -> int:
        _, form = self.request("GET", "/auth/signin")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        body = urlencode({"csrf_token": token, "email": email, "password": password})
        return self.request("POST", "/auth/signin", body, headers)[0]


@pytest.mark.slow
def test_behind_a_real_proxy_each_person_is_their_own_address(sqlite_config, tmp_path):
    config = {**sqlite_config, "trusted_proxies": 1}  # the README's setting behind one proxy
    run_cli(config, "user", "add", "owner@example.org", "--password", PASSWORD)
    server = LiveServer(config, tmp_path / "server.log", workers=1, threads=4).start()
    try:
        with ForwardingProxy(server.port) as proxy:
            attacker, owner = Visitor(proxy.port, "127.0.0.2"), Visitor(proxy.port, "127.0.0.3")
            spoofed = {"X-Forwarded-For": "127.0.0.3"}  # trying to pass for the owner's address
            answers = [attacker.sign_in(f"guess{n}@example.org", "wrong guess", **spoofed) for n in range(32)]
            assert answers == [401] * 32
            assert owner.sign_in("owner@example.org", PASSWORD) == 303
            colleague = Visitor(proxy.port, "127.0.0.2")  # same address as the attacker
            assert colleague.sign_in("owner@example.org", PASSWORD) == 303
    finally:
        server.stop()
    from tracker.accounts import build_accounts

    accounts = build_accounts(server.config)
    try:
        assert guarded_addresses(accounts) == {"127.0.0.2": 32}  # not the proxy's, not the spoofed one
    finally:
        accounts.close()
