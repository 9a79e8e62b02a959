"""One webhook call: check the address again, sign the body, POST it, and say how it went.

The address is checked right before each call (its DNS may have changed since the webhook was saved)
and the connection goes to the address that was checked: the request is sent to that IP with the
original host in the ``Host`` header and as the TLS server name, so the certificate is still verified
against the host name and a second DNS answer (DNS rebinding) cannot send the call elsewhere; proxies
from the environment are ignored for the same reason. The checked addresses are tried in the
resolver's order, moving on only when no connection could be made (so nothing was sent).

``timeout`` bounds each phase (connect, send, each read); reading the answer also stops once the
whole call has taken ``timeout``. The answer's body is read up to 64 KiB and thrown away: only the
status code matters."""

from __future__ import annotations

import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tracker.domain.errors import InvalidValue
from tracker.notify.webhooks.signing import HEADER, sign
from tracker.notify.webhooks.urls import IPAddress, checked_addresses

USER_AGENT = "negotiation-tracker-webhooks/1"
DELIVERY_HEADER = "Tracker-Delivery"
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class Attempt:
    """How one call went: the receiver's status code if it answered, and a one-line reason if not ok."""

    status_code: int | None
    error: str | None
    ok: bool
    duration_ms: int


def post(
    url: str,
    body: bytes,
    secret: str,
    *,
    timeout: float = 10,
    allow_loopback: bool = False,
    now: int | None = None,
    delivery_id: str | None = None,
    ssl_context: ssl.SSLContext | None = None,
) -> Attempt:
    """POST the signed ``body`` to ``url``; ok only for a 2xx answer. ``now`` (unix seconds) is the
    signature's time, the clock's by default; ``delivery_id`` goes in the ``Tracker-Delivery`` header;
    ``ssl_context`` replaces the default certificate checks (tests trust their own certificate).
    Never raises for the receiver's faults: a refused address, a redirect, an error status, a timeout
    or a failed connection are each an Attempt that is not ok."""
    started = time.monotonic()

    def done(status_code: int | None, error: str | None) -> Attempt:
        elapsed = round((time.monotonic() - started) * 1000)
        return Attempt(status_code, _one_line(error) if error else None, error is None, elapsed)

    try:
        url, addresses = checked_addresses(url, allow_loopback=allow_loopback)
    except InvalidValue as refusal:
        return done(None, f"refused: {refusal.message}")
    try:
        target = httpx.URL(url)
    except httpx.InvalidURL as error:
        return done(None, f"refused: not a valid web address ({error})")
    if not _same_host(target, urlsplit(url).hostname or ""):
        return done(None, "refused: the address's host is read differently by different parsers")
    stamp = int(time.time()) if now is None else now
    headers = {
        "Host": target.netloc.decode("ascii"),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        HEADER: sign(secret, body, stamp),
    }
    if delivery_id is not None:
        headers[DELIVERY_HEADER] = delivery_id
    try:
        code, reason = _send(target, addresses, body, headers, timeout, ssl_context, started)
    except httpx.TimeoutException:
        return done(None, f"timed out after {timeout:g} s")
    except httpx.ConnectError as error:
        return done(None, f"could not connect: {error or type(error).__name__}")
    except httpx.HTTPError as error:
        return done(None, f"the call failed: {error or type(error).__name__}")
    if 200 <= code < 300:
        return done(code, None)
    if 300 <= code < 400:
        return done(code, f"HTTP {code}: redirects are not followed")
    return done(code, f"HTTP {code} {reason}".rstrip())


def _send(
    target: httpx.URL,
    addresses: tuple[IPAddress, ...],
    body: bytes,
    headers: dict[str, str],
    timeout: float,
    ssl_context: ssl.SSLContext | None,
    started: float,
) -> tuple[int, str]:
    """POST to the first checked address that takes the connection; the answer's code and reason."""
    with httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        verify=ssl_context if ssl_context is not None else True,
    ) as client:
        for index, address in enumerate(addresses):
            request = client.build_request(
                "POST",
                target.copy_with(host=str(address)),
                content=body,
                headers=headers,
                extensions={"sni_hostname": target.raw_host.decode("ascii")},
            )
            try:
                response = client.send(request, stream=True)
            except httpx.ConnectError:
                # Nothing was sent: the next checked address (IPv4 after IPv6, say) may answer.
                if index + 1 < len(addresses) and time.monotonic() - started < timeout:
                    continue
                raise
            try:
                _drain(response, deadline=started + timeout)
            finally:
                response.close()
            return response.status_code, response.reason_phrase
    raise AssertionError("checked_addresses never returns no address")  # pragma: no cover


def _drain(response: httpx.Response, *, deadline: float) -> None:
    """Read (and drop) at most ``MAX_ANSWER_BYTES`` of the answer, stopping at the deadline. The
    status has arrived by then and decides: a body cut short or slow does not fail the call (a
    receiver that took the event must not get it twice)."""
    read = 0
    try:
        for chunk in response.iter_raw():
            read += len(chunk)
            if read >= MAX_ANSWER_BYTES or time.monotonic() > deadline:
                return
    except httpx.HTTPError:
        return


def _same_host(target: httpx.URL, hostname: str) -> bool:
    """Whether httpx reads the same host as the check did (in their ASCII forms): a defence against
    parser differences, on top of connecting to the checked address anyway."""
    try:
        return target.raw_host.decode("ascii") == hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return target.host == hostname


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
