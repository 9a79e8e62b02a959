"""A sign-out everywhere recorded by one server counts at once on another that is checking the same
user's sessions from several threads (on PostgreSQL their store reads are shared, tracker.accounts.fresh):
every check that began after the sign-out returned finds the session ended, even while a read made
before it is still on its way back."""

from __future__ import annotations

import threading
import time

from tests.support.accounts import FakeClock, people_config
from tracker.accounts import build_accounts

PASSWORD = "correct horse battery staple"


def test_a_sign_out_everywhere_ends_sessions_at_once_on_another_server(store_config):
    clock = FakeClock()
    here, there = (build_accounts(people_config(store_config), clock=clock) for _ in range(2))
    try:
        here.sign_up("ana@example.com", PASSWORD)
        issued = clock.now
        clock.advance(minutes=5)
        assert there.session_user("ana@example.com", issued) is not None
        read = there.app.repository.get

        def slow_read(*args, **kwargs):  # the answer takes a while to come back, as over a busy network
            found = read(*args, **kwargs)
            time.sleep(0.03)
            return found

        there.app.repository.get = slow_read
        checks: list[tuple[float, bool]] = []
        stop = threading.Event()

        def check() -> None:
            while not stop.is_set():
                began = time.monotonic()
                current = there.session_user("ana@example.com", issued) is not None
                checks.append((began, current))

        threads = [threading.Thread(target=check) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(0.2)
        here.sign_out_everywhere("ana@example.com")  # while a read made before it is on its way back
        signed_out = time.monotonic()
        assert there.session_user("ana@example.com", issued) is None, (
            "a check begun after the sign-out passed"
        )
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(10)
        before = [current for began, current in checks if began < signed_out]
        after = [current for began, current in checks if began > signed_out]
        assert before and after and any(before)
        assert not any(after), f"{sum(after)} of {len(after)} checks begun after the sign-out still passed"
    finally:
        here.close()
        there.close()
