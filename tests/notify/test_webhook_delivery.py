"""Webhooks end to end over the real stores: the app configured to allow loopback receivers, a real
HTTP receiver on this machine that checks each call's signature, steps taken, the outbox run. A
team's webhook hears of the steps of negotiations shared with the team (and only those), a person's
of those the person can see, each only the kinds it wants; a failing receiver is tried again on the
schedule, and after a day the webhook is turned off and its owner told in the app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.access import EDITOR, LEAD, OWNER, VIEWER, build_world, web_config
from tests.support.config import make_config
from tests.support.webhook_receiver import receiving
from tracker.domain.errors import Refusals
from tracker.notify.store import FAILED, QUEUED, SENT, WEBHOOK


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(params=["sqlite", "postgres"])
def world(request, tmp_path, clock):
    from tracker import create_app

    if request.param == "postgres":
        from tests.support.services import postgres_config, postgres_schema

        with postgres_schema() as schema:
            config = web_config(postgres_config(schema), webhooks_allow_loopback=True, clock=clock)
            world = build_world(create_app(config))
            yield world
            world.close()
        return
    config = make_config(store="sqlite", data_dir=str(tmp_path), webhooks_allow_loopback=True, clock=clock)
    world = build_world(create_app(web_config(config)))
    yield world
    world.close()


@pytest.fixture
def receiver():
    with receiving() as running:
        yield running


def registry(world):
    from tracker.web.webhook_registry import registry as of_app

    with world.app.app_context():
        return of_app()


def accept(world, nid=None):
    world.tracker.step(nid or world.nid, "accept_proposal", actor=OWNER, proposal_id="prop1", party="p1")


def run(world):
    world.people.outbox.run_once()


def test_a_teams_webhook_receives_the_agreement_signed(world, receiver):
    hook = registry(world).create("team", world.team_id, receiver.url, ["ProposalAccepted"], actor=LEAD)
    accept(world)
    run(world)
    (document,) = receiver.documents()
    assert document["type"] == "ProposalAccepted"
    assert document["negotiation_id"] == world.nid
    (step,) = [e for e in world.tracker.timeline(world.nid) if e.event_type == "ProposalAccepted"]
    assert document["version"] == step.version
    assert document["actor"] == OWNER
    assert document["data"] == step.data  # the step as the API shows it
    assert receiver.verified(hook.secret) == [True]
    assert receiver.verified("whsec_someone-else") == [False]
    (delivery,) = world.people.outbox.store.deliveries(WEBHOOK, [hook.id])
    assert (delivery.status, delivery.response_code, document["id"]) == (SENT, 200, str(delivery.id))


def test_a_teams_webhook_hears_nothing_of_a_negotiation_not_shared_with_the_team(world, receiver):
    from tests.support.access import prepared_negotiation

    registry(world).create("team", world.team_id, receiver.url, [], actor=LEAD)
    other = prepared_negotiation(world.tracker, OWNER)
    run(world)
    receiver.calls.clear()
    accept(world, other)
    run(world)
    assert receiver.calls == []


def test_a_persons_webhook_hears_what_they_can_see_and_only_the_kinds_wanted(world, receiver, clock):
    clock.now = datetime.now(UTC)  # registered after the negotiation's earlier steps: not told of them
    with receiving() as concluded_only:
        everything = registry(world).create("user", VIEWER, receiver.url, [], actor=VIEWER)
        registry(world).create("user", VIEWER, concluded_only.url, ["Concluded"], actor=VIEWER)
        world.tracker.step(world.nid, "add_note", actor=EDITOR, text="Dana called back")
        run(world)
        assert receiver.kinds() == ["NoteAdded"]
        assert receiver.verified(everything.secret) == [True]
        assert concluded_only.calls == []


def test_a_failing_receiver_is_tried_again_on_the_schedule_then_turned_off_and_its_owner_told(
    world, receiver, clock
):
    receiver.status = 500
    hook = registry(world).create("team", world.team_id, receiver.url, ["NoteAdded"], actor=LEAD)
    world.tracker.step(world.nid, "add_note", actor=OWNER, text="Before it was turned off")
    run(world)
    store = world.people.outbox.store
    (delivery,) = store.deliveries(WEBHOOK, [hook.id])
    assert (delivery.status, delivery.attempts, delivery.response_code) == (QUEUED, 1, 500)
    assert delivery.next_attempt_at == clock.now + timedelta(minutes=1)
    run(world)  # not due yet
    assert len(receiver.calls) == 1
    clock.now += timedelta(minutes=1)
    run(world)
    (delivery,) = store.deliveries(WEBHOOK, [hook.id])
    assert (delivery.attempts, delivery.next_attempt_at) == (2, clock.now + timedelta(minutes=2))
    clock.now += timedelta(days=1)
    run(world)
    (delivery,) = store.deliveries(WEBHOOK, [hook.id])
    assert delivery.status == FAILED and delivery.attempts == 3
    hook = store.webhook(hook.id)
    assert not hook.enabled and "gave up after a day of failures: HTTP 500" in hook.disabled_reason
    (notice,) = [d.notice for d in store.in_app(LEAD) if d.notice.kind == "WebhookDisabled"]
    assert receiver.url in notice.sentence and notice.path == f"/teams/{world.team_id}"
    accept_later = len(receiver.calls)
    world.tracker.step(world.nid, "add_note", actor=OWNER, text="After it was turned off")
    run(world)
    assert len(receiver.calls) == accept_later  # a disabled webhook is not called


def test_send_a_test_event_arrives_signed_and_is_in_the_log(world, receiver):
    hook = registry(world).create("user", OWNER, receiver.url, [], actor=OWNER)
    delivery = registry(world).send_test(hook, OWNER)
    assert (delivery.status, delivery.response_code) == (SENT, 200)
    (document,) = receiver.documents()
    assert document["type"] == "ping" and document["id"] == str(delivery.id)
    assert receiver.verified(hook.secret) == [True]
    assert [d.id for d in registry(world).deliveries(hook)] == [delivery.id]


def test_a_redirect_is_not_followed(world, receiver):
    with receiving(302, {"Location": receiver.url}) as bouncing:
        hook = registry(world).create("user", OWNER, bouncing.url, [], actor=OWNER)
        delivery = registry(world).send_test(hook, OWNER)
        assert delivery.status == FAILED and delivery.response_code == 302
        assert "redirects are not followed" in delivery.last_error
        assert len(bouncing.calls) == 1 and receiver.calls == []


def test_a_private_address_is_refused_at_creation_naming_the_field(world):
    with pytest.raises(Refusals) as refused:
        registry(world).create("user", OWNER, "http://10.0.0.1/", ["NoSuchKind"], actor=OWNER)
    assert sorted(e.field for e in refused.value.errors) == ["kinds", "url"]
    assert world.people.outbox.store.webhooks("user", OWNER) == []
