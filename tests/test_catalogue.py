"""The rule catalogue: every rule annotated, every rule tested both ways, unannotated rules rejected."""

import importlib
from collections import defaultdict

import pytest
from nonref import rulebase

FAMILY_MODULES = {
    "S": "test_s_sources",
    "P": "test_p_protected",
    "J": "test_j_jurisdiction",
    "H": "test_h_harms",
    "R": "test_r_risk",
    "N": "test_n_non_state",
    "E": "test_e_exceptions",
    "C": "test_c_consequences",
    "I": "test_i_indirect",
    "D": "test_d_assurances",
    "Q": "test_q_procedure",
    "F": "test_f_forum",
    "V": "test_v_variants",
}


def rule_marks() -> dict[str, dict[bool, list[str]]]:
    """rule id -> {fires: [test names]}, read from the `rule` marks of the family test modules.

    Imported directly (not from pytest's collection), so this works when this file runs alone.
    Tests marked xfail do not count: a test that is expected to fail shows no coverage.
    """
    found: dict[str, dict[bool, list[str]]] = defaultdict(lambda: {True: [], False: []})
    for module_name in FAMILY_MODULES.values():
        module = importlib.import_module(module_name)
        for name, fn in vars(module).items():
            if not (name.startswith("test") and callable(fn)):
                continue
            marks = list(getattr(fn, "pytestmark", [])) + list(getattr(module, "pytestmark", []))
            if any(m.name == "xfail" for m in marks):
                continue
            for m in marks:
                if m.name == "rule":
                    found[m.args[0]][m.kwargs["fires"]].append(f"{module_name}::{name}")
    return found


def test_every_rule_has_id_source_and_reading():
    rules = rulebase.rules()
    assert len(rules) > 0
    for r in rules:
        assert r.id.strip() and r.source.strip() and r.reads.strip(), r
        assert rulebase.RULE_ID.match(r.id), r.id


def test_rule_ids_are_unique():
    ids = [r.id for r in rulebase.rules()]
    assert len(ids) == len(set(ids))


def test_every_family_has_its_test_module():
    assert {r.family for r in rulebase.rules()} <= set(FAMILY_MODULES)


@pytest.mark.parametrize("fires", [True, False], ids=["fires", "must-not-fire"])
def test_every_rule_is_tested_both_ways(fires):
    marks = rule_marks()
    untested = [r.id for r in rulebase.rules() if not marks.get(r.id, {}).get(fires)]
    assert untested == [], f"rules without a fires={fires} test: {untested}"


def test_rule_marks_name_existing_rules():
    marks = rule_marks()
    known = {r.id for r in rulebase.rules()}
    assert marks, "no rule marks found"
    assert set(marks) - known == set(), "a test is marked with a rule id that is not in the rule base"


def test_rule_marks_are_in_their_familys_module():
    for rid, by_fires in rule_marks().items():
        for test in by_fires[True] + by_fires[False]:
            assert test.startswith(FAMILY_MODULES[rid[0]] + "::"), (rid, test)


GOOD = """\
%@ id: X1.1
%@ source: somewhere
%@ reads: p holds.
p.
"""


def test_parse_accepts_annotated_rules():
    (rule,) = rulebase.parse([("x.lp", GOOD)])
    assert (rule.id, rule.source, rule.reads, rule.file, rule.line) == ("X1.1", "somewhere", "p holds.", "x.lp", 4)


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD + "q :- p.\n", "rule without id, reads, source"),
        (GOOD + "\n%@ id: X1.2\n%@ reads: q holds.\nq :- p.\n", "rule without source"),
        (GOOD + "\n%@ id: X1.2\n%@ source: somewhere\n%@ reads: q holds.\n\nq :- p.\n", "rule without id, reads, source"),
        (GOOD + "\n%@ id: x-2\n%@ source: somewhere\n%@ reads: q holds.\nq :- p.\n", "is not of the form"),
        (GOOD + "\n%@ id: X1.1\n%@ source: somewhere\n%@ reads: q holds.\nq :- p.\n", "already used"),
    ],
    ids=["no annotation", "no source", "blank line between", "bad id", "duplicate id"],
)
def test_parse_rejects_badly_annotated_rules(text, message):
    with pytest.raises(rulebase.RuleBaseError, match=message):
        rulebase.parse([("x.lp", text)])


def test_parse_rejects_a_duplicate_id_across_files():
    with pytest.raises(rulebase.RuleBaseError, match="x.lp:4"):
        rulebase.parse([("x.lp", GOOD), ("y.lp", GOOD)])


def test_every_catalogue_id_is_encoded_or_handled_elsewhere():
    encoded = {r.id.split(".")[0] for r in rulebase.rules()}
    missing = [cid for cid in rulebase.CATALOGUE if cid not in encoded and cid not in rulebase.HANDLED_ELSEWHERE]
    assert missing == []
    # and nothing is said to be handled elsewhere that has rules of its own
    assert not encoded & set(rulebase.HANDLED_ELSEWHERE)


def test_no_rule_cites_a_seed_or_the_catalogue():
    for r in rulebase.rules():
        assert "seed" not in r.source and "doctrine" not in r.source, (r.id, r.source)


def test_no_rule_bounds_a_variable_on_both_sides():
    """`D >= a, D < b` makes clingo's grounder work through the interval (tens of ms per case):
    a dated rule that ends says so with a negative literal instead (e.g. H8.3 with H8.4)."""
    import re

    for r in rulebase.rules():
        lower = set(re.findall(r"\b([A-Z]\w*) >=? ", r.text)) | set(re.findall(r" [<]=? ([A-Z]\w*)\b", r.text))
        upper = set(re.findall(r"\b([A-Z]\w*) <=? ", r.text)) | set(re.findall(r" [>]=? ([A-Z]\w*)\b", r.text))
        assert not lower & upper, (r.id, r.text)
