"""docs/notifications.md stays true: its receiver snippet verifies real signatures and refuses others,
and its example call is signed as the tracker signs it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from tracker.notify.webhooks.signing import sign

DOC = (Path(__file__).resolve().parents[2] / "docs" / "notifications.md").read_text()


def snippet_verify():
    [code] = re.findall(r"```python\n(.*?)```", DOC, flags=re.S)
    namespace: dict = {}
    exec(compile(code, "docs/notifications.md", "exec"), namespace)
    return namespace["verify"]


def test_the_receiver_snippet_accepts_the_trackers_signature_and_nothing_else():
    verify = snippet_verify()
    body, now = b'{"id":"d1","type":"ping"}', int(time.time())
    assert verify("whsec_doc", sign("whsec_doc", body, now), body)
    assert not verify("whsec_doc", sign("whsec_doc", body, now), body + b" ")
    assert not verify("whsec_other", sign("whsec_doc", body, now), body)
    assert not verify("whsec_doc", sign("whsec_doc", body, now - 301), body)
    assert not verify("whsec_doc", "t=abc,v1=00", body)
    assert not verify("whsec_doc", "", body)


def test_the_example_call_is_signed_as_the_tracker_signs_it():
    header = re.search(r"^Tracker-Signature: (t=(\d+),v1=[0-9a-f]{64})$", DOC, flags=re.M)
    body = re.search(r"^(\{\"actor\".*\})$", DOC, flags=re.M)
    assert header and body
    assert sign("whsec_example", body.group(1).encode(), int(header.group(2))) == header.group(1)
