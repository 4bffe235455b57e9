"""N. Non-State actors and internal relocation (encodings/n_non_state.lp)."""

import pytest
from conftest import atoms, make_case, verdict

ALL = {"cat_3", "echr_3", "iccpr_7", "customary"}
HR = {"echr_3", "iccpr_7", "customary"}


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
    assert verdict(case) == ("prohibited", HR)


@pytest.mark.rule("N2.1", fires=True)
def test_N2_1_state_torturers_are_officials():
    case = make_case(risk=actors("state"))
    assert atoms(case, "official") == {("r1",)}
    assert verdict(case) == ("prohibited", ALL)


@pytest.mark.rule("N2.1", fires=False)
@pytest.mark.rule("N2.3", fires=False)
def test_N2_private_torturers_the_state_cannot_stop_are_not_officials():
    case = make_case(risk=actors("non_state", "unable"))
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
    return {"internal_relocation": {"area": "another region", "safe_travel": safe_travel,
                                    "admittance": admittance, "no_risk_there": no_risk_there}}


@pytest.mark.rule("N3.1", fires=True)
def test_N3_1_safe_part_of_the_country_defeats_the_risk():
    case = make_case(risk=relocation())
    assert atoms(case, "relocation_alternative") == {("r1",)}
    assert verdict(case) == ("permitted", set())


@pytest.mark.rule("N3.1", fires=False)
@pytest.mark.parametrize("missing", ["safe_travel", "admittance", "no_risk_there"])
def test_N3_1_no_alternative_unless_all_conditions_Salah_Sheekh(missing):
    case = make_case(risk=relocation(**{missing: False}))
    assert atoms(case, "relocation_alternative") == set()
    assert verdict(case) == ("prohibited", ALL)
