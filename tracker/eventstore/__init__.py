"""How this product uses the eventsourcing library: the mapper and transcodings it stores with, the
base application the accounts and teams stores share, per-store tuning, and PostgreSQL specifics.
It imports the library, ``tracker.config`` and ``tracker.domain`` only, never a feature package."""
