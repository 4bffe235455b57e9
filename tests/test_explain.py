"""Justification graphs: well-founded, complete down to the facts, cited, and about the right law."""

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner
from nonref import analyse
from nonref.cli import cli
from nonref.explain.graph import explain
from nonref.explain.tree import tree

CASES = Path(__file__).parent.parent / "cases"
ALL = [(path, rem.id) for path in sorted(CASES.glob("*.yaml")) for rem in analyse(path).removals]


def _reachable(graph):
    seen, stack = set(), [graph.root]
    while stack:
        nid = stack.pop()
        if nid not in seen:
            seen.add(nid)
            stack += graph.nodes[nid].children
    return seen


def _acyclic(graph) -> bool:
    state: dict[str, int] = {}

    def visit(nid: str) -> bool:
        if state.get(nid) == 1:
            return False
        if state.get(nid) == 2:
            return True
        state[nid] = 1
        ok = all(visit(c) for c in graph.nodes[nid].children)
        state[nid] = 2
        return ok

    return visit(graph.root)


@pytest.mark.parametrize("path, removal", ALL, ids=[f"{p.stem}:{r}" for p, r in ALL])
def test_every_justification_is_well_founded_cited_and_grounded(path, removal):
    graph = explain(path, removal)
    assert graph.outcome == analyse(path).removal(removal).outcome
    assert graph.root in graph.nodes and _acyclic(graph)
    assert _reachable(graph) == set(graph.nodes)  # nothing dangling
    lines = path.read_text().splitlines()
    for node in graph.nodes.values():
        if node.kind == "rule":
            assert node.rule and node.sources and node.reads
        elif node.kind == "conclusion":
            assert node.children, f"a conclusion without support: {node.label}"
            assert "no support found" not in node.label
        elif node.kind == "fact" and node.where:
            file, line = node.where.rsplit(":", 1)
            assert file == str(path)
            field = node.label.split(":")[0].split(".")[-1].split("[")[0]
            assert field in lines[int(line) - 1] or lines[int(line) - 1].lstrip().startswith("-"), node.label
        else:
            assert node.kind in ("fact", "absence", "test", "unknown")
        if not node.children:  # leaves: facts, absences, failed tests, or rules that are facts of the law
            assert node.kind in ("fact", "absence", "test", "rule", "unknown")


def _rules(graph, applies=True):
    return {n.rule for n in graph.nodes.values() if n.kind == "rule" and n.applies is applies}


@pytest.mark.parametrize(
    "case, removal, decisive, irrelevant",
    [
        ("chahal-v-uk", "deportation", {"E2.1", "E2.3", "C1.4", "R1.2"}, {"N2.2", "H9.2", "J2.1", "R6.3"}),
        ("saadi-v-italy", None, {"E2.1", "E2.3", "N1.1"}, {"N1.2", "H9.2"}),
        ("salah-sheekh-v-netherlands", None, {"N1.2", "R6.2"}, {"N1.1", "E2.3"}),
        ("elmi-v-australia", None, {"N2.2", "C1.2"}, {"N2.1", "E2.3"}),
        ("hirsi-jamaa-v-italy", None, {"J2.1"}, {"J1.1"}),
        ("sufi-and-elmi-v-uk", None, {"R6.3"}, {"R6.1", "R6.2"}),
        ("d-v-uk", None, {"H9.2"}, {"H2.2", "N1.1"}),
        ("soering-v-uk", None, {"H0.1", "H2.3"}, {"H3.2", "H2.1"}),
        ("mss-v-belgium-and-greece", None, {"C1.1", "I3.1", "Q2.1"}, {"C1.7", "I2.2"}),
        ("aaa-v-sshd-rwanda", None, {"I1.2", "I2.1", "I2.3", "D5.1"}, {"I2.2", "D5.2"}),
        ("tarakhel-v-switzerland", None, {"C1.7", "D4.5", "D4.6"}, {"C1.8", "I1.2"}),
        ("othman-v-uk", None, {"H5.1", "D2.1", "D5.2", "C1.7"}, {"D1.1", "D1.3"}),
        ("agiza-v-sweden", None, {"C1.2", "Q2.1"}, {"D5.2", "D2.1"}),
        ("alzery-v-sweden", None, {"C1.1", "Q2.1"}, {"D5.2", "D2.1"}),
    ],
)
def test_a_prohibited_removal_is_explained_by_its_decisive_rules(case, removal, decisive, irrelevant):
    path = CASES / f"{case}.yaml"
    removal = removal or analyse(path).removals[0].id
    graph = explain(path, removal)
    assert graph.outcome == "prohibited"
    assert decisive <= _rules(graph), decisive - _rules(graph)
    assert not irrelevant & _rules(graph, applies=True)


