"""The form saying how a money term pays out year by year (vesting, one-off, bonus, raise), for every
package or for one proposal or alternative."""

from __future__ import annotations

from collections.abc import Mapping

from tracker.analysis.packages import all_packages
from tracker.domain.view import NegotiationView
from tracker.domain.vocabulary import ScheduleKind, TermKind
from tracker.web.pages.steps.formspec import Field, StepForm, choices_of
from tracker.web.pages.steps.registered import step_form

KIND_LABELS = {
    "vesting": "Vesting: a grant paid out over years",
    "one_off": "One-off: paid once (sign-on, relocation)",
    "bonus": "Bonus: guaranteed or a target",
    "raise": "Raise at review (base salary)",
    "none": "No schedule: take it off",
}


def set_money_schedule(n: NegotiationView, args: Mapping[str, str]) -> StepForm:
    money_terms = [t for t in n.terms.values() if t.kind in (TermKind.MONEY, TermKind.PERCENT)]
    packages = [("", "Every package (the term's default)")] + [(p.key, p.label) for p in all_packages(n)]
    return step_form(
        "set_money_schedule",
        "Offers pay differently from year to year: equity vests with a cliff, a sign-on bonus is paid once "
        "(and may be clawed back), a target bonus pays out only some years, a raise comes at review. The "
        "analysis then shows years 1 to 4 for each package, with these assumptions beside the figures. "
        "Fill in the fields of the kind you choose.",
        [
            Field(
                "term_key",
                "Term",
                "select",
                True,
                choices_of(money_terms, lambda t: t.key, lambda t: t.label, "Choose a term"),
            ),
            Field("package_key", "For", "select", False, packages),
            Field(
                "kind",
                "How it pays out",
                "select",
                True,
                [(k.value, KIND_LABELS[k.value]) for k in ScheduleKind],
            ),
            Field(
                "vesting", "Vesting: percent each year", help="e.g. 25/25/25/25 or 5/15/40/40 (together 100)"
            ),
            Field(
                "cliff_months",
                "Vesting: cliff in months",
                "number",
                help="Nothing vests before it; 0 for none",
            ),
            Field("clawback_months", "One-off: repaid if you leave within (months)", "number"),
            Field(
                "guaranteed_years",
                "Bonus: years guaranteed",
                "number",
                help="0 for a target bonus every year",
            ),
            Field("payout_percent", "Bonus: payout chance of a target year (%)", "decimal"),
            Field("raise_percent", "Raise: percent at each review", "decimal"),
            Field("raise_after_months", "Raise: first review after (months)", "number"),
            Field("review_months", "Raise: months between reviews", "number", help="12 when left blank"),
        ],
        submit="Set the schedule",
        defaults={"term_key": args.get("term_key", ""), "package_key": args.get("package_key", "")},
    )


BUILDERS = {"set_money_schedule": set_money_schedule}
