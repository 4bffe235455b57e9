"""H. Harms that trigger the bar, and which article covers which (encodings/h_harms.lp)."""

import pytest
from conftest import atoms, holds, make_case, result, verdict

HR = {"echr_3", "iccpr_7", "customary_human_rights"}
TREATY_HR = {"echr_3", "iccpr_7"}  # ill-treatment beyond custom's reach (destitution, violence, detention, FGM)
EU = {"eu_charter_19_2"}  # EU Charter art. 19(2) covers whatever ECHR art. 3 covers (H1.3)


def covered(case, article):
    return {h for a, h in atoms(case, "covers") if a == article}


def illness(critically_ill=False, treatment_accessible=False, rapid_irreversible_decline=False):
    return {
        "harm": "serious_illness",
        "source": "none",
        "illness": {
            "critically_ill": critically_ill,
            "treatment_accessible": treatment_accessible,
            "rapid_irreversible_decline": rapid_irreversible_decline,
        },
    }


@pytest.mark.rule("H1.1", fires=True)
def test_H1_1_torture_covered_by_cat_echr_iccpr_custom():
    case = make_case()
    assert {a for a, h in atoms(case, "covers") if h == "torture"} == {
        "cat_3",
        "echr_3",
        "iccpr_7",
        "achr_5",
        "achpr_5",
        "customary_human_rights",
        "crc_37",
        "eu_charter_19_2",
    }
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"})


@pytest.mark.rule("H1.1", fires=True)
@pytest.mark.parametrize("instrument, article", [("achr", "achr_5"), ("achpr", "achpr_5")])
def test_H1_1_torture_under_regional_instruments_ACHR_5_African_Charter_5(instrument, article):
    case = make_case(instruments=[instrument])
    assert holds(case, "covers", article, "torture")
    assert verdict(case) == ("prohibited", {article, "customary_human_rights"})


@pytest.mark.rule("H1.1", fires=True)
def test_H1_1_torture_under_the_human_rights_limb_of_custom_alone_Belgium_v_Senegal():
    case = make_case(instruments=[])
    assert holds(case, "covers", "customary_human_rights", "torture")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


@pytest.mark.rule("H1.1", fires=False)
def test_H1_1_cat_3_covers_torture_only():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert covered(case, "cat_3") == {"torture"}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H1.1", fires=False)
def test_H1_1_customary_refugee_limb_does_not_cover_torture():
    case = make_case(instruments=[], variants={"status": "treaty_only"})
    assert covered(case, "customary_refugee_law") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H2.1", fires=True)
def test_H2_1_cruel_inhuman_degrading_treatment_covered_by_echr_3_iccpr_7_and_custom():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert {a for a, h in atoms(case, "covers") if h == "cruel_inhuman_degrading"} == (
        HR | EU | {"achr_5", "achpr_5", "crc_37"}
    )  # the CRC bar (H6.2) protects children only
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("H2.1", fires=True)
@pytest.mark.parametrize(
    "risk",
    [
        {"harm": "detention_conditions"},
        {"harm": "destitution", "source": "none"},  # M.S.S. v Belgium and Greece
        {
            "harm": "generalised_violence",
            "source": "non_state",
            "state_protection": "unable",
            "exposure": "general",
            "extreme_violence": True,
        },  # Sufi and Elmi v UK
        {"harm": "harmful_practice", "source": "non_state", "state_protection": "unwilling"},  # FGM
    ],
    ids=["detention", "destitution", "violence", "harmful_practice"],
)
def test_H2_1_extended_ill_treatment_covered_by_echr_3_iccpr_7_not_custom(risk):
    case = make_case(risk=risk)
    assert {a for a, h in atoms(case, "covers") if h == risk["harm"]} == TREATY_HR | EU | {"crc_37"}
    bars = TREATY_HR | ({"cat_3"} if risk["harm"] == "harmful_practice" else set())  # FGM under CAT (N2.9)
    assert verdict(case) == ("prohibited", bars)


