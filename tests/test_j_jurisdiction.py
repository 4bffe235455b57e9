"""J. Jurisdiction (encodings/j_jurisdiction.lp)."""

import pytest
from conftest import atoms, make_case, result, verdict

TORTURE_FOR_OPINION = {"ground": "political_opinion"}
ALL_BARS = {"cat_3", "echr_3", "iccpr_7", "customary", "rc_33"}


@pytest.mark.rule("J1.1", fires=True)
@pytest.mark.parametrize("place", ["territory", "border", "transit_zone"])
def test_J1_1_territory_border_and_transit_zone(place):
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": place, "state": "AAA"})
    assert atoms(case, "within_jurisdiction") == {("AAA",)}
    assert verdict(case) == ("prohibited", ALL_BARS)


@pytest.mark.rule("J1.1", fires=False)
def test_J1_1_no_jurisdiction_on_the_high_seas_without_control():
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": "high_seas"})
    assert atoms(case, "within_jurisdiction") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("J2.1", fires=True)
def test_J2_1_effective_control_on_the_high_seas_Hirsi():
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": "high_seas", "controlled_by": "AAA"})
    assert atoms(case, "within_jurisdiction") == {("AAA",)}
    assert verdict(case) == ("prohibited", ALL_BARS)
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("J2.1", fires=False)
def test_J2_1_territorial_only_variant_Sale():
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": "high_seas", "controlled_by": "AAA"},
                     variants={"territorial_scope": "territorial_only"})
    assert atoms(case, "within_jurisdiction") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("J3.1", fires=True)
@pytest.mark.parametrize("nationality", ["BBB", None])
def test_J3_1_outside_country_of_nationality(nationality):
    case = make_case(risk=TORTURE_FOR_OPINION, person={"nationality": nationality})
    assert atoms(case, "outside_country_of_nationality") == {()}
    assert verdict(case) == ("prohibited", ALL_BARS)


@pytest.mark.rule("J3.1", fires=False)
@pytest.mark.rule("J3.2", fires=True)
def test_J3_person_inside_their_own_country_under_foreign_control():
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": "territory", "state": "BBB", "controlled_by": "AAA"})
    assert atoms(case, "inside_country_of_nationality") == {()}
    assert atoms(case, "outside_country_of_nationality") == set()
    assert verdict(case) == ("prohibited", ALL_BARS - {"rc_33"})
    assert result(case).refugee_law == "not_applicable"


@pytest.mark.rule("J3.2", fires=False)
@pytest.mark.parametrize("nationality", ["BBB", None])
def test_J3_2_not_inside_on_a_foreign_territory(nationality):
    case = make_case(risk=TORTURE_FOR_OPINION, person={"nationality": nationality})
    assert atoms(case, "inside_country_of_nationality") == set()
    assert verdict(case) == ("prohibited", ALL_BARS)
    assert result(case).refugee_law == "applies"
