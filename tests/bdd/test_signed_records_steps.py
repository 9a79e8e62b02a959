"""features/signed_records.feature: a record exported at one tracker and imported at another, through
the import page and the negotiation page of the tracker at work (a real app), with the tracker at
home as a store and keys of its own."""

from __future__ import annotations

import html
import io
import json
import re

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from tests.support.access import web_config
from tests.support.auth import sign_up_and_sign_in
from tests.support.config import make_config
from tests.support.forged_exports import forged
from tracker import create_app
from tracker.audit.exporting import export_negotiation
from tracker.audit.signing import InstallationKeys, encoded
from tracker.bootstrap import build_tracker

scenarios("signed_records.feature")

ALEX = "alex@example.org"


def plain(markup: str) -> str:
    """The words of an HTML fragment, as a reader sees them."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


class Trackers:
    """The tracker at home (a store and its keys) and, once asked for, the one at work (the app)."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.home = build_tracker(make_config(store="memory"))
        self.home_keys = InstallationKeys(tmp_path / "home-keys")
        self.trusted: dict[str, str] = {}
        self.nid = None
        self.file: dict | None = None
        self.page = ""
        self._work = None
        self.client = None

    @property
    def work(self):
        if self._work is None:
            config = make_config(
                store="memory", trusted_keys=self.trusted, signing_keys_dir=str(self.tmp_path / "work-keys")
            )
            self._work = create_app(web_config(config))
            self.client = self._work.test_client()
            sign_up_and_sign_in(self.client, self._work, ALEX)
        return self._work

    def import_at_work(self, document: dict) -> None:
        assert self.work is not None and self.client is not None
        upload = {"file": (io.BytesIO(json.dumps(document).encode()), "record.json")}
        answer = self.client.post("/negotiations/import", data=upload, content_type="multipart/form-data")
        assert answer.status_code == 302, answer.get_data(as_text=True)
        self.page = self.client.get(answer.headers["Location"]).get_data(as_text=True)

    def text(self) -> str:
        return plain(self.page)

    def close(self) -> None:
        self.home.close()
        if self._work is not None:
            self._work.extensions["people"].close()
            self._work.extensions["tracker"].close()


@pytest.fixture
def trackers(tmp_path):
    found = Trackers(tmp_path)
    yield found
    found.close()


@given("Alex keeps negotiations in two trackers, one at home and one at work, each with its own key")
def two_trackers(trackers):
    assert trackers.home_keys.current()


@given(parsers.parse('at home Alex records "{title}" with the note "{text}"'))
def record_at_home(trackers, title, text):
    trackers.nid = trackers.home.start_negotiation(actor=ALEX, title=title, kind="promotion")
    trackers.home.step(
        trackers.nid, "join_party", actor=ALEX, name="Alex Morgan", role="engineer", side="owner"
    )
    trackers.home.step(
        trackers.nid, "join_party", actor=ALEX, name="Dana Kim", role="manager", side="counterpart"
    )
    trackers.home.step(trackers.nid, "add_note", actor=ALEX, text=text)


@given(parsers.parse('the tracker at work trusts the one at home as "{name}"'))
def trust_home(trackers, name):
    trackers.trusted[name] = encoded(trackers.home_keys.current().public_key())


@when("Alex exports the record at home and imports the file at work")
def export_and_import(trackers):
    trackers.file = json.loads(
        json.dumps(export_negotiation(trackers.home, trackers.nid, trackers.home_keys))
    )
    trackers.import_at_work(trackers.file)


@given(
    parsers.parse(
        'Sam, who could read the record, exported it, changed the note to "{text}" and recomputed every digest'
    )
)
def sams_file(trackers, text):
    signed = json.loads(json.dumps(export_negotiation(trackers.home, trackers.nid, trackers.home_keys)))
    trackers.file = forged(signed, {4: lambda state: state.update(text=text)})  # the signature kept


@when("Alex imports Sam's file at work")
def import_sams_file(trackers):
    trackers.import_at_work(trackers.file)


@then(parsers.parse('at work the record says "{words}"'))
def record_says(trackers, words):
    assert words in trackers.text()
    assert f"Imported by {ALEX}" in trackers.text()


@then(parsers.parse('its last step reads "{sentence}"'))
def last_step(trackers, sentence):
    last = trackers.work.extensions["tracker"].timeline(trackers.nid)[-1]
    assert (last.sentence, last.actor) == (sentence, ALEX)
    assert sentence in trackers.text()


@then(parsers.parse('no step is marked "{words}"'))
def nothing_marked(trackers, words):
    assert words not in trackers.text()


@then(parsers.parse('it gives the reason "{reason}"'))
def the_reason(trackers, reason):
    assert reason in trackers.text()
    assert trackers.work.extensions["tracker"].get(trackers.nid).imported["reason"].startswith(reason)


@then(parsers.parse('steps {first:d} to {last:d} are marked "{words}"'))
def steps_marked(trackers, first, last, words):
    entries = re.findall(r'<li class="entry type-(\w+)" id="v(\d+)">(.*?)</li>', trackers.page, re.S)
    marked = sorted(int(v) for _, v, body in entries if words in plain(body))
    assert marked == list(range(first, last + 1))


@then(parsers.parse('the badge says "{words}"'))
def badge_says(trackers, words):
    badge = re.search(r'id="record-badge".*?</p>', trackers.page, re.S).group(0)
    assert words in plain(badge)


@then(parsers.parse('the note reads "{sentence}" marked "{words}"'))
def note_marked(trackers, sentence, words):
    [body] = [
        b
        for t, _, b in re.findall(r'<li class="entry type-(\w+)" id="v(\d+)">(.*?)</li>', trackers.page, re.S)
        if t == "NoteAdded"
    ]
    assert sentence in plain(body) and words in plain(body)
