"""The auth blueprint (/auth/...) and what its views share."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, g, redirect, request, url_for

bp = Blueprint("auth", __name__, url_prefix="/auth")


def signed_in_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """Pages about one's own account (and teams, sharing) need a signed-in user even when sign-in is
    not required elsewhere."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not getattr(g, "user", None):
            return redirect(url_for("auth.signin", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper
