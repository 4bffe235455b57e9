"""J. Jurisdiction (encodings/j_jurisdiction.lp)."""

import pytest
from conftest import atoms, make_case, result, verdict

TORTURE_FOR_OPINION = {"ground": "political_opinion"}
PERSECUTION = {"harm": "persecution", "ground": "political_opinion"}
HUMAN_RIGHTS_BARS = {"cat_3", "echr_3", "iccpr_7", "customary_human_rights"}
REFUGEE_BARS = {"rc_33", "customary_refugee_law"}
ALL_BARS = HUMAN_RIGHTS_BARS | REFUGEE_BARS
TERRITORIAL_ONLY = {"territorial_scope": "territorial_only"}
INTERCEPTED = {"place": "high_seas", "controlled_by": "AAA"}  # on board the removing state's vessel


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
    assert atoms(case, "refugee_law_reaches") == set()
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("J2.1", fires=True)
@pytest.mark.rule("J2.2", fires=True)
def test_J2_1_effective_control_on_the_high_seas_Hirsi_Jamaa_2012():
    case = make_case(risk=TORTURE_FOR_OPINION, location=INTERCEPTED)
    assert atoms(case, "within_jurisdiction") == {("AAA",)}
    assert atoms(case, "refugee_law_reaches") == {("AAA",)}
    assert verdict(case) == ("prohibited", ALL_BARS)
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("J2.1", fires=True)
@pytest.mark.rule("J2.2", fires=False)
def test_J2_1_territorial_only_still_gives_the_human_rights_bars_Hirsi_Jamaa_2012():
    """Hirsi Jamaa facts on the territorial view of art. 33: the ECHR, ICCPR and CAT still reach the
    persons Italian agents held on the high seas; only refugee law stops at the border."""
    case = make_case(risk=TORTURE_FOR_OPINION, location=INTERCEPTED, variants=TERRITORIAL_ONLY)
    assert atoms(case, "within_jurisdiction") == {("AAA",)}
    assert atoms(case, "refugee_law_reaches") == set()
    assert verdict(case) == ("prohibited", HUMAN_RIGHTS_BARS)
    assert result(case).refugee_law == "not_applicable"
    assert result(case).jurisdiction is True


@pytest.mark.rule("J2.1", fires=False)
def test_J2_1_another_states_vessel_gives_the_removing_state_no_jurisdiction():
    case = make_case(risk=TORTURE_FOR_OPINION, states={"CCC": {"name": "Third State"}}, location={"place": "high_seas", "controlled_by": "CCC"})
    assert atoms(case, "within_jurisdiction") == {("CCC",)}
    assert verdict(case) == ("permitted", set())
    assert result(case).jurisdiction is False


@pytest.mark.rule("J2.2", fires=True)
def test_J2_2_refugee_law_reaches_the_high_seas_on_the_effective_control_view():
    case = make_case(risk=PERSECUTION, location=INTERCEPTED)
    assert atoms(case, "refugee_law_reaches") == {("AAA",)}
    assert verdict(case) == ("prohibited", REFUGEE_BARS)
    assert result(case).refugee_law == "applies"


@pytest.mark.rule("J2.2", fires=False)
@pytest.mark.rule("J2.3", fires=False)
def test_J2_3_refugee_law_does_not_reach_the_high_seas_on_the_territorial_view_Sale_1993():
    """Sale v Haitian Centers Council (1993): Haitians interdicted on the high seas by US vessels,
    returned to Haiti; on the territorial view neither art. 33 nor the customary refugee limb reaches them."""
    case = make_case(risk=PERSECUTION, location=INTERCEPTED, variants=TERRITORIAL_ONLY)
    assert atoms(case, "within_jurisdiction") == {("AAA",)}
    assert atoms(case, "refugee_law_reaches") == set()
    assert atoms(case, "art33_reaches") == set()
    assert verdict(case) == ("permitted", set())
    assert result(case).refugee_law == "not_applicable"


@pytest.mark.rule("J2.3", fires=True)
@pytest.mark.parametrize("place", ["territory", "border", "transit_zone"])
def test_J2_3_refugee_law_reaches_the_territory_border_and_transit_zone_on_the_territorial_view(place):
    case = make_case(risk=TORTURE_FOR_OPINION, location={"place": place, "state": "AAA"}, variants=TERRITORIAL_ONLY)
    assert atoms(case, "refugee_law_reaches") == {("AAA",)}
    assert verdict(case) == ("prohibited", ALL_BARS)
    assert result(case).refugee_law == "applies"


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
    assert verdict(case) == ("prohibited", HUMAN_RIGHTS_BARS)
    assert result(case).refugee_law == "not_applicable"


@pytest.mark.rule("J3.1", fires=False)
@pytest.mark.rule("J3.2", fires=True)
def test_J3_2_stateless_person_inside_the_country_of_former_habitual_residence():
    case = make_case(
        risk=TORTURE_FOR_OPINION,
        person={"nationality": None, "former_habitual_residence": "BBB"},
        location={"place": "territory", "state": "BBB", "controlled_by": "AAA"},
    )
    assert atoms(case, "inside_country_of_nationality") == {()}
    assert verdict(case) == ("prohibited", HUMAN_RIGHTS_BARS)
    assert result(case).refugee_law == "not_applicable"


@pytest.mark.rule("J3.2", fires=False)
@pytest.mark.parametrize("nationality", ["BBB", None])
def test_J3_2_not_inside_on_a_foreign_territory(nationality):
    case = make_case(risk=TORTURE_FOR_OPINION, person={"nationality": nationality})
    assert atoms(case, "inside_country_of_nationality") == set()
    assert verdict(case) == ("prohibited", ALL_BARS)
    assert result(case).refugee_law == "applies"
