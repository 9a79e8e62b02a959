"""The webhook signature (Stripe's scheme): a known answer computed here independently, and the
receiver's ``verify`` refusing anything changed, stale or malformed."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from tracker.notify.webhooks.signing import HEADER, new_secret, sign, verify

SECRET = "whsec_test-secret"
BODY = b'{"id":"d1","type":"counter_offered"}'
T = 1_767_225_600


def test_the_header_is_named_tracker_signature():
    assert HEADER == "Tracker-Signature"


def test_known_answer():
    expected = hmac.new(b"whsec_test-secret", b"1767225600." + BODY, hashlib.sha256).hexdigest()
    assert sign(SECRET, BODY, T) == f"t=1767225600,v1={expected}"


def test_verify_accepts_its_own_signature_within_the_tolerance():
    header = sign(SECRET, BODY, T)
    assert verify(SECRET, header, BODY, now=T)
    assert verify(SECRET, header, BODY, now=T + 300)
    assert verify(SECRET, header, BODY, now=T - 300)


def test_verify_rejects_a_changed_body():
    assert not verify(SECRET, sign(SECRET, BODY, T), BODY.replace(b"d1", b"d2"), now=T)


def test_verify_rejects_a_changed_timestamp():
    header = sign(SECRET, BODY, T).replace(f"t={T}", f"t={T + 1}")
    assert not verify(SECRET, header, BODY, now=T)


def test_verify_rejects_a_wrong_secret():
    assert not verify("whsec_other", sign(SECRET, BODY, T), BODY, now=T)


def test_verify_rejects_a_stale_or_future_timestamp():
    header = sign(SECRET, BODY, T)
    assert not verify(SECRET, header, BODY, now=T + 301)
    assert not verify(SECRET, header, BODY, now=T - 301)
    assert not verify(SECRET, header, BODY, now=T + 61, tolerance=60)


def test_verify_accepts_any_matching_v1_while_a_secret_is_replaced():
    old = sign("whsec_old", BODY, T).split(",")[1]
    assert verify(SECRET, f"{sign(SECRET, BODY, T)},{old}", BODY, now=T)
    assert verify("whsec_old", f"{sign(SECRET, BODY, T)},{old}", BODY, now=T)


@pytest.mark.parametrize(
    "header",
    [
        None,
        b"t=1,v1=00",
        "",
        "garbage",
        f"v1={'0' * 64}",
        f"t={T}",
        f"t={T},v1=",
        f"t={T},v1=xyz",
        f"t={T},v1={'A' * 64}",
        f"t=-{T},v1={'0' * 64}",
        f"t=1e9,v1={'0' * 64}",
        f"t={T},t={T},v1={'0' * 64}",
        f"t={T};v1={'0' * 64}",
        "t=" + "9" * 2000,
    ],
)
def test_verify_rejects_malformed_headers(header):
    assert verify(SECRET, header, BODY, now=T) is False


def test_verify_rejects_a_well_formed_but_wrong_signature():
    assert not verify(SECRET, f"t={T},v1={'0' * 64}", BODY, now=T)


def test_new_secrets_are_prefixed_long_and_different():
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and len(first) >= len("whsec_") + 43
    assert first != second


def test_sign_wants_whole_unix_seconds():
    with pytest.raises(ValueError):
        sign(SECRET, BODY, 1.5)  # type: ignore[arg-type]
