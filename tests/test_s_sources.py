"""S. Sources and who is bound (encodings/s_sources.lp; S4 in encodings/v_status.lp)."""

import pytest
from conftest import atoms, holds, make_case, result, verdict
from nonref.analysis import analyse

PERSECUTION = {"harm": "persecution", "ground": "religion"}
UNFAIR_TRIAL = {"harm": "flagrant_denial_of_justice"}
TREATY_ONLY = {"status": "treaty_only"}
JUS_COGENS = {"status": "jus_cogens"}
SUSPENDS = {"derogation_reach": "suspends_fair_trial_bar"}
TORTURE_BARS = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
ASSISTED = [{"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation", "assisted_by": ["CCC"]}]


def without_effect(case) -> list[str]:
    return analyse(case).without_effect


@pytest.mark.rule("S1.1", fires=True)
def test_S1_1_bound_from_entry_into_force():
    case = make_case(instruments=[{"instrument": "cat", "since": "1989-01-07"}], assessed_on="2020-01-01")
    assert holds(case, "bound_by", "AAA", "cat")
    assert verdict(case) == ("prohibited", {"cat_3", "customary_human_rights"})


@pytest.mark.rule("S1.1", fires=False)
def test_S1_1_not_bound_before_entry_into_force():
    case = make_case(instruments=[{"instrument": "cat", "since": "2021-01-01"}, "echr"], assessed_on="2020-01-01")
    assert not holds(case, "bound_by", "AAA", "cat")
    assert holds(case, "bound_by", "AAA", "echr")
    assert verdict(case) == ("prohibited", {"echr_3", "customary_human_rights"})


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
        ("cat_3", "cat"),
        ("iccpr_6", "iccpr"),
        ("iccpr_7", "iccpr"),
        ("echr_2", "echr"),
        ("echr_3", "echr"),
        ("echr_4", "echr"),
        ("echr_6", "echr"),
        ("ced_16", "ced"),
        ("crc_37", "crc"),
        ("crc_3_20", "crc"),
        ("rc_33", "refugee_convention"),
        ("achr_22_8", "achr"),
        ("achr_5", "achr"),
        ("eu_charter_19_2", "eu_charter"),
        ("oau_2_3", "oau_refugee_convention"),
        ("achpr_5", "achpr"),
    }


@pytest.mark.rule("S1.3", fires=True)
@pytest.mark.parametrize(
    "instrument, articles",
    [
        ("achr", {"achr_22_8", "achr_5"}),
        ("eu_charter", {"eu_charter_19_2"}),
        ("oau_refugee_convention", {"oau_2_3"}),
        ("achpr", {"achpr_5"}),
    ],
)
def test_S1_3_regional_instruments_give_their_articles(instrument, articles):
    case = make_case(instruments=[instrument], variants=TREATY_ONLY)
    assert {a for s, a in atoms(case, "owes") if s == "AAA"} == articles


@pytest.mark.rule("S1.3", fires=True)
def test_S1_3_achr_party_owes_article_5_against_torture():
    case = make_case(instruments=["achr"], variants=TREATY_ONLY)
    assert verdict(case) == ("prohibited", {"achr_5"})


@pytest.mark.rule("S1.3", fires=False)
def test_S1_3_echr_party_does_not_owe_cat_3():
    case = make_case(instruments=["echr"])
    assert not holds(case, "article_of", "cat_3", "echr")
    assert not holds(case, "owes", "AAA", "cat_3")
    assert verdict(case) == ("prohibited", {"echr_3", "customary_human_rights"})


@pytest.mark.rule("S1.3", fires=False)
def test_S1_3_achr_party_does_not_owe_the_european_articles():
    case = make_case(instruments=["achr"], variants=TREATY_ONLY)
    assert not holds(case, "article_of", "echr_3", "achr")
    assert not holds(case, "owes", "AAA", "echr_3")
    assert not holds(case, "owes", "AAA", "eu_charter_19_2")
    assert verdict(case) == ("prohibited", {"achr_5"})


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


# S5: reservations.

NO_RESERVATION = {
    ("rc_33",),
    ("cat_3",),
    ("iccpr_6",),
    ("iccpr_7",),
    ("echr_2",),
    ("echr_3",),
    ("ced_16",),
    ("achr_5",),
    ("achpr_5",),
    ("eu_charter_19_2",),
}


