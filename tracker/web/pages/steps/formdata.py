"""Between flat HTML form fields and the nested data the schemas take (and their nested errors).

``values-base_salary-amount=128000`` and ``values-base_salary-currency=EUR`` become
``{"values": {"base_salary": {"amount": "128000", "currency": "EUR"}}}``; ``ratings-<option>`` keeps
the rest of its name as the option (options may hold dashes). A nested entry left blank means "not
given" and is dropped (a money value without an amount too); top-level blanks are left to the schema,
which treats a blank optional field as not given and a blank required one as missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from werkzeug.datastructures import MultiDict

IGNORED = frozenset({"csrf_token"})
LEAF_GROUPS = frozenset({"ratings"})  # the rest of the name is one key, dashes and all


def to_nested(form: MultiDict, list_fields: Iterable[str] = ()) -> dict[str, Any]:
    lists = set(list_fields)
    data: dict[str, Any] = {name: [] for name in lists}
    for name in form:
        if name in IGNORED:
            continue
        if name in lists:
            data[name] = [v for v in form.getlist(name) if v.strip()]
            continue
        head, _, rest = name.partition("-")
        value = form.get(name, "")
        if not rest:
            data[name] = value
            continue
        group = data.setdefault(head, {})
        if not isinstance(group, dict):
            data[head] = group = {}
        if head in LEAF_GROUPS:
            group[rest] = value
            continue
        key, _, sub = rest.partition("-")
        if sub:
            entry = group.setdefault(key, {})
            if isinstance(entry, dict):
                entry[sub] = value
        else:
            group[key] = value
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _prune(value)
            if _money_without_amount(value):
                continue
        out[key] = value
    return out


def _money_without_amount(value: dict[str, Any]) -> bool:
    return "currency" in value and "amount" not in value


def _prune(group: dict[str, Any]) -> Any:
    """Drops blank entries; a money value with no amount is not given at all."""
    out: dict[str, Any] = {}
    for key, value in group.items():
        if isinstance(value, dict):
            value = _prune(value)
            if not value or _money_without_amount(value):
                continue
        elif isinstance(value, str) and not value.strip():
            continue
        out[key] = value
    return out


def error_key(name: str) -> str:
    """The error name for an input name: ``values-base_salary-amount`` -> ``values.base_salary.amount``."""
    head, _, rest = name.partition("-")
    if head in LEAF_GROUPS and rest:
        return f"{head}.{rest}"
    return name.replace("-", ".")


def flat_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages (and domain_errors' dotted ones) as {"a.b.c": [message]}.

    List positions and marshmallow's "key"/"value" markers for dict entries name the same input
    as their container, so they are folded into it."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int) or (prefix and key in ("key", "value")):
                name = prefix
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            for k, v in flat_errors(value, name).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(messages, (list, tuple)):
        for item in messages:
            if isinstance(item, (dict, list, tuple)):
                for k, v in flat_errors(item, prefix).items():
                    out.setdefault(k, []).extend(v)
            else:
                out.setdefault(prefix or "_schema", []).append(str(item))
    else:
        out.setdefault(prefix or "_schema", []).append(str(messages))
    return out


def initial_values(defaults: Mapping[str, Any]) -> MultiDict:
    """A form's first values (lists for checkbox groups), in the shape request.form has."""
    values: MultiDict = MultiDict()
    for name, value in defaults.items():
        if isinstance(value, (list, tuple)):
            for item in value:
                values.add(name, str(item))
        elif value is not None:
            values.add(name, str(value))
    return values
