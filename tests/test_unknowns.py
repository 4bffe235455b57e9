"""Unknown facts (doctrine C4): three-valued outcomes, the facts that decide them, what-if."""

import json

import pytest
from click.testing import CliRunner
from conftest import REMOVAL, make_case
from nonref.analysis import analyse
from nonref.cli import cli
from nonref.explain.graph import explain
from nonref.model import Case

ASSURANCE = {"by": "BBB", "against": ["torture"], "specific": "unknown", "binding": True, "verifiable": "unknown"}


def result(case, **kw):
    return analyse(case, **kw).removal(REMOVAL)


def edited(case: Case, path: tuple, value) -> Case:
    """The case as if the file said `value` at `path`."""
    data = case.model_dump(mode="json", by_alias=True)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return Case.model_validate(data)


def test_a_case_prohibited_whatever_the_unknowns():
    case = make_case(
        conduct=[],
        person={"child": "unknown", "conduct": {"danger_to_security": "unknown", "terrorism": "unknown"}},
        procedure={"collective": "unknown", "suspensive_remedy": "unknown"},
    )
    r = result(case)
    assert r.outcome == "prohibited" and r.deciding == {}
    assert {"cat_3", "echr_3", "iccpr_7"} <= {b.article for b in r.prohibiting}
    graph = explain(case, REMOVAL)
    assert graph.outcome == "prohibited"
    assert any("whatever the unknown facts" in n.label for n in graph.nodes.values())


def test_undetermined_with_exactly_the_deciding_facts_and_no_irrelevant_one():
    case = make_case(assurances=[ASSURANCE], procedure={"collective": "unknown"})
    r = result(case)
    assert r.outcome == "undetermined"
    assert sorted(r.deciding["prohibited"]) == [["assurances[0].specific = false"], ["assurances[0].verifiable = false"]]
    assert r.deciding["permitted"] == [["assurances[0].specific = true", "assurances[0].verifiable = true"]]
    listed = {v for sets in r.deciding.values() for s in sets for v in s}
    assert not any("collective" in v for v in listed)  # irrelevant here: no collective-expulsion ban binds AAA


@pytest.mark.parametrize(
    "values",
    [
        {"specific": False},
        {"verifiable": False},
        {"specific": True, "verifiable": True},
        {"specific": True},
    ],
)
def test_what_if_agrees_with_editing_the_file(values):
    case = make_case(assurances=[ASSURANCE])
    target = case
    for name, value in values.items():
        target = edited(target, ("assurances", 0, name), value)
    assumed = {f"assurances[0].{k}": str(v).lower() for k, v in values.items()}
    a, b = result(case, assumed=assumed), result(target)
    assert (a.outcome, a.deciding, [x.article for x in a.prohibiting]) == (b.outcome, b.deciding, [x.article for x in b.prohibiting])


def test_an_unknown_value_among_several():
    case = make_case(risk={"evidence": "unknown"})
    r = result(case)
    assert r.outcome == "undetermined"
    assert r.deciding["prohibited"] == [["risks[0].evidence = substantial_grounds"]]
    assert ["risks[0].evidence = mere_possibility"] in r.deciding["permitted"]
    # the lower IACtHR threshold turns "some risk" to the prohibited side
    some = analyse(case, variants={"risk_standard": "some_risk"}).removal(REMOVAL)
    assert ["risks[0].evidence = some_risk"] in some.deciding["prohibited"]


def test_the_explanation_of_an_undetermined_removal_branches_on_the_deciding_facts():
    case = make_case(assurances=[ASSURANCE])
    graph = explain(case, REMOVAL)
    assert graph.outcome == "undetermined"
    branches = [graph.nodes[c].label for c in graph.nodes[graph.root].children]
    assert "prohibited if assurances[0].verifiable = false" in branches
    assert "permitted if assurances[0].specific = true and assurances[0].verifiable = true" in branches
    supposed = [n.label for n in graph.nodes.values() if n.kind == "fact" and "supposed" in n.label]
    assert "assurances[0].verifiable: false (unknown; supposed here)" in supposed


