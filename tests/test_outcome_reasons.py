"""Why a permitted removal is permitted: the reasons read from the same answer set."""

from pathlib import Path

import pytest
from conftest import make_case, result
from nonref import analyse
from nonref.render import why_no_bar

CASES = Path(__file__).parent.parent / "cases"


def test_vilvarajah_fails_proof_and_individual_exposure_but_not_severity():
    r = analyse(CASES / "vilvarajah-v-uk.yaml").removals[0]
    assert r.outcome == "permitted" and r.real_risks == []
    [codes] = r.unmet.values()
    assert codes == ["standard_of_proof", "individual_exposure"]
    assert "not personal" in why_no_bar(r) and "severity" not in why_no_bar(r)


def test_babar_ahmad_fails_only_on_severity():
    r = analyse(CASES / "babar-ahmad-v-uk.yaml").removals[0]
    assert r.outcome == "permitted"
    assert set(map(tuple, r.unmet.values())) == {("severity",)}


def test_prohibited_removal_has_no_unmet_conditions():
    r = analyse(CASES / "chahal-v-uk.yaml").removals[0]
    assert r.outcome == "prohibited" and r.unmet == {} and r.real_risks == ["torture-punjab-police"]


SAFE_NORTH = {"internal_relocation": {"area": "north", "safe_travel": True, "admittance": True, "no_risk_there": True}}


@pytest.mark.parametrize(
    "change, code, assessed_on",
    [
        ({"state_protection": "available", "source": "non_state"}, "source", "2020-01-01"),
        # before CAT GC 4 (2017): from then on relocation no longer defeats CAT art. 3 (GC 4 §47)
        (SAFE_NORTH, "internal_relocation", "2010-01-01"),
        ({"evidence": "mere_possibility"}, "standard_of_proof", "2020-01-01"),
    ],
)
def test_each_failing_condition_is_named_alone(change, code, assessed_on):
    r = result(make_case(risk=change, assessed_on=assessed_on))
    assert r.outcome == "permitted" and r.unmet == {"r1": [code]}


def test_relocation_under_GC_4_leaves_cat_3_prohibiting():
    r = result(make_case(risk=SAFE_NORTH, assessed_on="2019-01-01"))
    assert r.outcome == "prohibited" and {b.article for b in r.prohibiting} == {"cat_3"}
    # relocation is still the reason ECHR art. 3, ICCPR art. 7 and custom do not bar
    assert r.unmet == {"r1": ["internal_relocation"]}


def test_no_jurisdiction_is_the_reason_given():
    r = result(make_case(location={"place": "territory", "state": "BBB"}))
    assert r.outcome == "permitted" and not r.jurisdiction
    assert "no jurisdiction" in why_no_bar(r)