@pytest.mark.rule("S5.1", fires=True)
def test_S5_1_reservation_to_article_33_is_not_permitted():
    case = make_case(risk=PERSECUTION, removing={"reservations": ["rc_33"]})
    assert atoms(case, "no_reservation_permitted") == NO_RESERVATION
    assert holds(case, "owes", "AAA", "rc_33")
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})


@pytest.mark.rule("S5.1", fires=True)
@pytest.mark.rule("S5.3", fires=True)
def test_S5_1_reservations_to_cat_3_and_echr_3_have_no_effect():
    case = make_case(removing={"reservations": ["cat_3", "echr_3"]}, variants=TREATY_ONLY)
    assert holds(case, "no_reservation_permitted", "cat_3")
    assert holds(case, "no_reservation_permitted", "echr_3")
    assert atoms(case, "reservation_effective") == set()
    assert holds(case, "owes", "AAA", "cat_3") and holds(case, "owes", "AAA", "echr_3")
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})
    assert without_effect(case) == ["AAA: reservation to CAT art. 3", "AAA: reservation to ECHR art. 3"]


@pytest.mark.rule("S5.1", fires=False)
def test_S5_1_echr_6_admits_a_reservation():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert not holds(case, "no_reservation_permitted", "echr_6")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S5.1", fires=True)
@pytest.mark.parametrize(
    "instrument, article",
    [
        ("achr", "achr_5"),
        ("achpr", "achpr_5"),
        ("eu_charter", "eu_charter_19_2"),
    ],
)
def test_S5_1_reservation_to_a_regional_torture_bar_has_no_effect(instrument, article):
    case = make_case(instruments=[instrument], removing={"reservations": [article]}, variants=TREATY_ONLY)
    assert holds(case, "no_reservation_permitted", article)
    assert verdict(case) == ("prohibited", {article})


@pytest.mark.rule("S5.2", fires=True)
def test_S5_2_effective_reservation_excludes_the_article():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert holds(case, "reservation_effective", "AAA", "echr_6")
    assert not holds(case, "owes", "AAA", "echr_6")
    assert verdict(case) == ("permitted", set())
    assert without_effect(case) == []


@pytest.mark.rule("S5.2", fires=False)
def test_S5_2_reservation_to_iccpr_7_is_ineffective():
    case = make_case(instruments=["iccpr"], removing={"reservations": ["iccpr_7"]}, variants=TREATY_ONLY)
    assert not holds(case, "reservation_effective", "AAA", "iccpr_7")
    assert verdict(case) == ("prohibited", {"iccpr_7"})


@pytest.mark.rule("S5.2", fires=False)
def test_S5_2_reservation_to_cat_3_does_not_take_effect():
    case = make_case(instruments=["cat"], removing={"reservations": ["cat_3"]}, variants=TREATY_ONLY)
    assert atoms(case, "reservation_effective") == set()
    assert verdict(case) == ("prohibited", {"cat_3"})


@pytest.mark.rule("S5.3", fires=True)
def test_S5_3_reservation_to_article_33_has_no_effect():
    case = make_case(instruments=["refugee_convention"], risk=PERSECUTION, removing={"reservations": ["rc_33"]}, variants=TREATY_ONLY)
    assert holds(case, "reservation_without_effect", "AAA", "rc_33")
    assert verdict(case) == ("prohibited", {"rc_33"})
    assert without_effect(case) == ["AAA: reservation to Refugee Convention art. 33(1)"]


@pytest.mark.rule("S5.3", fires=False)
def test_S5_3_permitted_reservation_is_not_without_effect():
    case = make_case(risk=UNFAIR_TRIAL, removing={"reservations": ["echr_6"]})
    assert atoms(case, "reservation_without_effect") == set()
    assert verdict(case) == ("permitted", set())
    assert without_effect(case) == []


# S6: derogations. By default (derogation_reach=own_measures) a derogation concerns the state's own
# emergency measures and leaves every bar owed, ECHR art. 6 included.


