"""D. Diplomatic assurances (encodings/d_assurances.lp), under the variant axis `assurances`."""

import pytest
from conftest import atoms, holds, make_case, result, rules_in, verdict
from nonref.explain.graph import explain

ALL = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
DEATH_ROW_BARS = {"echr_3"}  # death row: ECHR art. 3 only (Soering); neither ICCPR art. 7 nor custom (H2.3)
OTHMAN = {"specific": True, "binding": True, "verifiable": True}
WGAD = {"binding": True, "verifiable": True, "enforceable": True}
BEST = {**OTHMAN, **WGAD}
DEATH_PENALTY_STATE = ["cat", "iccpr", "echr", "echr_p13", "refugee_convention"]


def assurance(*against: str, by: str = "BBB", **features) -> dict:
    return {"id": "a1", "by": by, "against": list(against), **features}


@pytest.mark.rule("D4.1", fires=True)
def test_D4_1_torture_and_ill_treatment_are_secret_harms():
    assert atoms(make_case(), "secret_harm") == {("torture",), ("cruel_inhuman_degrading",)}


@pytest.mark.rule("D4.1", fires=False)
def test_D4_1_the_death_penalty_is_not_a_secret_harm():
    case = make_case(
        instruments=DEATH_PENALTY_STATE, risk={"harm": "death_penalty"}, assurances=[assurance("death_penalty", specific=True, binding=True)]
    )
    assert not holds(case, "secret_harm", "death_penalty")
    assert holds(case, "relied_on", "a1", "death_penalty")  # no verification needed, unlike torture


@pytest.mark.rule("D1.1", fires=True)
def test_D1_1_a_situation_excluding_any_assurance_Othman_188():
    case = make_case(destination={"assurances_excluded": True}, assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "no_assurance_accepted") == {("BBB",)}
    assert atoms(case, "torture_assurance_excluded") == set()
    assert atoms(case, "relied_on") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.3", fires=True)
@pytest.mark.rule("D2.5", fires=False)
@pytest.mark.parametrize("view", ["wgad", "never_against_torture"])
def test_D1_3_systematic_torture_excludes_reliance_outside_Othman(view):
    case = make_case(destination={"torture_systematic": True}, assurances=[assurance("torture", **WGAD)], variants={"assurances": view})
    assert atoms(case, "torture_assurance_excluded") == {("BBB",)}
    assert atoms(case, "no_assurance_accepted") == set()  # it reaches assurances against torture only
    assert atoms(case, "weakened") == set()  # D2.5 is the Othman test's weighing, not these views'
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.3", fires=False)
@pytest.mark.rule("D2.5", fires=False)
def test_D1_3_Othman_weighs_widespread_torture_without_excluding_reliance():
    # Othman §§191-205: torture widespread in Jordan, yet specific, binding, monitored assurances,
    # examined in depth by SIAC, were accepted.
    case = make_case(destination={"torture_systematic": True}, assurances=[assurance("torture", **OTHMAN, court_examined=True)])
    assert atoms(case, "torture_assurance_excluded") == set()
    assert atoms(case, "weakened") == set()
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D1.1", fires=False)
@pytest.mark.rule("D1.2", fires=False)
@pytest.mark.rule("D1.3", fires=False)
def test_D1_no_exclusion_without_systematic_torture_or_uncontrolled_perpetrators():
    case = make_case(assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "no_assurance_accepted") == set()
    assert atoms(case, "torture_assurance_excluded") == set()
    assert result(case).cured == ["r1"]


@pytest.mark.rule("D1.2", fires=True)
def test_D1_2_uncontrolled_perpetrators_exclude_reliance():
    case = make_case(destination={"perpetrators_uncontrolled": True}, assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "torture_assurance_excluded") == {("BBB",)}
    assert atoms(case, "no_assurance_accepted") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D2.1", fires=True)
