"""F. The forum (encodings/f_forum.lp): the question a body answers, under the law it applies."""

import pytest
from click.testing import CliRunner
from conftest import atoms, make_case, result, rules_in
from nonref.cli import cli
from nonref.explain.graph import explain

EVERY = ["cat", "iccpr", "echr", "echr_p4", "refugee_convention", "crc", "achr", "achpr"]
TORTURE_BY_THE_STATE = {}  # the baseline risk: torture by state agents, substantial grounds, personal


def forum_case(forum, **kw):
    case = make_case(instruments=kw.pop("instruments", EVERY), **kw)
    return case.model_copy(update={"forum": forum})


def prohibiting(case) -> set[str]:
    return {b.article for b in result(case).prohibiting}


@pytest.mark.rule("F1.10", fires=True)
@pytest.mark.rule("F1.11", fires=True)
@pytest.mark.rule("F1.7", fires=False)
@pytest.mark.rule("F1.12", fires=False)
def test_F1_10_without_a_forum_every_instrument_answers():
    case = make_case(instruments=EVERY)
    assert {"cat_3", "echr_3", "iccpr_7", "achr_5", "achpr_5", "customary_human_rights"} <= prohibiting(case)
    assert atoms(case, "forum_applies") == set()
    r = result(case)
    assert r.outside_forum == [] and r.refugee_law != "outside_forum"


@pytest.mark.rule("F1.2", fires=True)
@pytest.mark.rule("F1.7", fires=True)
@pytest.mark.rule("F1.8", fires=True)
@pytest.mark.rule("F1.12", fires=True)
@pytest.mark.rule("F1.10", fires=False)
@pytest.mark.rule("F1.11", fires=False)
def test_F1_2_the_cat_committee_answers_under_cat_art_3_only():
    case = forum_case("cat_committee")
    r = result(case)
    assert r.outcome == "prohibited" and prohibiting(case) == {"cat_3"}
    assert "echr_3" in r.outside_forum and "customary_human_rights" in r.outside_forum
    assert r.refugee_law == "outside_forum"
    assert {("F1.2", True), ("F1.7", True), ("F1.8", True), ("F1.12", True)} <= rules_in(explain(case, "rem"))


@pytest.mark.rule("F1.2", fires=True)
@pytest.mark.rule("F1.8", fires=False)
def test_F1_2_cat_committee_permits_where_only_the_echr_would_prohibit():
    """A risk CAT art. 3 does not cover (ill-treatment short of torture): the Committee finds no
    violation, though ECHR art. 3 would bar the removal."""
    case = forum_case("cat_committee", risk={"harm": "cruel_inhuman_degrading"})
    r = result(case)
    assert r.outcome == "permitted" and r.prohibiting == []
    assert "echr_3" in r.outside_forum
    assert ("cat_3",) in atoms(case, "answered") and ("echr_3",) not in atoms(case, "answered")


@pytest.mark.rule("F1.1", fires=True)
@pytest.mark.rule("F1.3", fires=True)
@pytest.mark.rule("F1.4", fires=True)
@pytest.mark.rule("F1.5", fires=True)
@pytest.mark.rule("F1.6", fires=True)
@pytest.mark.parametrize(
    ("forum", "answers"),
    [
        ("ecthr", {"echr_3"}),
        ("ecommhr", {"echr_3"}),
        ("hrc", {"iccpr_7"}),
        ("iacthr", {"achr_5"}),
        ("iachr", {"achr_5"}),
        ("achpr_commission", {"achpr_5"}),
    ],
)
def test_F1_each_body_answers_under_its_own_treaty(forum, answers):
    assert prohibiting(forum_case(forum)) == answers


@pytest.mark.rule("F1.4", fires=True)
def test_F1_4_the_crc_committee_answers_under_the_crc():
    case = forum_case("crc_committee", person={"child": True})
    assert prohibiting(case) == {"crc_37"}
    assert prohibiting(forum_case("crc_committee")) == set()  # an adult: the CRC does not protect them


