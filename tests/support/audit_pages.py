"""Helpers of the audit page tests: pieces of a page (the sample negotiation is tests.web.conftest's demo)."""

from __future__ import annotations

import re

from tests.support.web import text

ENTRY = re.compile(r'<li class="entry type-(\w+)" id="v(\d+)">(.*?)</li>', re.S)


def entries(response) -> list[tuple[str, int]]:
    """(event type, version) of each timeline entry on the page, in page order."""
    return [(kind, int(version)) for kind, version, _ in ENTRY.findall(text(response))]


def entry_html(response, version: int) -> str:
    return next(body for _, v, body in ENTRY.findall(text(response)) if int(v) == version)


def section(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]
