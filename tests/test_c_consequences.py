"""C. Consequences: the bars and the outcome (encodings/c_consequences.lp)."""

import pytest
from conftest import atoms, holds, make_case, result, verdict

from nonref.analysis import analyse

HR = {"echr_3", "iccpr_7", "customary"}
PERSECUTION = {"harm": "persecution", "ground": "religion"}


@pytest.mark.rule("C1.1", fires=True)
def test_C1_1_human_rights_bars():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert atoms(case, "bar") == {("rem", a, "r1") for a in HR}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("C1.1", fires=False)
def test_C1_1_no_bar_without_real_risk():
    case = make_case(risk={"harm": "cruel_inhuman_degrading", "evidence": "mere_possibility"})
    assert atoms(case, "bar") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.1", fires=False)
def test_C1_1_no_bar_for_a_state_without_jurisdiction():
    case = make_case(states={"CCC": {"name": "Third State"}}, location={"place": "territory", "state": "CCC"})
    assert atoms(case, "bar") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.2", fires=True)
def test_C1_2_cat_3_bars_removal_to_official_torture():
    case = make_case()
    assert holds(case, "bar", "rem", "cat_3", "r1")
    assert verdict(case) == ("prohibited", HR | {"cat_3"})


@pytest.mark.rule("C1.2", fires=False)
def test_C1_2_cat_3_not_for_ill_treatment_short_of_torture():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert not holds(case, "bar", "rem", "cat_3", "r1")
    assert "cat_3" not in {b.article for b in result(case).bases}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("C1.3", fires=True)
def test_C1_3_article_33_bars_return_to_persecution():
    case = make_case(risk=PERSECUTION)
    assert holds(case, "bar", "rem", "rc_33", "r1")
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("C1.3", fires=False)
def test_C1_3_no_article_33_without_a_convention_ground():
    case = make_case(risk={"harm": "torture"})
    assert not holds(case, "bar", "rem", "rc_33", "r1")
    assert result(case).refugee_law == "not_applicable"
    assert verdict(case) == ("prohibited", HR | {"cat_3"})


@pytest.mark.rule("C1.4", fires=True)
def test_C1_4_absolute_bar_prohibits_despite_conduct():
    case = make_case(conduct=["danger_to_security"])
    assert {a for _, a, _ in atoms(case, "prohibits")} == {"cat_3", "echr_3", "iccpr_7"}
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})


@pytest.mark.rule("C1.4", fires=False)
@pytest.mark.rule("C1.5", fires=False)
def test_C1_4_C1_5_lifted_qualified_bar_does_not_prohibit():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert {a for _, a, _ in atoms(case, "bar")} == {"rc_33", "customary"}
    assert atoms(case, "prohibits") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.5", fires=True)
def test_C1_5_qualified_bar_prohibits_without_exception():
    case = make_case(risk=PERSECUTION)
    assert atoms(case, "prohibits") == {("rem", "rc_33", "r1"), ("rem", "customary", "r1")}
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})


@pytest.mark.rule("C1.6", fires=True)
@pytest.mark.rule("C3.1", fires=False)
def test_C1_6_C3_1_a_prohibiting_bar_makes_the_removal_prohibited():
    case = make_case()
    assert atoms(case, "prohibited") == {("rem",)}
    assert atoms(case, "permitted") == set()
    assert result(case).outcome == "prohibited"


