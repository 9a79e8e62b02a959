"""Text fields refuse control characters (all but tab, line feed and carriage return), wherever they
stand in the input, and keep every other character."""

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.terms import require_text

ALLOWED_CONTROLS = "\t\n\r"


@pytest.mark.parametrize("code", range(0x110))
def test_a_character_is_refused_exactly_when_it_is_a_control_character(code):
    char = chr(code)
    refused = code < 32 and char not in ALLOWED_CONTROLS
    text = f"before{char}after"
    if refused:
        with pytest.raises(InvalidValue, match="control characters") as error:
            require_text(text, "note", 100)
        assert error.value.field == "note"
    else:
        assert require_text(text, "note", 100) == text


def test_a_control_character_at_either_end_is_refused_before_trimming():
    for text in ("\x00note", "note\x1f", "  \x0b  note"):
        with pytest.raises(InvalidValue, match="control characters"):
            require_text(text, "note", 100)
