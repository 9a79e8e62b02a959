"""The webhook pages: a team's owners manage the team's webhooks on its page, a person their own at
/notifications/webhooks. Bad input is refused beside each field at once; the secret is shown once,
after adding; "Send a test event" posts at once and its answer is in the delivery log; a webhook is
turned off and on; a member (403) and anyone else (404) cannot touch a team's webhook."""

from __future__ import annotations

import pytest

from tests.support.access import build_world, web_config
from tests.support.config import make_config
from tests.support.webhook_receiver import receiving


@pytest.fixture
def world():
    from tracker import create_app

    world = build_world(create_app(web_config(make_config(store="memory", webhooks_allow_loopback=True))))
    yield world
    world.close()


def team_hooks(world):
    return world.people.outbox.store.webhooks("team", world.team_id)


def test_a_team_owner_adds_tests_and_turns_off_a_webhook(world):
    lead = world.page("lead")
    page = f"/teams/{world.team_id}"
    assert 'id="webhooks"' in lead.get(page).get_data(as_text=True)
    assert 'id="webhooks"' not in world.page("member").get(page).get_data(as_text=True)
    refused = lead.post(page + "/webhooks", data={"url": "http://10.0.0.1/", "kinds": ["NoSuchKind"]})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="f-url-error"' in text and 'id="f-kinds-error"' in text
    assert team_hooks(world) == []
    with receiving() as receiver:
        added = lead.post(
            page + "/webhooks", data={"url": receiver.url, "kinds": ["ProposalAccepted", "Concluded"]}
        )
        (hook,) = team_hooks(world)
        assert added.status_code == 201 and hook.secret in added.get_data(as_text=True)
        assert hook.kinds == ("ProposalAccepted", "Concluded")
        assert hook.secret not in lead.get(page).get_data(as_text=True)  # once
        tested = lead.post(f"/notifications/webhooks/{hook.id}/test")
        assert tested.status_code == 303 and tested.headers["Location"].endswith("#webhooks")
        assert receiver.kinds() == ["ping"] and receiver.verified(hook.secret) == [True]
    shown = lead.get(page).get_data(as_text=True)
    assert "answered HTTP 200" in shown and "<td>ping" in shown and "<td>200</td>" in shown
    assert world.page("member").post(f"/notifications/webhooks/{hook.id}/disable").status_code == 403
    assert world.page("stranger").post(f"/notifications/webhooks/{hook.id}/disable").status_code == 404
    assert (
        world.page("member").post(page + "/webhooks", data={"url": "https://x.example/"}).status_code == 403
    )
    assert lead.post(f"/notifications/webhooks/{hook.id}/disable").status_code == 303
    assert not team_hooks(world)[0].enabled
    assert "Turn on again" in lead.get(page).get_data(as_text=True)
    assert lead.post(f"/notifications/webhooks/{hook.id}/enable").status_code == 303
    assert team_hooks(world)[0].enabled


def test_a_persons_own_webhooks_page(world):
    owner = world.page("owner")
    assert owner.get("/notifications/webhooks").status_code == 200
    missing = owner.post("/notifications/webhooks", data={"url": ""})
    assert missing.status_code == 422 and 'id="f-url-error"' in missing.get_data(as_text=True)
    added = owner.post("/notifications/webhooks", data={"url": "http://127.0.0.1:9/hook", "kinds": ["every"]})
    (hook,) = world.people.outbox.store.webhooks("user", "olive@example.org")
    assert added.status_code == 201 and hook.secret in added.get_data(as_text=True) and hook.kinds == ()
    failed = owner.post(f"/notifications/webhooks/{hook.id}/test", follow_redirects=True)
    assert "could not connect" in failed.get_data(as_text=True)  # a closed port: the log says why
    assert world.page("viewer").post(f"/notifications/webhooks/{hook.id}/test").status_code == 404
    assert world.page("viewer").get("/notifications/webhooks").get_data(as_text=True).count("<code>http") == 0