@pytest.mark.rule("C1.6", fires=False)
@pytest.mark.rule("C3.1", fires=True)
def test_C1_6_C3_1_no_prohibiting_bar_makes_it_permitted():
    case = make_case(risk={"evidence": "mere_possibility"})
    assert atoms(case, "prohibited") == set()
    assert atoms(case, "permitted") == {("rem",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.6", fires=True)
@pytest.mark.rule("C3.1", fires=True)
def test_C1_6_C3_1_outcome_per_removal():
    case = make_case(states={"CCC": {"name": "Safe Third State"}}, removals=[
        {"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation"},
        {"id": "safe", "by": "AAA", "to": "CCC", "kind": "transfer"},
    ])
    assert atoms(case, "prohibited") == {("rem",)}
    assert atoms(case, "permitted") == {("safe",)}
    analysis = analyse(case)
    assert analysis.removal("rem").outcome == "prohibited"
    assert analysis.removal("safe").outcome == "permitted"
    assert analysis.removal("safe").bases == []


DESTITUTION = {"harm": "destitution", "source": "none"}


def destitution_in(state: str, rid: str) -> dict:
    return {"id": rid, "harm": "destitution", "in": state, "source": "none",
            "exposure": "personal", "evidence": "substantial_grounds"}


@pytest.mark.rule("C1.7", fires=True)
@pytest.mark.rule("C1.8", fires=False)
def test_C1_7_reception_conditions_lawful_with_an_individual_guarantee_Tarakhel():
    case = make_case(risk=DESTITUTION)
    assert atoms(case, "lawful_with_assurance") == {("rem",)}
    assert atoms(case, "beyond_assurance") == set()
    r = result(case)
    assert r.outcome == "prohibited"
    assert r.lawful_with_assurance


@pytest.mark.rule("C1.7", fires=True)
def test_C1_7_explained_beside_the_prohibition():
    from nonref.explain.graph import explain

    g = explain(make_case(risk=DESTITUTION), "rem")
    rules = {(n.rule, n.applies) for n in g.nodes.values() if n.kind == "rule"}
    assert {("C1.7", True), ("D4.5", True)} <= rules


@pytest.mark.rule("C1.7", fires=False)
@pytest.mark.rule("C1.8", fires=True)
def test_C1_7_C1_8_torture_is_beyond_any_assurance_offered():
    case = make_case()
    assert atoms(case, "beyond_assurance") == {("rem",)}
    assert atoms(case, "lawful_with_assurance") == set()
    assert not result(case).lawful_with_assurance


@pytest.mark.rule("C1.7", fires=False)
@pytest.mark.rule("C1.8", fires=True)
def test_C1_7_C1_8_one_unassurable_risk_is_enough():
    case = make_case(risks=[destitution_in("BBB", "poor"), {**destitution_in("BBB", "tortured"), "harm": "torture", "source": "state"}])
    assert atoms(case, "beyond_assurance") == {("rem",)}
    assert not result(case).lawful_with_assurance


@pytest.mark.rule("C1.7", fires=False)
@pytest.mark.rule("C1.8", fires=True)
def test_C1_7_C1_8_destitution_down_a_chain_is_beyond_assurance():
    case = make_case(states={"CCC": {"name": "Third State"}}, risks=[destitution_in("CCC", "r1")],
                     onward=[{"from": "BBB", "to": "CCC", "because": "readmission_agreement"}])
    assert atoms(case, "beyond_assurance") == {("rem",)}
    r = result(case)
    assert r.outcome == "prohibited"
    assert not r.lawful_with_assurance


@pytest.mark.rule("C1.7", fires=False)
@pytest.mark.rule("C1.8", fires=False)
def test_C1_7_C1_8_nothing_to_assure_once_the_guarantee_is_given():
    case = make_case(risk=DESTITUTION, assurances=[{"by": "BBB", "against": ["destitution"], "specific": True, "binding": True}])
    assert atoms(case, "lawful_with_assurance") == set()
    assert atoms(case, "beyond_assurance") == set()
    assert result(case).outcome == "permitted"


@pytest.mark.rule("C1.9", fires=True)
@pytest.mark.rule("C1.7", fires=False)
def test_C1_9_a_procedural_breach_is_not_cured_by_an_assurance_MSS():
    case = make_case(risk=DESTITUTION, procedure={"suspensive_remedy": False})
    assert atoms(case, "beyond_assurance") == {("rem",)}
    r = result(case)
    assert (r.outcome, r.procedure, r.lawful_with_assurance) == ("prohibited", ["suspensive_remedy"], False)


@pytest.mark.rule("C1.9", fires=False)
def test_C1_9_no_breach_no_bar_to_an_assurance():
    assert atoms(make_case(risk=DESTITUTION), "beyond_assurance") == set()
    # a breach without a prohibiting risk puts nothing beyond assurance either
    permitted = make_case(risk={"evidence": "arguable"}, procedure={"suspensive_remedy": False})
    assert result(permitted).procedure == ["suspensive_remedy"]
    assert atoms(permitted, "beyond_assurance") == set()


TWO_DESTINATIONS = {"states": {"CCC": {"name": "Third State"}}, "removals": [
    {"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation"},
    {"id": "other", "by": "AAA", "to": "CCC", "kind": "transfer"},
]}


@pytest.mark.rule("C2.1", fires=True)
@pytest.mark.rule("C2.2", fires=False)
def test_C2_1_every_destination_prohibited_so_the_state_must_admit():
    case = make_case(**TWO_DESTINATIONS, risks=[
        {"id": "r1", "harm": "torture", "in": "BBB", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
        {"id": "r2", "harm": "torture", "in": "CCC", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
    ])
    assert atoms(case, "lawful_destination") == set()
    assert atoms(case, "must_admit") == {("AAA",)}
    analysis = analyse(case)
    assert [r.outcome for r in analysis.removals] == ["prohibited", "prohibited"]
    assert analysis.must_admit == ["AAA"]


@pytest.mark.rule("C2.1", fires=False)
@pytest.mark.rule("C2.2", fires=True)
def test_C2_1_C2_2_one_safe_destination_is_enough():
    case = make_case(**TWO_DESTINATIONS)  # the risk is in BBB only
    assert atoms(case, "lawful_destination") == {("AAA",)}
    assert atoms(case, "must_admit") == set()
    analysis = analyse(case)
    assert analysis.removal("rem").outcome == "prohibited"
    assert analysis.removal("other").outcome == "permitted"
    assert analysis.must_admit == []


@pytest.mark.rule("C2.1", fires=False)
@pytest.mark.rule("C2.2", fires=True)
def test_C2_1_C2_2_permitted_single_removal():
    case = make_case(risk={"evidence": "mere_possibility"})
    assert atoms(case, "lawful_destination") == {("AAA",)}
    assert analyse(case).must_admit == []
