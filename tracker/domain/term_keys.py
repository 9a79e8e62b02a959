"""A term's key derived from its label: "Base salary" -> ``base_salary``.

People name a term by its label; the key is the short, stable name the history, the API and the
analysis use. When nobody gives a key, one is made from the label: lower case, ASCII only (accents
folded, "ß" -> "ss"), words joined by underscores, starting with a letter, at most 40 characters,
and unique within the negotiation (``base_salary_2`` when ``base_salary`` is, or was, on the table).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_KEY = 40
FALLBACK = "term"
#: letters that Unicode does not decompose into an ASCII letter plus accents
SPELLED_OUT = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "þ": "th",
        "Þ": "th",
        "%": " percent ",
    }
)


def slug(label: str) -> str:
    """The label as a key: ``"Remote days / week"`` -> ``remote_days_week``; never empty."""
    folded = unicodedata.normalize("NFKD", label.translate(SPELLED_OUT))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    words = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")
    if not words:
        return FALLBACK
    if not words[0].isalpha():
        words = f"{FALLBACK}_{words}"
    return words[:MAX_KEY].rstrip("_")


def derive_key(label: str, taken: Iterable[str]) -> str:
    """A key for ``label`` that is not in ``taken``: the slug, else the slug with ``_2``, ``_3``..."""
    used = set(taken)
    base = slug(label)
    if base not in used:
        return base
    number = 2
    while True:
        suffix = f"_{number}"
        candidate = base[: MAX_KEY - len(suffix)].rstrip("_") + suffix
        if candidate not in used:
            return candidate
        number += 1
