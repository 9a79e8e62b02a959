"""A team's approval chain at ``/teams/<id>/approvals``: every member reads it (it decides who must
approve their proposals); owners change it, one row per rule, every problem beside its input."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for

from tracker.domain.errors import DomainError
from tracker.schemas import domain_errors
from tracker.teams import AccessDenied
from tracker.teams.approval_rules import CONDITIONS, MAX_RULES, check_rules
from tracker.web.identity import people
from tracker.web.numbers import NumberProblem, plain, read_number
from tracker.web.preferences import current_locale
from tracker.web.teams.blueprint import bp, person_only

RULE_FIELDS = ("approver", "step", "when", "term_key", "amount", "currency")
BLANK_ROWS = 2


def posted_rules() -> list[dict[str, str]]:
    """The form's rows (``rules-<i>-<field>``), blank rows left out."""
    rows = []
    for index in range(MAX_RULES + BLANK_ROWS):
        row = {name: request.form.get(f"rules-{index}-{name}", "").strip() for name in RULE_FIELDS}
        if any(row[name] for name in ("approver", "term_key", "amount")):
            rows.append({**row, "step": row["step"] or "1"})
    return rows


def show_chain(team_id: str, rows: list[dict] | None = None, errors: dict | None = None, status: int = 200):
    info = people().teams.team_for(team_id, g.user)  # NotFound outside the team
    if rows is None:
        rows = [
            {**rule.as_event(), "amount": "" if rule.amount is None else f"{rule.amount:f}"}
            for rule in info.approval_rules
        ]
    is_owner = info.role_of(g.user) == "owner"
    blank = {**dict.fromkeys(RULE_FIELDS, ""), "step": "1"}  # a new rule starts at the first step
    shown = rows + [dict(blank) for _ in range(BLANK_ROWS if is_owner else 0)]
    return render_template(
        "teams/approvals.html",
        team=info,
        rules=info.approval_rules,
        rows=shown[: MAX_RULES + BLANK_ROWS],
        conditions=list(CONDITIONS.items()),
        members=sorted(info.members),
        is_owner=is_owner,
        errors=errors or {},
    ), status


@bp.get("/teams/<team_id>/approvals")
@person_only
def approvals(team_id: str):
    return show_chain(team_id)


@bp.post("/teams/<team_id>/approvals")
@person_only
def set_approvals(team_id: str):
    info = people().teams.team_for(team_id, g.user)  # NotFound outside the team
    if info.role_of(g.user) != "owner":
        raise AccessDenied("Only a team owner can change the approval chain.")
    rows = posted_rules()
    # the form's row numbers are the rule indexes the refusals name (blank rows are left out first)
    read, problems = [dict(row) for row in rows], {}
    for index, row in enumerate(read):
        if row["amount"]:  # written as the person writes numbers ("130.000" in de-DE is 130,000)
            try:
                row["amount"] = plain(
                    read_number(row["amount"], current_locale(), currency=row["currency"] or None)
                )
            except NumberProblem as problem:
                problems[f"rules.{index}.amount"] = [problem.message]
    errors: dict[str, list[str]] = {}
    try:
        if problems:  # nothing is stored: the other rules are only checked, to show every problem
            check_rules(read, lambda email: email in info.members)
        else:
            people().teams.set_approval_chain(team_id, read, actor=g.user)
    except DomainError as error:
        errors = domain_errors(error)
    if errors or problems:
        return show_chain(team_id, rows, {**errors, **problems}, 422)
    flash(
        "Approval chain saved." if rows else "Approval chain cleared: no approvals are needed now.", "success"
    )
    return redirect(url_for("teams.approvals", team_id=team_id), code=303)
