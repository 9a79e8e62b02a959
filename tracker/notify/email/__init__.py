"""The email channel: settings (settings.py), composing a step, a daily digest and the "what's due"
reminders as plain text and HTML (compose.py), and sending through the configured SMTP server
(smtp.py)."""
