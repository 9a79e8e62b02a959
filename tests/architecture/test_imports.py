"""Which way imports point (docs/architecture.md): no import cycle among the modules, the domain free
of Flask, HTTP and storage, the analysis on the domain alone, and the event store below every feature."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"
FEATURES = (
    "tracker.accounts",
    "tracker.teams",
    "tracker.audit",
    "tracker.projections",
    "tracker.web",
    "tracker.analysis",
    "tracker.cli",
    "tracker.schemas",
    "tracker.application",
    "tracker.bootstrap",
    "tracker.notify",
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(), str(p)) for p in sorted(PACKAGE.rglob("*.py"))}


def is_module(name: str) -> bool:
    path = PACKAGE.parent / name.replace(".", "/")
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imported(tree: ast.Module, name: str, *, top_level_only: bool) -> set[str]:
    """The modules ``name`` imports; with ``top_level_only``, only those imported when it is imported
    (not inside functions, nor under ``if TYPE_CHECKING``). ``from package import submodule`` points at
    the submodule, ``from module import name`` at the module."""
    found: set[str] = set()
    package = (
        name
        if (PACKAGE.parent / name.replace(".", "/") / "__init__.py").exists()
        else name.rpartition(".")[0]
    )

    def from_import(base: str, names: list[ast.alias]) -> None:
        for alias in names:
            found.add(f"{base}.{alias.name}" if is_module(f"{base}.{alias.name}") else base)

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(
                        package.split(".")[: len(package.split(".")) - node.level + 1]
                        + ([base] if base else [])
                    )
                from_import(base, node.names)
            elif isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            elif isinstance(node, (ast.If, ast.Try, ast.With)):
                visit(
                    node.body
                    + getattr(node, "orelse", [])
                    + getattr(node, "finalbody", [])
                    + [s for h in getattr(node, "handlers", []) for s in h.body]
                )
            elif not top_level_only and hasattr(node, "body"):
                visit(node.body)

    if top_level_only:
        visit(tree.body)
    else:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                from_import(node.module, node.names)
    return found


def graph(top_level_only: bool) -> dict[str, set[str]]:
    trees = modules()
    return {
        name: {m for m in imported(tree, name, top_level_only=top_level_only) if m in trees and m != name}
        for name, tree in trees.items()
    }


def test_no_module_imports_itself_back_when_it_is_imported():
    edges = graph(top_level_only=True)
    try:
        tuple(TopologicalSorter(edges).static_order())
    except CycleError as error:
        pytest.fail(f"import cycle: {' -> '.join(error.args[1])}")


def test_the_cycle_check_sees_a_cycle():
    with pytest.raises(CycleError):
        tuple(TopologicalSorter({"a": {"b"}, "b": {"c"}, "c": {"a"}}).static_order())


def reaches(prefix: str, forbidden: tuple[str, ...]) -> list[str]:
    """Imports (anywhere in the module, functions too) from ``prefix`` modules into ``forbidden`` ones."""
    bad = []
    for name, tree in modules().items():
        if name == prefix or name.startswith(prefix + "."):
            for target in imported(tree, name, top_level_only=False):
                if any(target == f or target.startswith(f + ".") for f in forbidden):
                    bad.append(f"{name} imports {target}")
    return bad


def test_the_domain_imports_nothing_of_the_web_the_store_or_the_features():
    assert (
        reaches(
            "tracker.domain",
            (
                "flask",
                "werkzeug",
                "psycopg",
                "sqlite3",
                "marshmallow",
                "tracker.web",
                "tracker.eventstore",
                "eventsourcing.sqlite",
                "eventsourcing.postgres",
                *FEATURES,
            ),
        )
        == []
    )


def test_the_analysis_reads_the_domain_alone():
    assert (
        reaches(
            "tracker.analysis",
            (
                "flask",
                "werkzeug",
                "tracker.eventstore",
                *tuple(f for f in FEATURES if f != "tracker.analysis"),
            ),
        )
        == []
    )


def test_the_email_channel_needs_no_web_and_no_store():
    """Composing and sending email is library code the outbox calls: no Flask, no storage."""
    assert (
        reaches(
            "tracker.notify.email",
            (
                "flask",
                "werkzeug",
                "tracker.web",
                "tracker.eventstore",
                "tracker.projections",
                "eventsourcing",
            ),
        )
        == []
    )


def test_the_event_store_sits_below_every_feature():
    assert reaches("tracker.eventstore", FEATURES) == []


def test_features_use_the_event_store_not_each_others_plumbing():
    """Teams once borrowed the accounts' base application; the shared recipe now lives in eventstore."""
    assert reaches("tracker.teams", ("tracker.accounts.application", "tracker.accounts.fresh")) == []
    assert reaches("tracker.eventstore", ("tracker.audit",)) == []


def test_the_webhook_channel_is_plain_library_code():
    """The webhook pieces (address check, signing, payload, sender, backoff) are wired into the outbox
    later; they know nothing of Flask, storage or the other features, only the domain's errors."""
    assert (
        reaches(
            "tracker.notify.webhooks",
            (
                "flask",
                "werkzeug",
                "marshmallow",
                "psycopg",
                "sqlite3",
                "eventsourcing",
                "tracker.eventstore",
                *tuple(f for f in FEATURES if f != "tracker.notify"),
            ),
        )
        == []
    )
