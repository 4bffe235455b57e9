"""E. Exceptions and their limits (encodings/e_exceptions.lp).

Art. 33(2) (E1.3, E1.4) lifts art. 33(1) only. The refugee-law limb of custom has its own
exceptions short of jus cogens: national_security (E1.5), public_safety (E1.6), terrorism on an
individual finding (E3.1). The human-rights limb of custom (torture, ill-treatment, life) is
absolute wherever custom applies (E2.5).
"""

import pytest
from conftest import atoms, holds, lifted, make_case, result, verdict

PERSECUTION = {"harm": "persecution", "ground": "political_opinion"}
TORTURE_FOR_OPINION = {"ground": "political_opinion"}
HUMAN_RIGHTS = {
    "cat_3",
    "echr_2",
    "echr_3",
    "echr_4",
    "echr_6",
    "iccpr_6",
    "iccpr_7",
    "ced_16",
    "crc_37",
    "crc_3_20",
    "eu_charter_19_2",
    "achr_5",
    "achpr_5",
}
NO_EXCEPTION_CLAUSE = {"achr_22_8", "oau_2_3"}
TORTURE_BARS = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
CUSTOMARY = {"status": "customary"}
JUS_COGENS = {"status": "jus_cogens"}
TREATY_ONLY = {"status": "treaty_only"}
SERIOUS_CRIME = ["particularly_serious_crime", "danger_to_community"]


def terrorism(value: str, *flags: str) -> dict:
    """The person's conduct with `terrorism: value` (suspected | individual_finding) and other flags."""
    return {"conduct": {"terrorism": value, **{f: True for f in flags}}}


@pytest.mark.rule("E2.1", fires=True)
@pytest.mark.rule("E2.5", fires=True)
def test_E2_1_security_threat_still_protected_from_torture_Chahal_1996():
    """Chahal v UK (1996): a Sikh separatist held a danger to national security, at risk of torture in
    India. Art. 33 and the customary refugee limb are lifted; the torture bars, the human-rights limb
    of custom among them, are not."""
    case = make_case(risk=TORTURE_FOR_OPINION, conduct=["danger_to_security"], variants=CUSTOMARY)
    assert {a for (a,) in atoms(case, "absolute")} == HUMAN_RIGHTS | NO_EXCEPTION_CLAUSE | {"customary_human_rights"}
    assert verdict(case) == ("prohibited", TORTURE_BARS)
    assert lifted(case) == {"rc_33": ("danger_to_security",), "customary_refugee_law": ("national_security",)}
    assert result(case).refugee_law == "lifted"
    assert result(case).conduct_irrelevant == ["danger_to_security"]


@pytest.mark.rule("E2.1", fires=False)
def test_E2_1_refugee_law_and_custom_are_not_absolute():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert not holds(case, "absolute", "rc_33")
    assert not holds(case, "absolute", "customary_refugee_law")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E2.5", fires=True)
def test_E2_5_customary_torture_bar_binds_a_non_party_whatever_the_conduct_Suresh_2002():
    """Suresh v Canada (2002): a suspected fundraiser for the LTTE, found a danger to security, at risk of
    torture in Sri Lanka. Under custom alone no exception lifts the torture limb."""
    case = make_case(instruments=[], person=terrorism("individual_finding", "danger_to_security", *SERIOUS_CRIME), variants=CUSTOMARY)
    assert holds(case, "absolute", "customary_human_rights")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})
    assert lifted(case) == {}


@pytest.mark.rule("E2.5", fires=False)
def test_E2_5_refugee_limb_is_not_absolute_short_of_jus_cogens():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=["danger_to_security"], variants=CUSTOMARY)
    assert not holds(case, "absolute", "customary_refugee_law")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"customary_refugee_law": ("national_security",)}


@pytest.mark.rule("E2.2", fires=True)
def test_E2_2_jus_cogens_custom_admits_no_exception():
    case = make_case(
        instruments=[], risk=TORTURE_FOR_OPINION, person=terrorism("individual_finding", "danger_to_security", *SERIOUS_CRIME), variants=JUS_COGENS
    )
    assert holds(case, "absolute", "customary_refugee_law")
    assert verdict(case) == ("prohibited", {"customary_human_rights", "customary_refugee_law"})
    assert lifted(case) == {}


@pytest.mark.rule("E2.2", fires=False)
def test_E2_2_custom_refugee_limb_not_absolute_by_default():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=["danger_to_security"], variants=CUSTOMARY)
    assert not holds(case, "absolute", "customary_refugee_law")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E2.4", fires=True)
def test_E2_4_achr_22_8_has_no_exception():
    case = make_case(instruments=["achr"], risk=PERSECUTION, conduct=["danger_to_security", *SERIOUS_CRIME], variants=TREATY_ONLY)
    assert holds(case, "absolute", "achr_22_8")
    assert verdict(case) == ("prohibited", {"achr_22_8"})
    assert lifted(case) == {}
    assert result(case).conduct_irrelevant == ["danger_to_community", "danger_to_security", "particularly_serious_crime"]


