"""S. Sources and who is bound (encodings/s_sources.lp)."""

import pytest
from conftest import atoms, holds, make_case, verdict

PERSECUTION = {"harm": "persecution", "ground": "religion"}
UNFAIR_TRIAL = {"harm": "flagrant_denial_of_justice"}
TREATY_ONLY = {"status": "treaty_only"}


@pytest.mark.rule("S1.1", fires=True)
def test_S1_1_bound_from_entry_into_force():
    case = make_case(instruments=[{"instrument": "cat", "since": "1989-01-07"}], assessed_on="2020-01-01")
    assert holds(case, "bound_by", "AAA", "cat")
    assert verdict(case) == ("prohibited", {"cat_3", "customary"})


@pytest.mark.rule("S1.1", fires=False)
def test_S1_1_not_bound_before_entry_into_force():
    case = make_case(instruments=[{"instrument": "cat", "since": "2021-01-01"}, "echr"], assessed_on="2020-01-01")
    assert not holds(case, "bound_by", "AAA", "cat")
    assert holds(case, "bound_by", "AAA", "echr")
    assert verdict(case) == ("prohibited", {"echr_3", "customary"})


@pytest.mark.rule("S1.2", fires=True)
def test_S1_2_protocol_party_applies_article_33():
    case = make_case(instruments=["refugee_protocol"], risk=PERSECUTION, variants=TREATY_ONLY)
    assert holds(case, "bound_by", "AAA", "refugee_convention")
    assert verdict(case) == ("prohibited", {"rc_33"})


@pytest.mark.rule("S1.2", fires=False)
def test_S1_2_no_refugee_law_without_convention_or_protocol():
    case = make_case(instruments=["iccpr", "echr"], risk=PERSECUTION, variants=TREATY_ONLY)
    assert not holds(case, "bound_by", "AAA", "refugee_convention")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S1.3", fires=True)
def test_S1_3_articles_of_each_instrument():
    assert atoms(make_case(), "article_of") == {
        ("cat_3", "cat"), ("iccpr_6", "iccpr"), ("iccpr_7", "iccpr"), ("echr_2", "echr"), ("echr_3", "echr"),
        ("echr_4", "echr"), ("echr_6", "echr"), ("ced_16", "ced"), ("crc_37", "crc"),
        ("rc_33", "refugee_convention"),
    }


@pytest.mark.rule("S1.3", fires=False)
def test_S1_3_echr_party_does_not_owe_cat_3():
    case = make_case(instruments=["echr"])
    assert not holds(case, "article_of", "cat_3", "echr")
    assert not holds(case, "owes", "AAA", "cat_3")
    assert verdict(case) == ("prohibited", {"echr_3", "customary"})


@pytest.mark.rule("S1.4", fires=True)
def test_S1_4_state_owes_articles_of_its_instruments():
    case = make_case(instruments=["echr"], variants=TREATY_ONLY)
    assert {a for s, a in atoms(case, "owes") if s == "AAA"} == {"echr_2", "echr_3", "echr_4", "echr_6"}
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("S1.4", fires=False)
def test_S1_4_state_bound_by_nothing_owes_no_treaty_article():
    case = make_case(instruments=[], variants=TREATY_ONLY)
    assert atoms(case, "owes") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S5.1", fires=True)
def test_S5_1_reservation_to_article_33_is_not_permitted():
    case = make_case(risk=PERSECUTION, removing={"reservations": ["rc_33"]})
    assert atoms(case, "no_reservation_permitted") == {("rc_33",), ("iccpr_6",), ("iccpr_7",)}
    assert holds(case, "owes", "AAA", "rc_33")
    assert verdict(case) == ("prohibited", {"rc_33", "customary"})


@pytest.mark.rule("S5.1", fires=False)
def test_S5_1_echr_6_admits_a_reservation():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert not holds(case, "no_reservation_permitted", "echr_6")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S5.2", fires=True)
def test_S5_2_effective_reservation_excludes_the_article():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert holds(case, "reservation_effective", "AAA", "echr_6")
    assert not holds(case, "owes", "AAA", "echr_6")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S5.2", fires=False)
def test_S5_2_reservation_to_iccpr_7_is_ineffective():
    case = make_case(instruments=["iccpr"], removing={"reservations": ["iccpr_7"]}, variants=TREATY_ONLY)
    assert not holds(case, "reservation_effective", "AAA", "iccpr_7")
    assert verdict(case) == ("prohibited", {"iccpr_7"})


@pytest.mark.rule("S5.3", fires=True)
def test_S5_3_reservation_to_article_33_has_no_effect():
    case = make_case(instruments=["refugee_convention"], risk=PERSECUTION,
                     removing={"reservations": ["rc_33"]}, variants=TREATY_ONLY)
    assert holds(case, "reservation_without_effect", "AAA", "rc_33")
    assert verdict(case) == ("prohibited", {"rc_33"})


@pytest.mark.rule("S5.3", fires=False)
def test_S5_3_permitted_reservation_is_not_without_effect():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert atoms(case, "reservation_without_effect") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S6.1", fires=True)
def test_S6_1_echr_6_is_derogable():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]})
    assert atoms(case, "derogable") == {("echr_6",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S6.1", fires=False)
def test_S6_1_echr_3_is_not_derogable():
    case = make_case(instruments=["echr"], removing={"derogations": ["echr"]}, variants=TREATY_ONLY)
    assert not holds(case, "derogable", "echr_3")
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("S6.2", fires=True)
def test_S6_2_derogation_suspends_echr_6():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]})
    assert atoms(case, "derogated") == {("AAA", "echr_6")}
    assert not holds(case, "owes", "AAA", "echr_6")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S6.2", fires=False)
def test_S6_2_iccpr_derogation_suspends_nothing_here():
    case = make_case(instruments=["iccpr"], removing={"derogations": ["iccpr"]}, variants=TREATY_ONLY)
    assert atoms(case, "derogated") == set()
    assert verdict(case) == ("prohibited", {"iccpr_7"})


@pytest.mark.rule("S6.3", fires=True)
def test_S6_3_derogation_leaves_torture_bar_in_force():
    case = make_case(removing={"derogations": ["echr", "iccpr"]})
    assert {("AAA", "echr_3"), ("AAA", "iccpr_7"), ("AAA", "echr_2")} <= atoms(case, "derogation_without_effect")
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7", "customary"})


@pytest.mark.rule("S6.3", fires=False)
def test_S6_3_derogation_effective_for_echr_6():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]})
    assert not holds(case, "derogation_without_effect", "AAA", "echr_6")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S2.1", fires=True)
def test_S2_1_custom_binds_a_state_party_to_nothing():
    case = make_case(instruments=[])
    assert holds(case, "owes", "AAA", "customary")
    assert verdict(case) == ("prohibited", {"customary"})


@pytest.mark.rule("S2.1", fires=False)
def test_S2_1_no_custom_on_the_treaty_only_view():
    case = make_case(instruments=[], variants=TREATY_ONLY)
    assert not holds(case, "owes", "AAA", "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S3.1", fires=True)
def test_S3_1_persistent_objector_exempt_from_custom():
    case = make_case(instruments=[], removing={"persistent_objector": True})
    assert atoms(case, "exempt_from_custom") == {("AAA",)}
    assert not holds(case, "owes", "AAA", "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S3.1", fires=False)
def test_S3_1_no_persistent_objector_to_jus_cogens():
    case = make_case(instruments=[], removing={"persistent_objector": True}, variants={"status": "jus_cogens"})
    assert atoms(case, "exempt_from_custom") == set()
    assert verdict(case) == ("prohibited", {"customary"})
