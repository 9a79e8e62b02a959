"""`tracker --help` and every subcommand's help, the commands and options the argparse CLI had (names
unchanged), and the exit code of a usage error (2, as before)."""

from __future__ import annotations

import click
import pytest

from tracker.cli import main
from tracker.cli.group import cli

# Every command and its options as the argparse CLI defined them (plus --quiet on the long ones).
COMMANDS = {
    ("serve",): {"--host", "--port", "--workers", "--dev"},
    ("demo",): {"--owner"},
    ("export",): {"--format", "--output", "-o"},
    ("import",): {"--by"},
    ("verify",): {"--all", "--file", "--anchors", "--save-anchors", "--quiet", "-q"},
    ("keys",): set(),
    ("keygen",): {"--bytes"},
    ("user", "add"): {"--password", "--name", "--reset"},
    ("token", "create"): {"--label"},
    ("rebuild-projections",): {"--quiet", "-q"},
    ("catch-up",): {"--follow", "--interval", "--quiet", "-q"},
    ("notify",): {"--follow", "--interval"},
}
ARGUMENTS = {
    ("export",): ["id"],
    ("import",): ["file"],
    ("verify",): ["id"],
    ("keys",): ["action"],
    ("user", "add"): ["email"],
    ("token", "create"): ["email"],
}


def leaves(group: click.Group, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], click.Command]:
    found: dict[tuple[str, ...], click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(leaves(command, (*path, name)))
        else:
            found[(*path, name)] = command
    return found


def test_the_commands_keep_their_names_options_and_arguments():
    commands = leaves(cli)
    assert set(commands) == set(COMMANDS)
    for path, command in commands.items():
        options = {flag for p in command.params if isinstance(p, click.Option) for flag in p.opts}
        assert options - {"--help", "-h"} == COMMANDS[path], path
        arguments = [p.name for p in command.params if isinstance(p, click.Argument)]
        assert arguments == ARGUMENTS.get(path, []), path


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_and_option_has_help(runner, path):
    command = leaves(cli)[path]
    assert command.help and command.get_short_help_str(), path
    for option in (p for p in command.params if isinstance(p, click.Option)):
        assert option.help, f"{' '.join(path)} {option.opts[0]} has no help text"
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: tracker {' '.join(path)} [OPTIONS]")
    for option in (p for p in command.params if isinstance(p, click.Option)):
        assert option.opts[-1] in result.output


def test_tracker_help_lists_every_command(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Event-sourced negotiation tracker" in result.output
    for name in (
        "serve",
        "demo",
        "export",
        "import",
        "verify",
        "keys",
        "keygen",
        "user",
        "token",
        "rebuild-projections",
        "catch-up",
        "notify",
    ):
        assert f"\n  {name} " in result.output
    assert runner.invoke(cli, ["-h"]).output == result.output
    for group in ("user", "token"):
        assert runner.invoke(cli, [group, "--help"]).exit_code == 0


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["bogus"],
        ["user"],
        ["user", "add"],
        ["token", "create"],
        ["export"],
        ["import"],
        ["export", "x", "--format", "xml"],
        ["keygen", "--bytes", "20"],
        ["serve", "--port", "eighty"],
        ["catch-up", "--interval", "soon"],
        ["notify", "--interval", "soon"],
        ["verify", "--everything"],
    ],
    ids=lambda argv: " ".join(argv) or "nothing",
)
def test_a_usage_error_exits_with_2(argv, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert "Usage: tracker" in captured.err and captured.out == ""


def test_help_through_main_exits_with_0(capsys):
    assert main(["--help"]) == 0
    assert "Usage: tracker [OPTIONS] COMMAND" in capsys.readouterr().out
    assert main(["verify", "--help"]) == 0
    assert "--save-anchors FILE" in capsys.readouterr().out


def test_keygen_prints_a_key_of_the_length_asked(runner):
    import base64

    for size in ("16", "24", "32"):
        result = runner.invoke(cli, ["keygen", "--bytes", size])
        assert result.exit_code == 0
        assert len(base64.b64decode(result.stdout.strip())) == int(size)
