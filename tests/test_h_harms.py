"""H. Harms that trigger the bar, and which article covers which (encodings/h_harms.lp)."""

import pytest
from conftest import atoms, holds, make_case, verdict

HR = {"echr_3", "iccpr_7", "customary"}


def covered(case, article):
    return {h for a, h in atoms(case, "covers") if a == article}


def illness(critically_ill=False, treatment_accessible=False, rapid_irreversible_decline=False):
    return {"harm": "serious_illness", "source": "none", "illness": {
        "critically_ill": critically_ill, "treatment_accessible": treatment_accessible,
        "rapid_irreversible_decline": rapid_irreversible_decline}}


@pytest.mark.rule("H1.1", fires=True)
def test_H1_1_torture_covered_by_cat_echr_iccpr_custom():
    case = make_case()
    assert {a for a, h in atoms(case, "covers") if h == "torture"} == {"cat_3", "echr_3", "iccpr_7", "customary", "crc_37"}
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7", "customary"})


@pytest.mark.rule("H1.1", fires=False)
def test_H1_1_cat_3_covers_torture_only():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert covered(case, "cat_3") == {"torture"}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H2.1", fires=True)
@pytest.mark.parametrize("risk", [
    {"harm": "cruel_inhuman_degrading"},
    {"harm": "death_row"},
    {"harm": "detention_conditions"},
    {"harm": "destitution", "source": "none"},
    {"harm": "generalised_violence", "source": "non_state", "state_protection": "unable",
     "exposure": "general", "extreme_violence": True},
])
def test_H2_1_ill_treatment_covered_by_echr_3_iccpr_7_custom(risk):
    case = make_case(risk=risk)
    crc = set() if risk["harm"] == "death_row" else {"crc_37"}  # the CRC bar (H6.2) protects children only
    assert {a for a, h in atoms(case, "covers") if h == risk["harm"]} == HR | crc
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H2.1", fires=False)
def test_H2_1_death_penalty_as_such_is_not_ill_treatment():
    case = make_case(risk={"harm": "death_penalty"})
    assert not holds(case, "covers", "echr_3", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H8.1", fires=True)
@pytest.mark.parametrize("harm", ["irreducible_life_sentence", "grossly_disproportionate_sentence"])
def test_H8_1_inhuman_sentences_Vinter(harm):
    case = make_case(risk={"harm": harm})
    assert {a for a, h in atoms(case, "covers") if h == harm} == {"echr_3", "iccpr_7"}
    assert verdict(case) == ("prohibited", {"echr_3", "iccpr_7"})


@pytest.mark.rule("H8.1", fires=False)
def test_H8_1_not_covered_by_cat_or_custom():
    case = make_case(instruments=["cat", "refugee_convention"], risk={"harm": "irreducible_life_sentence"})
    assert "irreducible_life_sentence" not in covered(case, "cat_3") | covered(case, "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.1", fires=True)
def test_H3_1_arbitrary_killing():
    case = make_case(risk={"harm": "arbitrary_killing"})
    assert {a for a, h in atoms(case, "covers") if h == "arbitrary_killing"} == {"echr_2", "iccpr_6", "customary", "crc_37"}
    assert verdict(case) == ("prohibited", {"echr_2", "iccpr_6", "customary"})


@pytest.mark.rule("H3.1", fires=False)
def test_H3_1_cat_does_not_cover_arbitrary_killing():
    case = make_case(instruments=["cat"], risk={"harm": "arbitrary_killing"}, variants={"status": "treaty_only"})
    assert "arbitrary_killing" not in covered(case, "cat_3") | covered(case, "echr_3")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H4.1", fires=True)
def test_H4_1_enforced_disappearance_under_ced():
    case = make_case(instruments=["ced"], risk={"harm": "enforced_disappearance"})
    assert covered(case, "ced_16") == {"enforced_disappearance"}
    assert verdict(case) == ("prohibited", {"ced_16"})


@pytest.mark.rule("H4.1", fires=False)
def test_H4_1_no_ced_no_bar_on_disappearance():
    case = make_case(risk={"harm": "enforced_disappearance"})  # not a party to the CED
    assert {a for a, h in atoms(case, "covers") if h == "enforced_disappearance"} == {"ced_16"}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H5.1", fires=True)
def test_H5_1_flagrant_denial_of_justice_Othman():
    case = make_case(risk={"harm": "flagrant_denial_of_justice"})
    assert covered(case, "echr_6") == {"flagrant_denial_of_justice"}
    assert verdict(case) == ("prohibited", {"echr_6"})


@pytest.mark.rule("H5.1", fires=False)
def test_H5_1_no_echr_no_bar_on_unfair_trial():
    case = make_case(instruments=["cat", "iccpr", "refugee_convention"], risk={"harm": "flagrant_denial_of_justice"})
    assert "flagrant_denial_of_justice" not in covered(case, "iccpr_7") | covered(case, "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H6.1", fires=True)
def test_H6_1_slavery_under_echr_4():
    case = make_case(risk={"harm": "slavery"})
    assert covered(case, "echr_4") == {"slavery"}
    assert verdict(case) == ("prohibited", {"echr_4"})


@pytest.mark.rule("H6.1", fires=False)
def test_H6_1_no_echr_no_bar_on_slavery():
    case = make_case(instruments=["cat", "iccpr", "refugee_convention"], risk={"harm": "slavery"})
    assert {a for a, h in atoms(case, "covers") if h == "slavery"} == {"echr_4"}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H7.1", fires=True)
def test_H7_1_persecution_covered_by_custom_and_article_33():
    case = make_case(risk={"harm": "persecution", "ground": "religion"})
    assert {a for a, h in atoms(case, "covers") if h == "persecution"} == {"customary"}
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})


