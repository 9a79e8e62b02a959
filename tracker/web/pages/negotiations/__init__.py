"""The negotiations list and one negotiation's page with its timeline."""