@pytest.mark.rule("D5.2", fires=True)
@pytest.mark.rule("D1.4", fires=False)
def test_D2_1_D5_2_reliable_assurance_cures_torture_risk_Othman():
    case = make_case(assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "group_targeted") == set()  # a personal risk
    assert atoms(case, "relied_on") == {("a1", "torture")}
    assert atoms(case, "cured") == {("rem", "r1")}
    r = result(case)
    assert r.cured == ["r1"]
    assert r.real_risks == ["r1"]  # the risk is real; the assurance removes it
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D2.1", fires=True)
@pytest.mark.rule("D5.2", fires=True)
def test_D2_1_D5_2_permitted_removal_is_explained_by_the_assurance():
    g = explain(make_case(assurances=[assurance("torture", **OTHMAN)]), "rem")
    assert g.outcome == "permitted"
    assert {("D5.2", True), ("D2.1", True), ("D4.1", True)} <= rules_in(g)
    assert any(n.kind == "fact" and n.label.startswith("assurances[0]") for n in g.nodes.values())


@pytest.mark.rule("D2.1", fires=False)
@pytest.mark.parametrize("missing", ["specific", "binding", "verifiable"])
def test_D2_1_assurance_lacking_an_Othman_factor_is_not_relied_on(missing):
    case = make_case(assurances=[assurance("torture", **{**OTHMAN, missing: False})])
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D2.2", fires=True)
def test_D2_2_poor_record_weakens_the_assurance():
    case = make_case(assurances=[assurance("torture", **OTHMAN, poor_record=True)])
    assert atoms(case, "weakened") == {("a1",)}
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D2.2", fires=False)
@pytest.mark.rule("D2.3", fires=False)
@pytest.mark.rule("D2.4", fires=False)
@pytest.mark.rule("D2.5", fires=False)
def test_D2_2_D2_3_assurance_without_weakening_factor():
    case = make_case(assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "weakened") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D2.3", fires=True)
def test_D2_3_doubtful_local_compliance_weakens_the_assurance():
    case = make_case(assurances=[assurance("torture", **OTHMAN, local_compliance_doubtful=True)])
    assert atoms(case, "weakened") == {("a1",)}
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D3.1", fires=True)
def test_D3_1_WGAD_monitored_enforceable_assurance_is_accepted():
    case = make_case(assurances=[assurance("torture", **WGAD)], variants={"assurances": "wgad"})
    assert atoms(case, "relied_on") == {("a1", "torture")}
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D3.1", fires=False)
@pytest.mark.parametrize("change", [{"enforceable": False}, {"circumvents_obligation": True}, {"poor_record": True}])
def test_D3_1_WGAD_conditions_not_met(change):
    case = make_case(assurances=[assurance("torture", **{**WGAD, **change})], variants={"assurances": "wgad"})
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


# The same assurance, judged under each view of assurances (V4).
@pytest.mark.rule("D2.1", fires=True)
@pytest.mark.rule("D3.1", fires=True)
@pytest.mark.parametrize(
    "features, cured_under",
    [
        (OTHMAN, {"othman"}),  # specific, but no enforcement mechanism
        (WGAD, {"wgad"}),  # enforceable, but not specific to this person
        (BEST, {"othman", "wgad"}),
    ],
    ids=["othman-only", "wgad-only", "both"],
)
def test_D_the_variants_differ_on_the_same_assurance(features, cured_under):
    for view in ("othman", "wgad", "never_against_torture"):
        case = make_case(assurances=[assurance("torture", **features)], variants={"assurances": view})
        expected = ["r1"] if view in cured_under else []
        assert result(case).cured == expected, view
        assert result(case).outcome == ("permitted" if expected else "prohibited"), view


