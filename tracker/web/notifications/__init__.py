"""The notifications pages: the list behind the bell (/notifications), opening one (marks it read)
and what a person wants to be told (/notifications/settings)."""

from tracker.web.notifications.views import bp

__all__ = ["bp"]