@pytest.mark.parametrize(
    "case, failing, not_mentioned",
    [
        ("vilvarajah-v-uk", {"R1.1", "R6.1", "R6.3", "C1.1"}, {"H9.2", "E1.3"}),
        ("n-v-uk", {"H9.2", "H9.3"}, {"R6.3", "E1.3"}),
        ("babar-ahmad-v-uk", {"H2.2"}, {"E1.3", "J2.1"}),
        ("rh-v-sweden", {"R1.1"}, {"H9.2"}),
        ("ti-v-uk", {"I2.1", "C1.1"}, {"Q1.2", "D5.2"}),
        ("khlaifia-v-italy", {"Q1.2", "C1.1"}, {"J2.1", "D2.1"}),
        ("nd-and-nt-v-spain", {"Q1.2", "C1.1"}, {"J2.1", "D2.1"}),
    ],
)
def test_a_permitted_removal_is_explained_by_the_rules_that_do_not_apply(case, failing, not_mentioned):
    path = CASES / f"{case}.yaml"
    graph = explain(path, analyse(path).removals[0].id)
    assert graph.outcome == "permitted"
    assert failing <= _rules(graph, applies=False), failing - _rules(graph, applies=False)
    assert not not_mentioned & (_rules(graph, applies=False) | _rules(graph, applies=True))


def test_vilvarajah_names_the_facts_that_defeat_the_risk():
    path = CASES / "vilvarajah-v-uk.yaml"
    labels = {n.label: n.where for n in explain(path, "removal").nodes.values() if n.kind == "fact"}
    assert "risks[0].evidence: mere_possibility" in labels and "risks[0].exposure: general" in labels
    assert labels["risks[0].exposure: general"].endswith(":45")


def test_a_false_yes_no_field_is_cited_where_it_says_no():
    graph = explain(CASES / "chahal-v-uk.yaml", "deportation")
    facts = {n.label for n in graph.nodes.values() if n.kind == "fact"}
    assert "risks[0].internal_relocation.no_risk_there: false" in facts


def test_depth_trims_the_terminal_tree():
    graph = explain(CASES / "chahal-v-uk.yaml", "deportation")
    from rich.console import Console

    def text(depth):
        console = Console(width=200, record=True)
        console.print(tree(graph, depth=depth, sources=False))
        return console.export_text()

    assert "raise --depth" in text(2) and "raise --depth" not in text(None)
    assert len(text(2).splitlines()) < len(text(None).splitlines())


def test_cli_explain_text_json_and_errors():
    runner = CliRunner()
    chahal = str(CASES / "chahal-v-uk.yaml")
    out = runner.invoke(cli, ["explain", chahal, "deportation"])
    assert out.exit_code == 0 and "PROHIBITED" in out.output and "E2.3" in out.output and "Chahal" in out.output
    focused = runner.invoke(cli, ["explain", chahal, "--focus", "real risk: ", "--no-sources"])
    assert focused.exit_code == 0 and focused.output.startswith("real risk: torture-punjab-police")
    data = runner.invoke(cli, ["explain", chahal, "--format", "json"])
    import json

    graph = json.loads(data.output)
    assert graph["outcome"] == "prohibited" and graph["root"] in {n["id"] for n in graph["nodes"]}
    for args in (["explain", chahal, "nope"], ["explain", chahal, "--focus", "no such words"]):
        bad = runner.invoke(cli, args)
        assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1, bad.output


