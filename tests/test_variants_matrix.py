"""Variants and dates, compared: the matrix (`nonref variants`), the contrastive explanation
(`nonref diff`) and `--as-of`. Per axis a case whose outcome differs between two values, with
the rule that decides it; and the CAT bar, which no variant moves."""

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REMOVAL, make_case
from nonref.analysis import analyse
from nonref.cli import cli
from nonref.explain.contrast import contrast
from nonref.matrix import variant_matrix
from nonref.variants import AXES

CASES = Path(__file__).parent.parent / "cases"
OTHMAN = {"specific": True, "binding": True, "verifiable": True}
PERSECUTION = {"harm": "persecution", "ground": "political_opinion"}

# axis -> (case, value giving "prohibited", value giving "permitted", the rule that decides)
PER_AXIS = {
    "status": (make_case(instruments=[]), "customary", "treaty_only", "S2.1"),
    "risk_standard": (make_case(risk={"evidence": "some_risk"}), "some_risk", "real_risk", "R3.1"),
    "territorial_scope": (
        make_case(
            instruments=["refugee_convention"],
            risk=PERSECUTION,
            variants={"status": "treaty_only"},
            location={"place": "high_seas", "controlled_by": "AAA"},
        ),
        "effective_control",
        "territorial_only",
        "J2.2",
    ),
    "assurances": (make_case(assurances=[{"by": "BBB", "against": ["torture"], **OTHMAN}]), "never_against_torture", "othman", "D2.1"),
    "art33_reading": (
        make_case(
            instruments=["refugee_convention"],
            risk=PERSECUTION,
            variants={"status": "treaty_only"},
            location={"place": "transit_zone", "state": "AAA"},
        ),
        "collectivist",
        "collectivist_excision",
        "V6.1",
    ),
    "cat_actors": (
        make_case(instruments=["cat"], variants={"status": "treaty_only"}, risk={"source": "quasi_governmental", "state_protection": "unable"}),
        "quasi_governmental",
        "official_involvement",
        "N2.7",
    ),
    "custom_exclusion": (make_case(instruments=[], risk=PERSECUTION, conduct=["excluded_1f"]), "security_and_public_safety", "follows_1f", "P4.2"),
    "derogation_reach": (
        make_case(instruments=["echr"], removing={"derogations": ["echr"]}, risk={"harm": "flagrant_denial_of_justice"}),
        "own_measures",
        "suspends_fair_trial_bar",
        "S6.2",
    ),
    "third_country_test": (
        make_case(
            instruments=["echr"],
            states={"CCC": {"name": "Third State"}},
            destination={"bound_by": ["refugee_convention"], "asylum_procedure": "deficient"},
            risk={"in": "CCC"},
            onward=[{"from": "BBB", "to": "CCC", "because": "deficient_procedure"}],
        ),
        "practice",
        "legal",
        "I2.4",
    ),
}


def test_every_axis_has_a_case_here():
    assert set(PER_AXIS) == set(AXES)


@pytest.mark.parametrize("axis", sorted(PER_AXIS))
def test_each_axis_changes_an_outcome_and_the_contrast_names_the_rule(axis):
    case, prohibits, permits, rule = PER_AXIS[axis]
    assert analyse(case, {axis: prohibits}).removal(REMOVAL).outcome == "prohibited"
    assert analyse(case, {axis: permits}).removal(REMOVAL).outcome == "permitted"
    c = contrast(case, REMOVAL, {axis: prohibits}, {axis: permits})
    assert c.outcomes == ("prohibited", "permitted")
    deciding = {n.rule for side in c.only for n in side}
    assert rule in deciding, deciding


@pytest.mark.parametrize("axis", sorted(PER_AXIS))
def test_the_matrix_agrees_with_separate_runs(axis):
    case = PER_AXIS[axis][0]
    m = variant_matrix(case)
    assert axis in m.axes
    for combo, outcomes in m.cells:
        assert outcomes[REMOVAL] == analyse(case, combo).removal(REMOVAL).outcome, combo


def test_the_cat_bar_holds_under_every_variant():
    case = make_case(instruments=["cat"], conduct=["danger_to_security"], person={"conduct": {"terrorism": "individual_finding"}})
    m = variant_matrix(case)
    assert {o[REMOVAL] for _, o in m.cells} == {"prohibited"}
    assert m.groups(REMOVAL) == [("prohibited", [{}])]
    for combo, _ in m.cells:
        assert "cat_3" in {b.article for b in analyse(case, combo).removal(REMOVAL).prohibiting}


def test_an_axis_no_rule_reads_is_held_not_varied():
    m = variant_matrix(make_case())  # no assurances, no derogation, no art. 1F exclusion, substantial grounds
    assert {"assurances", "risk_standard", "custom_exclusion", "derogation_reach", "territorial_scope", "cat_actors"} <= set(m.irrelevant)
    assert "assurances" not in m.axes
    assert len(m.cells) == len(AXES["status"].values) * len(AXES["art33_reading"].values)


def test_groups_are_boxes_that_cover_exactly():
    case = PER_AXIS["territorial_scope"][0]
    m = variant_matrix(case, fixed={"status": "treaty_only", "art33_reading": "collectivist"})
    assert m.groups(REMOVAL) == [
        ("permitted", [{"territorial_scope": ("territorial_only",)}]),
        ("prohibited", [{"territorial_scope": ("effective_control",)}]),
    ]


