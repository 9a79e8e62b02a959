"""The office of tests/bdd/office_steps.py on the web, with the README's defaults (sign-in required, CSRF
on): each person is their own signed-in browser (a Flask test client) and does everything through the
pages: signing up, the team's pages, the step forms, the sharing page; what they see is read back
from the pages they would open."""

from __future__ import annotations

import html
import re
from typing import Any

from werkzeug.datastructures import MultiDict

from tests.bdd.office_steps import Directory
from tests.bdd.web_workflow import SENTENCE_RE, WebWorkflow, form_fields
from tests.support.auth import PASSWORD, csrf_token
from tests.support.web import fill, hidden_fields, text
from tests.support.web_auth import auth_app

CARD_RE = re.compile(r'<article class="proposal[^"]*"[^>]*>.*?</article>', re.S)
DUE_WHAT_RE = re.compile(r'<p class="due-what">(.*?)</p>', re.S)
PROPOSAL_STATUS_RE = re.compile(r'<span class="status">(.*?)</span>', re.S)
APPROVAL_RE = re.compile(r'<div class="approval[^"]*">\s*<p class="meta"><strong>(.*?)</strong>', re.S)
STAGE_RE = re.compile(r'<span class="stage [^"]*">(.*?)</span>', re.S)
ROW_RE = re.compile(r'<tr>(<th scope="row">.*?)</tr>', re.S)  # a row of a table's body
CELL_RE = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
INLINE_RE = re.compile(r"</?(?:a|abbr|em|span|strong|time)\b[^>]*>")
TAG_RE = re.compile(r"<[^>]+>")


#: The steps answering a proposal -> their action on /negotiations/<id>/proposals/<proposal id>/<action>.
ANSWERS = {
    "accept_proposal": "accept",
    "amend_proposal": "amend",
    "approve_proposal": "approve",
    "decline_proposal": "decline",
}


class Refused(AssertionError):
    """A step the page refused (4xx): ``message`` is what the person reads on the page."""

    def __init__(self, response) -> None:
        assert 400 <= response.status_code < 500, (response.status_code, text(response)[:2000])
        self.message = WebWorkflow.message_on(text(response))
        super().__init__(self.message)