def test_one_explainer_gives_the_same_graphs_as_separate_calls():
    from nonref.explain.graph import Explainer

    path = CASES / "chahal-v-uk.yaml"
    shared = Explainer(path)
    for _ in range(2):  # the shared matcher's memory must not change the second graph
        assert shared.graph("deportation").to_json() == explain(path, "deportation").to_json()


@pytest.mark.parametrize(
    "case, finding, decisive",
    [
        ("nd-and-nt-v-spain", None, {"Q1.3"}),  # no collective expulsion: own culpable conduct
        ("mamatkulov-and-askarov-v-turkey", "interim_measure", {"Q3.1"}),
        ("gebremedhin-v-france", "suspensive_remedy", {"Q2.1", "Q1.4"}),
        ("ilias-and-ahmed-v-hungary", "third_country_examination", {"I3.1", "I1.2", "I2.1"}),
        ("nsk-v-uk", "suspensive_remedy", {"Q3.3", "Q2.1"}),
    ],
)
def test_procedural_findings_are_explained_beside_the_outcome(case, finding, decisive):
    path = CASES / f"{case}.yaml"
    removal = analyse(path).removals[0]
    assert (finding in removal.procedure) if finding else removal.procedure == []
    graph = explain(path, removal.id)
    assert decisive <= _rules(graph, applies=True), decisive - _rules(graph, applies=True)


@pytest.mark.parametrize("case", ["aaa-v-sshd-rwanda", "ilias-and-ahmed-v-hungary"])
def test_a_chain_is_explained_hop_by_hop(case):
    path = CASES / f"{case}.yaml"
    removal = analyse(path).removals[0]
    assert removal.chains, "a chain case with no chain"
    graph = explain(path, removal.id)
    shown = {n.label for n in graph.nodes.values() if n.kind == "conclusion"}
    for chain in removal.chains.values():
        for here, there in itertools.pairwise(chain):
            assert f"{here} would send the person on to {there}" in shown, (here, there)


def test_every_predicate_has_a_plain_wording():
    from nonref.explain.engine import input_predicates, rulebase_index
    from nonref.explain.wording import WORDING

    rules = rulebase_index()
    assert sorted(name for name, _ in set(rules) | input_predicates(rules) if name not in WORDING) == []


def test_every_instrument_and_assurance_feature_is_named_in_plain_words():
    import typing

    from nonref import labels
    from nonref.facts import ASSURANCE_FEATURES
    from nonref.model import Instrument

    assert set(labels.INSTRUMENT) == set(typing.get_args(Instrument))
    assert set(labels.ASSURANCE_FEATURE) == set(ASSURANCE_FEATURES)
    graph = explain(CASES / "chahal-v-uk.yaml", "deportation", assumed={"forum": "none"})  # every instrument: the Refugee Convention too
    labels_shown = {node.label for node in graph.nodes.values()}
    assert "GBR is bound by the Refugee Convention" in labels_shown


def test_a_non_refugee_is_never_told_that_article_33_2_lifts_anything():
    """The torture limb of custom is absolute: for a person who is not a refugee, no step of the
    explanation may present art. 33(2) as lifting or weighing anything (only a rule's own sources may
    cite it)."""
    from conftest import make_case

    case = make_case(person={"status": "migrant"}, conduct=["danger_to_security"], instruments=[])
    graph = explain(case, "rem")
    assert graph.outcome == "prohibited"
    assert not [n.label for n in graph.nodes.values() if "33(2)" in n.label and n.kind != "rule"]
    assert not {"E1.3", "E1.4", "E1.5", "E1.6", "E3.1"} & _rules(graph, applies=True)
    assert {"E2.5", "C1.4"} <= _rules(graph)


