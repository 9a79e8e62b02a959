"""How a `tracker` command fails: a one-line message on the standard error and an exit code
(2 bad input, unknown user or negotiation, bad configuration; 1 a broken chain or a refused import),
never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from tracker.config import ConfigError
from tracker.domain.errors import DomainError, NotFound

F = TypeVar("F", bound=Callable[..., Any])

BAD_INPUT = 2


def fail(message: str, code: int = BAD_INPUT, prefix: str = "tracker") -> NoReturn:
    """Prints ``prefix: message`` on the standard error and ends the command with ``code``."""
    click.echo(f"{prefix}: {message}", err=True)
    raise click.exceptions.Exit(code)


def exits_on(*errors: type[BaseException], code: int = BAD_INPUT, prefix: str = "") -> Callable[[F], F]:
    """Turns the given errors (by default a domain error, an unknown id, a bad configuration) into
    ``tracker: [prefix]message`` and exit ``code``."""
    caught = errors or (DomainError, NotFound, ConfigError)

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return command(*args, **kwargs)
            except caught as error:
                fail(prefix + str(getattr(error, "message", error)), code)

        return run  # type: ignore[return-value]

    return decorate
