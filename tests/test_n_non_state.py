"""N. Non-State actors and internal relocation (encodings/n_non_state.lp)."""

import pytest
from conftest import atoms, holds, make_case, verdict

ALL = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
HR = {"echr_3", "iccpr_7", "customary_human_rights"}
TREATY_HR = {"echr_3", "iccpr_7"}  # destitution and FGM are not within the customary bar (H2.4)


def actors(source, protection=None):
    return {"source": source, "state_protection": protection}


@pytest.mark.rule("N1.1", fires=True)
def test_N1_1_state_agents_are_answerable():
    case = make_case(risk=actors("state"))
    assert atoms(case, "answerable") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N1.1", fires=False)
@pytest.mark.rule("N1.2", fires=False)
@pytest.mark.rule("N1.3", fires=False)
@pytest.mark.parametrize("source", ["non_state", "quasi_governmental"])
def test_N1_non_state_actors_where_the_state_protects(source):
    case = make_case(risk=actors(source, "available"))
    assert atoms(case, "answerable") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N1.2", fires=True)
@pytest.mark.parametrize("protection", ["unable", "unwilling"])
def test_N1_2_non_state_actors_where_the_state_cannot_or_will_not_protect(protection):
    case = make_case(risk={**actors("non_state", protection), "harm": "cruel_inhuman_degrading"})
    assert atoms(case, "answerable") == {("r1",)}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N1.3", fires=True)
def test_N1_3_harm_without_an_actor_MSS():
    case = make_case(risk={**actors("none"), "harm": "destitution"})
    assert atoms(case, "answerable") == {("r1",)}
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("N2.1", fires=True)
def test_N2_1_state_torturers_are_officials():
    case = make_case(risk=actors("state"))
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.1", fires=False)
@pytest.mark.rule("N2.3", fires=False)
def test_N2_private_torturers_the_state_cannot_stop_are_not_officials():
    # 2010: on the Elmi reading, before CAT GC 4 (2017)
    case = make_case(risk=actors("non_state", "unable"), assessed_on="2010-01-01")
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", HR)  # no CAT art. 3; ECHR, ICCPR and custom still bar


@pytest.mark.rule("N2.2", fires=True)
def test_N2_2_quasi_governmental_factions_Elmi():
    case = make_case(risk=actors("quasi_governmental", "unable"), variants={"cat_actors": "quasi_governmental"})
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.2", fires=False)
def test_N2_2_official_involvement_variant():
    case = make_case(risk=actors("quasi_governmental", "unable"), variants={"cat_actors": "official_involvement"})
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.3", fires=True)
def test_N2_3_acquiescence_of_unwilling_authorities():
    case = make_case(risk=actors("non_state", "unwilling"))
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


def relocation(safe_travel=True, admittance=True, no_risk_there=True):
    return {"internal_relocation": {"area": "another region", "safe_travel": safe_travel, "admittance": admittance, "no_risk_there": no_risk_there}}


