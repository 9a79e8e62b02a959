"""The negotiation page's timeline, a page at a time: 50 entries, oldest or newest first, with links
to the pages before and after. Without filters only the page's events are replayed (from the nearest
snapshot), so the page costs the same on day 500 as on day 1.

Pages oldest first never move as steps are added (page 3 is always versions 101-150), so a link to
one entry (``timeline_url``) names its page; newest first, page 1 is always the latest steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import request, url_for

from tracker.audit.reads import Part
from tracker.web.pages.blueprint import bp

PER_PAGE = 50


def asked_page() -> int:
    """The ``page`` query parameter (1 when absent, not a number, or below 1)."""
    return max(1, request.args.get("page", 1, type=int) or 1)


def part_for(page: int, order: str) -> Part:
    return Part(offset=(page - 1) * PER_PAGE, limit=PER_PAGE, newest=order == "newest")


@dataclass(frozen=True)
class Pager:
    page: int
    pages: int
    count: int  # entries to page through (after filters)

    @classmethod
    def of(cls, page: int, count: int) -> Pager:
        return cls(page, max(1, -(-count // PER_PAGE)), count)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


def paged(read: Callable[[Part], Any], order: str) -> tuple[Any, Pager]:
    """``read(part)`` for the page asked for; a page past the end shows the last one."""
    page = asked_page()
    view = read(part_for(page, order))
    pager = Pager.of(page, view.timeline.count)
    if page > pager.pages:
        view = read(part_for(pager.pages, order))
        pager = Pager.of(pager.pages, view.timeline.count)
    return view, pager


def page_of(version: int) -> int:
    """The page, oldest first and unfiltered, that shows ``version``."""
    return (max(version, 1) - 1) // PER_PAGE + 1


@bp.app_template_global()
def timeline_url(nid: Any, version: int) -> str:
    """A link to one timeline entry, on the page that shows it."""
    page = page_of(version)
    return url_for(
        "pages.negotiation", nid=str(nid), **({"page": page} if page > 1 else {}), _anchor=f"v{version}"
    )
