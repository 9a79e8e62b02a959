"""The negotiations list at /: every negotiation, filters by stage and kind, search by title."""

from tests.support.web import text


def test_an_empty_list_invites_to_start_one(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "No negotiation yet" in text(page)
    assert 'href="/negotiations/new"' in text(page)


def test_lists_title_kind_stage_and_last_step(client, tracker, nid):
    tracker.start_negotiation(actor="sam", title="Promotion to team lead", kind="promotion")
    page = text(client.get("/"))
    assert f'href="/negotiations/{nid}"' in page
    assert "Data Engineer offer" in page and "Promotion to team lead" in page
    assert "job offer" in page and "promotion" in page
    assert "Put Title on the table" in page  # the last step of the first one
    assert page.index("Promotion to team lead") < page.index("Data Engineer offer")  # newest change first


def test_filters_by_stage_kind_and_title(client, tracker, nid):
    other = tracker.start_negotiation(actor="sam", title="Four-day week", kind="flexible_work")
    tracker.step(other, "change_stage", actor="sam", stage="negotiating")
    assert "Four-day week" not in text(client.get("/?stage=preparing"))
    assert "Data Engineer offer" in text(client.get("/?stage=preparing"))
    assert "Data Engineer offer" not in text(client.get("/?stage=negotiating"))
    assert "Four-day week" in text(client.get("/?kind=flexible_work"))
    assert "Data Engineer offer" not in text(client.get("/?kind=flexible_work"))
    found = text(client.get("/?q=four-DAY"))
    assert "Four-day week" in found and "Data Engineer offer" not in found
    assert "No negotiation matches" in text(client.get("/?q=nothing+like+it"))


def test_unknown_filter_values_are_ignored(client, nid):
    page = client.get("/?stage=bogus&kind=%3Cscript%3E")
    assert page.status_code == 200
    assert "Data Engineer offer" in text(page)


def test_titles_are_escaped(client, tracker):
    tracker.start_negotiation(actor="sam", title="<script>alert(1)</script>", kind="other")
    page = text(client.get("/"))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