@pytest.mark.rule("E2.4", fires=True)
def test_E2_4_oau_2_3_has_no_exception_unlike_article_33_2():
    case = make_case(
        instruments=["refugee_convention", "oau_refugee_convention"], risk=PERSECUTION, conduct=["danger_to_security"], variants=TREATY_ONLY
    )
    assert holds(case, "absolute", "oau_2_3")
    assert verdict(case) == ("prohibited", {"oau_2_3"})
    assert lifted(case) == {"rc_33": ("danger_to_security",)}
    assert result(case).refugee_law == "lifted"


@pytest.mark.rule("E2.4", fires=False)
def test_E2_4_article_33_alone_yields_to_its_exception():
    case = make_case(instruments=["refugee_convention"], risk=PERSECUTION, conduct=["danger_to_security"], variants=TREATY_ONLY)
    assert not holds(case, "absolute", "rc_33")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"rc_33": ("danger_to_security",)}


@pytest.mark.rule("E1.1", fires=True)
def test_E1_1_article_33_is_qualified():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"], variants=TREATY_ONLY)
    assert holds(case, "qualified", "rc_33")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"rc_33": ("danger_to_security",)}


@pytest.mark.rule("E1.1", fires=False)
def test_E1_1_no_human_rights_article_is_qualified():
    case = make_case(conduct=["danger_to_security"])
    assert {a for (a,) in atoms(case, "qualified")} & (HUMAN_RIGHTS | {"customary_human_rights"}) == set()
    assert verdict(case) == ("prohibited", TORTURE_BARS)


@pytest.mark.rule("E1.2", fires=True)
def test_E1_2_customary_refugee_limb_is_qualified_short_of_jus_cogens():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=["danger_to_security"])
    assert holds(case, "qualified", "customary_refugee_law")
    assert not holds(case, "qualified", "customary_human_rights")
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"customary_refugee_law": ("national_security",)}


@pytest.mark.rule("E1.2", fires=False)
def test_E1_2_peremptory_custom_is_not_qualified():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=["danger_to_security"], variants=JUS_COGENS)
    assert not holds(case, "qualified", "customary_refugee_law")
    assert verdict(case) == ("prohibited", {"customary_refugee_law"})


@pytest.mark.rule("E1.3", fires=True)
@pytest.mark.rule("E1.5", fires=True)
def test_E1_3_danger_to_security_lifts_article_33_and_custom_by_its_own_exception():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert atoms(case, "excepted") == {("rem", "rc_33", "danger_to_security"), ("rem", "customary_refugee_law", "national_security")}
    assert verdict(case) == ("permitted", set())
    assert result(case).refugee_law == "lifted"


@pytest.mark.rule("E1.3", fires=True)
@pytest.mark.rule("E1.5", fires=False)
def test_E1_3_lifts_article_33_only_not_peremptory_custom():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"], variants=JUS_COGENS)
    assert atoms(case, "excepted") == {("rem", "rc_33", "danger_to_security")}
    assert verdict(case) == ("prohibited", {"customary_refugee_law"})
    assert lifted(case) == {"rc_33": ("danger_to_security",)}
    assert result(case).refugee_law == "lifted"


@pytest.mark.rule("E1.3", fires=False)
@pytest.mark.rule("E1.5", fires=False)
def test_E1_3_no_exception_without_the_conduct():
    case = make_case(risk=PERSECUTION)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})


@pytest.mark.rule("E1.3", fires=False)
def test_E1_3_never_lifts_an_absolute_bar():
    case = make_case(instruments=["echr"], conduct=["danger_to_security"], variants=TREATY_ONLY)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("E1.5", fires=True)
def test_E1_5_national_security_lifts_the_customary_refugee_limb_for_a_non_party():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=["danger_to_security"], variants=CUSTOMARY)
    assert atoms(case, "excepted") == {("rem", "customary_refugee_law", "national_security")}
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"customary_refugee_law": ("national_security",)}


@pytest.mark.rule("E1.5", fires=False)
def test_E1_5_national_security_never_lifts_the_customary_torture_limb():
    case = make_case(instruments=[], risk=TORTURE_FOR_OPINION, conduct=["danger_to_security"], variants=CUSTOMARY)
    assert not holds(case, "excepted", "rem", "customary_human_rights", "national_security")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})
    assert lifted(case) == {"customary_refugee_law": ("national_security",)}


@pytest.mark.rule("E1.4", fires=True)
@pytest.mark.rule("E1.6", fires=True)
def test_E1_4_serious_crime_and_danger_to_community():
    case = make_case(risk=PERSECUTION, conduct=SERIOUS_CRIME)
    assert atoms(case, "excepted") == {("rem", "rc_33", "serious_crime"), ("rem", "customary_refugee_law", "public_safety")}
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"rc_33": ("serious_crime",), "customary_refugee_law": ("public_safety",)}


