"""Addresses that pass for someone else's: a local part that mixes alphabets ("оwner" with a Cyrillic
о) or is written wholly in letters that look Latin but are not ("орех"). Checked with
confusable-homoglyphs (Unicode's confusables and script data, maintained with each Unicode release)
so "оwner@example.org" cannot sign up beside "owner@example.org" or be named in a share."""

from __future__ import annotations

from confusable_homoglyphs import categories, confusables

from tracker.domain.errors import InvalidValue


def refuse_lookalike(local_part: str, field: str) -> None:
    """InvalidValue (naming ``field``) when ``local_part`` could pass for another address."""
    letters = [ch for ch in local_part if ch.isalpha()]
    scripts = sorted({categories.alias(ch).title() for ch in letters})
    if confusables.is_mixed_script(local_part):
        raise InvalidValue(
            f"This address mixes letters of different alphabets ({' and '.join(scripts)}), so it can pass "
            "for someone else's. Write it in one alphabet.",
            field,
        )
    if scripts and scripts != ["Latin"] and all(_looks_latin(ch) for ch in letters):
        raise InvalidValue(
            f"Every letter of this address is a {scripts[0]} letter that looks like a Latin one, so it can "
            "pass for someone else's. Write it in Latin letters.",
            field,
        )


def _looks_latin(ch: str) -> bool:
    return bool(confusables.is_confusable(ch, preferred_aliases=["latin"]))
