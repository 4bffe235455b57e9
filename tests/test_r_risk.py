"""R. The risk test (encodings/r_risk.lp)."""

import pytest
from conftest import atoms, holds, make_case, verdict

ALL = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
HR = {"echr_3", "iccpr_7", "customary_human_rights"}
TREATY_HR = {"echr_3", "iccpr_7"}  # general violence is not within the customary bar (H2.4)
RELIABLE = {"id": "a1", "by": "BBB", "against": ["torture"], "specific": True, "binding": True, "verifiable": True}
VIOLENCE = {"harm": "generalised_violence", "source": "non_state", "state_protection": "unable"}


@pytest.mark.rule("R1.1", fires=True)
def test_R1_1_substantial_grounds_meet_the_standard():
    case = make_case(risk={"evidence": "substantial_grounds"})
    assert atoms(case, "meets_standard") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R1.1", fires=False)
def test_R1_1_mere_possibility_does_not():
    case = make_case(risk={"evidence": "mere_possibility"})
    assert atoms(case, "meets_standard") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R3.1", fires=True)
def test_R3_1_some_risk_under_inter_american_standard():
    case = make_case(risk={"evidence": "some_risk"}, variants={"risk_standard": "some_risk"})
    assert atoms(case, "meets_standard") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R3.1", fires=False)
def test_R3_1_some_risk_not_enough_under_real_risk_standard():
    case = make_case(risk={"evidence": "some_risk"}, variants={"risk_standard": "real_risk"})
    assert atoms(case, "meets_standard") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R3.1", fires=False)
def test_R3_1_mere_possibility_not_enough_even_under_some_risk():
    case = make_case(risk={"evidence": "mere_possibility"}, variants={"risk_standard": "some_risk"})
    assert atoms(case, "meets_standard") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R6.1", fires=True)
def test_R6_1_personal_risk_is_individual():
    case = make_case(risk={"exposure": "personal"})
    assert atoms(case, "individual") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R6.1", fires=False)
@pytest.mark.rule("R6.2", fires=False)
def test_R6_1_R6_2_general_situation_alone_is_not_individual():
    case = make_case(risk={"exposure": "general"})
    assert atoms(case, "individual") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R6.2", fires=True)
def test_R6_2_systematically_exposed_group_Salah_Sheekh():
    case = make_case(risk={"exposure": "group", "harm": "cruel_inhuman_degrading", "source": "non_state", "state_protection": "unable"})
    assert atoms(case, "individual") == {("r1",)}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("R6.3", fires=True)
def test_R6_3_most_extreme_violence_Sufi_and_Elmi():
    case = make_case(risk={**VIOLENCE, "exposure": "general", "extreme_violence": True})
    assert atoms(case, "individual") == {("r1",)}
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("R6.3", fires=False)
def test_R6_3_ordinary_general_violence_NA_v_UK():
    case = make_case(risk={**VIOLENCE, "exposure": "general", "extreme_violence": False})
    assert atoms(case, "individual") == set()
    assert verdict(case) == ("permitted", set())


SAFE_NORTH = {"internal_relocation": {"area": "the north", "safe_travel": True, "admittance": True, "no_risk_there": True}}


@pytest.mark.rule("R1.2", fires=True)
@pytest.mark.rule("R1.3", fires=True)
def test_R1_2_R1_3_all_elements_make_a_real_risk():
    case = make_case()
    assert atoms(case, "real_risk_in_country") == {("r1",)}
    assert atoms(case, "real_risk") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R1.2", fires=False)
@pytest.mark.parametrize(
    "change",
    [
        {"evidence": "mere_possibility"},  # standard of proof
        {"exposure": "general"},  # not individual
        {"severe": False},  # not grave
        {"source": "non_state", "state_protection": "available"},  # not answerable
    ],
    ids=["standard", "individual", "grave", "answerable"],
)
def test_R1_2_no_real_risk_without_each_element(change):
    case = make_case(risk=change)
    assert atoms(case, "real_risk_in_country") == set()
    assert atoms(case, "real_risk") == set()
    assert atoms(case, "bar") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R1.2", fires=True)
