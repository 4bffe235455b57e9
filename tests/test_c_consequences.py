"""C. Consequences: the bars and the outcome (encodings/c_consequences.lp)."""

import pytest
from conftest import atoms, holds, make_case, result, verdict
from nonref.analysis import analyse

HR = {"echr_3", "iccpr_7", "customary_human_rights"}
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
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("C1.3", fires=False)
def test_C1_3_no_article_33_without_a_convention_ground():
    case = make_case(risk={"harm": "torture"})
    assert not holds(case, "bar", "rem", "rc_33", "r1")
    assert result(case).refugee_law == "not_applicable"
    assert verdict(case) == ("prohibited", HR | {"cat_3"})


@pytest.mark.rule("C1.4", fires=True)
def test_C1_4_absolute_bar_prohibits_despite_conduct():
    """Chahal v UK §80: a danger to national security lifts no bar on return to torture, the
    human-rights limb of custom included."""
    case = make_case(conduct=["danger_to_security", "particularly_serious_crime", "danger_to_community"])
    everything = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
    assert {a for _, a, _ in atoms(case, "prohibits")} == everything
    assert verdict(case) == ("prohibited", everything)


@pytest.mark.rule("C1.4", fires=False)
@pytest.mark.rule("C1.5", fires=False)
def test_C1_4_C1_5_lifted_qualified_bar_does_not_prohibit():
    case = make_case(risk=PERSECUTION, conduct=["danger_to_security"])
    assert {a for _, a, _ in atoms(case, "bar")} == {"rc_33", "customary_refugee_law"}
    assert atoms(case, "prohibits") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.5", fires=True)
def test_C1_5_qualified_bar_prohibits_without_exception():
    case = make_case(risk=PERSECUTION)
    assert atoms(case, "prohibits") == {("rem", "rc_33", "r1"), ("rem", "customary_refugee_law", "r1")}
    assert verdict(case) == ("prohibited", {"rc_33", "customary_refugee_law"})


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
    case = make_case(
        states={"CCC": {"name": "Safe Third State"}},
        removals=[
            {"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation"},
            {"id": "safe", "by": "AAA", "to": "CCC", "kind": "transfer"},
        ],
    )
    assert atoms(case, "prohibited") == {("rem",)}
    assert atoms(case, "permitted") == {("safe",)}
    analysis = analyse(case)
    assert analysis.removal("rem").outcome == "prohibited"
    assert analysis.removal("safe").outcome == "permitted"
    assert analysis.removal("safe").bases == []


DESTITUTION = {"harm": "destitution", "source": "none"}


def destitution_in(state: str, rid: str) -> dict:
    return {"id": rid, "harm": "destitution", "in": state, "source": "none", "exposure": "personal", "evidence": "substantial_grounds"}


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
    case = make_case(
        states={"CCC": {"name": "Third State"}},
        risks=[destitution_in("CCC", "r1")],
        onward=[{"from": "BBB", "to": "CCC", "because": "readmission_agreement"}],
    )
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


TWO_DESTINATIONS = {
    "states": {"CCC": {"name": "Third State"}},
    "removals": [
        {"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation"},
        {"id": "other", "by": "AAA", "to": "CCC", "kind": "transfer"},
    ],
}