@pytest.mark.rule("S6.1", fires=True)
def test_S6_1_echr_6_is_derogable_where_a_derogation_reaches_the_trial_abroad():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]}, variants=SUSPENDS)
    assert atoms(case, "derogable") == {("echr_6",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S6.1", fires=False)
def test_S6_1_echr_3_is_not_derogable():
    case = make_case(instruments=["echr"], removing={"derogations": ["echr"]}, variants={**TREATY_ONLY, **SUSPENDS})
    assert not holds(case, "derogable", "echr_3")
    assert not holds(case, "derogated", "AAA", "echr_3")
    assert verdict(case) == ("prohibited", {"echr_3"})


@pytest.mark.rule("S6.2", fires=True)
def test_S6_2_derogation_suspends_echr_6_on_the_suspending_reading():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]}, variants=SUSPENDS)
    assert atoms(case, "derogated") == {("AAA", "echr_6")}
    assert not holds(case, "owes", "AAA", "echr_6")
    assert verdict(case) == ("permitted", set())
    assert "AAA: derogation, ECHR art. 6 still owed" not in without_effect(case)


@pytest.mark.rule("S6.2", fires=False)
def test_S6_2_derogation_keeps_echr_6_by_default():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]})
    assert atoms(case, "derogated") == set()
    assert holds(case, "owes", "AAA", "echr_6")
    assert verdict(case) == ("prohibited", {"echr_6"})


@pytest.mark.rule("S6.2", fires=False)
def test_S6_2_iccpr_derogation_suspends_nothing_here():
    case = make_case(instruments=["iccpr"], removing={"derogations": ["iccpr"]}, variants={**TREATY_ONLY, **SUSPENDS})
    assert atoms(case, "derogated") == set()
    assert verdict(case) == ("prohibited", {"iccpr_7"})


@pytest.mark.rule("S6.3", fires=True)
def test_S6_3_derogation_leaves_torture_bar_in_force():
    case = make_case(removing={"derogations": ["echr", "iccpr"]})
    assert {("AAA", "echr_3"), ("AAA", "iccpr_7"), ("AAA", "echr_2")} <= atoms(case, "derogation_without_effect")
    assert verdict(case) == ("prohibited", TORTURE_BARS)


@pytest.mark.rule("S6.3", fires=True)
def test_S6_3_derogation_leaves_echr_6_owed_by_default():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]})
    assert atoms(case, "derogation_without_effect") == {("AAA", "echr_2"), ("AAA", "echr_3"), ("AAA", "echr_4"), ("AAA", "echr_6")}
    assert verdict(case) == ("prohibited", {"echr_6"})
    assert "AAA: derogation, ECHR art. 6 still owed" in without_effect(case)


@pytest.mark.rule("S6.3", fires=False)
def test_S6_3_derogation_effective_for_echr_6_on_the_suspending_reading():
    case = make_case(risk=UNFAIR_TRIAL, removing={"derogations": ["echr"]}, variants=SUSPENDS)
    assert not holds(case, "derogation_without_effect", "AAA", "echr_6")
    assert holds(case, "derogation_without_effect", "AAA", "echr_3")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S6.3", fires=False)
def test_S6_3_nothing_without_a_derogation():
    case = make_case(risk=UNFAIR_TRIAL)
    assert atoms(case, "derogation_without_effect") == set()
    assert without_effect(case) == []
    assert verdict(case) == ("prohibited", {"echr_6"})


# S2-S3: custom.


@pytest.mark.rule("S2.1", fires=True)
def test_S2_1_custom_binds_a_state_party_to_nothing():
    case = make_case(instruments=[])
    assert holds(case, "owes", "AAA", "customary_human_rights")
    assert holds(case, "owes", "AAA", "customary_refugee_law")
    assert holds(case, "owes", "BBB", "customary_human_rights")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


@pytest.mark.rule("S2.1", fires=False)
def test_S2_1_no_custom_on_the_treaty_only_view():
    case = make_case(instruments=[], variants=TREATY_ONLY)
    assert not holds(case, "owes", "AAA", "customary_human_rights")
    assert not holds(case, "owes", "AAA", "customary_refugee_law")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S2.2", fires=True)
def test_S2_2_two_limbs_torture_and_persecution():
    assert atoms(make_case(), "customary_limb") == {("customary_human_rights",), ("customary_refugee_law",)}
    torture = make_case(instruments=[])
    persecution = make_case(instruments=[], risk=PERSECUTION)
    both = make_case(instruments=[], risk={"ground": "political_opinion"})
    assert verdict(torture) == ("prohibited", {"customary_human_rights"})
    assert verdict(persecution) == ("prohibited", {"customary_refugee_law"})
    assert verdict(both) == ("prohibited", {"customary_human_rights", "customary_refugee_law"})