@pytest.mark.rule("H2.1", fires=False)
def test_H2_1_death_penalty_as_such_is_not_ill_treatment():
    # before Al-Saadoon and Mufdhi (2 Mar 2010), and for a state bound by neither Protocol 6 nor 13
    case = make_case(risk={"harm": "death_penalty"}, assessed_on="2009-12-31")
    assert not holds(case, "covers", "echr_3", "death_penalty")
    assert not holds(case, "covers", "iccpr_7", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H2.3", fires=True)
def test_H2_3_death_row_phenomenon_under_echr_3_Soering_1989():
    case = make_case(risk={"harm": "death_row"})
    assert {a for a, h in atoms(case, "covers") if h == "death_row"} == {"echr_3"} | EU
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("H2.3", fires=False)
def test_H2_3_death_row_not_per_se_under_iccpr_7_Kindler_1993_Johnson_v_Jamaica_1996():
    case = make_case(instruments=["cat", "iccpr", "refugee_convention"], risk={"harm": "death_row"})
    assert not holds(case, "covers", "iccpr_7", "death_row")
    assert not holds(case, "covers", "customary_human_rights", "death_row")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H2.4", fires=True)
@pytest.mark.parametrize("instrument, article", [("achr", "achr_5"), ("achpr", "achpr_5")])
def test_H2_4_cruel_inhuman_degrading_under_regional_instruments_and_custom(instrument, article):
    case = make_case(instruments=[instrument], risk={"harm": "cruel_inhuman_degrading"})
    assert holds(case, "covers", article, "cruel_inhuman_degrading")
    assert holds(case, "covers", "customary_human_rights", "cruel_inhuman_degrading")
    assert verdict(case) == ("prohibited", {article, "customary_human_rights"})


@pytest.mark.rule("H2.4", fires=True)
def test_H2_4_custom_alone_bars_ill_treatment_Lauterpacht_Bethlehem():
    case = make_case(instruments=[], risk={"harm": "cruel_inhuman_degrading"})
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


@pytest.mark.rule("H2.4", fires=False)
@pytest.mark.parametrize(
    "risk",
    [
        {"harm": "destitution", "source": "none"},
        {"harm": "death_row"},
        {"harm": "generalised_violence", "source": "non_state", "state_protection": "unable", "exposure": "general", "extreme_violence": True},
        {"harm": "detention_conditions"},
        {"harm": "harmful_practice", "source": "non_state", "state_protection": "unwilling"},
        illness(critically_ill=True),
    ],
    ids=["destitution", "death_row", "violence", "detention", "harmful_practice", "illness"],
)
def test_H2_4_treaty_body_extensions_are_not_custom(risk):
    case = make_case(instruments=["refugee_convention"], risk=risk)  # bound by no human-rights treaty
    assert risk["harm"] not in covered(case, "customary_human_rights")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H8.1", fires=True)
@pytest.mark.parametrize("harm", ["irreducible_life_sentence", "grossly_disproportionate_sentence"])
def test_H8_1_inhuman_sentences_Vinter(harm):
    case = make_case(risk={"harm": harm})
    assert {a for a, h in atoms(case, "covers") if h == harm} == TREATY_HR | EU
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("H8.1", fires=False)
def test_H8_1_not_covered_by_cat_or_custom():
    case = make_case(instruments=["cat", "refugee_convention"], risk={"harm": "irreducible_life_sentence"})
    assert "irreducible_life_sentence" not in covered(case, "cat_3") | covered(case, "customary_human_rights")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.1", fires=True)
def test_H3_1_arbitrary_killing():
    case = make_case(risk={"harm": "arbitrary_killing"})
    assert {a for a, h in atoms(case, "covers") if h == "arbitrary_killing"} == {"echr_2", "iccpr_6", "customary_human_rights", "crc_37"}
    assert verdict(case) == ("prohibited", {"echr_2", "iccpr_6", "customary_human_rights"})


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
    # not a party to the CED, nor to the ICCPR or ECHR
    case = make_case(instruments=["cat", "refugee_convention"], risk={"harm": "enforced_disappearance"})
    assert {a for a, h in atoms(case, "covers") if h == "enforced_disappearance"} == {
        "ced_16",
        "iccpr_6",
        "iccpr_7",
        "echr_2",
        "echr_3",
        "eu_charter_19_2",
    }
    assert not holds(case, "covers", "cat_3", "enforced_disappearance")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H4.2", fires=True)
def test_H4_2_disappearance_under_iccpr_and_echr_for_a_non_party_to_the_CED_El_Masri():
    case = make_case(risk={"harm": "enforced_disappearance"})  # bound by the ICCPR and ECHR, not the CED
    assert not holds(case, "owes", "AAA", "ced_16")
    assert verdict(case) == ("prohibited", {"iccpr_6", "iccpr_7", "echr_2", "echr_3"})


@pytest.mark.rule("H4.2", fires=False)
def test_H4_2_disappearance_not_extended_to_cat_or_custom():
    case = make_case(instruments=["cat", "ced"], risk={"harm": "enforced_disappearance"})
    assert "enforced_disappearance" not in covered(case, "cat_3") | covered(case, "customary_human_rights")
    assert verdict(case) == ("prohibited", {"ced_16"})


@pytest.mark.rule("H5.1", fires=True)
def test_H5_1_flagrant_denial_of_justice_Othman():
    case = make_case(risk={"harm": "flagrant_denial_of_justice"})
    assert covered(case, "echr_6") == {"flagrant_denial_of_justice"}
    assert verdict(case) == ("prohibited", {"echr_6"})


@pytest.mark.rule("H5.1", fires=False)
def test_H5_1_no_echr_no_bar_on_unfair_trial():
    case = make_case(instruments=["cat", "iccpr", "refugee_convention"], risk={"harm": "flagrant_denial_of_justice"})
    assert "flagrant_denial_of_justice" not in covered(case, "iccpr_7") | covered(case, "customary_human_rights")
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


@pytest.mark.rule("H7.2", fires=True)
def test_H7_2_persecution_barred_by_article_33_and_the_refugee_limb_of_custom():
    case = make_case(risk={"harm": "persecution", "ground": "religion"})
    assert atoms(case, "persecution_risk") == {("r1",)}
    assert {a for a, h in atoms(case, "covers") if h == "persecution"} == set()  # no human-rights article
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})


