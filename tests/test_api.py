"""The Python entry point: `nonref.analyse` takes a path, YAML text or a parsed mapping."""

from pathlib import Path

import nonref
import pytest
from nonref.errors import CaseError
from ruamel.yaml import YAML

CHAHAL = Path(__file__).parent.parent / "cases" / "chahal-v-uk.yaml"


def _verdicts(result) -> list[tuple]:
    return [(r.id, r.outcome, [b.article for b in r.prohibiting]) for r in result.removals]


def test_text_and_mapping_give_the_file_answer():
    expected = _verdicts(nonref.analyse(CHAHAL))
    text = CHAHAL.read_text()
    assert _verdicts(nonref.analyse(text)) == expected
    assert _verdicts(nonref.analyse(YAML(typ="safe").load(text))) == expected
    assert _verdicts(nonref.analyse(str(CHAHAL))) == expected


def test_a_bad_mapping_names_the_field():
    data = YAML(typ="safe").load(CHAHAL.read_text())
    data["person"]["status"] = "tourist"
    with pytest.raises(CaseError, match=r"person\.status"):
        nonref.analyse(data)


def test_a_mapping_that_is_not_a_case():
    with pytest.raises(CaseError, match="expected a mapping"):
        nonref.analyse(["not", "a", "case"])  # type: ignore[arg-type]
