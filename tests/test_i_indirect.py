"""I. Indirect (chain) refoulement (encodings/i_indirect.lp; I3.1 in encodings/q_procedure.lp)."""

import pytest
from conftest import atoms, holds, make_case, result, rules_in, verdict
from nonref.explain.graph import explain

ALL = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
THIRD = {"CCC": {"name": "Third State"}, "DDD": {"name": "Fourth State"}}


def torture_in(state: str, rid: str = "r1") -> dict:
    return {"id": rid, "harm": "torture", "in": state, "source": "state", "exposure": "personal", "evidence": "substantial_grounds"}


def hops(*pairs: tuple[str, str]) -> list[dict]:
    return [{"from": b, "to": c, "because": "push_back_practice"} for b, c in pairs]


def chain_case(*pairs: tuple[str, str], risk_in: str = "CCC", **changes):
    states = {**THIRD, **changes.pop("states", {})}
    return make_case(states=states, risks=[torture_in(risk_in)], onward=hops(*pairs), **changes)


@pytest.mark.rule("I1.1", fires=True)
def test_I1_1_risk_in_the_destination_is_reached():
    case = make_case()
    assert atoms(case, "reaches") == {("BBB", "r1")}
    assert atoms(case, "exposed") == {("rem", "r1")}
    assert result(case).chains == {}  # a direct risk, no chain
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I1.1", fires=False)
@pytest.mark.rule("I1.2", fires=False)
def test_I1_1_I1_2_risk_in_an_unconnected_state_is_not_reached():
    case = chain_case(("BBB", "CCC"), risk_in="DDD")
    assert atoms(case, "reaches") == {("DDD", "r1")}  # only where the risk is
    assert atoms(case, "exposed") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("I1.2", fires=True)
@pytest.mark.rule("I2.1", fires=True)
def test_I1_2_chain_of_two_states_MSS():
    case = chain_case(("BBB", "CCC"))
    assert atoms(case, "onward") == {("BBB", "CCC")}
    assert holds(case, "reaches", "BBB", "r1")
    r = result(case)
    assert r.chains == {"r1": ["BBB", "CCC"]}
    assert r.real_risks == ["r1"]
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I1.2", fires=True)
def test_I1_2_chain_of_three_states():
    case = chain_case(("BBB", "CCC"), ("CCC", "DDD"), risk_in="DDD")
    assert atoms(case, "reaches") == {("DDD", "r1"), ("CCC", "r1"), ("BBB", "r1")}
    assert result(case).chains == {"r1": ["BBB", "CCC", "DDD"]}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I1.2", fires=True)
@pytest.mark.parametrize(
    "cycle",
    [
        [("BBB", "AAA"), ("AAA", "BBB"), ("BBB", "CCC")],  # sent back to the removing state and out again
        [("BBB", "CCC"), ("CCC", "BBB")],  # ping-pong between destination and third state
    ],
    ids=["A-B-A", "B-C-B"],
)
def test_I1_2_a_cycle_of_transfers_terminates_and_finds_the_risk(cycle):
    case = chain_case(*cycle)
    assert holds(case, "reaches", "BBB", "r1")
    assert result(case).chains == {"r1": ["BBB", "CCC"]}  # the shortest path, not a loop
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I1.2", fires=True)
@pytest.mark.rule("I2.1", fires=True)
def test_I1_2_I2_1_chain_explanation_names_the_rules_and_the_transfer():
    g = explain(chain_case(("BBB", "CCC")), "rem")
    assert g.outcome == "prohibited"
    assert {("I1.2", True), ("I2.1", True), ("I1.1", True)} <= rules_in(g)
    assert ("I2.2", False) in rules_in(g)  # BBB's procedure was not shown to protect
    facts = [n.label for n in g.nodes.values() if n.kind == "fact"]
    assert any(label.startswith("onward_transfers[0]") for label in facts)


@pytest.mark.rule("I2.1", fires=False)
@pytest.mark.rule("I2.2", fires=True)
def test_I2_1_I2_2_fair_and_efficient_destination_stops_the_chain_TI_v_UK():
    case = chain_case(("BBB", "CCC"), destination={"asylum_procedure": "fair_and_efficient"})
    assert atoms(case, "protects_in_practice") == {("BBB",)}
    assert atoms(case, "onward") == set()
    assert atoms(case, "exposed") == set()
    assert result(case).chains == {}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("I2.1", fires=False)
