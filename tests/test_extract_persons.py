"""Person identity: one id per exact name, the crosswalk merges and splits."""

from __future__ import annotations

import pytest

from honlea_kg.extract.persons import CrosswalkError, load_crosswalk, person_id


def test_default_is_the_exact_name():
    assert person_id("Yoni Dekker") == "yoni-dekker"
    assert person_id("Ana L\u00facia da Costa", "STP", "HONLAF/28") == "ana-lucia-da-costa"


def test_crosswalk_merges_and_splits(tmp_path):
    path = tmp_path / "cw.csv"
    path.write_text("name_variant,person_id,note\n"
                    "Yuri Fedotov,yury-fedotov,transliteration variant\n"
                    "John Smith (GBR),john-smith-gbr,homonym\n"
                    "John Smith @HONLAF/28,john-smith-2,another homonym\n", encoding="utf-8")
    cw = load_crosswalk(path)
    assert person_id("Yuri  Fedotov", crosswalk=cw) == person_id("Yury Fedotov", crosswalk=cw) == "yury-fedotov"
    assert person_id("John Smith", "GBR", "HONEURO/12", crosswalk=cw) == "john-smith-gbr"
    assert person_id("John Smith", "GBR", "HONLAF/28", crosswalk=cw) == "john-smith-2"
    assert person_id("John Smith", "USA", "HONEURO/12", crosswalk=cw) == "john-smith"


def test_bad_crosswalk(tmp_path):
    path = tmp_path / "cw.csv"
    path.write_text("name,id\nA B,a-b\n", encoding="utf-8")
    with pytest.raises(CrosswalkError, match="missing column"):
        load_crosswalk(path)
    path.write_text("name_variant,person_id,note\nA B,,x\n", encoding="utf-8")
    with pytest.raises(CrosswalkError) as err:
        load_crosswalk(path)
    assert err.value.line == 2


def test_committed_crosswalk_loads():
    from honlea_kg.extract.persons import CROSSWALK_PATH

    assert isinstance(load_crosswalk(CROSSWALK_PATH), dict)