@pytest.mark.rule("C2.1", fires=True)
@pytest.mark.rule("C2.2", fires=False)
def test_C2_1_every_destination_prohibited_so_the_state_must_admit():
    case = make_case(
        **TWO_DESTINATIONS,
        risks=[
            {"id": "r1", "harm": "torture", "in": "BBB", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
            {"id": "r2", "harm": "torture", "in": "CCC", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
        ],
    )
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


# --- the bars added with the regional instruments and the dated CAT readings ----------------------------

NON_STATE_UNABLE = {"source": "non_state", "state_protection": "unable"}
RELOCATION = {"internal_relocation": {"area": "the north", "safe_travel": True, "admittance": True, "no_risk_there": True}}


@pytest.mark.rule("C1.10", fires=True)
def test_C1_10_cat_disregards_internal_relocation_under_general_comment_4():
    """CAT GC 4 (2017) §47: the internal flight alternative is neither reliable nor effective, so a
    safe area defeats the ECHR claim (Salah Sheekh §141) but not the CAT one."""
    case = make_case(risk=RELOCATION, assessed_on="2019-01-01")
    assert verdict(case) == ("prohibited", {"cat_3"})
    assert holds(case, "endangered_under", "rem", "cat_3", "r1")


@pytest.mark.rule("C1.10", fires=False)
def test_C1_10_relocation_defeated_cat_before_general_comment_4():
    case = make_case(risk=RELOCATION, assessed_on="2010-01-01")
    assert verdict(case) == ("permitted", set())
    assert not holds(case, "bar", "rem", "cat_3", "r1")


@pytest.mark.rule("C1.11", fires=True)
def test_C1_11_customary_refugee_limb_binds_a_state_party_to_nothing():
    case = make_case(instruments=[], risk=PERSECUTION)
    assert verdict(case) == ("prohibited", {"customary_refugee_law"})


@pytest.mark.rule("C1.11", fires=False)
def test_C1_11_no_refugee_limb_without_a_convention_ground():
    case = make_case(instruments=[], risk={"harm": "cruel_inhuman_degrading"})
    assert not holds(case, "bar", "rem", "customary_refugee_law", "r1")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


@pytest.mark.rule("C1.12", fires=True)
def test_C1_12_achr_22_8_protects_any_alien_Pacheco_Tineo():
    case = make_case(instruments=["achr"], person={"status": "migrant"}, risk={"harm": "arbitrary_killing", "ground": "political_opinion"})
    assert verdict(case) == ("prohibited", {"achr_22_8", "customary_human_rights", "customary_refugee_law"})
    assert holds(case, "absolute", "achr_22_8")


@pytest.mark.rule("C1.12", fires=False)
def test_C1_12_achr_22_8_needs_one_of_its_grounds():
    case = make_case(instruments=["achr"], risk={"harm": "arbitrary_killing"})
    assert not holds(case, "bar", "rem", "achr_22_8", "r1")
    assert verdict(case) == ("prohibited", {"customary_human_rights"})


@pytest.mark.rule("C1.13", fires=True)
def test_C1_13_oau_convention_covers_rejection_at_the_frontier_with_no_exception():
    case = make_case(
        instruments=["oau_refugee_convention"],
        risk=PERSECUTION,
        conduct=["danger_to_security"],
        location={"place": "border", "state": "AAA"},
        variants={"status": "treaty_only"},
    )
    r = result(case)
    assert r.outcome == "prohibited"
    assert [b.article for b in r.prohibiting] == ["oau_2_3"]


@pytest.mark.rule("C1.13", fires=False)
def test_C1_13_oau_convention_does_not_protect_a_person_excluded_under_article_I_5():
    case = make_case(instruments=["oau_refugee_convention"], risk=PERSECUTION, conduct=["excluded_1f"], variants={"status": "treaty_only"})
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.14", fires=True)
def test_C1_14_oau_convention_protects_those_fleeing_serious_disturbances_of_public_order():
    """OAU art. I(2): no individual targeting is needed, and the violence need not be of the most
    extreme intensity the ECtHR asks for (Sufi and Elmi §241)."""
    case = make_case(
        instruments=["echr", "oau_refugee_convention"],
        risk={"harm": "generalised_violence", "source": "non_state", "state_protection": "unable", "exposure": "general"},
    )
    assert verdict(case) == ("prohibited", {"oau_2_3"})


@pytest.mark.rule("C1.14", fires=False)
def test_C1_14_the_disturbances_must_be_in_the_country_of_origin():
    case = make_case(
        instruments=["oau_refugee_convention"],
        variants={"status": "treaty_only"},
        states={"CCC": {"name": "Third State"}},
        risks=[
            {
                "id": "r1",
                "harm": "generalised_violence",
                "in": "CCC",
                "source": "non_state",
                "state_protection": "unable",
                "exposure": "general",
                "evidence": "substantial_grounds",
            }
        ],
        removals=[{"id": "rem", "by": "AAA", "to": "CCC", "kind": "deportation"}],
    )
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.15", fires=True)
def test_C1_15_no_death_penalty_for_an_offence_committed_under_18_whatever_the_age_now():
    case = make_case(instruments=["crc", "iccpr"], risk={"harm": "death_penalty", "offence_under_18": True})
    assert verdict(case) == ("prohibited", {"crc_37", "iccpr_6"})


@pytest.mark.rule("C1.15", fires=False)
def test_C1_15_adult_offence_death_penalty_not_barred_by_the_crc():
    case = make_case(instruments=["crc", "iccpr"], risk={"harm": "death_penalty"})
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.16", fires=True)
def test_C1_16_eu_charter_binds_only_when_implementing_eu_law():
    case = make_case(
        instruments=["eu_charter"],
        risk={"harm": "death_penalty"},
        removals=[{"id": "rem", "by": "AAA", "to": "BBB", "kind": "extradition", "eu_law": False}],
    )
    assert holds(case, "outside_material_scope", "rem", "eu_charter_19_2")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("C1.16", fires=False)
def test_C1_16_eu_charter_applies_to_a_return_under_eu_law():
    case = make_case(instruments=["eu_charter"], risk={"harm": "death_penalty"})
    assert not holds(case, "outside_material_scope", "rem", "eu_charter_19_2")
    assert verdict(case) == ("prohibited", {"eu_charter_19_2"})
