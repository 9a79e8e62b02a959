"""The feature scenarios driven through the HTML forms: each step GETs its form (keeping the hidden
version and request id a browser would send), posts the fields as a browser would, and a refusal is
the message the person sees on the page (beside the field, at the top, or the conflict notice)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from babel import Locale
from flask import g
from werkzeug.datastructures import MultiDict

from tests.bdd.workflow import ServiceWorkflow, kind_for
from tests.support.web import hidden_fields

ANSWERS = {"accept_proposal": "accept", "reject_proposal": "reject", "withdraw_proposal": "withdraw"}
MESSAGE_RES = (
    re.compile(r'<div class="notice conflict" role="alert">\s*<p>(.*?)</p>', re.S),
    re.compile(r'<p class="error" id="[^"]*">(.*?)</p>', re.S),
    re.compile(r'<span class="error-message">(.*?)</span>', re.S),
)
SENTENCE_RE = re.compile(r'<p class="sentence">(.*?)</p>', re.S)


def form_fields(name: str, value: Any) -> Iterator[tuple[str, str]]:
    """A field as flat form inputs: nested dicts as ``name-key-sub``, lists as repeated inputs."""
    if value is None:
        return
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from form_fields(f"{name}-{key}", inner)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield name, str(item)
    elif isinstance(value, bool):
        yield name, "yes" if value else "no"
    elif isinstance(value, (Decimal, int)):
        yield name, str(value)
    else:
        yield name, value


class WebWorkflow(ServiceWorkflow):
    def __init__(self, app) -> None:
        super().__init__(app.extensions["tracker"])
        self.app = app
        self.client = app.test_client()

        @app.before_request
        def writes_numbers_the_english_way() -> None:
            # The scenarios write figures as "130,000": the person's locale says how to read them.
            g.locale = Locale.parse("en_US")

    def acting_as(self, person: str) -> None:
        # Before sign-in exists, the web records the configured local user as the actor.
        self.app.config["TRACKER"]["local_actor"] = person

    def start(self, user: str, title: str, kind: str, opportunity_type: str = "standard") -> None:
        self.user = user
        self.acting_as(user)
        form = hidden_fields(self.client.get("/negotiations/new").get_data(as_text=True))
        response = self.client.post(
            "/negotiations/new",
            data=dict(form, title=title, kind=kind_for(kind), opportunity_type=opportunity_type),
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        self.nid = self.tracker.negotiation_ids()[-1]

    def do(
        self, command: str, *, actor: str | None = None, expected_version: int | None = None, **fields: Any
    ) -> Any:
        self.check_no_refusal()
        assert self.nid is not None, "no negotiation started"
        version = self.current(check=False).version
        self.acting_as(actor or self.user)
        if command in ANSWERS:
            url = f"/negotiations/{self.nid}/proposals/{fields.pop('proposal_id')}/{ANSWERS[command]}"
        else:
            query = f"?{urlencode({'term_key': fields['term_key']})}" if command == "set_priority" else ""
            url = f"/negotiations/{self.nid}/steps/{command}{query}"
        page = self.client.get(url)
        form = hidden_fields(page.get_data(as_text=True)) if page.status_code == 200 else {}
        if expected_version is not None:
            form["expected_version"] = str(expected_version)
        given = [pair for name, value in fields.items() for pair in form_fields(name, value)]
        # What the scenario gives wins over the form's fixed inputs (a money term's currency).
        data = [(k, v) for k, v in form.items() if k not in {name for name, _ in given}] + given
        response = self.client.post(url, data=MultiDict(data))
        if response.status_code == 303:
            return None
        assert response.status_code in (404, 409, 422), response.get_data(as_text=True)[:3000]
        self.refusal = self.message_on(response.get_data(as_text=True))
        self.version_before_refusal = version
        return None

    @staticmethod
    def message_on(page: str) -> str:
        for pattern in MESSAGE_RES:
            found = pattern.search(page)
            if found:
                return html.unescape(found.group(1)).strip()
        found = re.search(r"<h1>.*?</h1>\s*<p>(.*?)</p>", page, re.S)  # an error page (404)
        assert found, f"a refused step shows why: {page[:2000]}"
        return html.unescape(found.group(1)).strip()

    def sentences(self) -> list[str]:
        page = self.client.get(f"/negotiations/{self.nid}").get_data(as_text=True)
        return [html.unescape(s).strip() for s in SENTENCE_RE.findall(page)]