@pytest.mark.rule("H7.1", fires=False)
def test_H7_1_persecution_not_covered_by_echr():
    case = make_case(instruments=["echr", "cat", "iccpr"], risk={"harm": "persecution", "ground": "religion"},
                     variants={"status": "treaty_only"})
    assert not holds(case, "covers", "echr_3", "persecution")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H9.1", fires=True)
def test_H9_1_serious_illness_under_echr_3_iccpr_7():
    case = make_case(risk=illness(critically_ill=True))
    assert {a for a, h in atoms(case, "covers") if h == "serious_illness"} == {"echr_3", "iccpr_7"}
    assert verdict(case) == ("prohibited", {"echr_3", "iccpr_7"})


@pytest.mark.rule("H9.1", fires=False)
def test_H9_1_not_under_cat_or_custom():
    case = make_case(instruments=["cat", "refugee_convention"], risk=illness(critically_ill=True))
    assert "serious_illness" not in covered(case, "cat_3") | covered(case, "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H0.1", fires=True)
def test_H0_1_coverage_for_each_state():
    case = make_case()
    assert {("AAA", "cat_3", "torture"), ("BBB", "cat_3", "torture")} <= atoms(case, "covers_for")
    assert verdict(case)[0] == "prohibited"


@pytest.mark.rule("H0.1", fires=False)
def test_H0_1_no_coverage_of_an_uncovered_harm():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert not holds(case, "covers_for", "AAA", "cat_3", "cruel_inhuman_degrading")
    assert "cat_3" not in verdict(case)[1]


@pytest.mark.rule("H3.2", fires=True)
@pytest.mark.parametrize("protocol", ["echr_p6", "echr_p13"])
def test_H3_2_death_penalty_under_echr_2_for_protocol_party_AlSaadoon(protocol):
    case = make_case(instruments=["echr", protocol], risk={"harm": "death_penalty"})
    assert holds(case, "covers_for", "AAA", "echr_2", "death_penalty")
    assert verdict(case) == ("prohibited", {"echr_2"})


@pytest.mark.rule("H3.2", fires=False)
def test_H3_2_no_protocol_no_bar_on_death_penalty():
    case = make_case(instruments=["echr"], risk={"harm": "death_penalty"})
    assert not holds(case, "covers_for", "AAA", "echr_2", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.3", fires=True)
def test_H3_3_abolitionist_state_Judge_v_Canada():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"},
                     removing={"death_penalty_abolished": True}, assessed_on="2005-01-01")
    assert holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("prohibited", {"iccpr_6"})


@pytest.mark.rule("H3.3", fires=False)
def test_H3_3_retentionist_state_not_barred():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"}, assessed_on="2005-01-01")
    assert not holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.3", fires=False)