@pytest.mark.rule("E1.4", fires=False)
@pytest.mark.rule("E1.6", fires=False)
@pytest.mark.parametrize("conduct", [["particularly_serious_crime"], ["danger_to_community"]])
def test_E1_4_both_limbs_needed(conduct):
    case = make_case(risk=PERSECUTION, conduct=conduct)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})


@pytest.mark.rule("E1.6", fires=True)
def test_E1_6_public_safety_lifts_the_customary_refugee_limb_for_a_non_party():
    case = make_case(instruments=[], risk=PERSECUTION, conduct=SERIOUS_CRIME, variants=CUSTOMARY)
    assert atoms(case, "excepted") == {("rem", "customary_refugee_law", "public_safety")}
    assert verdict(case) == ("permitted", set())
    assert lifted(case) == {"customary_refugee_law": ("public_safety",)}


@pytest.mark.rule("E1.6", fires=False)
@pytest.mark.rule("E1.4", fires=True)
def test_E1_6_no_public_safety_exception_to_peremptory_custom():
    case = make_case(risk=PERSECUTION, conduct=SERIOUS_CRIME, variants=JUS_COGENS)
    assert atoms(case, "excepted") == {("rem", "rc_33", "serious_crime")}
    assert verdict(case) == ("prohibited", {"customary_refugee_law"})
    assert lifted(case) == {"rc_33": ("serious_crime",)}


@pytest.mark.rule("E3.1", fires=True)
def test_E3_1_terrorism_finding_lifts_the_customary_refugee_limb_only_Suresh_2002():
    case = make_case(risk=TORTURE_FOR_OPINION, person=terrorism("individual_finding"), variants=CUSTOMARY)
    assert atoms(case, "excepted") == {("rem", "customary_refugee_law", "terrorism")}
    # never the torture bars, the customary human-rights limb included; nor art. 33 (no art. 33(2) ground)
    assert verdict(case) == ("prohibited", TORTURE_BARS | {"rc_33"})
    assert lifted(case) == {"customary_refugee_law": ("terrorism",)}
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("E3.1", fires=True)
def test_E3_1_terrorism_finding_permits_return_to_persecution_under_custom_alone():
    case = make_case(instruments=[], risk=PERSECUTION, person=terrorism("individual_finding"), variants=CUSTOMARY)
    assert atoms(case, "excepted") == {("rem", "customary_refugee_law", "terrorism")}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E3.1", fires=False)
def test_E3_1_terrorism_is_no_article_33_2_exception():
    case = make_case(instruments=["refugee_convention"], risk=PERSECUTION, person=terrorism("individual_finding"), variants=TREATY_ONLY)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"rc_33"})
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("E3.1", fires=False)
def test_E3_1_no_terrorism_exclusion_under_jus_cogens():
    case = make_case(instruments=[], risk=TORTURE_FOR_OPINION, person=terrorism("individual_finding"), variants=JUS_COGENS)
    assert atoms(case, "excepted") == set()
    assert verdict(case) == ("prohibited", {"customary_human_rights", "customary_refugee_law"})
    assert lifted(case) == {}


@pytest.mark.rule("E3.1", fires=False)
@pytest.mark.rule("E3.2", fires=True)
def test_E3_2_suspicion_of_terrorism_lifts_nothing_Saadi_2008():
    """Saadi v Italy (2008): Italy relied on a terrorism conviction and suspicion; neither relieves the
    state of the bar. A mere suspicion does not even lift the qualified bars."""
    case = make_case(risk=PERSECUTION, person=terrorism("suspected"))
    assert atoms(case, "excepted") == set()
    assert atoms(case, "conduct_irrelevant") == {("rem", "rc_33", "terrorism_suspicion"), ("rem", "customary_refugee_law", "terrorism_suspicion")}
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})
    assert lifted(case) == {}
    assert result(case).conduct_irrelevant == ["terrorism_suspicion"]


@pytest.mark.rule("E3.2", fires=False)
def test_E3_2_an_individual_finding_is_not_a_mere_suspicion():
    case = make_case(instruments=[], risk=PERSECUTION, person=terrorism("individual_finding"), variants=CUSTOMARY)
    assert {c for _, _, c in atoms(case, "conduct_irrelevant")} == set()
    assert lifted(case) == {"customary_refugee_law": ("terrorism",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("E2.3", fires=True)
def test_E2_3_conduct_irrelevant_to_absolute_bars_Saadi_2008():
    case = make_case(person=terrorism("individual_finding", "danger_to_security"))
    assert ("rem", "echr_3", "danger_to_security") in atoms(case, "conduct_irrelevant")
    assert {a for _, a, _ in atoms(case, "conduct_irrelevant")} == TORTURE_BARS
    assert result(case).conduct_irrelevant == ["danger_to_security", "terrorism_finding"]
    assert verdict(case) == ("prohibited", TORTURE_BARS)


@pytest.mark.rule("E2.3", fires=False)
def test_E2_3_conduct_matters_where_only_qualified_bars_apply():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert atoms(case, "conduct_irrelevant") == set()
    assert result(case).conduct_irrelevant == []
    assert verdict(case) == ("permitted", set())
