"""Helpers shared by the tests (moved out of tests/web/conftest.py, which keeps only fixtures)."""

from __future__ import annotations

import re
from typing import Any

from tracker import create_app

HIDDEN_RE = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def make_app(**config: Any):
    return create_app(
        {"store": "memory", "csrf_enabled": False, "secret_key": "test", "auth_required": False, **config}
    )


def hidden_fields(html: str) -> dict[str, str]:
    return dict(HIDDEN_RE.findall(html))


def fill(client, url: str, data: dict[str, Any], *, follow: bool = False):
    """GETs the form at ``url``, keeps its hidden fields (csrf, version, request id) and posts ``data``."""
    page = client.get(url)
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    form = hidden_fields(page.get_data(as_text=True))
    form.update(data)
    return client.post(url, data=form, follow_redirects=follow)


ERROR_RE = re.compile(r'<p class="error" id="f-([^"]+)-error">([^<]*)</p>')


def errors_beside(page: str) -> dict[str, str]:
    """Input name -> the error shown beside it, on a form page."""
    return dict(ERROR_RE.findall(page))


def text(response) -> str:
    return response.get_data(as_text=True)
