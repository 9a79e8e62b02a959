from uuid import UUID

import pytest

from tracker.domain.errors import NotFound
from tracker.domain.ids import negotiation_uuid

ID = "22992fb3-2570-44b7-bb1d-61e9219a63ac"


def test_a_negotiation_id_is_read_from_text_or_kept_as_it_is():
    assert negotiation_uuid(ID) == UUID(ID)
    assert negotiation_uuid(UUID(ID)) == UUID(ID)


@pytest.mark.parametrize("bad", ["", "not-an-id", "22992fb3", "../etc/passwd"])
def test_anything_else_is_an_unknown_negotiation(bad):
    with pytest.raises(NotFound, match="No negotiation"):
        negotiation_uuid(bad)
