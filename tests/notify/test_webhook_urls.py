"""Which webhook addresses are refused (server-side request forgery): only public https hosts pass,
and a host name is judged by every address it resolves to. IP literals need no DNS; host names are
resolved by a stand-in for ``socket.getaddrinfo``."""

from __future__ import annotations

import socket

import pytest

from tracker.domain.errors import InvalidValue
from tracker.notify.webhooks.urls import check_url, checked_addresses

PUBLIC = "https://93.184.216.34/hook"


def resolving(monkeypatch, table: dict[str, list[str]]) -> list[str]:
    """Make ``getaddrinfo`` answer host names from ``table``; returns the names asked for."""
    asked: list[str] = []

    def fake(host, port, family=0, type=0, proto=0, flags=0):
        asked.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in ip else socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))
            for ip in table[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return asked


def refused(url: object, **options) -> str:
    with pytest.raises(InvalidValue) as caught:
        check_url(url, **options)
    assert caught.value.field == "url"
    return caught.value.message


def test_a_public_https_address_passes_unchanged():
    assert check_url(PUBLIC) == PUBLIC
    assert check_url("  https://93.184.216.34:8443/a/b?c=d  ") == "https://93.184.216.34:8443/a/b?c=d"
    assert check_url("https://[2606:2800:220:1:248:1893:25c8:1946]/hook").startswith("https://[")


def test_a_public_host_name_passes_and_pins_its_addresses(monkeypatch):
    resolving(monkeypatch, {"hooks.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]})
    url, addresses = checked_addresses("https://hooks.example.com/in")
    assert url == "https://hooks.example.com/in"
    assert [str(a) for a in addresses] == ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]


@pytest.mark.parametrize("url", ["http://93.184.216.34/hook", "ftp://93.184.216.34/", "93.184.216.34/hook"])
def test_anything_but_https_is_refused(url):
    assert refused(url) == "Webhook addresses must start with https://"


@pytest.mark.parametrize(
    "host",
    ["10.0.0.1", "10.255.255.254", "192.168.1.10", "172.16.0.1", "172.31.255.255", "[fc00::1]",
     "[fd12:3456::1]", "100.64.0.1", "100.127.255.254", "[::ffff:10.0.0.1]", "[::ffff:192.168.0.1]"],
)  # fmt: skip
def test_private_networks_are_refused(host):
    assert refused(f"https://{host}/hook") == (
        "That address is on a private network: the tracker only calls public addresses"
    )


@pytest.mark.parametrize("host", ["169.254.169.254", "169.254.0.1", "[fe80::1]", "[::ffff:169.254.169.254]"])
def test_link_local_addresses_and_the_metadata_service_are_refused(host):
    assert "link-local" in refused(f"https://{host}/latest/meta-data/")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "[::1]", "[::ffff:127.0.0.1]"])
def test_loopback_is_refused_unless_allowed(host):
    assert "loopback" in refused(f"https://{host}/hook")
    assert check_url(f"https://{host}/hook", allow_loopback=True) == f"https://{host}/hook"


def test_plain_http_is_allowed_for_loopback_only_and_only_when_allowed(monkeypatch):
    assert check_url("http://127.0.0.1:8080/hook", allow_loopback=True) == "http://127.0.0.1:8080/hook"
    assert "loopback" in refused("http://127.0.0.1:8080/hook")
    assert refused("http://93.184.216.34/hook", allow_loopback=True).startswith("Webhook addresses must")


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "[::]", "224.0.0.1", "[ff02::1]", "240.0.0.1", "255.255.255.255", "192.0.2.1"]
)
def test_unspecified_multicast_reserved_and_documentation_addresses_are_refused(host):
    assert "public addresses" in refused(f"https://{host}/hook")


def test_odd_spellings_of_loopback_are_judged_by_what_they_resolve_to():
    # glibc's getaddrinfo accepts these (inet_aton) although ipaddress does not: the resolved address
    # decides. A resolver that does not accept them refuses them as unknown hosts.
    for host in ("2130706433", "0x7f000001", "127.1"):
        message = refused(f"https://{host}/hook")
        assert "loopback" in message or message.startswith("The tracker could not find the host")


def test_a_host_name_resolving_to_a_private_address_is_refused(monkeypatch):
    resolving(monkeypatch, {"intranet.example.com": ["10.1.2.3"]})
    assert "private network" in refused("https://intranet.example.com/hook")


def test_one_private_address_among_public_ones_is_enough_to_refuse(monkeypatch):
    resolving(monkeypatch, {"mixed.example.com": ["93.184.216.34", "192.168.0.7"]})
    assert "private network" in refused("https://mixed.example.com/hook")


def test_a_host_name_resolving_to_the_metadata_service_is_refused(monkeypatch):
    resolving(monkeypatch, {"metadata.example.com": ["169.254.169.254"]})
    assert "link-local" in refused("https://metadata.example.com/")


def test_a_host_that_does_not_resolve_is_refused_with_its_name(monkeypatch):
    asked = resolving(monkeypatch, {})
    assert refused("https://nowhere.example.com/hook") == (
        "The tracker could not find the host nowhere.example.com: check the address"
    )
    assert asked == ["nowhere.example.com"]


@pytest.mark.parametrize(
    "url",
    ["https://user:pass@93.184.216.34/hook", "https://user@93.184.216.34/", "https://evil.com@10.0.0.1/"],
)
def test_a_user_name_or_password_in_the_address_is_refused(url):
    assert "user name or password" in refused(url)


def test_a_backslash_is_refused_so_every_parser_sees_the_same_host():
    assert "backslashes" in refused("https://93.184.216.34\\@10.0.0.1/hook")


@pytest.mark.parametrize("url", ["https://", "https:///path", "https://:443/"])
def test_an_address_without_a_host_says_so(url):
    assert refused(url) == "That webhook address has no host name"


def test_an_address_longer_than_2000_characters_is_refused():
    base = "https://93.184.216.34/"
    assert check_url(base + "a" * (2000 - len(base))) == base + "a" * (2000 - len(base))
    assert "at most 2,000" in refused(base + "a" * (2001 - len(base)))


@pytest.mark.parametrize(
    "url", [None, 42, "", "https://", "https:///path", "https://93.184.216.34:99999/", "https://a b/"]
)
def test_malformed_addresses_are_refused(url):
    refused(url)