@pytest.mark.rule("R1.3", fires=False)
def test_R1_3_a_safe_part_of_the_country_defeats_the_real_risk_Salah_Sheekh():
    # 2010: before CAT GC 4 (2017), internal relocation defeats CAT art. 3 as well
    case = make_case(risk=SAFE_NORTH, assessed_on="2010-01-01")
    assert atoms(case, "real_risk_in_country") == {("r1",)}
    assert atoms(case, "real_risk") == set()
    assert atoms(case, "bar") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R2.3", fires=True)
def test_R2_3_under_CAT_GC_4_relocation_does_not_defeat_cat_3():
    # CAT GC 4 (2017) §47: the internal flight alternative is neither reliable nor effective
    case = make_case(risk=SAFE_NORTH, assessed_on="2019-01-01")
    assert atoms(case, "real_risk") == set()
    assert atoms(case, "endangered") == set()
    assert atoms(case, "endangered_under") == {("rem", "cat_3", "r1")}
    assert verdict(case) == ("prohibited", {"cat_3"})  # ECHR art. 3, ICCPR art. 7 and custom are defeated


@pytest.mark.rule("R2.3", fires=False)
def test_R2_3_before_GC_4_no_endangerment_under_cat_3_in_spite_of_relocation():
    case = make_case(risk=SAFE_NORTH, assessed_on="2010-01-01")
    assert atoms(case, "endangered_under") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R2.3", fires=False)
def test_R2_3_a_reliable_assurance_removes_the_risk_under_cat_3_too():
    case = make_case(risk=SAFE_NORTH, assessed_on="2019-01-01", assurances=[RELIABLE])
    assert atoms(case, "endangered_under") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R2.1", fires=True)
def test_R2_1_removal_exposes_to_risks_in_the_destination():
    case = make_case()
    assert atoms(case, "exposed") == {("rem", "r1")}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R2.1", fires=False)
def test_R2_1_risk_elsewhere_is_not_exposure():
    case = make_case(states={"CCC": {"name": "Third State"}}, removals=[{"id": "rem", "by": "AAA", "to": "CCC", "kind": "deportation"}])
    assert holds(case, "real_risk", "r1")  # the risk is real, but in BBB
    assert atoms(case, "exposed") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R2.2", fires=True)
def test_R2_2_real_risk_without_assurance_endangers():
    case = make_case()
    assert atoms(case, "endangered") == {("rem", "r1")}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R2.2", fires=True)
def test_R2_2_unreliable_assurance_leaves_the_person_endangered():
    case = make_case(assurances=[{**RELIABLE, "poor_record": True}])
    assert atoms(case, "endangered") == {("rem", "r1")}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("R2.2", fires=False)
def test_R2_2_reliable_assurance_removes_the_danger_Othman():
    case = make_case(assurances=[RELIABLE])
    assert atoms(case, "exposed") == {("rem", "r1")}
    assert holds(case, "real_risk", "r1")
    assert atoms(case, "endangered") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R2.2", fires=False)
def test_R2_2_exposure_without_real_risk_does_not_endanger():
    case = make_case(risk={"evidence": "arguable"})
    assert atoms(case, "exposed") == {("rem", "r1")}
    assert atoms(case, "endangered") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("R3.2", fires=True)
@pytest.mark.parametrize("forum", ["iacthr", "iachr"])
def test_R3_2_the_inter_american_bodies_apply_their_own_lower_threshold(forum):
    case = make_case(instruments=["achr", "echr"], risk={"evidence": "some_risk"}).model_copy(update={"forum": forum})
    assert verdict(case) == ("prohibited", {"achr_5"})


@pytest.mark.rule("R3.2", fires=False)
def test_R3_2_the_european_court_keeps_the_real_risk_standard():
    case = make_case(instruments=["achr", "echr"], risk={"evidence": "some_risk"}).model_copy(update={"forum": "ecthr"})
    assert verdict(case) == ("permitted", set())
