"""The forms of an HTML page, as a browser sees them: action, method and each named control with the
value it would submit untouched (text value, checked boxes, the selected or first option, textarea
content). Standard library only (html.parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin


@dataclass
class Control:
    name: str
    kind: str  # input type (text, hidden, email, checkbox, ...), "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = True  # checkboxes and radios: sent only when checked


@dataclass
class Form:
    page: str  # the URL the form was found on
    action: str
    method: str
    controls: list[Control] = field(default_factory=list)

    def defaults(self) -> list[tuple[str, str]]:
        """What submitting the form untouched sends (buttons left out)."""
        sent = []
        for c in self.controls:
            if c.kind in ("submit", "button", "reset", "image"):
                continue
            if c.kind in ("checkbox", "radio") and not c.checked:
                continue
            sent.append((c.name, c.value))
        return sent

    def fuzzable(self) -> list[Control]:
        """Every control a person (or a script posing as one) can put text in; not the CSRF token."""
        seen, found = set(), []
        for c in self.controls:
            if c.name in seen or c.name == "csrf_token" or c.kind in ("submit", "button", "reset", "image"):
                continue
            seen.add(c.name)
            found.append(c)
        return found


class _Parser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.forms = page, []
        self.form: Form | None = None
        self.select: Control | None = None
        self.textarea: Control | None = None
        self.option: tuple[str | None, bool, list[str]] | None = None  # value, selected, text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.form = Form(
                self.page,
                urljoin(self.page, a.get("action") or self.page),
                (a.get("method") or "get").lower(),
            )
            self.forms.append(self.form)
        if self.form is None or (tag not in ("input", "select", "textarea", "option", "button")):
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            self.form.controls.append(
                Control(
                    a["name"],
                    kind,
                    a.get("value", "on" if kind == "checkbox" else ""),
                    checked="checked" in a if kind in ("checkbox", "radio") else True,
                )
            )
        elif tag == "button" and a.get("name"):
            self.form.controls.append(Control(a["name"], "submit", a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = Control(a["name"], "select")
            self.form.controls.append(self.select)
        elif tag == "textarea" and a.get("name"):
            self.textarea = Control(a["name"], "textarea")
            self.form.controls.append(self.textarea)
        elif tag == "option" and self.select is not None:
            self.option = (a.get("value"), "selected" in a, [])

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            if self.option is not None:  # an <option> closed by </select>
                self.handle_endtag("option")
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.option is not None and self.select is not None:
            value, selected, text = self.option
            self.select.options.append(value if value is not None else "".join(text).strip())
            if selected or len(self.select.options) == 1:
                self.select.value = self.select.options[-1]
            self.option = None

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)


def forms_on(page_url: str, html: str) -> list[Form]:
    parser = _Parser(page_url)
    parser.feed(html)
    return parser.forms
