"""The authority map: who decides, advises on or blocks each term; refusals together, each naming its
field; role none takes a party off a term's map."""

from __future__ import annotations

import pytest

from tests.support.analysis_builders import Deal
from tracker.domain.errors import InvalidValue, Refusals


def test_mapping_and_unmapping_who_decides():
    deal = Deal().terms("base_salary")
    deal.do("map_authority", term_key="base_salary", party_id=deal.dana, role="decides")
    deal.do("map_authority", term_key="base_salary", party_id=deal.me, role="advises")
    assert deal.n.authority == {"base_salary": {deal.dana: "decides", deal.me: "advises"}}
    deal.do("map_authority", term_key="base_salary", party_id=deal.me, role="none")
    assert deal.n.authority == {"base_salary": {deal.dana: "decides"}}
    with pytest.raises(InvalidValue, match="already on the map"):
        deal.do("map_authority", term_key="base_salary", party_id=deal.dana, role="decides")


def test_a_bad_mapping_names_every_field():
    deal = Deal().terms("base_salary")
    with pytest.raises(Refusals) as refused:
        deal.do("map_authority", term_key="bonus", party_id="p9", role="vetoes")
    assert {e.field for e in refused.value.errors} == {"term_key", "party_id", "role"}
