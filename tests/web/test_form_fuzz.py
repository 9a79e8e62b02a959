"""Form fuzzing (see tests/support/form_fuzz.py): every form of the pages, found from the app's
routes, gets empty, 1 MB, unicode, control-character, HTML and script input in each of its inputs,
signed in, with CSRF on. Never a 5xx; an error shown, or stored and shown escaped; every form route
of url_map was reached; every negotiation's chain still verifies afterwards.
(tests/web/browser/test_stored_markup_never_runs.py shows in a real browser that stored payloads do not run.)
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.config import make_config
from tests.support.form_fuzz import (
    PAYLOADS,
    Tally,
    check_answer,
    discover,
    endpoint_of,
    form_data,
    page_urls,
    post_endpoints,
)
from tests.support.form_world import World
from tests.support.html_forms import forms_on
from tests.support.report import report
from tracker import create_app
from tracker.audit.verify import verify_all


@pytest.fixture
def app():
    # Sign-in throttling is tested in tests/security; here wrong passwords are part of the fuzz.
    app = create_app(
        make_config(
            store="memory",
            password_hash_profile="CHEAPEST",
            signin_max_failures=10**6,
            client_max_failures=10**6,
        )
    )
    yield app
    app.extensions["people"].close()
    app.extensions["tracker"].close()


def current_form(world: World, page: str, query: str, action: str):
    """The form as the page shows it now (fresh CSRF token, version, request id), or None."""
    shown = world.get_signed_in(page + (f"?{query}" if query else ""))
    return next(
        (
            f
            for f in forms_on("http://localhost" + page, shown.get_data(as_text=True))
            if urlsplit(f.action).path == action
        ),
        None,
    )


def fuzz_form(app, seed_world: World, form, tally: Tally) -> None:
    """Each input, each payload; a new world whenever an accepted payload made the form go away
    (a proposal accepted, a negotiation concluded, an access revoked)."""
    world = World.make(app)
    query = urlsplit(form.page).query
    for control in form.fuzzable():
        tally.inputs += 1
        for label, payload in PAYLOADS.items():
            page, action = (seed_world.moved(urlsplit(u).path, world) for u in (form.page, form.action))
            current = current_form(world, page, query, action)
            if current is None:
                world = World.make(app)
                tally.worlds += 1
                page, action = (seed_world.moved(urlsplit(u).path, world) for u in (form.page, form.action))
                current = current_form(world, page, query, action)
                assert current is not None, f"the form {action} is not on {page} of a fresh negotiation"
            response = world.client.post(action, data=form_data(current, control.name, payload))
            where = f"{endpoint_of(app, action)} {control.name}={label}"
            tally.submissions += 1
            tally.payloads[label] += 1
            stored = 300 <= response.status_code < 400
            tally.outcomes["stored (redirect)" if stored else str(response.status_code)] += 1
            if stored:
                tally.stored[label] += 1
            check_answer(response, where, tally)
            if stored:
                location = urlsplit(response.headers["Location"])
                follow = world.client.get(location.path + (f"?{location.query}" if location.query else ""))
                check_answer(follow, where + " (page after redirect)", tally)


@pytest.mark.slow
def test_every_form_survives_hostile_input(app):
    seed_world = World.make(app)
    forms = discover(seed_world.client, page_urls(app, seed_world.seeds()))
    # The sample's button is on a newcomer's empty list only and has no input to fuzz (its CSRF token
    # is checked in test_csrf); every other form route must be reached.
    reached = {endpoint_of(app, urlsplit(f.action).path) for f in forms} | {"pages.load_sample"}
    assert post_endpoints(app) <= reached, (
        f"form routes without a form found: {post_endpoints(app) - reached}"
    )

    tally = Tally(forms=len(forms))
    for form in forms:
        fuzz_form(app, seed_world, form, tally)
    broken = [r for r in verify_all(app.extensions["tracker"]) if not r.intact]
    report(
        "form_fuzzing",
        "memory store, signed in, CSRF on",
        {
            "forms": tally.forms,
            "form routes": len(reached),
            "inputs fuzzed": tally.inputs,
            "submissions": tally.submissions,
            "fresh negotiations": tally.worlds,
            **{f"answered {k}": v for k, v in sorted(tally.outcomes.items())},
            **{f"stored: {label}": n for label, n in tally.stored.items()},
            "problems": len(tally.problems),
            "chains broken": len(broken),
        },
    )
    assert not tally.problems, "\n".join(tally.problems[:60])
    assert not broken, broken[:3]