def test_hirsi_is_prohibited_under_every_variant():
    """Effective control is human-rights jurisdiction under every reading (Hirsi §§77-82): the
    territorial view of art. 33 no longer changes the ECHR art. 3 holding."""
    m = variant_matrix(CASES / "hirsi-jamaa-v-italy.yaml")
    assert m.groups("push-back") == [("prohibited", [{}])]


# --- the law as at a date (doctrine T1) ---------------------------------------------------------

DEATH_PENALTY = make_case(
    removing={"death_penalty_abolished": True}, risk={"harm": "death_penalty"}, instruments=["iccpr"], variants={"status": "treaty_only"}
)
ILLNESS = make_case(
    instruments=["echr"],
    variants={"status": "treaty_only"},
    risk={
        "harm": "serious_illness",
        "source": "none",
        "exposure": "personal",
        "illness": {"critically_ill": False, "treatment_accessible": False, "rapid_irreversible_decline": True},
    },
)


# The dated rules that can conclude the same thing: the why-not of the earlier date names one.
DATED_ALTERNATIVES = {"H3.3": {"H3.3", "H3.4", "H3.5"}, "H9.3": {"H9.3"}}


@pytest.mark.parametrize(
    "case, before, after, rule",
    [
        (DEATH_PENALTY, dt.date(1993, 7, 30), dt.date(2003, 8, 5), "H3.3"),  # Kindler -> Judge
        (ILLNESS, dt.date(2008, 5, 27), dt.date(2016, 12, 13), "H9.3"),  # N v UK -> Paposhvili
    ],
)
def test_each_dated_change_moves_the_outcome_on_its_date(case, before, after, rule):
    assert analyse(case, as_of=before).removal(REMOVAL).outcome == "permitted"
    assert analyse(case, as_of=after).removal(REMOVAL).outcome == "prohibited"
    c = contrast(case, REMOVAL, {"as_of": before.isoformat()}, {"as_of": after.isoformat()})
    assert {n.rule for n in c.only[1] if n.applies} >= {rule}
    assert {n.rule for n in c.only[0] if not n.applies} & DATED_ALTERNATIVES[rule]


def test_interim_measures_bind_from_Mamatkulov():
    case = make_case(risk={"evidence": "arguable"}, procedure={"interim_measure": {"by": "ecthr", "complied": False}})
    assert analyse(case, as_of=dt.date(2005, 2, 3)).removal(REMOVAL).procedure == []
    assert analyse(case, as_of=dt.date(2005, 2, 4)).removal(REMOVAL).procedure == ["interim_measure"]


def test_the_matrix_compares_dates():
    m = variant_matrix(DEATH_PENALTY, fixed={"status": "treaty_only"}, dates=[dt.date(1993, 7, 30), dt.date(2003, 8, 5)])
    assert m.axes["as_of"] == ("1993-07-30", "2003-08-05")
    assert m.groups(REMOVAL) == [("permitted", [{"as_of": ("1993-07-30",)}]), ("prohibited", [{"as_of": ("2003-08-05",)}])]


def test_an_explanation_says_the_date_came_from_the_command_line():
    from nonref.explain.graph import explain

    graph = explain(DEATH_PENALTY, REMOVAL, as_of=dt.date(2003, 8, 5))
    assert "case.assessed_on: 2003-08-05 (--as-of)" in {n.label for n in graph.nodes.values() if n.kind == "fact"}


# --- the command line -----------------------------------------------------------------------


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_variants_table_and_json():
    hirsi = CASES / "hirsi-jamaa-v-italy.yaml"
    out = invoke("variants", hirsi)
    assert out.exit_code == 0, out.output
    assert "PROHIBITED" in out.output and "PERMITTED" not in out.output
    assert "no rule of this case reads: assurances" in out.output
    data = json.loads(invoke("variants", hirsi, "--format", "json", "--variant", "status=jus_cogens").output)
    assert data["held"]["status"] == "jus_cogens" and "status" not in data["axes"]


def test_cli_diff_and_as_of():
    chahal = CASES / "chahal-v-uk.yaml"
    out = invoke(
        "diff", chahal, "--from", "status=customary", "--from", "forum=none", "--to", "status=jus_cogens", "--to", "forum=none", "--no-sources"
    )
    assert out.exit_code == 0, out.output
    assert "E1.2 applies" in out.output and "E2.2 applies" in out.output
    # before the European Court (the case's forum), the status of custom changes nothing
    same = invoke("diff", chahal, "--from", "status=customary", "--to", "status=jus_cogens", "--no-sources")
    assert "the outcome and its justification are the same" in same.output
    forums = invoke("diff", chahal, "--from", "forum=ecthr", "--to", "forum=cat_committee", "--no-sources")
    assert forums.exit_code == 0 and "F1.7 applies" in forums.output, forums.output
    assert "prohibiting only under forum=cat_committee: CAT art. 3 prohibits" in forums.output
    run = invoke("run", chahal, "--as-of", "1990-01-01", "--format", "json")
    assert json.loads(run.output)["assessed_on"] == "1990-01-01"


@pytest.mark.parametrize(
    "args, message",
    [
        (("--from", "status=nonsense", "--to", "status=customary"), "variant status: expected one of"),
        (("--from", "as_of=1990-02-30", "--to", "status=customary"), "--from: expected a date"),
        (("--from", "status", "--to", "status=customary"), "--from: expected axis=value"),
    ],
)
def test_cli_diff_rejects_bad_settings_in_one_line(args, message):
    out = invoke("diff", CASES / "chahal-v-uk.yaml", *args)
    assert out.exit_code == 2 and message in out.output and "Traceback" not in out.output
