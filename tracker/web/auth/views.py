"""Signing up, in and out, and changing one's password. Passwords never reach a log line."""

from __future__ import annotations

import logging
import math

from flask import g, redirect, render_template, request, url_for

from tracker.accounts import EmailTaken, SignInFailed, SignInLocked
from tracker.domain.errors import DomainError
from tracker.web.auth.blueprint import bp, signed_in_only
from tracker.web.auth.form_checks import LIMITS, new_password_errors, sign_up_errors
from tracker.web.auth.preference_choices import sign_up_locale, sign_up_time_zone
from tracker.web.auth.sessions import end_session, safe_next, start_session
from tracker.web.identity import people

log = logging.getLogger(__name__)
NO_STORE = {"Cache-Control": "no-store"}
bp.add_app_template_global(LIMITS, "account_limits")  # the inputs' maxlength: the limits checked here


def _errors(error: DomainError) -> dict[str, list[str]]:
    return {error.field or "_schema": [error.message]}


@bp.route("/signin", methods=["GET", "POST"])
def signin():
    target = safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("auth/signin.html", next=target, email="", message=""), 200, NO_STORE
    email = request.form.get("email", "")
    try:
        account = people().accounts.sign_in(
            email, request.form.get("password", ""), client=request.remote_addr
        )
    except SignInLocked as locked:
        seconds = max(1, math.ceil((locked.until - people().accounts.clock()).total_seconds()))
        log.warning("sign-in refused while locked (client %s)", request.remote_addr)
        return (
            render_template(
                "auth/signin.html",
                next=target,
                email=email,
                message=locked.message,
                locked_until=locked.until,
            ),
            429,
            {**NO_STORE, "Retry-After": str(seconds)},
        )
    except SignInFailed as failed:
        log.info("sign-in failed (client %s)", request.remote_addr)
        return (
            render_template("auth/signin.html", next=target, email=email, message=failed.message),
            401,
            NO_STORE,
        )
    start_session(account.email)
    log.info("signed in: %s", account.email)
    return redirect(target, code=303)


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    target = safe_next(request.values.get("next"))
    values = {"email": request.form.get("email", ""), "display_name": request.form.get("display_name", "")}
    if request.method == "GET":
        return render_template("auth/signup.html", next=target, values=values, errors={}), 200, NO_STORE
    password = request.form.get("password", "")
    errors = sign_up_errors(
        values["email"], values["display_name"], password, request.form.get("confirm", password)
    )
    if errors:  # every mistake at once, before anything is stored
        return render_template("auth/signup.html", next=target, values=values, errors=errors), 422, NO_STORE
    try:
        account = people().accounts.sign_up(
            values["email"],
            password,
            values["display_name"] or None,
            # from the browser (tracker.js); a bad or missing value never blocks signing up
            time_zone=sign_up_time_zone(request.form.get("time_zone")),
            locale=sign_up_locale(request.form.get("locale"), request.accept_languages.values()),
        )
    except (EmailTaken, DomainError) as error:
        return (
            render_template("auth/signup.html", next=target, values=values, errors=_errors(error)),
            422,
            NO_STORE,
        )
    start_session(account.email)
    log.info("signed up: %s", account.email)
    return redirect(target, code=303)


@bp.post("/signout")
def signout():
    user = getattr(g, "user", None)
    if user and request.form.get("everywhere"):
        people().accounts.sign_out_everywhere(user)
    end_session()
    return redirect(url_for("auth.signin"), code=303)


@bp.route("/password", methods=["GET", "POST"])
@signed_in_only
def password():
    user = g.user
    if request.method == "GET":
        return render_template("auth/password.html", errors={}, done=False), 200, NO_STORE
    new = request.form.get("new_password", "")
    current_is_right = people().accounts.verify_password(user, request.form.get("current_password", ""))
    errors = new_password_errors(new, request.form.get("confirm", new), current_is_right)
    if errors:  # every mistake at once
        return render_template("auth/password.html", errors=errors, done=False), 422, NO_STORE
    try:
        people().accounts.change_password(user, request.form.get("current_password", ""), new)
    except SignInFailed as failed:
        return (
            render_template("auth/password.html", errors={"current_password": [failed.message]}, done=False),
            422,
            NO_STORE,
        )
    except DomainError as error:
        field = "new_password" if error.field == "password" else (error.field or "_schema")
        return (
            render_template("auth/password.html", errors={field: [error.message]}, done=False),
            422,
            NO_STORE,
        )
    start_session(user)  # every other session ended with the change; this one goes on
    log.info("password changed: %s", user)
    return render_template("auth/password.html", errors={}, done=True), 200, NO_STORE
