"""The notifications pages: the list behind the bell (/notifications), opening one (marks it read),
what a person wants to be told (/notifications/settings) and their webhooks (/notifications/webhooks)."""

from tracker.web.notifications import webhooks  # noqa: F401 (routes)
from tracker.web.notifications.views import bp

__all__ = ["bp"]