@pytest.mark.rule("F1.1", fires=False)
@pytest.mark.rule("F1.2", fires=False)
@pytest.mark.rule("F1.3", fires=False)
@pytest.mark.rule("F1.4", fires=False)
@pytest.mark.rule("F1.5", fires=False)
@pytest.mark.rule("F1.6", fires=False)
@pytest.mark.rule("F1.13", fires=False)
def test_F1_a_body_applies_no_other_treaty_and_finds_nothing_against_a_state_not_bound_by_its_own():
    case = forum_case("hrc", instruments=["echr", "cat", "crc", "achr", "achpr"], person={"child": True})
    assert atoms(case, "forum_applies") == {("iccpr",), ("iccpr_op2",)}
    r = result(case)
    assert r.outcome == "permitted" and set(r.outside_forum) >= {"echr_3", "cat_3", "crc_37", "achr_5", "achpr_5"}


@pytest.mark.rule("F1.9", fires=True)
@pytest.mark.rule("F1.13", fires=True)
def test_F1_9_a_domestic_court_that_applies_custom():
    from nonref.model import Forum

    forum = Forum(body="domestic", state="AAA", applies=["refugee_convention", "customary"], name="Supreme Court")
    case = forum_case(forum, risk={"harm": "persecution", "ground": "religion"})
    assert prohibiting(case) == {"rc_33", "customary_refugee_law"}
    assert {("customary_human_rights",), ("customary_refugee_law",)} <= atoms(case, "answered")
    assert ("F1.13", True) in rules_in(explain(case, "rem"))


@pytest.mark.rule("F1.9", fires=False)
def test_F1_9_a_domestic_court_that_does_not_apply_custom():
    from nonref.model import Forum

    forum = Forum(body="domestic", state="AAA", applies=["echr"])
    case = forum_case(forum)
    assert prohibiting(case) == {"echr_3"}
    assert "customary_human_rights" in result(case).outside_forum


# F2: procedural breaches before a forum


@pytest.mark.rule("F2.7", fires=True)
@pytest.mark.rule("F2.8", fires=False)
def test_F2_7_without_a_forum_every_breach_is_found():
    case = make_case(
        instruments=EVERY, risk={"evidence": "arguable"}, procedure={"suspensive_remedy": False, "collective": True, "individual_assessment": False}
    )
    assert result(case).procedure == ["collective_expulsion", "suspensive_remedy"]


@pytest.mark.rule("F2.1", fires=True)
@pytest.mark.rule("F2.2", fires=True)
@pytest.mark.rule("F2.3", fires=True)
@pytest.mark.rule("F2.8", fires=True)
@pytest.mark.rule("F2.7", fires=False)
@pytest.mark.parametrize(
    ("forum", "found"),
    [
        ("ecthr", ["collective_expulsion", "risk_assessment", "suspensive_remedy"]),
        ("cat_committee", ["risk_assessment", "suspensive_remedy"]),  # CAT has no collective-expulsion clause
        ("hrc", ["risk_assessment", "suspensive_remedy"]),
        ("iacthr", ["collective_expulsion", "risk_assessment"]),  # ACHR art. 22(9)
    ],
)
def test_F2_each_forum_finds_the_breaches_of_its_instruments(forum, found):
    procedure = {"suspensive_remedy": False, "risk_assessed": False, "collective": True, "individual_assessment": False}
    case = forum_case(forum, risk={"evidence": "arguable"}, procedure=procedure)
    assert result(case).procedure == found


@pytest.mark.rule("F2.1", fires=False)
@pytest.mark.rule("F2.2", fires=False)
@pytest.mark.rule("F2.3", fires=False)
@pytest.mark.rule("F2.8", fires=False)
def test_F2_the_crc_committee_finds_no_breach_of_other_instruments():
    procedure = {"suspensive_remedy": False, "collective": True, "individual_assessment": False}
    case = forum_case("crc_committee", risk={"evidence": "arguable"}, procedure=procedure)
    assert result(case).procedure == []


@pytest.mark.rule("F2.4", fires=True)
@pytest.mark.rule("F2.4", fires=False)
def test_F2_4_third_country_examination_is_an_echr_breach():
    procedure = {"third_country_examined": False}
    person = {"status": "asylum_seeker"}
    states = {"CCC": {"name": "Third State"}}
    removals = [{"id": "rem", "by": "AAA", "to": "CCC", "kind": "transfer"}]
    for forum, found in (("ecthr", ["third_country_examination"]), ("hrc", [])):
        case = forum_case(forum, procedure=procedure, person=person, states=states, removals=removals)
        assert result(case).procedure == found, forum


