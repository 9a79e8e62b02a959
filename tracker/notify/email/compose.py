"""The emails themselves: one step, a day's digest, and the "what's due" reminders. Each is one
multipart/alternative message with a plain-text and an HTML part (user text escaped there), times in
the reader's zone and language (Babel), absolute links to the app, and a footer saying why it came and
where to change that. Nothing is sent here (smtp.py sends)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime as header_date
from email.utils import make_msgid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime

from tracker.analysis.due import DueItem, in_days
from tracker.analysis.due_list import DueList
from tracker.domain.wording import plural
from tracker.notify.email.settings import SmtpSettings
from tracker.notify.email.templates import render
from tracker.notify.notice import Notice

SUBJECT_LIMIT = 120  # characters; longer subjects end with "…"
REMINDER_DAYS = 2  # dated items are reminded of from this many days ahead (overdue ones always)
SETTINGS_PATH = "/notifications/settings"
PATTERN = "d MMM y, HH:mm"  # as the pages show times (tracker/web/localtime.py)


def step_email(
    notice: Notice, *, to: str, settings: SmtpSettings, time_zone: str = "UTC", locale: str | None = None
) -> EmailMessage:
    """One step, told as it happened: "Staff Engineer at Northwind: Dana Kim made a counter-proposal"."""
    lang = _locale(locale)
    headline = notice.sentence.partition(": ")[0]
    subject = one_line(f"{notice.negotiation_title}: {headline}")
    when = f"{shown(notice.occurred_at, time_zone, lang)}, logged by {notice.actor}"
    link = settings.link(notice.path)
    why = f"You were sent this because you can see “{notice.negotiation_title}” and asked to be emailed its steps."
    text = [notice.negotiation_title, "", notice.sentence, when]
    text += ["This step waits for you."] if notice.needs_me else []
    text += ["", f"See the step in the tracker: {link}"]
    values = dict(title=notice.negotiation_title, sentence=notice.sentence, when=when, link=link)
    values.update(needs_me=notice.needs_me)
    message = _message(subject, to, settings, text, why, "step.html", lang, values)
    message["References"] = f"<negotiation.{notice.negotiation_id}@{settings.sender_domain}>"
    return message


def digest_email(
    notices: list[Notice],
    *,
    to: str,
    settings: SmtpSettings,
    day: date,
    time_zone: str = "UTC",
    locale: str | None = None,
) -> EmailMessage | None:
    """The day's steps in one email, grouped by negotiation (the one most recently moved first), each
    step at its time of day; None when there were none (no empty digest is sent)."""
    if not notices:
        return None
    lang = _locale(locale)
    groups: dict[str, list[Notice]] = {}
    for notice in sorted(notices, key=lambda n: (n.occurred_at, n.version)):
        groups.setdefault(notice.negotiation_id, []).append(notice)
    ordered = sorted(groups.values(), key=lambda steps: steps[-1].occurred_at, reverse=True)
    day_text = format_date(day, "d MMM y", locale=lang)
    heading = f"Your day in the tracker, {day_text}"
    subject = f"{heading}: {plural(len(notices), 'step')} in {plural(len(ordered), 'negotiation')}"
    why = "You were sent this because you asked for a daily digest instead of an email per step."
    text = [heading, ""]
    view = []
    for steps in ordered:
        first = steps[0]
        link = settings.link(f"/negotiations/{first.negotiation_id}")
        rows = [
            dict(
                time=format_datetime(_aware(n.occurred_at), "HH:mm", tzinfo=zone(time_zone), locale=lang),
                sentence=n.sentence,
                link=settings.link(n.path),
                needs_me=n.needs_me,
            )
            for n in steps
        ]
        view.append(dict(title=steps[-1].negotiation_title, link=link, steps=rows))
        text += [steps[-1].negotiation_title, link]
        for row in rows:
            waits = " (waits for you)" if row["needs_me"] else ""
            text.append(f"  {row['time']}  {row['sentence']}{waits}\n         {row['link']}")
        text.append("")
    return _message(
        one_line(subject), to, settings, text, why, "digest.html", lang, dict(heading=heading, groups=view)
    )


def reminder_items(
    items: DueList | Iterable[DueItem], now: datetime, within_days: int = REMINDER_DAYS
) -> list[DueItem]:
    """What the reminders tell of, from a person's due list (tracker.analysis.due_list.due_for): the
    approvals waiting for them and what falls due within ``within_days`` (or is overdue). Answers owed
    without a date are left out: they were told when the proposal came and would come back every day."""
    entries = items.items if isinstance(items, DueList) else list(items)
    horizon = now + timedelta(days=within_days)
    return [i for i in entries if i.kind == "approval_waiting" or (i.due is not None and i.due <= horizon)]


def reminder_email(
    items: DueList | Iterable[DueItem],
    *,
    to: str,
    settings: SmtpSettings,
    time_zone: str = "UTC",
    locale: str | None = None,
    now: datetime | None = None,
) -> EmailMessage | None:
    """The "what's due" reminder: deadlines within two days (overdue first) and approvals waiting, each
    with its link; None when nothing is due (no empty reminder is sent)."""
    now = now or datetime.now(UTC)
    due = reminder_items(items, now)
    if not due:
        return None
    lang = _locale(locale)
    overdue = sum(1 for i in due if i.overdue(now))
    heading = "What's due" + (f": {overdue} overdue" if overdue else "")
    subject = (
        f"{heading} ({plural(len(due), 'item')})" if overdue else f"What's due: {plural(len(due), 'item')}"
    )
    why = "You were sent this because you asked for reminders of what's due."
    rows = []
    text = [heading, ""]
    for item in due:
        when = _due_words(item, now, time_zone, lang)
        link = settings.link(f"/negotiations/{item.negotiation_id}#{item.anchor}")
        rows.append(dict(sentence=item.sentence, title=item.title, when=when, link=link))
        text += [f"- {item.sentence}", f"  {item.title}: {when}", f"  {link}", ""]
    return _message(
        one_line(subject), to, settings, text, why, "reminders.html", lang, dict(heading=heading, items=rows)
    )


def one_line(text: str, limit: int = SUBJECT_LIMIT) -> str:
    """``text`` fit for a header: control characters and line breaks (CR, LF and the rest) become
    single spaces, so user text cannot start a header of its own; cut at ``limit`` with "…"."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def shown(moment: datetime, time_zone: str, locale: str) -> str:
    """ "4 Dec 2026, 14:05 CET": the moment in the reader's zone and language, with the zone's name."""
    local = _aware(moment).astimezone(zone(time_zone))
    written = format_datetime(local, PATTERN, tzinfo=local.tzinfo, locale=locale)
    name = local.strftime("%Z")
    return f"{written} {'UTC' + name if name.startswith(('+', '-')) else name}"


