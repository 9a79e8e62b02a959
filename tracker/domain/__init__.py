"""The negotiation domain: pure Python, no web or storage imports (eventsourcing's domain only)."""
