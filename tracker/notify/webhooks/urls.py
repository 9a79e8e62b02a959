"""Which webhook addresses the tracker will call: public https addresses only, so a webhook cannot be
used to reach the tracker's own machine, its private network or a cloud metadata service (server-side
request forgery). The check resolves the host and refuses it if any of its addresses is not public."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from tracker.domain.errors import InvalidValue

MAX_LENGTH = 2_000
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: NAT64 (RFC 6052): an IPv6 address carrying an IPv4 one in its last 32 bits, judged by that address.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
#: Shared address space for carrier-grade NAT (RFC 6598): neither private nor global.
_SHARED = ipaddress.ip_network("100.64.0.0/10")

_PUBLIC_ONLY = "the tracker only calls public addresses"


def check_url(url: object, *, allow_loopback: bool = False) -> str:
    """The webhook address, stripped, if the tracker may call it; ``InvalidValue`` (field ``url``) with
    a reason a person understands otherwise. ``allow_loopback`` lets tests call this machine (and use
    plain http there)."""
    return checked_addresses(url, allow_loopback=allow_loopback)[0]


def checked_addresses(url: object, *, allow_loopback: bool = False) -> tuple[str, tuple[IPAddress, ...]]:
    """``check_url`` plus the addresses the host resolved to, every one of them allowed, in the
    resolver's order: the sender connects to the first so a later DNS answer cannot swap it."""
    if not isinstance(url, str):
        raise InvalidValue("A webhook address must be text", "url")
    url = url.strip()
    if not url:
        raise InvalidValue("Enter a webhook address starting with https://", "url")
    if len(url) > MAX_LENGTH:
        raise InvalidValue(f"Webhook addresses can be at most {MAX_LENGTH:,} characters long", "url")
    if any(ord(c) < 33 or ord(c) == 127 or c == "\\" for c in url):
        # A backslash is read as a slash by some URL parsers and not by others: refused, so the host
        # checked here is the host every parser sees.
        raise InvalidValue(
            "A webhook address cannot contain spaces, backslashes or control characters", "url"
        )
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise InvalidValue("That is not a valid web address", "url") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise InvalidValue("Webhook addresses must start with https://", "url")
    if "@" in parts.netloc:
        raise InvalidValue("A webhook address cannot contain a user name or password", "url")
    host = parts.hostname
    if not host:
        raise InvalidValue("That webhook address has no host name", "url")
    addresses = _resolve(host, port or (443 if scheme == "https" else 80))
    for address in addresses:
        _refuse_unless_public(address, allow_loopback=allow_loopback)
    if scheme == "http" and not (allow_loopback and all(_judged(a).is_loopback for a in addresses)):
        raise InvalidValue("Webhook addresses must start with https://", "url")
    return url, addresses


def _resolve(host: str, port: int) -> tuple[IPAddress, ...]:
    """Every address the host name stands for (an IP literal stands for itself), without repeats."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        infos = []
    found: dict[IPAddress, None] = {}
    for _family, _type, _proto, _name, sockaddr in infos:
        try:
            found[ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])] = None
        except ValueError:
            continue
    if not found:
        raise InvalidValue(f"The tracker could not find the host {host}: check the address", "url")
    return tuple(found)


def _judged(address: IPAddress) -> IPAddress:
    """The address whose kind decides: an IPv4 address wrapped in IPv6 (mapped, NAT64) is judged as
    itself, so ``::ffff:10.0.0.1`` is as private as ``10.0.0.1``."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address in _NAT64:
            return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


def _refuse_unless_public(address: IPAddress, *, allow_loopback: bool) -> None:
    ip = _judged(address)
    if ip.is_loopback:
        if allow_loopback:
            return
        raise InvalidValue(f"That address is this server itself (loopback): {_PUBLIC_ONLY}", "url")
    if ip.is_link_local:
        raise InvalidValue(
            f"That address is link-local (like the cloud metadata service at 169.254.169.254): "
            f"{_PUBLIC_ONLY}",
            "url",
        )
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        raise InvalidValue(
            f"That address is not an internet host (multicast, unspecified or reserved): {_PUBLIC_ONLY}",
            "url",
        )
    if ip.is_private or (ip.version == 4 and ip in _SHARED) or not ip.is_global:
        raise InvalidValue(f"That address is on a private network: {_PUBLIC_ONLY}", "url")
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            _refuse_unless_public(embedded, allow_loopback=False)