@pytest.mark.rule("I2.2", fires=True)
def test_I2_2_fair_and_efficient_intermediate_state_stops_the_chain_there():
    fair = {**THIRD, "CCC": {"name": "Third State", "asylum_procedure": "fair_and_efficient"}}
    case = make_case(states=fair, onward=hops(("BBB", "CCC"), ("CCC", "DDD")), risks=[torture_in("CCC", "in_ccc"), torture_in("DDD", "in_ddd")])
    assert atoms(case, "onward") == {("BBB", "CCC")}
    assert atoms(case, "exposed") == {("rem", "in_ccc")}  # the risk in CCC itself still counts
    assert result(case).chains == {"in_ccc": ["BBB", "CCC"]}


@pytest.mark.rule("I2.2", fires=False)
@pytest.mark.parametrize("procedure", ["deficient", "none", None])
def test_I2_2_only_a_fair_and_efficient_procedure_protects(procedure):
    case = chain_case(("BBB", "CCC"), destination={"asylum_procedure": procedure} if procedure else {})
    assert atoms(case, "protects_in_practice") == set()
    assert atoms(case, "onward") == {("BBB", "CCC")}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I2.3", fires=True)
def test_I2_3_refugee_convention_party_with_deficient_procedure_is_not_safe_MSS():
    case = chain_case(("BBB", "CCC"), destination={"bound_by": ["refugee_convention"], "asylum_procedure": "deficient"})
    assert atoms(case, "party_not_enough") == {("BBB",)}
    assert result(case).chains == {"r1": ["BBB", "CCC"]}
    assert verdict(case) == ("prohibited", ALL)
    assert ("I2.3", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("I2.3", fires=False)
def test_I2_3_party_with_fair_procedure_does_protect():
    case = chain_case(("BBB", "CCC"), destination={"bound_by": ["refugee_convention"], "asylum_procedure": "fair_and_efficient"})
    assert atoms(case, "party_not_enough") == set()
    assert verdict(case) == ("permitted", set())
    assert ("I2.3", True) not in rules_in(explain(case, "rem"))


@pytest.mark.rule("I2.3", fires=False)
def test_I2_3_not_noted_for_a_state_that_is_no_party():
    case = chain_case(("BBB", "CCC"), destination={"asylum_procedure": "deficient"})
    assert atoms(case, "party_not_enough") == set()
    assert verdict(case) == ("prohibited", ALL)  # the chain still carries the risk


TO_THIRD = [{"id": "rem", "by": "AAA", "to": "CCC", "kind": "transfer"}]


@pytest.mark.rule("I3.1", fires=True)
def test_I3_1_transfer_to_a_third_state_without_examining_its_procedure_Ilias_and_Ahmed():
    case = make_case(states=THIRD, removals=TO_THIRD, procedure={"third_country_examined": False})
    assert atoms(case, "breach") == {("rem", "third_country_examination")}
    r = result(case)
    assert r.procedure == ["third_country_examination"]
    assert r.outcome == "permitted"  # a procedural finding beside a safe outcome on the merits


@pytest.mark.rule("I3.1", fires=True)
def test_I3_1_explained_beside_the_outcome():
    case = make_case(states=THIRD, removals=TO_THIRD, procedure={"third_country_examined": False})
    assert ("I3.1", True) in rules_in(explain(case, "rem"))


NOT_EXAMINED = {"third_country_examined": False}


@pytest.mark.rule("I3.1", fires=False)
@pytest.mark.parametrize(
    "removals, person, procedure",
    [
        (TO_THIRD, None, {"third_country_examined": True}),
        (None, None, NOT_EXAMINED),  # to BBB, the country of nationality
        (TO_THIRD, {"status": "migrant"}, NOT_EXAMINED),  # not a refugee
        (TO_THIRD, None, {**NOT_EXAMINED, "voluntary": {"informed": True, "free": True}}),  # not sent at all
    ],
    ids=["examined", "country-of-nationality", "not-a-refugee", "genuinely-voluntary"],
)
def test_I3_1_no_third_country_finding(removals, person, procedure):
    case = make_case(states=THIRD, removals=removals, person=person, procedure=procedure)
    assert not holds(case, "breach", "rem", "third_country_examination")
    assert "third_country_examination" not in result(case).procedure


# I2.4: the legal test of a third state (a variant); I3.2-I3.6: exposure to a deficient procedure


def arguable_in(state: str, **extra) -> dict:
    return {**torture_in(state), "harm": "cruel_inhuman_degrading", "evidence": "arguable", **extra}


def via_deficient_third_state(assessed_on: str, risk: dict | None = None, **changes):
    party = {"name": "Destination State", "bound_by": ["refugee_convention"], "asylum_procedure": "deficient"}
    return make_case(
        states={**THIRD, "BBB": party},
        risks=[risk or arguable_in("CCC")],
        onward=[{"from": "BBB", "to": "CCC", "because": "deficient_procedure"}],
        assessed_on=assessed_on,
        **changes,
    )


@pytest.mark.rule("I2.4", fires=True)
def test_I2_4_on_the_legal_test_a_party_to_the_convention_stops_the_chain():
    case = via_deficient_third_state("2014-10-21", risk=torture_in("CCC"), variants={"third_country_test": "legal"})
    assert ("BBB",) in atoms(case, "protects_in_practice") and atoms(case, "onward") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("I2.4", fires=False)
def test_I2_4_on_the_practice_test_party_membership_is_not_enough():
    case = via_deficient_third_state("2014-10-21", risk=torture_in("CCC"))
    assert atoms(case, "protects_in_practice") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("I3.4", fires=True)
@pytest.mark.rule("I3.2", fires=True)
@pytest.mark.rule("I3.3", fires=True)
@pytest.mark.rule("I3.6", fires=False)
def test_I3_2_between_MSS_and_Ilias_exposure_to_a_deficient_procedure_violates_art_3_Sharifi():
    case = via_deficient_third_state("2014-10-21")
    assert atoms(case, "onward_exposure") == {("rem", "r1")}
    r = result(case)
    assert r.outcome == "prohibited" and [b.article for b in r.prohibiting] == ["echr_3"]
    assert r.real_risks == []  # the risk is only arguable: it is the exposure that is barred
    assert ("I3.2", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("I3.2", fires=False)
@pytest.mark.rule("I3.3", fires=False)
@pytest.mark.rule("I3.6", fires=True)
@pytest.mark.parametrize("assessed_on", ["2011-01-20", "2019-11-21"])
def test_I3_2_not_before_MSS_nor_from_Ilias_and_Ahmed_when_the_duty_is_procedural(assessed_on):
    case = via_deficient_third_state(assessed_on, instruments=["echr"])
    r = result(case)
    assert r.outcome == "permitted"
    if assessed_on > "2019":
        assert atoms(case, "ilias_reading") == {()}
        assert r.procedure == []  # examined: the default; I3.1 finds the procedural breach otherwise


@pytest.mark.rule("I3.4", fires=False)
def test_I3_4_a_mere_possibility_further_on_is_no_exposure():
    case = via_deficient_third_state("2014-10-21", risk=arguable_in("CCC", evidence="mere_possibility"))
    assert atoms(case, "onward_exposure") == set() and result(case).outcome == "permitted"


@pytest.mark.rule("I3.5", fires=True)
def test_I3_5_art_33_bars_sending_a_refugee_to_a_third_state_that_would_not_protect_them_Adan_and_Aitseguer():
    risk = {**arguable_in("CCC"), "harm": "persecution", "ground": "race"}
    case = via_deficient_third_state("2000-12-19", risk=risk, instruments=["refugee_convention"], variants={"status": "treaty_only"})
    assert verdict(case) == ("prohibited", {"rc_33"})


@pytest.mark.rule("I3.5", fires=False)
def test_I3_5_not_for_a_claim_without_a_convention_ground():
    case = via_deficient_third_state("2000-12-19", instruments=["refugee_convention"], variants={"status": "treaty_only"})
    assert verdict(case) == ("permitted", set())
