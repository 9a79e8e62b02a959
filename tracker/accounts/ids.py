"""Deterministic ids: the same key always names the same aggregate, so a lookup by email, token hash
or negotiation id is a repository get (no scan, no secondary index)."""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

NAMESPACE = uuid5(NAMESPACE_URL, "urn:negotiation-tracker:people")


def stable_id(kind: str, key: str) -> UUID:
    return uuid5(NAMESPACE, f"{kind}:{key}")