@pytest.mark.rule("S2.2", fires=False)
@pytest.mark.parametrize("harm", ["destitution", "generalised_violence", "detention_conditions"])
def test_S2_2_custom_no_longer_covers_lesser_harms(harm):
    case = make_case(instruments=[], risk={"harm": harm, "severe": True, "source": "non_state", "state_protection": "unable"})
    assert not holds(case, "customary_limb", "customary")
    assert not holds(case, "owes", "AAA", "customary")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S3.1", fires=True)
def test_S3_1_persistent_objector_exempt_from_custom():
    case = make_case(instruments=[], removing={"persistent_objector": True})
    assert atoms(case, "exempt_from_custom") == {("AAA",)}
    assert not holds(case, "owes", "AAA", "customary_human_rights")
    assert not holds(case, "owes", "AAA", "customary_refugee_law")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("S3.1", fires=False)
def test_S3_1_no_persistent_objector_to_jus_cogens():
    case = make_case(instruments=[], removing={"persistent_objector": True}, variants=JUS_COGENS)
    assert atoms(case, "exempt_from_custom") == set()
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


# S4: a state that aids another state's prohibited removal (a transit state, a vessel, a base).


@pytest.mark.rule("S4.1", fires=True)
def test_S4_1_transit_state_bound_by_cat_assists_the_refoulement():
    case = make_case(states={"CCC": {"name": "Transit State", "bound_by": ["cat"]}}, removals=ASSISTED, variants=TREATY_ONLY)
    assert atoms(case, "assists_refoulement") == {("rem", "CCC")}
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})
    assert result(case).assisted_by == ["CCC"]


@pytest.mark.rule("S4.1", fires=True)
def test_S4_1_custom_binds_the_assisting_state_too():
    case = make_case(states={"CCC": {"name": "Transit State"}}, removals=ASSISTED)
    assert result(case).assisted_by == ["CCC"]


@pytest.mark.rule("S4.1", fires=False)
@pytest.mark.rule("S4.2", fires=False)
def test_S4_1_assisting_state_bound_by_nothing_on_the_treaty_only_view():
    case = make_case(states={"CCC": {"name": "Transit State"}}, removals=ASSISTED, variants=TREATY_ONLY)
    assert atoms(case, "assists_refoulement") == set()
    assert verdict(case) == ("prohibited", {"cat_3", "echr_3", "iccpr_7"})
    assert result(case).assisted_by == []


@pytest.mark.rule("S4.1", fires=False)
def test_S4_1_no_assistance_in_a_permitted_removal():
    case = make_case(risk={"evidence": "mere_possibility"}, states={"CCC": {"name": "Transit State", "bound_by": ["cat"]}}, removals=ASSISTED)
    assert verdict(case) == ("permitted", set())
    assert result(case).assisted_by == []


@pytest.mark.rule("S4.1", fires=False)
def test_S4_1_assisting_persistent_objector_not_bound_by_custom():
    case = make_case(states={"CCC": {"name": "Transit State", "persistent_objector": True}}, removals=ASSISTED)
    assert atoms(case, "assists_refoulement") == set()
    assert result(case).assisted_by == []


@pytest.mark.rule("S4.2", fires=True)
def test_S4_2_under_jus_cogens_every_state_must_not_assist():
    case = make_case(states={"CCC": {"name": "Transit State", "persistent_objector": True}}, removals=ASSISTED, variants=JUS_COGENS)
    assert atoms(case, "assists_refoulement") == {("rem", "CCC")}
    assert verdict(case) == ("prohibited", TORTURE_BARS)
    assert result(case).assisted_by == ["CCC"]


@pytest.mark.rule("S4.2", fires=False)
def test_S4_2_jus_cogens_does_not_extend_to_a_treaty_only_bar():
    case = make_case(risk=UNFAIR_TRIAL, states={"CCC": {"name": "Transit State"}}, removals=ASSISTED, variants=JUS_COGENS)
    assert verdict(case) == ("prohibited", {"echr_6"})
    assert result(case).assisted_by == []