@pytest.mark.rule("F2.5", fires=True)
@pytest.mark.rule("F2.5", fires=False)
def test_F2_5_a_forced_return_called_voluntary_under_every_instrument_but_not_before_a_body_of_another():
    procedure = {"voluntary": {"informed": False, "free": True}}
    assert result(forum_case("cat_committee", procedure=procedure, risk={"evidence": "mere_possibility"})).procedure == ["not_voluntary"]
    assert result(forum_case("hrc", instruments=["echr"], procedure=procedure, risk={"evidence": "mere_possibility"})).procedure == []


@pytest.mark.rule("F2.6", fires=True)
@pytest.mark.rule("F2.9", fires=True)
@pytest.mark.parametrize(
    ("forum", "body", "found"), [("cat_committee", "cat", True), ("ecthr", "cat", False), ("hrc", "hrc", True), ("ecthr", "ecthr", True)]
)
def test_F2_9_a_body_finds_the_breach_of_its_own_interim_measure_only(forum, body, found):
    case = forum_case(forum, procedure={"interim_measure": {"by": body, "complied": False}}, risk={"evidence": "mere_possibility"})
    assert (result(case).procedure == ["interim_measure"]) is found


@pytest.mark.rule("F2.6", fires=False)
@pytest.mark.rule("F2.9", fires=False)
def test_F2_9_no_interim_measure_no_finding():
    case = forum_case("cat_committee", risk={"evidence": "mere_possibility"})
    assert atoms(case, "procedure_finding") == set()


@pytest.mark.rule("F2.10", fires=True)
def test_F2_10_the_khlaifia_remedy_is_an_echr_breach():
    procedure = {"collective": True, "individual_assessment": False, "effective_challenge": False}
    case = forum_case("ecthr", risk={"evidence": "mere_possibility"}, procedure=procedure)
    assert result(case).procedure == ["collective_expulsion", "effective_remedy"]


@pytest.mark.rule("F2.10", fires=False)
def test_F2_10_not_before_the_african_commission():
    procedure = {"collective": True, "individual_assessment": False, "effective_challenge": False}
    case = forum_case("achpr_commission", risk={"evidence": "mere_possibility"}, procedure=procedure)
    assert result(case).procedure == ["collective_expulsion"]


# The forum in the output and on the command line


def test_forum_option_overrides_the_case_and_is_named(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    runner = CliRunner()
    plain = runner.invoke(cli, ["run", str(path)])
    assert plain.exit_code == 0 and "the question of" not in plain.output
    cat = runner.invoke(cli, ["run", str(path), "--forum", "cat_committee"])
    assert cat.exit_code == 0, cat.output
    assert "the question of the Committee against Torture" in cat.output
    assert "outside this forum's question, also prohibiting: ECHR art. 3" in cat.output
    tree = runner.invoke(cli, ["explain", str(path), "--forum", "cat_committee", "--no-sources", "--full"])
    assert "forum: the Committee against Torture (CAT) (--forum)" in tree.output and "F1.2" in tree.output
    bad = runner.invoke(cli, ["run", str(path), "--forum", "ecj"])
    assert bad.exit_code == 2 and "ecj" in bad.output


def test_a_domestic_forum_needs_its_law(tmp_path):
    from nonref.errors import CaseError
    from nonref.loader import loads

    with pytest.raises(CaseError, match=r":2: forum: a domestic court is written"):
        loads(CASE.replace("states:", "forum: domestic\nstates:", 1))
    with pytest.raises(CaseError, match=r"forum.state: expected a declared state"):
        loads(CASE.replace("states:", "forum: {body: domestic, state: ZZZ, applies: [echr]}\nstates:", 1))


CASE = """\
case: {title: T, decided: 2020-01-01}
states:
  AAA: {name: A, bound_by: [cat, echr]}
  BBB: {name: B}
person: {nationality: BBB, status: asylum_seeker, location: {place: territory, state: AAA}}
risks:
  - {id: t, harm: torture, in: BBB, source: state, exposure: personal, evidence: substantial_grounds}
removals:
  - {id: dep, by: AAA, to: BBB, kind: deportation}
"""
