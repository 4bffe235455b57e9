"""E. Exceptions and their limits (encodings/e_exceptions.lp)."""

import pytest
from conftest import atoms, holds, lifted, make_case, result, verdict

PERSECUTION = {"harm": "persecution", "ground": "political_opinion"}
TORTURE_FOR_OPINION = {"ground": "political_opinion"}
HUMAN_RIGHTS = {"cat_3", "echr_2", "echr_3", "echr_4", "echr_6", "iccpr_6", "iccpr_7", "ced_16", "crc_37"}


@pytest.mark.rule("E2.1", fires=True)
def test_E2_1_security_threat_still_protected_from_torture_Chahal():
    case = make_case(risk=TORTURE_FOR_OPINION, conduct=["danger_to_security"])
    assert {a for (a,) in atoms(case, "absolute")} == HUMAN_RIGHTS
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})
    assert lifted(case) == {"rc_33": ("danger_to_security",), "customary": ("danger_to_security",)}
    assert result(case).refugee_law == "lifted"


@pytest.mark.rule("E2.1", fires=False)
def test_E2_1_refugee_law_and_custom_are_not_absolute():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert not holds(case, "absolute", "rc_33")
    assert not holds(case, "absolute", "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E2.2", fires=True)
def test_E2_2_jus_cogens_custom_admits_no_exception():
    case = make_case(instruments=[], conduct=["danger_to_security", "terrorism"], variants={"status": "jus_cogens"})
    assert holds(case, "absolute", "customary")
    assert verdict(case) == ("prohibited", {"customary"})
    assert lifted(case) == {}


@pytest.mark.rule("E2.2", fires=False)
def test_E2_2_custom_not_absolute_by_default():
    case = make_case(instruments=[], conduct=["danger_to_security"], variants={"status": "customary"})
    assert not holds(case, "absolute", "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E1.1", fires=True)
def test_E1_1_article_33_is_qualified():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"], variants={"status": "treaty_only"})
    assert holds(case, "qualified", "rc_33")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"rc_33": ("danger_to_security",)}


@pytest.mark.rule("E1.1", fires=False)
def test_E1_1_no_human_rights_article_is_qualified():
    case = make_case(conduct=["danger_to_security"])
    assert {a for (a,) in atoms(case, "qualified")} & HUMAN_RIGHTS == set()
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})


@pytest.mark.rule("E1.2", fires=True)
def test_E1_2_customary_bar_is_qualified_short_of_jus_cogens():
    case = make_case(instruments=[], conduct=["danger_to_security"])
    assert holds(case, "qualified", "customary")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"customary": ("danger_to_security",)}


@pytest.mark.rule("E1.2", fires=False)
def test_E1_2_peremptory_custom_is_not_qualified():
    case = make_case(instruments=[], conduct=["danger_to_security"], variants={"status": "jus_cogens"})
    assert not holds(case, "qualified", "customary")
    assert verdict(case) == ("prohibited", {"customary"})


@pytest.mark.rule("E1.3", fires=True)
def test_E1_3_danger_to_security_lifts_article_33():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert atoms(case, "excepted") == {("rem", "rc_33", "danger_to_security"), ("rem", "customary", "danger_to_security")}
    assert verdict(case) == ("permitted", set())
    assert result(case).refugee_law == "lifted"


@pytest.mark.rule("E1.3", fires=False)
def test_E1_3_no_exception_without_the_conduct():
    case = make_case(risk=PERSECUTION)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})


@pytest.mark.rule("E1.3", fires=False)
def test_E1_3_never_lifts_an_absolute_bar():
    case = make_case(instruments=["echr"], conduct=["danger_to_security"], variants={"status": "treaty_only"})
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("E1.4", fires=True)
def test_E1_4_serious_crime_and_danger_to_community():
    case = make_case(risk=PERSECUTION, conduct=["particularly_serious_crime", "danger_to_community"])
    assert atoms(case, "excepted") == {("rem", "rc_33", "serious_crime"), ("rem", "customary", "serious_crime")}
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"rc_33": ("serious_crime",), "customary": ("serious_crime",)}


@pytest.mark.rule("E1.4", fires=False)
@pytest.mark.parametrize("conduct", [["particularly_serious_crime"], ["danger_to_community"]])
def test_E1_4_both_limbs_needed(conduct):
    case = make_case(risk=PERSECUTION, conduct=conduct)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})


@pytest.mark.rule("E3.1", fires=True)
def test_E3_1_terrorism_exclusion_against_non_peremptory_custom():
    case = make_case(conduct=["terrorism"])
    assert atoms(case, "excepted") == {("rem", "customary", "terrorism")}
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})
    assert lifted(case) == {"customary": ("terrorism",)}


@pytest.mark.rule("E3.1", fires=False)
def test_E3_1_terrorism_is_no_article_33_2_exception():
    case = make_case(risk=PERSECUTION, conduct=["terrorism"])
    assert not holds(case, "excepted", "rem", "rc_33", "terrorism")
    assert verdict(case) == ("prohibited", {"rc_33"})
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("E3.1", fires=False)
def test_E3_1_no_terrorism_exclusion_under_jus_cogens():
    case = make_case(instruments=[], conduct=["terrorism"], variants={"status": "jus_cogens"})
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"customary"})


@pytest.mark.rule("E2.3", fires=True)
def test_E2_3_conduct_irrelevant_to_absolute_bars_Saadi():
    case = make_case(conduct=["danger_to_security", "terrorism"])
    assert ("rem", "echr_3", "danger_to_security") in atoms(case, "conduct_irrelevant")
    assert {a for _, a, _ in atoms(case, "conduct_irrelevant")} == {"cat_3", "echr_3", "iccpr_7"}
    assert result(case).conduct_irrelevant == ["danger_to_security", "terrorism"]
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})


@pytest.mark.rule("E2.3", fires=False)
def test_E2_3_conduct_matters_where_only_qualified_bars_apply():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert atoms(case, "conduct_irrelevant") == set()
    assert result(case).conduct_irrelevant == []
    assert verdict(case) == ("permitted", set())
