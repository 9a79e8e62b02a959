"""Helpers of the audit page tests: the demo negotiation on the in-memory app, and pieces of a page."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import text
from tracker.demo import load_demo

ENTRY = re.compile(r'<li class="entry type-(\w+)" id="v(\d+)">(.*?)</li>', re.S)


@pytest.fixture
def demo(tracker) -> str:
    """The 40-step sample negotiation (prop1..prop4, agreed on prop4)."""
    return str(load_demo(tracker))


def entries(response) -> list[tuple[str, int]]:
    """(event type, version) of each timeline entry on the page, in page order."""
    return [(kind, int(version)) for kind, version, _ in ENTRY.findall(text(response))]


def entry_html(response, version: int) -> str:
    return next(body for _, v, body in ENTRY.findall(text(response)) if int(v) == version)


def section(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]