def test_H3_3_not_before_Judge_v_Canada_Kindler_era():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"},
                     removing={"death_penalty_abolished": True}, assessed_on="1995-01-01")
    assert not holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.4", fires=True)
def test_H3_4_second_optional_protocol():
    case = make_case(instruments=["iccpr", "iccpr_op2"], risk={"harm": "death_penalty"})
    assert holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("prohibited", {"iccpr_6"})


@pytest.mark.rule("H3.4", fires=False)
def test_H3_4_not_before_the_protocol_binds():
    case = make_case(instruments=["iccpr", {"instrument": "iccpr_op2", "since": "2021-01-01"}],
                     risk={"harm": "death_penalty"}, assessed_on="2020-01-01")
    assert not holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H2.2", fires=True)
def test_H2_2_severe_ill_treatment_is_grave():
    case = make_case(risk={"harm": "cruel_inhuman_degrading", "severe": True})
    assert atoms(case, "grave") == {("r1",)}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H2.2", fires=False)
def test_H2_2_below_minimum_severity_is_not_grave():
    case = make_case(risk={"harm": "cruel_inhuman_degrading", "severe": False})
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H2.2", fires=False)
def test_H2_2_does_not_apply_to_illness():
    case = make_case(risk={**illness(critically_ill=False, treatment_accessible=True), "severe": True})
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H9.2", fires=True)
def test_H9_2_critically_ill_without_treatment_D_v_UK():
    case = make_case(risk=illness(critically_ill=True), assessed_on="2008-06-01")
    assert atoms(case, "grave") == {("r1",)}
    assert verdict(case) == ("prohibited", {"echr_3", "iccpr_7"})


@pytest.mark.rule("H9.2", fires=False)
def test_H9_2_critically_ill_with_accessible_treatment():
    case = make_case(risk=illness(critically_ill=True, treatment_accessible=True), assessed_on="2008-06-01")
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H9.3", fires=True)
def test_H9_3_rapid_irreversible_decline_after_Paposhvili():
    case = make_case(risk=illness(rapid_irreversible_decline=True), assessed_on="2016-12-13")
    assert atoms(case, "grave") == {("r1",)}
    assert verdict(case) == ("prohibited", {"echr_3", "iccpr_7"})


@pytest.mark.rule("H9.3", fires=False)
def test_H9_3_not_before_Paposhvili_N_v_UK():
    case = make_case(risk=illness(rapid_irreversible_decline=True), assessed_on="2016-12-12")
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H9.3", fires=False)
def test_H9_3_not_where_treatment_is_accessible():
    case = make_case(risk=illness(rapid_irreversible_decline=True, treatment_accessible=True), assessed_on="2020-01-01")
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H7.2", fires=True)
def test_H7_2_real_risk_on_a_convention_ground_is_persecution():
    case = make_case(risk={"harm": "cruel_inhuman_degrading", "ground": "race"})
    assert atoms(case, "persecution_risk") == {("r1",)}
    assert verdict(case) == ("prohibited", HR | {"rc_33"})


@pytest.mark.rule("H7.2", fires=False)
def test_H7_2_no_ground_no_persecution():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert atoms(case, "persecution_risk") == set()
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H7.2", fires=False)
def test_H7_2_ground_without_real_risk_is_no_persecution():
    case = make_case(risk={"harm": "persecution", "ground": "race", "evidence": "mere_possibility"})
    assert atoms(case, "persecution_risk") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H6.2", fires=True)
def test_H6_2_crc_covers_harmful_practices_for_a_child():
    case = make_case(instruments=["crc"], person={"child": True},
                     risk={"harm": "harmful_practice", "source": "non_state", "state_protection": "unwilling"})
    assert ("crc_37", "harmful_practice") in atoms(case, "covers")
    assert verdict(case) == ("prohibited", {"crc_37", "customary"})


@pytest.mark.rule("H6.2", fires=False)
def test_H6_2_crc_does_not_cover_the_death_row_phenomenon():
    case = make_case(instruments=["crc"], person={"child": True}, risk={"harm": "death_row"},
                     variants={"status": "treaty_only"})
    assert ("crc_37", "death_row") not in atoms(case, "covers")
    assert verdict(case) == ("permitted", set())