def test_an_unknown_fact_is_its_own_node_kind():
    case = make_case(risk={"severe": "unknown"}, assurances=[{**ASSURANCE, "specific": False}])
    # the assurance is not specific: it cannot cure; the severity is what is unknown
    r = result(case)
    assert r.outcome == "undetermined" and r.deciding["prohibited"] == [["risks[0].severe = true"]]
    graph = explain(case, REMOVAL, assumed={"assurances[0].binding": "false"})
    assert graph.outcome == "undetermined"
    sub = explain(case, REMOVAL, assumed={"risks[0].severe": "true"})
    assert sub.outcome == "prohibited"
    # settled whatever the conduct is (the bars are absolute), but the art. 33(2) exception reads it
    with_unknown = explain(make_case(risk={"ground": "political_opinion"}, person={"conduct": {"danger_to_security": "unknown"}}), REMOVAL)
    assert with_unknown.outcome == "prohibited"
    unknown = [n for n in with_unknown.nodes.values() if n.kind == "unknown"]
    assert unknown and all(n.label.startswith("person.conduct.danger_to_security: unknown (here taken as ") for n in unknown)


def test_the_variant_matrix_shows_undetermined_cells():
    from nonref.matrix import variant_matrix

    m = variant_matrix(make_case(assurances=[ASSURANCE]))
    assert dict(m.groups(REMOVAL)) == {
        "prohibited": [{"assurances": ("never_against_torture", "wgad")}],
        "undetermined": [{"assurances": ("othman",)}],
    }


def test_cli_undetermined_run_json_and_assume(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(json.dumps(make_case(assurances=[ASSURANCE]).model_dump(mode="json", by_alias=True, exclude_none=True)))
    runner = CliRunner()
    out = runner.invoke(cli, ["run", str(path)])
    assert out.exit_code == 0 and "UNDETERMINED" in out.output and "prohibited if: assurances[0].verifiable = false" in out.output
    data = json.loads(runner.invoke(cli, ["run", str(path), "--format", "json"]).output)
    assert data["removals"][0]["outcome"] == "undetermined" and data["removals"][0]["deciding"]["permitted"]
    yes = runner.invoke(cli, ["run", str(path), "--assume", "assurances[0].specific=true", "--assume", "assurances[0].verifiable=true"])
    assert "PERMITTED" in yes.output
    for bad, message in [
        ("assurances[0].verifiable", "expected PATH=VALUE"),
        ("assurances[9].specific=true", "has no field"),
        ("assurances[0].specific=perhaps", "--assume assurances[0].specific=perhaps"),
    ]:
        out = runner.invoke(cli, ["run", str(path), "--assume", bad])
        assert out.exit_code == 2 and message in out.output and "Traceback" not in out.output


def test_an_exception_on_unknown_conduct_is_neither_applied_nor_denied():
    """Art. 33(1) bars the removal in every completion; whether art. 33(2) lifts it depends on the
    unknown conduct: the summary says so, not "lifted by" nothing."""
    from nonref.render import refugee_line

    text = UNKNOWN_CONDUCT
    r = analyse(text).removal("dep")
    assert r.outcome == "prohibited"  # the absolute bars hold whatever the conduct
    assert r.refugee_law == "undetermined"
    rc = [b for b in r.bases if b.article == "rc_33"]
    assert rc and all(not b.prohibits and not b.lifted_by for b in rc)
    assert "depends on unknown facts" in refugee_line(r) and "lifted by" not in refugee_line(r)
    known = analyse(text.replace("danger_to_security: unknown", "danger_to_security: true")).removal("dep")
    assert known.refugee_law == "lifted" and "lifted by" in refugee_line(known)


UNKNOWN_CONDUCT = """\
case: {title: T, decided: 2020-01-01}
states:
  GBR: {name: UK, bound_by: [echr, refugee_convention]}
  IND: {name: India}
person:
  nationality: IND
  status: recognised_refugee
  conduct: {danger_to_security: unknown}
  location: {place: territory, state: GBR}
risks:
  - {id: t, harm: torture, in: IND, source: state, exposure: personal, evidence: substantial_grounds, ground: political_opinion}
  - {id: p, harm: persecution, in: IND, source: state, exposure: personal, evidence: substantial_grounds, ground: political_opinion}
removals:
  - {id: dep, by: GBR, to: IND, kind: deportation}
"""


def test_a_condition_that_turns_on_an_unknown_fact_is_not_reported_as_failing():
    """Exposure unknown, evidence short of substantial grounds: the risk fails the standard of proof
    in every completion, but is not said to be general: that depends on the unknown fact."""
    case = make_case(risk={"exposure": "unknown", "evidence": "arguable"})
    r = result(case)
    assert r.outcome == "permitted"
    assert r.unmet == {"r1": ["standard_of_proof"]}
    both = make_case(risk={"exposure": "unknown", "evidence": "unknown"})
    assert result(both).outcome == "undetermined" and result(both).unmet == {"r1": []}