def test_persecution_not_covered_by_echr():
    case = make_case(instruments=["echr", "cat", "iccpr"], risk={"harm": "persecution", "ground": "religion"}, variants={"status": "treaty_only"})
    assert not holds(case, "covers", "echr_3", "persecution")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H9.1", fires=True)
def test_H9_1_serious_illness_under_echr_3_iccpr_7():
    case = make_case(risk=illness(critically_ill=True))
    assert {a for a, h in atoms(case, "covers") if h == "serious_illness"} == TREATY_HR | EU
    assert verdict(case) == ("prohibited", {"echr_3", "iccpr_7"})


@pytest.mark.rule("H9.1", fires=False)
def test_H9_1_not_under_cat_or_custom():
    case = make_case(instruments=["cat", "refugee_convention"], risk=illness(critically_ill=True))
    assert "serious_illness" not in covered(case, "cat_3") | covered(case, "customary_human_rights")
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
    case = make_case(instruments=["echr", protocol], risk={"harm": "death_penalty"}, assessed_on="2005-01-01")
    assert holds(case, "covers_for", "AAA", "echr_2", "death_penalty")
    assert verdict(case) == ("prohibited", {"echr_2"})


@pytest.mark.rule("H3.2", fires=False)
def test_H3_2_no_protocol_no_bar_on_death_penalty():
    case = make_case(instruments=["echr"], risk={"harm": "death_penalty"}, assessed_on="2005-01-01")
    assert not holds(case, "covers_for", "AAA", "echr_2", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.3", fires=True)
def test_H3_3_abolitionist_state_Judge_v_Canada():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"}, removing={"death_penalty_abolished": True}, assessed_on="2005-01-01")
    assert holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("prohibited", {"iccpr_6"})


@pytest.mark.rule("H3.3", fires=False)
def test_H3_3_retentionist_state_not_barred():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"}, assessed_on="2005-01-01")
    assert not holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.3", fires=False)
def test_H3_3_not_before_Judge_v_Canada_Kindler_era():
    case = make_case(instruments=["iccpr"], risk={"harm": "death_penalty"}, removing={"death_penalty_abolished": True}, assessed_on="1995-01-01")
    assert not holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.4", fires=True)
def test_H3_4_second_optional_protocol():
    case = make_case(instruments=["iccpr", "iccpr_op2"], risk={"harm": "death_penalty"})
    assert holds(case, "covers_for", "AAA", "iccpr_6", "death_penalty")
    assert verdict(case) == ("prohibited", {"iccpr_6"})


@pytest.mark.rule("H3.4", fires=False)
def test_H3_4_not_before_the_protocol_binds():
    case = make_case(
        instruments=["iccpr", {"instrument": "iccpr_op2", "since": "2021-01-01"}], risk={"harm": "death_penalty"}, assessed_on="2020-01-01"
    )
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
    assert verdict(case) == ("prohibited", HR | {"rc_33", "customary_refugee_law"})


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
    case = make_case(
        instruments=["crc"], person={"child": True}, risk={"harm": "harmful_practice", "source": "non_state", "state_protection": "unwilling"}
    )
    assert ("crc_37", "harmful_practice") in atoms(case, "covers")
    assert verdict(case) == ("prohibited", {"crc_37"})  # FGM is not within the customary bar (H2.4)


@pytest.mark.rule("H6.2", fires=False)
def test_H6_2_crc_does_not_cover_the_death_row_phenomenon():
    case = make_case(instruments=["crc"], person={"child": True}, risk={"harm": "death_row"}, variants={"status": "treaty_only"})
    assert ("crc_37", "death_row") not in atoms(case, "covers")
    assert verdict(case) == ("permitted", set())


# Regional instruments: the EU Charter (H1.2, H1.3) and ACHR art. 22(8) (H1.4).

EU_STATE = ["eu_charter"]  # bound by the EU Charter alone, so its bar is seen on its own


@pytest.mark.rule("H1.2", fires=True)
def test_H1_2_eu_charter_19_2_bars_removal_to_the_death_penalty():
    case = make_case(instruments=EU_STATE, risk={"harm": "death_penalty"})
    assert holds(case, "covers", "eu_charter_19_2", "death_penalty")
    assert verdict(case) == ("prohibited", {"eu_charter_19_2"})


@pytest.mark.rule("H1.2", fires=False)
def test_H1_2_eu_charter_not_applied_outside_EU_law_Akerberg_Fransson():
    case = make_case(
        instruments=EU_STATE,
        risk={"harm": "death_penalty"},
        removals=[{"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation", "eu_law": False}],
    )
    assert holds(case, "outside_material_scope", "rem", "eu_charter_19_2")
    assert atoms(case, "bar") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H1.3", fires=True)
@pytest.mark.parametrize(
    "risk",
    [
        {"harm": "torture"},
        {"harm": "cruel_inhuman_degrading"},
        {"harm": "destitution", "source": "none"},  # Jawo (CJEU C-163/17) 2019
        {"harm": "death_row"},
    ],
    ids=["torture", "cidt", "destitution", "death_row"],
)
def test_H1_3_eu_charter_19_2_covers_what_echr_3_covers_NS_and_ME(risk):
    case = make_case(instruments=EU_STATE, risk=risk)
    assert holds(case, "covers", "eu_charter_19_2", risk["harm"])
    custom = {"customary_human_rights"} if risk["harm"] in ("torture", "cruel_inhuman_degrading") else set()
    assert verdict(case) == ("prohibited", {"eu_charter_19_2"} | custom)


@pytest.mark.rule("H1.3", fires=False)
@pytest.mark.parametrize("harm", ["slavery", "flagrant_denial_of_justice", "arbitrary_killing"])
def test_H1_3_eu_charter_19_2_does_not_take_other_echr_articles(harm):
    # slavery (ECHR art. 4), unfair trial (art. 6) and arbitrary killing (art. 2) are not art. 3 harms
    case = make_case(instruments=EU_STATE, risk={"harm": harm}, variants={"status": "treaty_only"})
    assert not holds(case, "covers", "eu_charter_19_2", harm)
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H1.3", fires=False)
def test_H1_3_eu_charter_19_2_not_applied_outside_EU_law():
    case = make_case(
        instruments=EU_STATE,
        risk={"harm": "destitution", "source": "none"},
        removals=[{"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation", "eu_law": False}],
    )
    assert holds(case, "covers", "eu_charter_19_2", "destitution")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H1.4", fires=True)
@pytest.mark.parametrize("harm", ["torture", "arbitrary_killing", "detention_conditions", "enforced_disappearance"])
def test_H1_4_achr_22_8_life_or_personal_freedom_on_a_ground_Pacheco_Tineo(harm):
    case = make_case(
        instruments=["achr"], risk={"harm": harm, "ground": "political_opinion"}, variants={"status": "treaty_only"}, person={"status": "migrant"}
    )
    assert holds(case, "life_or_freedom", harm)
    assert "achr_22_8" in verdict(case)[1]
    assert verdict(case)[0] == "prohibited"


@pytest.mark.rule("H1.4", fires=False)
def test_H1_4_achr_22_8_not_for_harm_to_neither_life_nor_freedom():
    case = make_case(
        instruments=["achr"], risk={"harm": "destitution", "source": "none", "ground": "political_opinion"}, variants={"status": "treaty_only"}
    )
    assert not holds(case, "life_or_freedom", "destitution")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H1.4", fires=False)
def test_H1_4_achr_22_8_needs_a_ground():
    case = make_case(instruments=["achr"], risk={"harm": "detention_conditions"}, variants={"status": "treaty_only"})
    assert holds(case, "life_or_freedom", "detention_conditions")
    assert verdict(case) == ("permitted", set())


# The death penalty after Al-Saadoon and Mufdhi v UK (2 Mar 2010), H3.5.


@pytest.mark.rule("H3.5", fires=True)
def test_H3_5_every_echr_state_barred_from_the_death_penalty_from_Al_Saadoon_2010():
    case = make_case(instruments=["echr"], risk={"harm": "death_penalty"}, assessed_on="2010-03-02")
    assert not holds(case, "bound_by", "AAA", "echr_p6") and not holds(case, "bound_by", "AAA", "echr_p13")
    assert {("AAA", "echr_2", "death_penalty"), ("AAA", "echr_3", "death_penalty")} <= atoms(case, "covers_for")
    assert verdict(case) == ("prohibited", {"echr_2", "echr_3"})


@pytest.mark.rule("H3.5", fires=False)
def test_H3_5_not_before_Al_Saadoon():
    case = make_case(instruments=["echr"], risk={"harm": "death_penalty"}, assessed_on="2010-03-01")
    assert not holds(case, "covers_for", "AAA", "echr_3", "death_penalty")
    assert not holds(case, "covers_for", "AAA", "echr_2", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.5", fires=False)
def test_H3_5_not_for_a_state_outside_the_echr():
    case = make_case(instruments=["cat", "iccpr"], risk={"harm": "death_penalty"}, assessed_on="2020-01-01")
    assert not holds(case, "covers_for", "AAA", "echr_3", "death_penalty")
    assert verdict(case) == ("permitted", set())


# Offences committed under 18 (H3.6 with C1.15).


@pytest.mark.rule("H3.6", fires=True)
def test_H3_6_death_penalty_for_an_offence_under_18_CRC_37a_ICCPR_6_5_adult_now():
    case = make_case(instruments=["iccpr", "crc"], person={"child": False}, risk={"harm": "death_penalty", "offence_under_18": True})
    assert {("crc_37", "death_penalty"), ("iccpr_6", "death_penalty")} <= atoms(case, "juvenile_bar")
    assert verdict(case) == ("prohibited", {"crc_37", "iccpr_6"})


@pytest.mark.rule("H3.6", fires=True)
def test_H3_6_life_without_release_for_an_offence_under_18_CRC_37a():
    case = make_case(instruments=["crc"], person={"child": False}, risk={"harm": "irreducible_life_sentence", "offence_under_18": True})
    assert holds(case, "juvenile_bar", "crc_37", "irreducible_life_sentence")
    assert verdict(case) == ("prohibited", {"crc_37"})


@pytest.mark.rule("H3.6", fires=False)
def test_H3_6_no_juvenile_bar_for_an_offence_committed_as_an_adult():
    case = make_case(instruments=["iccpr", "crc"], person={"child": False}, risk={"harm": "death_penalty", "offence_under_18": False})
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H3.6", fires=False)
def test_H3_6_iccpr_6_5_forbids_only_the_death_penalty():
    case = make_case(instruments=["iccpr"], risk={"harm": "irreducible_life_sentence", "offence_under_18": True, "life_review": "vinter"})
    assert not holds(case, "juvenile_bar", "iccpr_6", "irreducible_life_sentence")
    assert verdict(case) == ("permitted", set())


# Life sentences (H8.2, H8.3): Kafkaris 2008, Babar Ahmad 2012, Vinter 2013, Trabelsi 2014, Sanchez-Sanchez 2022.


def life(review=None):
    return {"harm": "irreducible_life_sentence", **({"life_review": review} if review else {})}


@pytest.mark.rule("H8.2", fires=True)
@pytest.mark.parametrize("review", [None, "none"])
@pytest.mark.parametrize("date", ["2008-02-12", "2012-04-10", "2015-01-01", "2023-01-01"])
def test_H8_2_no_review_at_all_is_inhuman_at_every_date_Kafkaris(review, date):
    case = make_case(risk=life(review), assessed_on=date)
    assert atoms(case, "grave") == {("r1",)}
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("H8.2", fires=False)
@pytest.mark.rule("H8.3", fires=False)
@pytest.mark.parametrize("date", ["2012-04-10", "2015-01-01", "2023-01-01"])
def test_H8_2_H8_3_a_Vinter_compliant_review_is_never_inhuman(date):
    case = make_case(risk=life("vinter"), assessed_on=date)
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H8.3", fires=True)
@pytest.mark.parametrize("date", ["2014-09-04", "2015-06-01", "2022-11-02"])
def test_H8_3_some_review_short_of_Vinter_inhuman_from_Trabelsi_2014(date):
    case = make_case(risk=life("some"), assessed_on=date)
    assert atoms(case, "grave") == {("r1",)}
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("H8.3", fires=False)
@pytest.mark.parametrize(
    "date",
    [
        "2012-04-10",  # Babar Ahmad v UK: a discretionary review was enough
        "2014-09-03",  # the day before Trabelsi v Belgium
        "2022-11-03",  # Sanchez-Sanchez v UK (GC): departing from Trabelsi
        "2023-06-01",
    ],
    ids=["Babar_Ahmad_2012", "before_Trabelsi", "Sanchez_Sanchez_2022", "after_Sanchez_Sanchez"],
)
def test_H8_3_some_review_not_inhuman_outside_the_Trabelsi_window(date):
    case = make_case(risk=life("some"), assessed_on=date)
    assert atoms(case, "grave") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("H8.4", fires=True)
def test_H8_4_a_review_mechanism_suffices_from_Sanchez_Sanchez():
    case = make_case(risk={"harm": "irreducible_life_sentence", "life_review": "some"}, assessed_on="2023-01-01")
    assert holds(case, "review_mechanism_suffices")
    assert not holds(case, "grave", "r1")


@pytest.mark.rule("H8.4", fires=False)
def test_H8_4_before_Sanchez_Sanchez_the_Vinter_requirements_applied():
    case = make_case(risk={"harm": "irreducible_life_sentence", "life_review": "some"}, assessed_on="2022-11-02")
    assert not holds(case, "review_mechanism_suffices")
    assert holds(case, "grave", "r1")


@pytest.mark.rule("H3.7", fires=True)
def test_H3_7_a_child_facing_the_death_penalty_offended_under_18():
    case = make_case(instruments=["crc", "iccpr"], person={"child": True}, risk={"harm": "death_penalty"}, variants={"status": "treaty_only"})
    assert holds(case, "offence_under_18", "r1")
    assert verdict(case) == ("prohibited", {"crc_37", "iccpr_6"})


@pytest.mark.rule("H3.7", fires=False)
def test_H3_7_an_adult_is_not_presumed_to_have_offended_under_18():
    case = make_case(instruments=["crc", "iccpr"], risk={"harm": "death_penalty"}, variants={"status": "treaty_only"})
    assert not holds(case, "offence_under_18", "r1")
    assert verdict(case) == ("permitted", set())


# H10: harm caused by the removal itself


@pytest.mark.rule("H10.1", fires=True)
@pytest.mark.rule("H10.4", fires=True)
@pytest.mark.rule("H10.5", fires=True)
def test_H10_1_a_child_sent_alone_Mubilanzila_Mayeka():
    case = make_case(instruments=["echr", "crc"], person={"child": True}, risk={"evidence": "mere_possibility"}, removals=[MANNER("child_alone")])
    r = result(case)
    assert r.outcome == "prohibited"
    assert {(b.article, b.harm, b.place) for b in r.prohibiting} == {("echr_3", "child_alone", "AAA"), ("crc_37", "child_alone", "AAA")}
    assert not r.lawful_with_assurance


@pytest.mark.rule("H10.1", fires=False)
def test_H10_1_not_for_an_adult():
    case = make_case(risk={"evidence": "mere_possibility"}, removals=[MANNER("child_alone")])
    assert atoms(case, "own_harm") == set() and result(case).outcome == "permitted"


@pytest.mark.rule("H10.2", fires=True)
@pytest.mark.rule("H10.3", fires=True)
@pytest.mark.parametrize("manner", ["unfit_to_travel", "excessive_force"])
def test_H10_2_3_the_journey_or_force_itself_whatever_the_destination(manner):
    case = make_case(risk={"evidence": "mere_possibility"}, removals=[MANNER(manner)], assurances=[ASSURED])
    r = result(case)
    assert r.outcome == "prohibited" and {b.article for b in r.prohibiting} == {"echr_3", "iccpr_7"}
    assert not r.lawful_with_assurance  # an assurance from the destination cures nothing here


@pytest.mark.rule("H10.2", fires=False)
@pytest.mark.rule("H10.3", fires=False)
@pytest.mark.rule("H10.5", fires=False)
def test_H10_a_removal_carried_out_properly():
    case = make_case(risk={"evidence": "mere_possibility"})
    assert atoms(case, "own_harm") == set() and result(case).outcome == "permitted"


@pytest.mark.rule("H10.4", fires=False)
@pytest.mark.rule("H10.5", fires=False)
def test_H10_4_cat_3_and_custom_are_about_sending_not_the_manner():
    case = make_case(
        instruments=["cat"], risk={"evidence": "mere_possibility"}, removals=[MANNER("excessive_force")], variants={"status": "treaty_only"}
    )
    assert atoms(case, "forbids_ill_treatment") >= {("echr_3",)} and not holds(case, "forbids_ill_treatment", "cat_3")
    assert result(case).outcome == "permitted"


ASSURED = {"by": "BBB", "against": ["torture", "cruel_inhuman_degrading"], "specific": True, "binding": True, "verifiable": True}


def MANNER(flag: str) -> dict:
    return {"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation", "manner": {flag: True}}


# H3.8: a cruel method of execution (Ng v Canada); D4.7 its assurance


@pytest.mark.rule("H3.8", fires=True)
def test_H3_8_execution_by_gas_asphyxiation_is_cruel_Ng_v_Canada():
    case = make_case(instruments=["iccpr"], risk={"harm": "cruel_execution"}, variants={"status": "treaty_only"}, assessed_on="1993-11-05")
    assert verdict(case) == ("prohibited", {"iccpr_7"})
    assert result(case).lawful_with_assurance  # an assurance against execution would cure it (D4.7)


@pytest.mark.rule("H3.8", fires=False)
def test_H3_8_not_covered_by_cat_or_custom():
    case = make_case(instruments=["cat"], risk={"harm": "cruel_execution"}, variants={"status": "customary"})
    assert verdict(case) == ("permitted", set())


# H9.4: an illness the removing state caused (C v Australia)

CAUSED = {"critically_ill": False, "treatment_accessible": False, "rapid_irreversible_decline": False, "caused_by_removing_state": True}


def illness_risk(**illness) -> dict:
    return {"harm": "serious_illness", "source": "none", "illness": illness}


@pytest.mark.rule("H9.4", fires=True)
def test_H9_4_illness_caused_by_the_removing_states_detention_C_v_Australia():
    case = make_case(instruments=["iccpr"], risk=illness_risk(**CAUSED), assessed_on="2002-10-28", variants={"status": "treaty_only"})
    assert verdict(case) == ("prohibited", {"iccpr_7"})


@pytest.mark.rule("H9.4", fires=False)
@pytest.mark.parametrize("change", [{"caused_by_removing_state": False}, {"treatment_accessible": True}])
def test_H9_4_not_an_illness_the_state_did_not_cause_or_that_can_be_treated(change):
    case = make_case(instruments=["iccpr"], risk=illness_risk(**(CAUSED | change)), assessed_on="2002-10-28", variants={"status": "treaty_only"})
    assert verdict(case) == ("permitted", set())
