"""The HTML parts of the emails, as Jinja2 templates with autoescape on: every value put in them
(titles, sentences, names: text people typed) is escaped, so a title cannot add markup or a script.
The plain-text parts are written in compose.py (nothing to escape there)."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment, StrictUndefined

LAYOUT = """<!doctype html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ subject }}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 40em">
{% block content %}{% endblock %}
<hr style="border: 0; border-top: 1px solid #d0d7de">
<p style="font-size: 0.85em; color: #57606a">{{ why }}
<a href="{{ settings_link }}">Change what you are sent</a>.</p>
</body>
</html>
"""

STEP = """{% extends "layout.html" %}{% block content %}
<p style="color: #57606a">{{ title }}</p>
<p style="font-size: 1.15em"><strong>{{ sentence }}</strong></p>
<p>{{ when }}</p>
{% if needs_me %}<p><strong>This step waits for you.</strong></p>{% endif %}
<p><a href="{{ link }}">See the step in the tracker</a></p>
{% endblock %}"""

DIGEST = """{% extends "layout.html" %}{% block content %}
<h1 style="font-size: 1.3em">{{ heading }}</h1>
{% for group in groups %}
<h2 style="font-size: 1.1em"><a href="{{ group.link }}">{{ group.title }}</a></h2>
<ul>
{% for step in group.steps %}  <li>{{ step.time }}: <a href="{{ step.link }}">{{ step.sentence }}</a>\
{% if step.needs_me %} <strong>(waits for you)</strong>{% endif %}</li>
{% endfor %}</ul>
{% endfor %}
{% endblock %}"""

REMINDERS = """{% extends "layout.html" %}{% block content %}
<h1 style="font-size: 1.3em">{{ heading }}</h1>
<ul>
{% for item in items %}  <li><a href="{{ item.link }}">{{ item.sentence }}</a>
    <br><span style="color: #57606a">{{ item.title }}: {{ item.when }}</span></li>
{% endfor %}</ul>
{% endblock %}"""

ENVIRONMENT = Environment(
    loader=DictLoader(
        {"layout.html": LAYOUT, "step.html": STEP, "digest.html": DIGEST, "reminders.html": REMINDERS}
    ),
    autoescape=True,
    undefined=StrictUndefined,
)


def render(name: str, **values: Any) -> str:
    """The HTML of template ``name`` with ``values`` escaped."""
    return ENVIRONMENT.get_template(name).render(**values)
