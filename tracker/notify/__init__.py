"""Telling people and systems: the outbox and its channels (in-app, email, webhooks)."""
