"""Form fuzzing: find every form of the pages by walking the app's GET routes (url_map) with real
values, then send each input of each form the hostile payloads below, one input at a time, the rest
as the page filled them in (CSRF token included: these are a signed-in person's forms).

Each answer must be a redirect (it was stored) or a page that shows what went wrong (4xx, or a 200
page with an error or a notice), never a 5xx; no answer, and no page a redirect leads to, may carry a
payload's markup unescaped.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from werkzeug.datastructures import MultiDict

from tests.support.html_forms import Form, forms_on

PAYLOADS = {
    "empty": "",
    "huge (1 MB)": "x" * 1_000_000,
    "unicode": "Zoë Ågren 👩🏽‍💻 日本語 مرحبا \u202eevil\u202c ﷽ e\u0301",
    "control characters": "a\x00b\x01c\x07d\x1b[31m\x7f\r\n\t\x0b\x0c",
    "HTML": '<b id="fuzz-bold">bold</b><a href="javascript:alert(1)">link</a> " \' &amp; &',
    "script": '<script>window.__fuzzed=1</script><img src=x onerror="window.__fuzzed=1">',
}
#: What must never come back as markup (it would be live in the page).
RAW_MARKUP = (
    '<b id="fuzz-bold">',
    "<script>window.__fuzzed",
    'onerror="window.__fuzzed',
    'href="javascript:alert',
)
FORM_BLUEPRINTS = ("pages", "auth", "teams", "notifications")
SHOWS_A_MESSAGE = ('role="alert"', 'class="error"', 'role="status"', "<h1>")


def page_urls(app: Any, seeds: dict[str, list[str]]) -> list[str]:
    """Every GET page of the form blueprints, with each combination of seed values for its variables."""
    adapter = app.url_map.bind("localhost")
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.split(".")[0] not in FORM_BLUEPRINTS:
            continue
        names = sorted(rule.arguments)
        if any(n not in seeds for n in names):
            continue
        for values in itertools.product(*(seeds[n] for n in names)):
            urls.append(adapter.build(rule.endpoint, dict(zip(names, values, strict=False))))
    return urls


def discover(client: Any, urls: Iterable[str]) -> list[Form]:
    """The POST forms on those pages; GET forms (a step's "which term?" picker, filters) are
    submitted once as they stand, and the POST forms of the pages they lead to are kept too."""
    found: dict[tuple, Form] = {}
    pending, seen = list(urls), set()
    while pending:
        url = pending.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        for form in forms_on("http://localhost" + url, response.get_data(as_text=True)):
            if form.method == "get":
                query = "&".join(f"{k}={v}" for k, v in form.defaults() if v)
                target = urlsplit(form.action).path + (f"?{query}" if query else "")
                if target.startswith("/negotiations/") and "/steps/" in target:
                    pending.append(target)
                continue
            key = (urlsplit(form.action).path, tuple(sorted(c.name for c in form.controls)))
            found.setdefault(key, form)
    return list(found.values())


def post_endpoints(app: Any) -> set[str]:
    return {
        r.endpoint
        for r in app.url_map.iter_rules()
        if "POST" in r.methods and r.endpoint.split(".")[0] in FORM_BLUEPRINTS
    }


def endpoint_of(app: Any, action_path: str) -> str:
    return app.url_map.bind("localhost").match(action_path, method="POST")[0]


@dataclass
class Tally:
    forms: int = 0
    inputs: int = 0
    submissions: int = 0
    worlds: int = 0
    outcomes: Counter = field(default_factory=Counter)
    payloads: Counter = field(default_factory=Counter)
    stored: Counter = field(default_factory=Counter)  # accepted submissions, by payload
    problems: list[str] = field(default_factory=list)


NUMBER_NAMES = (
    "amount",
    "low",
    "typical",
    "high",
    "weight",
    "target",
    "walk_away",
    "values-",
    "final_terms-",
)
TEXT_BY_NAME = {"currency": "EUR", "key": "fuzz_term", "link": "https://example.org/fuzz"}


def baseline(form: Form) -> list[tuple[str, str]]:
    """The form as a person would fill it in: empty text inputs get a plausible value, a select left
    on its blank option gets its first real one, a checkbox group with nothing ticked its first box;
    so a payload in one input is judged on its own, not refused for another input left empty."""
    filled, ticked = [], {c.name for c in form.controls if c.kind == "checkbox" and c.checked}
    for c in form.controls:
        if c.kind in ("submit", "button", "reset", "image", "file"):
            continue
        value = c.value
        if c.kind == "checkbox" and not c.checked:
            if c.name in ticked:
                continue
            ticked.add(c.name)  # the group's first box
        elif c.kind == "radio" and not c.checked:
            continue
        elif not value and c.kind in ("text", "textarea", "search"):
            value = TEXT_BY_NAME.get(c.name) or (
                "100" if any(n in c.name for n in NUMBER_NAMES) else "Filled in by the fuzzer"
            )
        elif not value and c.kind == "email":
            value = "colleague@example.org"  # a person who exists (World makes them)
        elif not value and c.kind == "date":
            value = "2030-01-31"
        elif not value and c.kind == "select":
            value = next((o for o in c.options if o), "")
        filled.append((c.name, value))
    return filled


def form_data(form: Form, name: str, payload: str) -> MultiDict:
    data = MultiDict()
    replaced = False
    for control_name, value in baseline(form):
        if control_name == name:
            if replaced:
                continue
            value, replaced = payload, True
        data.add(control_name, value)
    if not replaced:
        data.add(name, payload)
    for control in form.controls:  # file inputs carry the payload as the file's content
        if control.kind == "file":
            content = payload if control.name == name else "{}"
            data.setlist(control.name, [(io.BytesIO(content.encode("utf-8", "surrogatepass")), "fuzz.json")])
    return data


def check_answer(response: Any, where: str, tally: Tally) -> None:
    status = response.status_code
    body = response.get_data(as_text=True)
    if status >= 500:
        tally.problems.append(f"{where}: {status}")
    elif (status < 300 or status >= 400) and not any(marker in body for marker in SHOWS_A_MESSAGE):
        tally.problems.append(f"{where}: {status} without a visible message")
    leaked = [m for m in RAW_MARKUP if m in body]
    if leaked:
        tally.problems.append(f"{where}: unescaped {leaked}")