@pytest.mark.rule("N3.1", fires=True)
def test_N3_1_safe_part_of_the_country_defeats_the_risk():
    # 2010: before CAT GC 4 (2017), the alternative defeats CAT art. 3 too
    case = make_case(risk=relocation(), assessed_on="2010-01-01")
    assert atoms(case, "relocation_alternative") == {("r1",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N3.1", fires=True)
@pytest.mark.rule("N3.2", fires=True)
def test_N3_2_relocation_defeats_echr_3_but_not_cat_3_under_GC_4_para_47():
    case = make_case(risk=relocation(), assessed_on="2019-01-01")
    assert atoms(case, "relocation_alternative") == {("r1",)}
    assert atoms(case, "relocation_disregarded") == {("cat_3",)}
    assert verdict(case) == ("prohibited", {"cat_3"})  # ECHR art. 3, ICCPR art. 7 and custom yield to relocation


@pytest.mark.rule("N3.2", fires=False)
def test_N3_2_relocation_defeats_cat_3_too_in_2010():
    case = make_case(risk=relocation(), assessed_on="2010-01-01")
    assert atoms(case, "relocation_disregarded") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N3.2", fires=False)
def test_N3_2_a_fixed_pre_GC_4_reading_keeps_relocation_for_cat_3():
    case = make_case(risk=relocation(), assessed_on="2019-01-01", variants={"cat_actors": "quasi_governmental"})
    assert atoms(case, "relocation_disregarded") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N3.1", fires=False)
@pytest.mark.parametrize("missing", ["safe_travel", "admittance", "no_risk_there"])
def test_N3_1_no_alternative_unless_all_conditions_Salah_Sheekh(missing):
    case = make_case(risk=relocation(**{missing: False}))
    assert atoms(case, "relocation_alternative") == set()
    assert verdict(case) == ("prohibited", ALL)


# The dated readings of CAT art. 1 (N2.4-N2.7) and what they let count as an official (N2.2, N2.8).

FACTION = actors("quasi_governmental", "unable")  # a faction ruling where there is no central government
PRIVATE = actors("non_state", "unable")  # private actors the state cannot control


@pytest.mark.rule("N2.4", fires=True)
@pytest.mark.rule("N2.2", fires=False)
def test_N2_4_before_Elmi_a_faction_is_no_official_GRB_v_Sweden_1998():
    case = make_case(risk=FACTION, assessed_on="1998-06-01")
    assert atoms(case, "cat_reading") == {("official_involvement",)}
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", HR)  # no CAT art. 3; ECHR, ICCPR and custom bar (H.L.R. v France)


@pytest.mark.rule("N2.4", fires=False)
@pytest.mark.rule("N2.5", fires=True)
@pytest.mark.rule("N2.2", fires=True)
def test_N2_5_from_Elmi_v_Australia_1999_a_quasi_governmental_faction_counts():
    case = make_case(risk=FACTION, assessed_on="2000-01-01")
    assert atoms(case, "cat_reading") == {("quasi_governmental",)}
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.5", fires=True)
def test_N2_5_Elmi_reading_on_the_day_of_the_decision():
    case = make_case(risk=FACTION, assessed_on="1999-05-14")
    assert atoms(case, "cat_reading") == {("quasi_governmental",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.4", fires=True)
@pytest.mark.rule("N2.5", fires=False)
def test_N2_5_not_the_day_before_Elmi():
    case = make_case(risk=FACTION, assessed_on="1999-05-13")
    assert atoms(case, "cat_reading") == {("official_involvement",)}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.5", fires=True)
@pytest.mark.rule("N2.8", fires=False)
def test_N2_5_private_actors_the_state_cannot_control_are_no_officials_in_2010():
    # H.M.H.I. v Australia (2002): once a (weak) government exists, its inability to protect is not enough
    case = make_case(risk=PRIVATE, assessed_on="2010-01-01")
    assert atoms(case, "cat_reading") == {("quasi_governmental",)}
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.5", fires=False)
@pytest.mark.rule("N2.6", fires=True)
@pytest.mark.rule("N2.8", fires=True)
def test_N2_6_N2_8_from_GC_4_non_state_actors_the_state_cannot_control_count_para_30():
    case = make_case(risk=PRIVATE, assessed_on="2019-01-01")
    assert atoms(case, "cat_reading") == {("unable_to_protect",)}
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.6", fires=True)
@pytest.mark.rule("N2.2", fires=True)
def test_N2_2_a_faction_still_counts_under_GC_4():
    case = make_case(risk=actors("quasi_governmental", "unwilling"), assessed_on="2019-01-01")
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.6", fires=False)
def test_N2_6_not_the_day_before_GC_4():
    case = make_case(risk=PRIVATE, assessed_on="2017-12-05")
    assert atoms(case, "cat_reading") == {("quasi_governmental",)}
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.6", fires=True)
def test_N2_6_on_the_day_GC_4_was_adopted():
    case = make_case(risk=PRIVATE, assessed_on="2017-12-06")
    assert atoms(case, "cat_reading") == {("unable_to_protect",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.7", fires=True)
@pytest.mark.rule("N2.4", fires=False)
@pytest.mark.rule("N2.8", fires=True)
def test_N2_7_a_fixed_variant_overrides_the_date_GC_4_reading_in_1998():
    case = make_case(risk=PRIVATE, assessed_on="1998-06-01", variants={"cat_actors": "unable_to_protect"})
    assert atoms(case, "cat_reading") == {("unable_to_protect",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.7", fires=True)
@pytest.mark.rule("N2.6", fires=False)
@pytest.mark.rule("N2.8", fires=False)
@pytest.mark.rule("N2.2", fires=False)
def test_N2_7_a_fixed_variant_overrides_the_date_official_involvement_in_2019():
    case = make_case(risk=FACTION, assessed_on="2019-01-01", variants={"cat_actors": "official_involvement"})
    assert atoms(case, "cat_reading") == {("official_involvement",)}
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.7", fires=False)
@pytest.mark.parametrize(
    "date, reading",
    [
        ("1998-06-01", "official_involvement"),
        ("2010-01-01", "quasi_governmental"),
        ("2019-01-01", "unable_to_protect"),
    ],
)
def test_N2_7_by_date_one_reading_for_each_date(date, reading):
    case = make_case(risk=FACTION, assessed_on=date, variants={"cat_actors": "by_date"})
    assert atoms(case, "cat_reading") == {(reading,)}
    assert verdict(case) == ("prohibited", HR if reading == "official_involvement" else ALL)


FGM = {"harm": "harmful_practice"}


@pytest.mark.rule("N2.9", fires=True)
@pytest.mark.rule("N2.3", fires=True)
def test_N2_9_FGM_the_state_will_not_prevent_is_torture_under_CAT_from_GC_2_2008():
    case = make_case(risk={**FGM, **actors("non_state", "unwilling")}, assessed_on="2010-01-01")
    assert atoms(case, "cat_harm") == {("r1",)}
    assert verdict(case) == ("prohibited", {"cat_3"} | TREATY_HR)


@pytest.mark.rule("N2.9", fires=False)
def test_N2_9_FGM_not_under_CAT_before_GC_2():
    case = make_case(risk={**FGM, **actors("non_state", "unwilling")}, assessed_on="2007-06-01")
    assert atoms(case, "cat_harm") == set()
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("N2.9", fires=True)
@pytest.mark.rule("N2.8", fires=True)
def test_N2_9_FGM_the_state_cannot_prevent_under_CAT_from_GC_4():
    case = make_case(risk={**FGM, **actors("non_state", "unable")}, assessed_on="2019-01-01")
    assert verdict(case) == ("prohibited", {"cat_3"} | TREATY_HR)


@pytest.mark.rule("N2.9", fires=True)
@pytest.mark.rule("N2.8", fires=False)
def test_N2_9_FGM_the_state_cannot_prevent_not_under_CAT_in_2010():
    case = make_case(risk={**FGM, **actors("non_state", "unable")}, assessed_on="2010-01-01")
    assert atoms(case, "cat_harm") == {("r1",)}
    assert atoms(case, "official") == set()
    assert verdict(case) == ("prohibited", TREATY_HR)


@pytest.mark.rule("N2.9", fires=True)
def test_N2_9_FGM_where_the_state_protects_is_barred_by_nothing():
    case = make_case(risk={**FGM, **actors("non_state", "available")}, assessed_on="2019-01-01")
    assert atoms(case, "cat_harm") == {("r1",)}
    assert atoms(case, "official") == set() and atoms(case, "answerable") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N2.10", fires=True)
def test_N2_10_CAT_art_3_concerns_torture():
    case = make_case()
    assert atoms(case, "cat_harm") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.10", fires=False)
def test_N2_10_ill_treatment_short_of_torture_is_not_a_CAT_harm():
    case = make_case(risk={"harm": "cruel_inhuman_degrading"})
    assert atoms(case, "official") == {("r1",)}
    assert atoms(case, "cat_harm") == set()
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.3", fires=True)
def test_N2_3_acquiescence_covers_a_faction_the_authorities_will_not_stop_GRB_era():
    case = make_case(risk=actors("quasi_governmental", "unwilling"), assessed_on="1998-06-01")
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.11", fires=True)
@pytest.mark.rule("N2.12", fires=False)
def test_N2_11_a_non_state_source_puts_the_reading_of_cat_in_question():
    case = make_case(risk={"source": "non_state", "state_protection": "unwilling"})
    assert holds(case, "cat_reading_in_question")
    assert atoms(case, "cat_reading") == {("unable_to_protect",)}  # assessed in 2020, after General Comment 4


@pytest.mark.rule("N2.11", fires=False)
@pytest.mark.rule("N2.12", fires=False)
def test_N2_11_N2_12_torture_by_state_agents_leaves_the_reading_aside():
    """Chahal-type facts: no non-State actor, no safe area: the variant cat_actors changes nothing
    and the variant matrix does not vary it."""
    from nonref.matrix import variant_matrix

    case = make_case()
    assert not holds(case, "cat_reading_in_question")
    assert atoms(case, "cat_reading") == set()
    assert "cat_actors" in variant_matrix(case).irrelevant


@pytest.mark.rule("N2.12", fires=True)
def test_N2_12_a_proposed_safe_area_puts_the_reading_of_cat_in_question():
    case = make_case(
        risk={"internal_relocation": {"area": "x", "safe_travel": True, "admittance": True, "no_risk_there": True}}, assessed_on="2019-01-01"
    )
    assert holds(case, "cat_reading_in_question")
    assert atoms(case, "cat_reading") == {("unable_to_protect",)}
