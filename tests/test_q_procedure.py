"""Q. Procedure (encodings/q_procedure.lp): findings beside the outcome on the merits."""

import pytest
from conftest import atoms, holds, make_case, result, rules_in, verdict
from nonref.explain.graph import explain

ALL = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
P4 = ["cat", "iccpr", "echr", "echr_p4", "refugee_convention"]
NO_RISK = {"evidence": "mere_possibility"}  # safe on the merits, so only procedure is at stake
ARGUABLE = {"evidence": "arguable"}
GROUP = {"collective": True, "individual_assessment": False}


# Q1: collective expulsion


@pytest.mark.rule("Q1.1", fires=True)
@pytest.mark.parametrize("instrument", ["echr_p4", "achr", "achpr"])
def test_Q1_1_instruments_that_ban_collective_expulsion(instrument):
    case = make_case(instruments=["cat", instrument])
    assert atoms(case, "bans_collective_expulsion") == {("AAA",)}


@pytest.mark.rule("Q1.1", fires=False)
@pytest.mark.rule("Q1.2", fires=False)
def test_Q1_1_Q1_2_the_echr_without_protocol_4_does_not_ban_it():
    case = make_case(risk=NO_RISK, procedure=GROUP)  # AAA: ECHR but not Protocol 4
    assert atoms(case, "bans_collective_expulsion") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.2", fires=True)
def test_Q1_2_group_expulsion_without_individual_examination_Hirsi_Jamaa():
    case = make_case(instruments=P4, risk=NO_RISK, procedure=GROUP)
    assert atoms(case, "breach") == {("rem", "collective_expulsion")}
    r = result(case)
    assert r.procedure == ["collective_expulsion"]
    assert r.outcome == "permitted"  # a breach of procedure even though safe on the merits