@pytest.mark.rule("D4.2", fires=True)
def test_D4_2_never_against_torture_disregards_even_the_best_assurance():
    case = make_case(assurances=[assurance("torture", **BEST)], variants={"assurances": "never_against_torture"})
    assert atoms(case, "disregarded") == {("a1", "torture")}
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)
    assert ("D4.2", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D4.2", fires=False)
def test_D4_2_not_under_Othman():
    case = make_case(assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "disregarded") == set()


@pytest.mark.rule("D4.2", fires=False)
@pytest.mark.rule("D4.3", fires=True)
def test_D4_3_death_penalty_assurance_works_even_where_torture_ones_never_do_Soering():
    case = make_case(
        instruments=DEATH_PENALTY_STATE,
        risk={"harm": "death_penalty"},
        variants={"assurances": "never_against_torture"},
        assurances=[assurance("death_penalty", specific=True, binding=True)],
    )
    assert atoms(case, "disregarded") == set()
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D4.3", fires=True)
@pytest.mark.rule("D5.2", fires=True)
def test_D4_3_guarantee_on_reception_conditions_Tarakhel():
    case = make_case(risk={"harm": "destitution", "source": "none"}, assurances=[assurance("destitution", specific=True, binding=True)])
    assert atoms(case, "relied_on") == {("a1", "destitution")}
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D4.3", fires=False)
@pytest.mark.parametrize("missing", ["specific", "binding"])
def test_D4_3_vague_or_non_binding_death_penalty_assurance(missing):
    features = {"specific": True, "binding": True, missing: False}
    case = make_case(instruments=DEATH_PENALTY_STATE, risk={"harm": "death_penalty"}, assurances=[assurance("death_penalty", **features)])
    assert atoms(case, "relied_on") == set()
    r = result(case)
    assert r.outcome == "prohibited"
    assert r.lawful_with_assurance  # a proper assurance would cure it


@pytest.mark.rule("D4.4", fires=True)
def test_D4_4_death_penalty_assurance_also_removes_death_row_Soering():
    case = make_case(
        instruments=DEATH_PENALTY_STATE,
        assurances=[assurance("death_penalty", specific=True, binding=True)],
        risks=[
            {"id": "dp", "harm": "death_penalty", "in": "BBB", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
            {"id": "row", "harm": "death_row", "in": "BBB", "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
        ],
    )
    assert holds(case, "relied_on", "a1", "death_row")
    assert result(case).cured == ["dp", "row"]
    assert verdict(case) == ("permitted", set())
    assert ("D4.4", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D4.4", fires=False)
def test_D4_4_no_death_row_cure_without_a_reliable_death_penalty_assurance():
    case = make_case(risk={"harm": "death_row"}, assurances=[assurance("death_penalty", specific=True)])
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", DEATH_ROW_BARS)


@pytest.mark.rule("D4.5", fires=True)
def test_D4_5_destitution_in_the_destination_is_assurable():
    case = make_case(risk={"harm": "destitution", "source": "none"})
    assert atoms(case, "assurable") == {("rem", "r1")}
    assert result(case).lawful_with_assurance


@pytest.mark.rule("D4.5", fires=False)
def test_D4_5_torture_is_not_assurable():
    case = make_case()
    assert atoms(case, "assurable") == set()
    assert not result(case).lawful_with_assurance


@pytest.mark.rule("D4.5", fires=False)
def test_D4_5_destitution_further_down_a_chain_is_not_assurable():
    case = make_case(
        states={"CCC": {"name": "Third State"}},
        risk={"harm": "destitution", "source": "none", "in": "CCC"},
        onward=[{"from": "BBB", "to": "CCC", "because": "readmission_agreement"}],
    )
    assert atoms(case, "assurable") == set()
    r = result(case)
    assert r.outcome == "prohibited"
    assert not r.lawful_with_assurance


@pytest.mark.rule("D4.6", fires=True)
def test_D4_6_harms_a_state_can_promise_against():
    subjects = {h for (h,) in atoms(make_case(), "assurance_subject")}
    assert {"death_penalty", "death_row", "destitution", "detention_conditions"} <= subjects


@pytest.mark.rule("D4.6", fires=False)
def test_D4_6_torture_and_persecution_are_not_subjects_of_assurance():
    subjects = {h for (h,) in atoms(make_case(), "assurance_subject")}
    assert subjects.isdisjoint({"torture", "cruel_inhuman_degrading", "persecution"})


CHAIN = {
    "states": {"CCC": {"name": "Third State"}},
    "risk": {"in": "CCC"},
    "onward": [{"from": "BBB", "to": "CCC", "because": "readmission_agreement"}],
}


@pytest.mark.rule("D5.1", fires=True)
def test_D5_1_promise_not_to_send_on_is_disregarded():
    case = make_case(**CHAIN, assurances=[assurance("onward_transfer", **BEST)])
    assert atoms(case, "disregarded") == {("a1", "onward_transfer")}
    assert atoms(case, "relied_on") == set()
    r = result(case)
    assert r.cured == []
    assert r.chains == {"r1": ["BBB", "CCC"]}
    assert verdict(case) == ("prohibited", ALL)
    assert ("D5.1", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D5.1", fires=False)
def test_D5_1_not_for_an_assurance_against_a_harm():
    case = make_case(assurances=[assurance("torture", **OTHMAN)])
    assert not holds(case, "disregarded", "a1", "onward_transfer")


@pytest.mark.rule("D5.2", fires=False)
def test_D5_2_destination_assurance_never_cures_a_risk_down_the_chain():
    case = make_case(**CHAIN, assurances=[assurance("torture", **OTHMAN)])
    assert holds(case, "relied_on", "a1", "torture")  # reliable, but for torture in BBB only
    assert atoms(case, "cured") == set()
    r = result(case)
    assert r.cured == []
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D5.2", fires=False)
def test_D5_2_assurance_of_the_third_state_does_not_cure_either():
    case = make_case(**CHAIN, assurances=[assurance("torture", by="CCC", **OTHMAN)])
    assert holds(case, "relied_on", "a1", "torture")
    assert atoms(case, "cured") == set()
    assert verdict(case) == ("prohibited", ALL)
    assert ("D5.2", False) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D5.2", fires=False)
def test_D5_2_only_the_destination_can_assure_against_its_own_risk():
    case = make_case(states={"CCC": {"name": "Third State"}}, assurances=[assurance("torture", by="CCC", **OTHMAN)])
    assert holds(case, "relied_on", "a1", "torture")
    assert atoms(case, "cured") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D5.2", fires=False)
def test_D5_2_assurance_against_another_harm_does_not_cure():
    case = make_case(assurances=[assurance("detention_conditions", specific=True, binding=True)])
    assert holds(case, "relied_on", "a1", "detention_conditions")
    assert atoms(case, "cured") == set()
    assert verdict(case) == ("prohibited", ALL)


# The general situation (D1.1, D1.2) excludes reliance under the Working Group's test too: the
# sending state cannot have reason to believe such an assurance reliable.
@pytest.mark.parametrize("situation", ["torture_systematic", "perpetrators_uncontrolled"])
def test_D1_general_situation_excludes_reliance_under_WGAD_too(situation):
    case = make_case(destination={situation: True}, assurances=[assurance("torture", **WGAD)], variants={"assurances": "wgad"})
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


# D1.1 reaches every kind of assurance, the death penalty too; D1.2 and D1.3 only those against
# torture and ill-treatment (the death penalty is imposed openly, by courts, and can be monitored).
DEATH_PENALTY_RISK = {"harm": "death_penalty"}
DEATH_PENALTY_ASSURANCE = assurance("death_penalty", specific=True, binding=True)
DEATH_PENALTY_BARS = {"echr_2", "echr_3"}  # Al-Saadoon: every ECHR state from 2010 (H3.5)


@pytest.mark.rule("D1.1", fires=True)
@pytest.mark.rule("D4.3", fires=False)
def test_D1_1_no_death_penalty_assurance_from_a_state_whose_situation_excludes_any_assurance():
    case = make_case(
        instruments=DEATH_PENALTY_STATE, risk=DEATH_PENALTY_RISK, destination={"assurances_excluded": True}, assurances=[DEATH_PENALTY_ASSURANCE]
    )
    assert atoms(case, "no_assurance_accepted") == {("BBB",)}
    assert atoms(case, "relied_on") == set()  # specific and binding, yet not relied on
    assert atoms(case, "cured") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", DEATH_PENALTY_BARS)
    assert ("D1.1", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D1.1", fires=False)
@pytest.mark.rule("D4.3", fires=True)
def test_D1_1_the_same_death_penalty_assurance_cures_where_assurances_are_not_excluded_Soering():
    case = make_case(instruments=DEATH_PENALTY_STATE, risk=DEATH_PENALTY_RISK, assurances=[DEATH_PENALTY_ASSURANCE])
    assert atoms(case, "no_assurance_accepted") == set()
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D4.5", fires=False)
def test_D4_5_no_assurance_could_make_lawful_a_removal_to_a_state_excluding_any_assurance():
    case = make_case(instruments=DEATH_PENALTY_STATE, risk=DEATH_PENALTY_RISK, destination={"assurances_excluded": True})
    assert verdict(case) == ("prohibited", DEATH_PENALTY_BARS)
    assert atoms(case, "assurable") == set()
    assert not result(case).lawful_with_assurance


@pytest.mark.rule("D1.2", fires=True)
@pytest.mark.rule("D4.3", fires=True)
def test_D1_2_uncontrolled_torturers_do_not_bar_a_death_penalty_assurance():
    case = make_case(
        instruments=DEATH_PENALTY_STATE,
        risk=DEATH_PENALTY_RISK,
        destination={"perpetrators_uncontrolled": True},
        assurances=[DEATH_PENALTY_ASSURANCE],
    )
    assert atoms(case, "torture_assurance_excluded") == {("BBB",)}
    assert atoms(case, "no_assurance_accepted") == set()
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D1.2", fires=True)
@pytest.mark.parametrize("view", ["othman", "wgad"])
def test_D1_2_uncontrolled_perpetrators_exclude_even_the_best_assurance_under_every_test(view):
    case = make_case(
        destination={"perpetrators_uncontrolled": True}, assurances=[assurance("torture", **BEST, court_examined=True)], variants={"assurances": view}
    )
    assert atoms(case, "torture_assurance_excluded") == {("BBB",)}
    assert atoms(case, "weakened") == set()  # not weakened: excluded outright
    assert atoms(case, "relied_on") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.3", fires=True)
@pytest.mark.rule("D4.3", fires=True)
@pytest.mark.parametrize("view", ["wgad", "never_against_torture"])
def test_D1_3_systematic_torture_does_not_bar_a_death_penalty_assurance(view):
    case = make_case(
        instruments=DEATH_PENALTY_STATE,
        risk=DEATH_PENALTY_RISK,
        destination={"torture_systematic": True},
        assurances=[DEATH_PENALTY_ASSURANCE],
        variants={"assurances": view},
    )
    assert atoms(case, "torture_assurance_excluded") == {("BBB",)}
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


# D1.4: a person whose group is systematically targeted for ill-treatment (Saadi §§143-148:
# persons accused of terrorism in Tunisia) is not protected by an assurance, however good.


@pytest.mark.rule("D1.4", fires=True)
@pytest.mark.rule("D5.2", fires=False)
def test_D1_4_member_of_a_targeted_group_is_not_cured_by_a_reliable_assurance_Saadi():
    case = make_case(risk={"exposure": "group"}, assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "group_targeted") == {("r1",)}
    assert holds(case, "relied_on", "a1", "torture")  # the assurance itself passes the Othman test
    assert atoms(case, "cured") == set()
    r = result(case)
    assert r.cured == []
    assert r.real_risks == ["r1"]
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.4", fires=True)
@pytest.mark.parametrize("view", ["othman", "wgad"])
def test_D1_4_targeted_group_not_cured_even_by_a_court_examined_monitored_assurance(view):
    case = make_case(risk={"exposure": "group"}, assurances=[assurance("torture", **BEST, court_examined=True)], variants={"assurances": view})
    assert atoms(case, "group_targeted") == {("r1",)}
    assert atoms(case, "cured") == set()
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.4", fires=True)
@pytest.mark.rule("D2.5", fires=True)
def test_D1_4_D2_5_targeted_group_in_a_state_of_systematic_torture_Saadi_147_148():
    # Saadi §§147-148: where reliable sources report practices manifestly contrary to the
    # Convention, a specific, binding, monitored assurance does not remove the risk.
    case = make_case(risk={"exposure": "group"}, destination={"torture_systematic": True}, assurances=[assurance("torture", **BEST)])
    assert atoms(case, "group_targeted") == {("r1",)}
    assert atoms(case, "weakened") == {("a1",)}
    assert atoms(case, "relied_on") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("D1.4", fires=False)
def test_D1_4_group_exposure_to_the_death_penalty_is_not_a_secret_harm():
    case = make_case(instruments=DEATH_PENALTY_STATE, risk={**DEATH_PENALTY_RISK, "exposure": "group"}, assurances=[DEATH_PENALTY_ASSURANCE])
    assert atoms(case, "group_targeted") == set()
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D1.4", fires=False)
@pytest.mark.parametrize("exposure", ["personal", "general"])
def test_D1_4_no_group_targeting_without_group_exposure(exposure):
    risk = {"exposure": exposure, **({"extreme_violence": True} if exposure == "general" else {})}
    case = make_case(risk=risk, assurances=[assurance("torture", **OTHMAN)])
    assert atoms(case, "group_targeted") == set()
    assert result(case).cured == ["r1"]
    assert verdict(case) == ("permitted", set())


# D2.4: prior ill-treatment in the receiving state (Othman §189(x)).


@pytest.mark.rule("D2.4", fires=True)
def test_D2_4_prior_ill_treatment_weakens_the_assurance_Othman_189_x():
    case = make_case(assurances=[assurance("torture", **OTHMAN, prior_ill_treatment=True)])
    assert atoms(case, "weakened") == {("a1",)}
    assert atoms(case, "relied_on") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)
    assert ("D2.4", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D2.4", fires=False)
def test_D2_4_prior_ill_treatment_does_not_weaken_a_death_penalty_assurance():
    case = make_case(
        instruments=DEATH_PENALTY_STATE,
        risk=DEATH_PENALTY_RISK,
        assurances=[assurance("death_penalty", specific=True, binding=True, prior_ill_treatment=True)],
    )
    assert atoms(case, "weakened") == set()
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert verdict(case) == ("permitted", set())


# D2.5: under Othman, systematic torture is weighed: only an assurance the sending state's courts
# examined in depth survives it (Othman §§188-189, 191-205); Agiza v Sweden (CAT 2005) §13.4 and
# Alzery v Sweden (HRC 2006) §11.5: unexamined assurances from Egypt, where torture was systematic,
# did not protect.


@pytest.mark.rule("D2.5", fires=True)
@pytest.mark.parametrize("features", [OTHMAN, BEST], ids=["othman-factors", "monitored-and-enforceable"])
def test_D2_5_unexamined_assurance_from_a_state_of_systematic_torture_Agiza_Alzery(features):
    case = make_case(destination={"torture_systematic": True}, assurances=[assurance("torture", **features)])
    assert atoms(case, "torture_assurance_excluded") == set()  # weighed, not excluded (Othman)
    assert atoms(case, "weakened") == {("a1",)}
    assert atoms(case, "relied_on") == set()
    assert result(case).cured == []
    assert verdict(case) == ("prohibited", ALL)
    assert ("D2.5", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("D2.5", fires=False)
def test_D2_5_court_examined_assurance_survives_systematic_torture_Othman_191_205():
    case = make_case(destination={"torture_systematic": True}, assurances=[assurance("torture", **OTHMAN, court_examined=True)])
    assert atoms(case, "weakened") == set()
    assert holds(case, "relied_on", "a1", "torture")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D2.5", fires=False)
def test_D2_5_systematic_torture_does_not_weaken_a_death_penalty_assurance_under_Othman():
    case = make_case(
        instruments=DEATH_PENALTY_STATE, risk=DEATH_PENALTY_RISK, destination={"torture_systematic": True}, assurances=[DEATH_PENALTY_ASSURANCE]
    )
    assert atoms(case, "weakened") == set()
    assert holds(case, "relied_on", "a1", "death_penalty")
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("D4.7", fires=True)
def test_D4_7_an_assurance_against_execution_removes_the_risk_of_a_cruel_method():
    assured = [{"by": "BBB", "against": ["death_penalty"], "specific": True, "binding": True}]
    case = make_case(instruments=["iccpr"], risk={"harm": "cruel_execution"}, assurances=assured, variants={"status": "treaty_only"})
    assert atoms(case, "cured") == {("rem", "r1")}
    assert result(case).outcome == "permitted"


@pytest.mark.rule("D4.7", fires=False)
def test_D4_7_an_assurance_on_detention_does_not():
    assured = [{"by": "BBB", "against": ["detention_conditions"], "specific": True, "binding": True}]
    case = make_case(instruments=["iccpr"], risk={"harm": "cruel_execution"}, assurances=assured, variants={"status": "treaty_only"})
    assert result(case).outcome == "prohibited"
