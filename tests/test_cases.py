"""The bundled real decisions: nonref reproduces each holding, on the bases the decision found."""

from pathlib import Path

import nonref
import pytest
from nonref.loader import load

CASES = Path(__file__).parent.parent / "cases"
FILES = sorted(CASES.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_case_reproduces_holding(path: Path):
    case = load(path).case
    assert case.expected, f"{path.name}: no expected holding"
    result = nonref.analyse(path)
    for rid, expected in case.expected.items():
        removal = result.removal(rid)
        assert removal.outcome == expected.outcome, f"{path.name}: {rid}: {removal.outcome}, expected {expected.outcome}"
        prohibiting = [b.article for b in removal.prohibiting]
        for basis in expected.bases:
            found = [a for a in prohibiting if a.startswith(basis)] if basis == "customary" else [a for a in prohibiting if a == basis]
            assert found, f"{path.name}: {rid}: {basis} not among the prohibiting bases {prohibiting}"
        assert removal.procedure == sorted(expected.procedure), f"{path.name}: {rid}: procedure {removal.procedure}, expected {expected.procedure}"
        assert removal.lawful_with_assurance == expected.lawful_with_assurance, f"{path.name}: {rid}: lawful_with_assurance"


def test_at_least_three_no_violation_holdings():
    permitted = [p.name for p in FILES if any(e.outcome == "permitted" for e in load(p).case.expected.values())]
    assert len(permitted) >= 3, f"only {permitted} are permitted holdings"