def words(fragment: str) -> str:
    """A piece of a page as a person reads it: no tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG_RE.sub(" ", INLINE_RE.sub("", fragment))).split())


class WebOffice(Directory):
    """The people (one browser each), their team and their negotiations, by name and title."""

    def __init__(self) -> None:
        super().__init__()
        self.app = auth_app()
        self.browsers: dict[str, Any] = {}
        self.owners: dict[str, str] = {}  # who set up each team

    def close(self) -> None:
        self.app.extensions["people"].close()
        self.app.extensions["tracker"].close()

    # -- doing things ----------------------------------------------------------------------------
    def page(self, name: str, url: str):
        return self.browsers[name].get(url)

    def post(self, name: str, form_url: str, action: str, data: dict[str, str]):
        """Posts ``data`` to ``action`` with the CSRF token of the page at ``form_url`` the form is on."""
        client = self.browsers[name]
        return client.post(action, data={**data, "csrf_token": csrf_token(client, form_url)})

    def submit(self, person: str, url: str, /, **fields: Any):
        """Fills the step form at ``url`` (its hidden version and request id kept) and posts it."""
        client = self.browsers[person]
        form = hidden_fields(text(client.get(url)))
        given = [pair for key, value in fields.items() for pair in form_fields(key, value)]
        kept = [(k, v) for k, v in form.items() if k not in {k for k, _ in given}]
        return client.post(url, data=MultiDict(kept + given))

    def step(self, person: str, title: str, command: str, /, **fields: Any) -> None:
        """Logs a step with its form (a proposal's answers with theirs); a refusal raises Refused."""
        url = f"/negotiations/{self.negotiations[title]}"
        if command in ANSWERS:
            url += f"/proposals/{fields.pop('proposal_id')}/{ANSWERS[command]}"
        else:
            url += f"/steps/{command}"
        done = self.submit(person, url, **fields)
        if done.status_code != 303:
            raise Refused(done)

    def start(self, name: str, title: str, kind: str) -> None:
        started = fill(self.browsers[name], "/negotiations/new", {"title": title, "kind": kind})
        assert started.status_code == 303, text(started)[:2000]
        self.negotiations[title] = started.headers["Location"].split("/negotiations/")[1].split("#")[0]

    def sign_up(self, name: str, email: str) -> None:
        client = self.browsers[name] = self.app.test_client()
        done = fill(
            client,
            "/auth/signup",
            {"email": email, "display_name": name, "password": PASSWORD, "confirm": PASSWORD},
        )
        assert done.status_code == 303, text(done)[:2000]
        self.emails[name] = email

    def set_up_team(self, lead: str, team: str, members: list[dict[str, str]]) -> None:
        started = fill(self.browsers[lead], "/teams/new", {"name": team})
        assert started.status_code == 303, text(started)[:2000]
        team_id = self.teams[team] = started.headers["Location"].rsplit("/", 1)[1]
        self.owners[team] = lead
        for member in members:
            added = self.post(
                lead,
                f"/teams/{team_id}",
                f"/teams/{team_id}/members",
                {"email": self.email(member["name"]), "role": member["role"]},
            )
            assert added.status_code == 303, text(added)[:2000]

    def share_with_team(self, name: str, title: str, team: str, role: str) -> None:
        url = f"/negotiations/{self.negotiations[title]}/access"
        shared = self.post(name, url, url, {"kind": "team", "team_id": self.teams[team], "role": role})
        assert shared.status_code == 303, text(shared)[:2000]

    # -- reading what they see ---------------------------------------------------------------------
    def negotiation_page(self, name: str, title: str) -> str:
        shown = self.page(name, f"/negotiations/{self.negotiations[title]}")
        assert shown.status_code == 200
        return text(shown)

    def proposal_card(self, name: str, title: str, number: int = 1, page: str = "") -> dict[str, str] | None:
        """Proposal #``number``'s card among the open proposals of the negotiation page (or on ``page``):
        its status and its approval's (as the card words them) and all its words; None if not shown."""
        page = page or self.negotiation_page(name, title)
        found = [c for c in CARD_RE.findall(page) if f">Proposal #{number}<" in c]
        if not found:
            return None
        [card] = found
        approval = APPROVAL_RE.search(card)
        return {
            "status": words(PROPOSAL_STATUS_RE.search(card).group(1)),
            "approval": words(approval.group(1)) if approval else "",
            "words": words(card),
        }

    def closed_proposal_card(self, name: str, title: str, proposal_id: str) -> dict[str, str] | None:
        """A closed proposal is no longer on the negotiation page: its card heads its answer form."""
        shown = self.page(name, f"/negotiations/{self.negotiations[title]}/proposals/{proposal_id}/accept")
        assert shown.status_code == 200, text(shown)[:2000]
        return self.proposal_card(name, title, page=text(shown))

    def stage(self, name: str, title: str) -> str:
        return words(STAGE_RE.search(self.negotiation_page(name, title)).group(1))

    def timeline(self, name: str, title: str) -> list[str]:
        return [words(s) for s in SENTENCE_RE.findall(self.negotiation_page(name, title))]

    def due(self, name: str) -> list[str]:
        return [words(what) for what in DUE_WHAT_RE.findall(text(self.page(name, "/due")))]

    def table(self, name: str, team: str, table: str) -> list[list[str]]:
        """The rows of a table on the team's dashboard page, each as its cells' words; [] when the page
        says there is nothing to show instead."""
        got = self.page(name, f"/teams/{self.teams[team]}/dashboard")
        assert got.status_code == 200, text(got)[:2000]
        page = text(got)
        if f'id="{table}-empty"' in page:
            return []
        shown = page[page.index(f'id="{table}-table"') :].split("</table>", 1)[0]
        return [[words(c) for c in CELL_RE.findall(row)] for row in ROW_RE.findall(shown)]