def _scenario(**changes):
    from conftest import make_case

    return make_case(**changes)


RELOCATION = {"area": "the capital", "safe_travel": True, "admittance": True, "no_risk_there": True}


@pytest.mark.parametrize(
    "name, changes, outcome, applied, words",
    [
        # the human-rights limb of custom is absolute (E2.5), named as such
        (
            "torture limb",
            dict(instruments=[], conduct=["danger_to_security"]),
            "prohibited",
            {"S2.2", "E2.5", "C1.4"},
            "customary law, human-rights limb",
        ),
        # the refugee-law limb yields to national security short of jus cogens (E1.5), not art. 33(2)
        (
            "refugee limb lifted",
            dict(instruments=[], risk={"harm": "persecution", "ground": "religion"}, conduct=["danger_to_security"]),
            "permitted",
            {"C1.11", "E1.2", "E1.5"},
            "customary exception: overriding reasons of national security",
        ),
        # CAT General Comment 4: non-State actors the state cannot control, relocation disregarded
        (
            "CAT GC 4",
            dict(
                instruments=["cat"],
                variants={"status": "treaty_only"},
                assessed_on="2019-01-01",
                risk={"source": "non_state", "state_protection": "unable", "internal_relocation": RELOCATION},
            ),
            "prohibited",
            {"N2.6", "N2.8", "N3.2", "R2.3", "C1.10"},
            "CAT art. 1 is read as",
        ),
        (
            "ACHR art. 22(8)",
            dict(instruments=["achr"], variants={"status": "treaty_only"}, risk={"harm": "arbitrary_killing", "ground": "political_opinion"}),
            "prohibited",
            {"C1.12", "H1.4", "E2.4"},
            "ACHR art. 22(8)",
        ),
        (
            "OAU art. II(3)",
            dict(
                instruments=["oau_refugee_convention"],
                variants={"status": "treaty_only"},
                risk={"harm": "generalised_violence", "source": "non_state", "state_protection": "unable", "exposure": "general"},
            ),
            "prohibited",
            {"C1.14", "E2.4"},
            "OAU Refugee Convention art. II(3)",
        ),
        (
            "juvenile offender",
            dict(instruments=["crc"], variants={"status": "treaty_only"}, person={"child": True}, risk={"harm": "death_penalty"}),
            "prohibited",
            {"H3.7", "H3.6", "C1.15"},
            "committed under 18",
        ),
        (
            "Othman, systematic torture",
            dict(
                destination={"torture_systematic": True},
                assurances=[{"by": "BBB", "against": ["torture"], "specific": True, "binding": True, "verifiable": True}],
            ),
            "prohibited",
            {"D2.5"},
            "assurance assurances[0] is weakened",
        ),
    ],
)
def test_the_corrected_law_is_explained_by_the_rules_that_decide(name, changes, outcome, applied, words):
    graph = explain(_scenario(**changes), "rem")
    assert graph.outcome == outcome
    assert applied <= _rules(graph), applied - _rules(graph)
    assert any(words in n.label for n in graph.nodes.values()), words


@pytest.mark.parametrize("name", ["chahal-v-uk", "vilvarajah-v-uk", "kindler-v-canada", "elmi-v-australia"])
def test_no_step_prints_an_open_argument_as_any(name):
    """A pattern with an open argument is worded for it ("a bar applies to removal X"), never
    "any bars removal X (risk any)"."""
    import re

    path = CASES / f"{name}.yaml"
    graph = explain(path, analyse(path).removals[0].id)
    printed = [n.label for n in graph.nodes.values() if n.kind in ("absence", "conclusion")]
    offending = [label for label in printed if re.search(r"\bany\b(?! (assurance|internal|offence|individual|length))", label)]
    assert offending == []
