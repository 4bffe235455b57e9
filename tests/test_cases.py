"""The bundled real decisions: each holding reproduced (`nonref test cases/`), on the forum's question."""

from pathlib import Path

import pytest
from click.testing import CliRunner
from nonref.cli import cli
from nonref.holdings import compare, score
from nonref.loader import load

CASES = Path(__file__).parent.parent / "cases"
FILES = sorted(CASES.glob("*.yaml"))

# Decisions nonref does not reproduce, and why. A test below fails when one starts to match, so
# that this list stays true.
KNOWN_DIFFERENCES = {
    "haitian-centre-v-us": "the Commission applied the American Declaration, which nonref does not encode, "
    "and on a general, arguable risk nonref finds no real risk",
}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_case_reproduces_holding(path: Path):
    loaded = load(path)
    assert loaded.case.expected, f"{path.name}: no expected holding"
    checks = compare(loaded, path.name)
    differing = [f"{c.removal}: {'; '.join(c.differences)}" for c in checks if not c.ok]
    if path.stem in KNOWN_DIFFERENCES:
        assert differing, f"{path.name} now matches its holding: remove it from KNOWN_DIFFERENCES"
    else:
        assert not differing, differing


def test_every_real_decision_names_its_forum():
    for path in FILES:
        case = load(path).case
        assert case.forum is not None or path.stem.startswith("hypothetical-"), f"{path.name}: no forum"


def test_at_least_three_no_violation_holdings():
    permitted = [p.name for p in FILES if any(e.outcome == "permitted" for e in load(p).case.expected.values())]
    assert len(permitted) >= 3, f"only {permitted} are permitted holdings"


def test_scorecard_of_the_bundled_cases():
    card = score([str(CASES)])
    assert not card.errors and not card.without_holding
    differing = {Path(c.file).stem for c in card.checks if not c.ok}
    assert differing == set(KNOWN_DIFFERENCES)
    assert card.not_assessed == 1  # Mohamed v President of the RSA: the South African Constitution


def test_nonref_test_command(tmp_path):
    runner = CliRunner()
    good = runner.invoke(cli, ["test", str(CASES / "chahal-v-uk.yaml"), str(CASES / "soering-v-uk.yaml")])
    assert good.exit_code == 0, good.output
    assert "ok       " in good.output and "2/2 removals match their holdings" in good.output
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text((CASES / "chahal-v-uk.yaml").read_text().replace("outcome: prohibited", "outcome: permitted"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("case: [")
    report = tmp_path / "junit.xml"
    bad = runner.invoke(cli, ["test", str(tmp_path), "--junit", str(report)])
    assert bad.exit_code == 1
    assert f"DIFFERS  {wrong}: deportation: outcome prohibited, expected permitted" in bad.output
    assert f"ERROR    {broken}" in bad.output and "could not be answered" in bad.output
    xml = report.read_text()
    assert 'failures="1"' in xml and 'errors="1"' in xml and "outcome prohibited, expected permitted" in xml
    empty = tmp_path / "empty"
    empty.mkdir()
    none = runner.invoke(cli, ["test", str(empty)])
    assert none.exit_code == 2 and "no case files" in none.output