@pytest.mark.rule("Q1.2", fires=True)
def test_Q1_2_finding_sits_beside_a_prohibition_on_the_merits():
    case = make_case(instruments=P4, procedure=GROUP)
    r = result(case)
    assert r.procedure == ["collective_expulsion"]
    assert verdict(case) == ("prohibited", ALL)
    assert ("Q1.2", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("Q1.2", fires=False)
def test_Q1_2_genuine_opportunity_to_object_Khlaifia():
    case = make_case(instruments=P4, risk=NO_RISK, procedure={"collective": True, "individual_assessment": True})
    assert not holds(case, "breach", "rem", "collective_expulsion")
    assert result(case).procedure == []


@pytest.mark.rule("Q1.2", fires=False)
def test_Q1_2_not_for_a_national():
    case = make_case(instruments=P4, risk=NO_RISK, procedure=GROUP, person={"status": "national", "nationality": "AAA"})
    assert not holds(case, "breach", "rem", "collective_expulsion")
    assert result(case).procedure == []


@pytest.mark.rule("Q1.3", fires=True)
@pytest.mark.rule("Q1.2", fires=False)
def test_Q1_3_own_culpable_conduct_with_legal_entry_available_ND_and_NT():
    case = make_case(instruments=P4, risk=NO_RISK, procedure={**GROUP, "own_culpable_conduct": True, "legal_entry_available": True})
    assert atoms(case, "own_conduct_exception") == {("rem",)}
    assert atoms(case, "breach") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.3", fires=False)
@pytest.mark.rule("Q1.2", fires=True)
def test_Q1_3_own_conduct_is_no_excuse_without_legal_entry_available():
    case = make_case(instruments=P4, risk=NO_RISK, procedure={**GROUP, "own_culpable_conduct": True})
    assert atoms(case, "own_conduct_exception") == set()
    assert result(case).procedure == ["collective_expulsion"]


@pytest.mark.rule("Q1.3", fires=False)
def test_Q1_3_legal_entry_available_alone_is_not_own_conduct():
    case = make_case(instruments=P4, risk=NO_RISK, procedure={**GROUP, "legal_entry_available": True})
    assert atoms(case, "own_conduct_exception") == set()
    assert result(case).procedure == ["collective_expulsion"]


# Q1.4-Q2: arguable claims, rigorous examination and a suspensive remedy


@pytest.mark.rule("Q1.4", fires=True)
@pytest.mark.parametrize("evidence", ["arguable", "some_risk", "substantial_grounds"])
def test_Q1_4_credible_claims_are_arguable(evidence):
    case = make_case(risk={"evidence": evidence})
    assert atoms(case, "arguable_claim") == {("rem",)}


@pytest.mark.rule("Q1.4", fires=False)
def test_Q1_4_mere_possibility_is_not_an_arguable_claim():
    case = make_case(risk=NO_RISK, procedure={"risk_assessed": False, "suspensive_remedy": False})
    assert atoms(case, "arguable_claim") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.4", fires=False)
def test_Q1_4_risk_in_a_state_the_person_is_not_sent_to():
    case = make_case(states={"CCC": {"name": "Third State"}}, risk={"in": "CCC"}, procedure={"suspensive_remedy": False})
    assert atoms(case, "arguable_claim") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.5", fires=True)
def test_Q1_5_arguable_claim_not_examined_Agiza():
    case = make_case(risk=ARGUABLE, procedure={"risk_assessed": False})
    assert atoms(case, "breach") == {("rem", "risk_assessment")}
    r = result(case)
    assert r.procedure == ["risk_assessment"]
    assert r.outcome == "permitted"  # an arguable claim is not a real risk, but must be examined


@pytest.mark.rule("Q1.5", fires=False)
@pytest.mark.rule("Q2.1", fires=False)
def test_Q1_5_Q2_1_examined_claim_with_suspensive_remedy():
    case = make_case(risk=ARGUABLE)  # the procedure defaults to every safeguard in place
    assert atoms(case, "breach") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q2.1", fires=True)
def test_Q2_1_no_suspensive_remedy_for_an_arguable_claim_Gebremedhin():
    case = make_case(risk=ARGUABLE, procedure={"suspensive_remedy": False})
    assert atoms(case, "breach") == {("rem", "suspensive_remedy")}
    assert result(case).procedure == ["suspensive_remedy"]
    assert ("Q2.1", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("Q2.1", fires=False)
def test_Q2_1_no_remedy_needed_without_an_arguable_claim():
    case = make_case(risk=NO_RISK, procedure={"suspensive_remedy": False})
    assert atoms(case, "breach") == set()
    assert result(case).procedure == []


# Q2.2-Q2.5: the remedy owed for a complaint of collective expulsion, Čonka to Khlaifia

GROUP_NO_REMEDY = {**GROUP, "suspensive_remedy": False}


@pytest.mark.rule("Q2.5", fires=True)
@pytest.mark.rule("Q2.2", fires=True)
@pytest.mark.rule("Q2.3", fires=False)
def test_Q2_2_between_Conka_and_Khlaifia_a_collective_complaint_needs_a_suspensive_remedy():
    case = make_case(instruments=P4, risk=NO_RISK, procedure=GROUP_NO_REMEDY, assessed_on="2010-01-01")
    assert atoms(case, "collective_complaint") == {("rem",)}
    assert atoms(case, "khlaifia_reading") == set()
    assert result(case).procedure == ["collective_expulsion", "suspensive_remedy"]


@pytest.mark.rule("Q2.2", fires=False)
def test_Q2_2_not_before_Conka():
    case = make_case(instruments=P4, risk=NO_RISK, procedure=GROUP_NO_REMEDY, assessed_on="2002-02-04")
    assert result(case).procedure == ["collective_expulsion"]


@pytest.mark.rule("Q2.3", fires=True)
@pytest.mark.rule("Q2.2", fires=False)
@pytest.mark.rule("Q2.4", fires=False)
def test_Q2_3_from_Khlaifia_no_suspensive_remedy_for_collective_expulsion_alone():
    case = make_case(instruments=P4, risk=NO_RISK, procedure=GROUP_NO_REMEDY, assessed_on="2016-12-15")
    assert atoms(case, "khlaifia_reading") == {()}
    assert result(case).procedure == ["collective_expulsion"]  # an effective challenge was possible


@pytest.mark.rule("Q2.4", fires=True)
def test_Q2_4_from_Khlaifia_an_effective_possibility_to_challenge_is_owed():
    case = make_case(instruments=P4, risk=NO_RISK, procedure={**GROUP_NO_REMEDY, "effective_challenge": False}, assessed_on="2020-01-01")
    assert result(case).procedure == ["collective_expulsion", "effective_remedy"]
    assert ("Q2.4", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("Q2.4", fires=False)
def test_Q2_4_an_arguable_claim_of_risk_needs_the_suspensive_remedy_instead():
    case = make_case(instruments=P4, risk=ARGUABLE, procedure={**GROUP_NO_REMEDY, "effective_challenge": False}, assessed_on="2020-01-01")
    assert result(case).procedure == ["collective_expulsion", "suspensive_remedy"]


@pytest.mark.rule("Q2.5", fires=False)
def test_Q2_5_no_collective_complaint_without_protocol_4_or_group_measure():
    assert atoms(make_case(risk=NO_RISK, procedure=GROUP_NO_REMEDY), "collective_complaint") == set()  # AAA: no Protocol 4
    assert atoms(make_case(instruments=P4, risk=NO_RISK, procedure={"suspensive_remedy": False}), "collective_complaint") == set()


# Q5: an unaccompanied child returned without the safeguards owed (CRC)

CHILD = {"child": True, "unaccompanied": True}
CRC = ["cat", "iccpr", "echr", "refugee_convention", "crc"]


@pytest.mark.rule("Q5.1", fires=True)
@pytest.mark.rule("Q5.2", fires=True)
@pytest.mark.rule("Q5.3", fires=True)
@pytest.mark.rule("Q5.4", fires=True)
@pytest.mark.parametrize(("missing", "rule"), [("child_identified", "Q5.2"), ("guardian", "Q5.3"), ("best_interests_assessed", "Q5.4")])
def test_Q5_returning_an_unaccompanied_child_without_a_safeguard_violates_the_crc_DD_v_Spain(missing, rule):
    case = make_case(instruments=CRC, person=CHILD, risk=NO_RISK, procedure={missing: False})
    r = result(case)
    assert r.outcome == "prohibited"  # a violation on the merits, not only a procedural note
    assert [(b.article, b.harm, b.place) for b in r.prohibiting] == [("crc_3_20", "child_safeguards", "AAA")]
    assert not r.lawful_with_assurance  # no assurance from the destination supplies the safeguard
    assert {("Q5.1", True), (rule, True)} <= rules_in(explain(case, "rem"))


@pytest.mark.rule("Q5.1", fires=False)
@pytest.mark.parametrize(
    "change",
    [
        {"person": {"child": True, "unaccompanied": False}},  # accompanied: the parents are there
        {"assessed_on": "2019-01-31"},  # before the Committee's views of 2019
        {"instruments": ["cat", "iccpr", "echr", "refugee_convention"]},  # not bound by the CRC
    ],
)
def test_Q5_1_not_for_an_accompanied_child_before_2019_or_without_the_crc(change):
    base = {"instruments": CRC, "person": CHILD, "risk": NO_RISK, "procedure": {"guardian": False}}
    case = make_case(**{**base, **change})
    assert result(case).outcome == "permitted"


@pytest.mark.rule("Q5.2", fires=False)
@pytest.mark.rule("Q5.3", fires=False)
@pytest.mark.rule("Q5.4", fires=False)
def test_Q5_every_safeguard_in_place():
    case = make_case(instruments=CRC, person=CHILD, risk=NO_RISK)
    assert atoms(case, "child_safeguard_missing") == set()
    assert result(case).outcome == "permitted"


def test_Q5_unaccompanied_needs_a_child():
    with pytest.raises(ValueError, match="child: true"):
        make_case(person={"unaccompanied": True})


# Q3: interim measures


def interim(by: str, complied: bool, **dates: str) -> dict:
    return {"interim_measure": {"by": by, "complied": complied, **dates}}


@pytest.mark.rule("Q3.1", fires=True)
@pytest.mark.rule("Q3.4", fires=True)
def test_Q3_1_ignoring_rule_39_after_Mamatkulov():
    case = make_case(procedure=interim("ecthr", False), assessed_on="2005-02-04")
    assert atoms(case, "breach") == {("rem", "interim_measure")}
    assert result(case).procedure == ["interim_measure"]


@pytest.mark.rule("Q3.1", fires=False)
@pytest.mark.rule("Q3.4", fires=False)
@pytest.mark.parametrize("body", ["ecthr", "ecommhr"])
def test_Q3_1_rule_39_and_rule_36_not_binding_before_Mamatkulov_Cruz_Varas(body):
    case = make_case(procedure=interim(body, False), assessed_on="2005-02-03")
    assert atoms(case, "binding_measure") == set()
    assert result(case).procedure == [] and result(case).obligations == []


@pytest.mark.rule("Q3.1", fires=False)
def test_Q3_1_the_former_commissions_rule_36_never_bound():
    case = make_case(procedure=interim("ecommhr", True), assessed_on="2010-01-01")
    assert atoms(case, "binding_measure") == set() and result(case).obligations == []


@pytest.mark.rule("Q3.1", fires=False)
@pytest.mark.rule("Q3.2", fires=False)
@pytest.mark.rule("Q3.4", fires=False)
@pytest.mark.rule("Q3.3", fires=True)
@pytest.mark.parametrize("body", ["ecthr", "hrc", "cat", "crc", "iacthr", "iachr"])
def test_Q3_3_complied_interim_measure_is_an_obligation_in_force_not_a_breach(body):
    case = make_case(procedure=interim(body, True))
    assert atoms(case, "suspended") == {("rem",)}
    assert atoms(case, "breach") == set()
    r = result(case)
    assert r.procedure == [] and r.obligations == ["interim_measure_in_force"]


@pytest.mark.rule("Q3.2", fires=True)
@pytest.mark.rule("Q3.10", fires=True)
@pytest.mark.rule("Q3.4", fires=True)
@pytest.mark.parametrize("body", ["hrc", "cat"])
def test_Q3_2_ignoring_a_treaty_body_interim_measure(body):
    case = make_case(procedure=interim(body, False), assessed_on="2001-01-01")  # no Mamatkulov date
    assert atoms(case, "breach") == {("rem", "interim_measure")}
    assert result(case).procedure == ["interim_measure"]


@pytest.mark.rule("Q3.5", fires=True)
@pytest.mark.rule("Q3.6", fires=True)
@pytest.mark.rule("Q3.7", fires=True)
@pytest.mark.parametrize(("body", "rule"), [("crc", "Q3.5"), ("iacthr", "Q3.6"), ("iachr", "Q3.7")])
def test_Q3_5_to_7_measures_of_the_crc_committee_and_the_inter_american_bodies_bind(body, rule):
    case = make_case(procedure=interim(body, False))
    assert atoms(case, "breach") == {("rem", "interim_measure")}
    assert ((rule, True)) in rules_in(explain(case, "rem"))


@pytest.mark.rule("Q3.2", fires=False)
@pytest.mark.rule("Q3.10", fires=False)
@pytest.mark.rule("Q3.5", fires=False)
@pytest.mark.rule("Q3.6", fires=False)
@pytest.mark.rule("Q3.7", fires=False)
def test_Q3_no_measure_no_binding_measure():
    assert atoms(make_case(), "binding_measure") == set()


@pytest.mark.rule("Q3.3", fires=False)
def test_Q3_3_not_in_force_once_the_state_removed_despite_it():
    case = make_case(procedure=interim("ecthr", False))
    assert atoms(case, "suspended") == set()
    assert result(case).obligations == []


@pytest.mark.rule("Q3.3", fires=True)
def test_Q3_3_explained_beside_the_outcome():
    g = explain(make_case(procedure=interim("ecthr", True)), "rem")
    assert ("Q3.3", True) in rules_in(g)


@pytest.mark.rule("Q3.8", fires=True)
@pytest.mark.rule("Q3.3", fires=False)
@pytest.mark.rule("Q3.4", fires=False)
@pytest.mark.parametrize("complied", [True, False])
def test_Q3_8_a_measure_indicated_after_the_assessment_date_cannot_have_been_breached(complied):
    case = make_case(procedure=interim("ecthr", complied, indicated_on="2020-06-01"), assessed_on="2020-01-01")
    assert atoms(case, "not_yet_indicated") == {("rem",)}
    r = result(case)
    assert r.procedure == [] and r.obligations == []


@pytest.mark.rule("Q3.8", fires=False)
def test_Q3_8_a_measure_indicated_before_the_assessment_date_stands():
    case = make_case(procedure=interim("ecthr", False, indicated_on="2019-06-01"), assessed_on="2020-01-01")
    assert atoms(case, "not_yet_indicated") == set()
    assert result(case).procedure == ["interim_measure"]


@pytest.mark.rule("Q3.9", fires=True)
@pytest.mark.rule("Q3.3", fires=False)
def test_Q3_9_a_measure_lapses_with_the_final_decision():
    case = make_case(procedure=interim("ecthr", True, indicated_on="2019-06-01", until="2019-12-31"), assessed_on="2020-01-01")
    assert atoms(case, "lapsed") == {("rem",)}
    assert result(case).obligations == []


@pytest.mark.rule("Q3.9", fires=False)
def test_Q3_9_a_measure_still_standing_at_the_assessment_date():
    case = make_case(procedure=interim("ecthr", True, indicated_on="2019-06-01", until="2020-01-02"), assessed_on="2020-01-01")
    assert atoms(case, "lapsed") == set()
    assert result(case).obligations == ["interim_measure_in_force"]


@pytest.mark.rule("Q3.2", fires=False)
def test_Q3_2_before_Piandiong_the_human_rights_committee_only_regretted_non_compliance_Ng_v_Canada():
    case = make_case(procedure=interim("hrc", False), assessed_on="1993-11-05")
    assert atoms(case, "binding_measure") == set() and result(case).procedure == []
    assert result(make_case(procedure=interim("cat", False), assessed_on="1993-11-05")).procedure == ["interim_measure"]


def test_Q3_a_measure_cannot_lapse_before_it_is_indicated():
    with pytest.raises(ValueError, match="on or after indicated_on"):
        make_case(procedure=interim("ecthr", True, indicated_on="2019-06-01", until="2019-01-01"))


# Q4: voluntary return


def voluntary(informed: bool, free: bool) -> dict:
    return {"voluntary": {"informed": informed, "free": free}}


@pytest.mark.rule("Q4.1", fires=True)
@pytest.mark.rule("Q4.2", fires=False)
@pytest.mark.rule("Q4.3", fires=False)
@pytest.mark.rule("Q4.4", fires=False)
def test_Q4_1_genuinely_voluntary_return_is_not_a_removal():
    case = make_case(procedure=voluntary(True, True))
    assert atoms(case, "genuinely_voluntary") == {("rem",)}
    assert atoms(case, "sent") == set()
    assert atoms(case, "exposed") == set()
    assert atoms(case, "breach") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("Q4.1", fires=False)
@pytest.mark.rule("Q4.3", fires=True)
@pytest.mark.rule("Q4.4", fires=True)
@pytest.mark.parametrize("informed, free", [(True, False), (False, True)], ids=["coerced", "uninformed"])
def test_Q4_3_Q4_4_return_called_voluntary_without_real_consent_is_forced(informed, free):
    case = make_case(procedure=voluntary(informed, free))
    assert atoms(case, "genuinely_voluntary") == set()
    assert atoms(case, "sent") == {("rem", "BBB")}
    r = result(case)
    assert r.procedure == ["not_voluntary"]
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("Q4.4", fires=True)
def test_Q4_4_coerced_return_is_explained_as_sending():
    g = explain(make_case(procedure=voluntary(True, False)), "rem")
    assert {("Q4.4", True), ("Q4.3", True)} <= rules_in(g)
    assert ("Q4.2", True) not in rules_in(g)


@pytest.mark.rule("Q4.2", fires=True)
@pytest.mark.rule("Q4.3", fires=False)
def test_Q4_2_ordinary_removal_sends_the_person():
    case = make_case()
    assert atoms(case, "sent") == {("rem", "BBB")}
    assert atoms(case, "breach") == set()
    assert verdict(case) == ("prohibited", ALL)


# Q1.4, Q1.6-Q1.8: an arguable claim needs a bar the removing state owes for the harm claimed.

PERSECUTION = {"harm": "persecution", "ground": "political_opinion", "evidence": "arguable"}
HIGH_SEAS = {"place": "high_seas", "controlled_by": "AAA"}
UNEXAMINED = {"risk_assessed": False}


def interception(instruments: list[str], scope: str, **changes):
    """A person intercepted on the high seas by AAA's vessel, claiming persecution at home."""
    return make_case(
        instruments=instruments, risk=PERSECUTION, location=HIGH_SEAS, variants={"territorial_scope": scope}, procedure=UNEXAMINED, **changes
    )


@pytest.mark.rule("Q1.4", fires=True)
@pytest.mark.rule("Q1.7", fires=True)
@pytest.mark.rule("Q1.5", fires=True)
@pytest.mark.parametrize("instruments", [["refugee_convention"], ["refugee_protocol"], []], ids=["convention", "protocol", "custom"])
def test_Q1_4_Q1_7_persecution_claim_at_sea_under_effective_control_Hirsi_Jamaa(instruments):
    # Hirsi Jamaa (GC) 2012: those intercepted on the high seas had to be given access to a procedure.
    case = interception(instruments, "effective_control")
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert atoms(case, "arguable_claim") == {("rem",)}
    r = result(case)
    assert r.procedure == ["risk_assessment"]
    assert r.outcome == "permitted"  # an arguable claim only: a procedural finding


@pytest.mark.rule("Q1.4", fires=False)
@pytest.mark.rule("Q1.7", fires=False)
@pytest.mark.rule("Q1.6", fires=False)
@pytest.mark.rule("Q1.8", fires=False)
@pytest.mark.parametrize("instruments", [["refugee_protocol"], []], ids=["protocol", "custom"])
def test_Q1_4_Q1_7_persecution_claim_at_sea_under_the_territorial_view_Sale(instruments):
    # Sale v Haitian Centers Council 1993: art. 33 does not reach interdiction on the high seas.
    # No human-rights treaty binds AAA, and persecution as such is outside the human-rights limb.
    case = interception(instruments, "territorial_only")
    assert holds(case, "within_jurisdiction", "AAA")  # human-rights jurisdiction still holds (J2.1)
    assert atoms(case, "refugee_law_reaches") == set()
    assert atoms(case, "claim_owed") == set()
    assert atoms(case, "arguable_claim") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.7", fires=True)
def test_Q1_7_territorial_view_still_reaches_a_claim_made_on_the_territory():
    case = make_case(instruments=["refugee_convention"], risk=PERSECUTION, variants={"territorial_scope": "territorial_only"}, procedure=UNEXAMINED)
    assert atoms(case, "refugee_law_reaches") == {("AAA",)}
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert result(case).procedure == ["risk_assessment"]


@pytest.mark.rule("Q1.7", fires=False)
def test_Q1_7_treaty_only_state_owing_no_refugee_bar():
    case = make_case(instruments=["cat"], risk=PERSECUTION, variants={"status": "treaty_only"}, procedure=UNEXAMINED)
    assert atoms(case, "claim_owed") == set()
    assert atoms(case, "arguable_claim") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.8", fires=True)
@pytest.mark.rule("Q1.4", fires=True)
@pytest.mark.parametrize("scope", ["effective_control", "territorial_only"])
def test_Q1_8_achr_22_8_claim_at_sea_whatever_the_reach_of_art_33_Pacheco_Tineo(scope):
    # ACHR art. 22(8) protects any alien within the state's jurisdiction (OC-21/14); the
    # territorial view of art. 33 does not restrict it.
    case = interception(["achr"], scope)
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert atoms(case, "arguable_claim") == {("rem",)}
    assert result(case).procedure == ["risk_assessment"]


@pytest.mark.rule("Q1.8", fires=True)
def test_Q1_8_oau_2_3_claim():
    case = interception(["oau_refugee_convention"], "territorial_only")
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert result(case).procedure == ["risk_assessment"]


@pytest.mark.rule("Q1.8", fires=False)
@pytest.mark.rule("Q1.6", fires=False)
def test_Q1_8_iccpr_state_under_the_territorial_view_owes_no_persecution_claim():
    case = interception(["iccpr"], "territorial_only")
    assert atoms(case, "claim_owed") == set()
    assert result(case).procedure == []


FLAGRANT = {"harm": "flagrant_denial_of_justice", "evidence": "arguable"}


@pytest.mark.rule("Q1.6", fires=True)
@pytest.mark.rule("Q1.4", fires=True)
def test_Q1_6_flagrant_denial_of_justice_claim_against_an_echr_state_Othman():
    # Othman v UK 2012 §§258-262: ECHR art. 6 bars removal to a flagrant denial of justice.
    case = make_case(risk=FLAGRANT, procedure={"risk_assessed": False, "suspensive_remedy": False})
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert atoms(case, "arguable_claim") == {("rem",)}
    assert result(case).procedure == ["risk_assessment", "suspensive_remedy"]


@pytest.mark.rule("Q1.6", fires=False)
@pytest.mark.rule("Q1.4", fires=False)
def test_Q1_6_no_procedural_duty_for_a_harm_no_owed_article_covers():
    case = make_case(
        instruments=["cat", "iccpr", "refugee_convention"], risk=FLAGRANT, procedure={"risk_assessed": False, "suspensive_remedy": False}
    )
    assert atoms(case, "claim_owed") == set()
    assert atoms(case, "arguable_claim") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.6", fires=True)
def test_Q1_6_torture_claim_engages_the_removing_state_through_custom():
    case = make_case(instruments=[], risk={"evidence": "arguable"}, procedure={"suspensive_remedy": False})
    assert atoms(case, "claim_owed") == {("rem", "r1")}
    assert result(case).procedure == ["suspensive_remedy"]


# A risk that prohibits the removal on the merits must also be an arguable claim: these bars are
# not reached by Q1.6-Q1.8 (see the reasons).

NO_REMEDY = {"suspensive_remedy": False}


@pytest.mark.rule("Q1.10", fires=True)
def test_Q1_10_juvenile_offender_death_penalty_claim_against_a_crc_state():
    case = make_case(instruments=["crc"], risk={"harm": "death_penalty", "offence_under_18": True}, procedure=NO_REMEDY)
    assert verdict(case) == ("prohibited", {"crc_37"})
    assert atoms(case, "arguable_claim") == {("rem",)}
    assert result(case).procedure == ["suspensive_remedy"]


@pytest.mark.rule("Q1.9", fires=True)
def test_Q1_9_harmful_practice_claim_against_a_cat_state():
    case = make_case(
        instruments=["cat"], risk={"harm": "harmful_practice", "source": "non_state", "state_protection": "unwilling"}, procedure=NO_REMEDY
    )
    assert verdict(case) == ("prohibited", {"cat_3"})
    assert atoms(case, "arguable_claim") == {("rem",)}
    assert result(case).procedure == ["suspensive_remedy"]


@pytest.mark.rule("Q1.11", fires=True)
def test_Q1_11_oau_generalised_violence_claim_without_a_ground():
    case = make_case(
        instruments=["oau_refugee_convention"],
        procedure=NO_REMEDY,
        risk={"harm": "generalised_violence", "source": "non_state", "state_protection": "unable", "exposure": "general", "extreme_violence": True},
    )
    assert verdict(case) == ("prohibited", {"oau_2_3"})
    assert atoms(case, "arguable_claim") == {("rem",)}
    assert result(case).procedure == ["suspensive_remedy"]


@pytest.mark.rule("Q1.6", fires=False)
def test_Q1_6_crc_claim_of_an_adult():
    case = make_case(instruments=["crc"], risk={"harm": "destitution", "source": "none", "evidence": "arguable"}, procedure=NO_REMEDY)
    assert atoms(case, "claim_owed") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.6", fires=False)
def test_Q1_6_eu_charter_claim_outside_eu_law():
    case = make_case(
        instruments=["eu_charter"],
        risk={"harm": "death_penalty", "evidence": "arguable"},
        procedure=NO_REMEDY,
        removals=[{"id": "rem", "by": "AAA", "to": "BBB", "kind": "deportation", "eu_law": False}],
    )
    assert atoms(case, "claim_owed") == set()
    assert result(case).procedure == []


@pytest.mark.rule("Q1.9", fires=False)
def test_Q1_9_ill_treatment_short_of_torture_engages_no_cat_duty():
    case = make_case(
        instruments=["cat"], variants={"status": "treaty_only"}, risk={"harm": "cruel_inhuman_degrading", "evidence": "arguable"}, procedure=NO_REMEDY
    )
    assert not holds(case, "claim_owed", "rem", "r1")
    assert result(case).procedure == []


@pytest.mark.rule("Q1.10", fires=False)
def test_Q1_10_adult_offence_death_penalty_engages_no_crc_duty():
    case = make_case(
        instruments=["crc"], variants={"status": "treaty_only"}, risk={"harm": "death_penalty", "evidence": "arguable"}, procedure=NO_REMEDY
    )
    assert not holds(case, "claim_owed", "rem", "r1")
    assert result(case).procedure == []


@pytest.mark.rule("Q1.11", fires=False)
def test_Q1_11_general_violence_engages_no_duty_of_a_state_outside_the_oau_convention():
    case = make_case(
        instruments=["refugee_convention"],
        variants={"status": "treaty_only"},
        procedure=NO_REMEDY,
        risk={"harm": "generalised_violence", "source": "non_state", "state_protection": "unable", "exposure": "general", "evidence": "arguable"},
    )
    assert not holds(case, "claim_owed", "rem", "r1")
    assert result(case).procedure == []
