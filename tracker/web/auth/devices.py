"""A session's device in a few words ("Firefox on Linux", "Mobile Safari on iOS (iPhone)") from the
browser's User-Agent, read with ua-parser (the maintained uap-core rules), so the settings page can
say which session is which without keeping the whole header."""

from __future__ import annotations

from functools import lru_cache

import ua_parser

UNKNOWN = "Unknown browser"


@lru_cache(maxsize=256)
def device_summary(user_agent: str | None) -> str:
    if not user_agent:
        return UNKNOWN
    parsed = ua_parser.parse(user_agent[:1000])
    browser = parsed.user_agent.family if parsed.user_agent else None
    system = parsed.os.family if parsed.os else None
    device = parsed.device.family if parsed.device and parsed.device.family not in ("Other", "Mac") else None
    if not browser and not system:
        return UNKNOWN
    words = f"{browser or UNKNOWN}" + (f" on {system}" if system and system != "Other" else "")
    return words + (f" ({device})" if device else "")