def zone(name: str) -> ZoneInfo:
    """The reader's time zone; UTC when the name is not one the tz database knows."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _due_words(item: DueItem, now: datetime, time_zone: str, lang: str) -> str:
    if item.due is None:
        return "waiting for you now"
    at = shown(item.due, time_zone, lang)
    return f"overdue since {at}" if item.overdue(now) else f"due {in_days(item.due, now)} ({at})"


def _locale(locale: str | None) -> str:
    try:
        return str(Locale.parse(locale or "en", sep="-" if "-" in (locale or "") else "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "en"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _message(subject, to, settings, text, why, template, lang, values) -> EmailMessage:
    """The message with its headers and both parts; ``text`` the plain part's lines above the footer."""
    if not to.isprintable():
        raise ValueError("the recipient's address cannot contain line breaks or control characters")
    settings_link = settings.link(SETTINGS_PATH)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.mail_from
    message["To"] = to.strip()
    message["Date"] = header_date(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=settings.sender_domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies stay away
    footer = ["-- ", why, f"Change what you are sent: {settings_link}"]
    message.set_content("\n".join([*text, "", *footer]) + "\n")
    html = render(
        template, subject=subject, lang=lang.replace("_", "-"), why=why, settings_link=settings_link, **values
    )
    message.add_alternative(html, subtype="html")
    return message
