"""V6: the four readings of art. 33 (seed 001), each changing whom art. 33(1) reaches."""

import pytest
from conftest import atoms, make_case, result, verdict
from nonref.analysis import analyse

PERSECUTION = {"harm": "persecution", "ground": "political_opinion"}
AT_SEA = {"place": "high_seas", "controlled_by": "AAA"}
TRANSIT = {"place": "transit_zone", "state": "AAA"}


def reading(value: str) -> dict:
    return {"art33_reading": value}


@pytest.mark.rule("V6.1", fires=True)
def test_V6_1_collectivist_reaches_a_refugee_under_effective_control_at_sea():
    case = make_case(risk=PERSECUTION, location=AT_SEA)
    assert atoms(case, "art33_reaches") == {("AAA",)}
    assert "rc_33" in verdict(case)[1]


@pytest.mark.rule("V6.1", fires=False)
@pytest.mark.rule("V6.2", fires=False)
def test_V6_1_V6_2_strict_reading_leaves_the_high_seas_outside_art_33_Sale():
    case = make_case(risk=PERSECUTION, location=AT_SEA, variants=reading("strict"))
    assert atoms(case, "art33_reaches") == set()
    outcome, bases = verdict(case)
    assert "rc_33" not in bases
    assert outcome == "prohibited"  # the human-rights bars still reach the person under effective control (V3)


@pytest.mark.rule("V6.2", fires=True)
def test_V6_2_strict_reading_reaches_a_refugee_on_the_territory():
    case = make_case(risk=PERSECUTION, variants=reading("strict"))
    assert atoms(case, "art33_reaches") == {("AAA",)}
    assert "rc_33" in verdict(case)[1]


@pytest.mark.rule("V6.3", fires=True)
def test_V6_3_excision_reaches_a_refugee_on_the_territory():
    case = make_case(risk=PERSECUTION, variants=reading("collectivist_excision"))
    assert atoms(case, "art33_reaches") == {("AAA",)}


@pytest.mark.rule("V6.3", fires=False)
def test_V6_3_excision_leaves_a_transit_zone_outside_art_33():
    case = make_case(risk=PERSECUTION, location=TRANSIT, variants=reading("collectivist_excision"))
    assert atoms(case, "art33_reaches") == set()
    assert "rc_33" not in verdict(case)[1]
    # the collectivist reading itself reaches the transit zone
    assert "rc_33" in verdict(make_case(risk=PERSECUTION, location=TRANSIT))[1]


@pytest.mark.rule("V6.4", fires=True)
def test_V6_4_narrow_reading_excludes_an_asylum_seeker_not_yet_recognised():
    case = make_case(risk=PERSECUTION, variants=reading("strict_narrow"))
    assert atoms(case, "art33_unclaimable") == {()}
    assert "rc_33" not in verdict(case)[1]


@pytest.mark.rule("V6.4", fires=False)
def test_V6_4_narrow_reading_protects_a_recognised_refugee():
    case = make_case(risk=PERSECUTION, person={"status": "recognised_refugee"}, variants=reading("strict_narrow"))
    assert atoms(case, "art33_unclaimable") == set()
    assert "rc_33" in verdict(case)[1]
    # and no other reading asks for recognition
    assert atoms(make_case(risk=PERSECUTION), "art33_unclaimable") == set()


# --- V1: a treaty that obliges the removal --------------------------------------------------

TREATY = [{"id": "rem", "by": "AAA", "to": "BBB", "kind": "extradition", "under_treaty": "AAA-BBB extradition treaty"}]


@pytest.mark.rule("V1.1", fires=True)
@pytest.mark.rule("V1.2", fires=False)
def test_V1_1_a_peremptory_norm_voids_the_conflicting_treaty():
    case = make_case(removals=TREATY, variants={"status": "jus_cogens"})
    assert atoms(case, "treaty_void") == {("rem",)} and atoms(case, "treaty_conflict") == set()
    assert result(case).treaty == "void"


@pytest.mark.rule("V1.2", fires=True)
@pytest.mark.rule("V1.1", fires=False)
def test_V1_2_short_of_jus_cogens_the_treaty_stands_but_the_bar_holds_Soering():
    case = make_case(removals=TREATY)
    assert atoms(case, "treaty_conflict") == {("rem",)} and atoms(case, "treaty_void") == set()
    r = result(case)
    assert (r.outcome, r.treaty) == ("prohibited", "conflict")


@pytest.mark.rule("V1.1", fires=False)
@pytest.mark.rule("V1.2", fires=False)
def test_V1_no_conflict_without_a_treaty_or_without_a_prohibition():
    assert result(make_case(variants={"status": "jus_cogens"})).treaty is None
    permitted = make_case(removals=TREATY, risk={"evidence": "mere_possibility"}, variants={"status": "jus_cogens"})
    assert result(permitted).outcome == "permitted" and result(permitted).treaty is None


def test_V1_removals_differing_only_in_their_treaty_are_answered_apart():
    twins = [dict(TREATY[0]), {**TREATY[0], "id": "other", "under_treaty": None}]
    twins[1].pop("under_treaty")
    analysis = analyse(make_case(removals=twins))
    assert (analysis.removal("rem").treaty, analysis.removal("other").treaty) == ("conflict", None)
