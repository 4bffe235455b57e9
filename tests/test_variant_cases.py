"""Real decisions that turn on a contested doctrine or on the date: each holding is reproduced
under the deciding body's own variant (or date), and the contrasting variant or date gives the
different outcome, or the different bases, that the doctrine predicts. The cases are answered
under every instrument (their forum set aside): the doctrine, not the forum, is in question."""

import datetime
from pathlib import Path

import nonref
import pytest
from nonref.loader import load
from nonref.variants import AXES

CASES = Path(__file__).parent.parent / "cases"


def _every_instrument(name: str):
    case = load(CASES / name).case
    return case.model_copy(update={"forum": None})


SALE = _every_instrument("sale-v-haitian-centers-council.yaml")
SURESH = _every_instrument("suresh-v-canada.yaml")
KINDLER = _every_instrument("kindler-v-canada.yaml")
JUDGE = _every_instrument("judge-v-canada.yaml")

HIRSI_VIEW = {"territorial_scope": "effective_control", "art33_reading": "collectivist"}


def _articles(bases):
    return {b.article for b in bases}


def _basis(removal, article):
    found = [b for b in removal.bases if b.article == article]
    assert found, f"{article} not among the bases {_articles(removal.bases)}"
    return found[0]


def _assessed_on(case, date: datetime.date):
    """The case, with its facts unchanged, assessed at another date."""
    return case.model_copy(update={"case": case.case.model_copy(update={"assessed_on": date})})


def _risk_established(case):
    """The case as it would stand if the risk it states only as arguable were established on
    substantial grounds (the question a court left open or never reached)."""
    risks = [r.model_copy(update={"evidence": "substantial_grounds"}) for r in case.risks]
    return case.model_copy(update={"risks": risks})


# --- Sale v. Haitian Centers Council: territorial_only / strict against effective control ---------


def test_sale_under_the_courts_territorial_reading_no_obligation_reaches_the_high_seas():
    result = nonref.analyse(SALE)
    assert result.variants["territorial_scope"] == "territorial_only"
    assert result.variants["art33_reading"] == "strict"
    removal = result.removal("interdiction-return")
    assert removal.outcome == "permitted"
    # Effective control is jurisdiction for human-rights law under every reading (Hirsi §§77-82,
    # HRC GC 31 §10): the contest concerns refugee law only, and no human-rights treaty bound the
    # United States yet, nor does the customary human-rights limb cover persecution as such.
    assert removal.jurisdiction is True
    assert removal.bases == []
    assert removal.procedure == []
    assert removal.refugee_law == "not_applicable"


def test_sale_under_effective_control_the_return_without_screening_breaches_procedure():
    removal = nonref.analyse(SALE, variants=HIRSI_VIEW).removal("interdiction-return")
    assert removal.jurisdiction is True
    # The claims were never examined: no risk is established, but returning people with an
    # arguable claim without assessing it, and without a remedy, is itself a breach.
    assert removal.outcome == "permitted"
    assert removal.procedure == ["risk_assessment", "suspensive_remedy"]


def test_sale_a_well_founded_fear_is_a_bar_only_under_effective_control():
    case = _risk_established(SALE)
    sale_view = nonref.analyse(case).removal("interdiction-return")
    assert sale_view.outcome == "permitted" and sale_view.bases == []

    hirsi_view = nonref.analyse(case, variants=HIRSI_VIEW).removal("interdiction-return")
    assert hirsi_view.outcome == "prohibited"
    assert _articles(hirsi_view.prohibiting) == {"customary_refugee_law", "rc_33"}

    # Effective control with the strict reading of art. 33: the refugee-law limb of custom
    # reaches the high seas, art. 33 does not.
    mixed = nonref.analyse(case, variants={"territorial_scope": "effective_control"}).removal("interdiction-return")
    assert mixed.outcome == "prohibited"
    assert _articles(mixed.prohibiting) == {"customary_refugee_law"}


def test_sale_torture_on_the_high_seas_is_barred_under_the_territorial_reading_too():
    """The territorial reading concerns refugee law only: a real risk of torture engages the
    human-rights limb of custom for a person under the state's effective control."""
    case = SALE
    risks = [r.model_copy(update={"harm": "torture", "evidence": "substantial_grounds"}) for r in case.risks]
    removal = nonref.analyse(case.model_copy(update={"risks": risks})).removal("interdiction-return")
    assert removal.outcome == "prohibited"
    assert _articles(removal.prohibiting) == {"customary_human_rights"}


def test_sale_the_united_states_was_not_yet_bound_by_the_iccpr_when_the_order_was_made():
    result = nonref.analyse(SALE)
    assert result.assessed_on == "1992-05-24"
    facts = {str(s) for s in nonref.analysis.derive(SALE)}
    assert 'bound_by("USA",refugee_convention)' in facts
    assert 'bound_by("USA",iccpr)' not in facts
    later = {str(s) for s in nonref.analysis.derive(_assessed_on(SALE, datetime.date(1993, 6, 21)))}
    assert 'bound_by("USA",iccpr)' in later


# --- Suresh v. Canada: the status of the customary rule (V1) -------------------------------------


@pytest.mark.parametrize("status", AXES["status"].values)
def test_suresh_the_holding_is_procedural_under_every_status(status):
    removal = nonref.analyse(SURESH, variants={"status": status}).removal("deportation")
    assert removal.outcome == "permitted"  # the risk was not decided: a new hearing was ordered
    assert removal.bases == []
    assert removal.procedure == ["risk_assessment"]


def test_suresh_fixes_the_non_peremptory_reading():
    assert nonref.analyse(SURESH).variants["status"] == "customary"


@pytest.mark.parametrize("status", AXES["status"].values)
def test_suresh_once_the_risk_is_established_cat_3_bars_deportation_under_every_status(status):
    removal = nonref.analyse(_risk_established(SURESH), variants={"status": status}).removal("deportation")
    assert removal.outcome == "prohibited"
    cat = _basis(removal, "cat_3")
    assert cat.absolute and cat.prohibits and cat.lifted_by == ()
    assert {"cat_3", "iccpr_7"} <= _articles(removal.prohibiting)
    assert {"danger_to_security", "terrorism_suspicion"} <= set(removal.conduct_irrelevant)
    # Art. 33(2): a refugee who is a danger to the security of the country loses art. 33(1).
    rc = _basis(removal, "rc_33")
    assert not rc.prohibits and rc.lifted_by == ("danger_to_security",)


def test_suresh_only_the_refugee_limb_of_custom_yields_to_national_security_short_of_jus_cogens():
    """Custom has two limbs (Lauterpacht & Bethlehem 2003 §253): return to torture is barred
    without exception wherever custom applies; only return to persecution yields to overriding
    reasons of national security, and only short of peremptory status. A suspicion of terrorism
    lifts neither."""
    case = _risk_established(SURESH)
    customary = nonref.analyse(case).removal("deportation")
    torture_limb = _basis(customary, "customary_human_rights")
    assert torture_limb.absolute and torture_limb.prohibits and torture_limb.lifted_by == ()
    refugee_limb = _basis(customary, "customary_refugee_law")
    assert not refugee_limb.absolute and not refugee_limb.prohibits
    assert refugee_limb.lifted_by == ("national_security",)
    assert "terrorism_suspicion" in customary.conduct_irrelevant

    peremptory = nonref.analyse(case, variants={"status": "jus_cogens"}).removal("deportation")
    refugee_limb = _basis(peremptory, "customary_refugee_law")
    assert refugee_limb.absolute and refugee_limb.prohibits and refugee_limb.lifted_by == ()

    treaty_only = nonref.analyse(case, variants={"status": "treaty_only"}).removal("deportation")
    assert not {"customary_human_rights", "customary_refugee_law"} & _articles(treaty_only.bases)
    assert _articles(treaty_only.prohibiting) == {"cat_3", "iccpr_7"}


# --- Kindler (1993) and Judge (2003): the same question, ten years apart (H3.3) -----------------

KINDLER_DATE = datetime.date(1993, 7, 30)
JUDGE_DATE = datetime.date(2003, 8, 6)


def test_kindler_no_violation_at_the_date_of_its_views():
    result = nonref.analyse(KINDLER)
    assert result.assessed_on == KINDLER_DATE.isoformat()
    removal = result.removal("extradition")
    assert removal.outcome == "permitted"
    assert removal.bases == []
    assert "death-penalty-pennsylvania" in removal.real_risks  # the risk was real; art. 6 did not then cover it


def test_kindler_facts_at_judges_date_violate_article_6():
    removal = nonref.analyse(_assessed_on(KINDLER, JUDGE_DATE)).removal("extradition")
    assert removal.outcome == "prohibited"
    assert _articles(removal.prohibiting) == {"iccpr_6"}
    assert removal.procedure == []
    # An assurance that the death penalty would not be imposed (which Canada declined to seek
    # under the treaty) would have made the extradition lawful.
    assert removal.lawful_with_assurance


def test_judge_violation_of_article_6_at_the_date_of_its_views():
    result = nonref.analyse(JUDGE)
    assert result.assessed_on == "2003-08-05"
    removal = result.removal("deportation")
    assert removal.outcome == "prohibited"
    assert _articles(removal.prohibiting) == {"iccpr_6"}
    assert removal.procedure == ["suspensive_remedy"]


def test_judge_facts_at_kindlers_date_give_no_article_6_violation():
    removal = nonref.analyse(_assessed_on(JUDGE, KINDLER_DATE)).removal("deportation")
    assert removal.outcome == "permitted"
    assert "iccpr_6" not in _articles(removal.bases)


def test_judge_rests_on_abolition_not_on_the_second_optional_protocol():
    # Canada was bound by the Second Optional Protocol only from 2006: H3.3 (abolition), not
    # H3.4, carries the 2003 holding.
    facts = {str(s) for s in nonref.analysis.derive(JUDGE)}
    assert 'bound_by("CAN",iccpr_op2)' not in facts
    later = {str(s) for s in nonref.analysis.derive(_assessed_on(JUDGE, datetime.date(2006, 3, 1)))}
    assert 'bound_by("CAN",iccpr_op2)' in later


def test_the_day_before_judge_the_kindler_reading_still_governs():
    day_before = nonref.analyse(_assessed_on(JUDGE, datetime.date(2003, 8, 4))).removal("deportation")
    assert "iccpr_6" not in _articles(day_before.bases)
    on_the_day = nonref.analyse(_assessed_on(KINDLER, datetime.date(2003, 8, 5))).removal("extradition")
    assert _articles(on_the_day.prohibiting) == {"iccpr_6"}


# --- the bundled hypotheticals: each answer changes with a variant, a date or an unknown fact ------

HYPOTHETICAL = {p.stem: p for p in CASES.glob("hypothetical-*.yaml")}


@pytest.mark.parametrize(
    "stem, removal, axis, values, outcomes",
    [
        (
            "hypothetical-refugee-danger-to-security",
            "expulsion",
            "status",
            ("customary", "jus_cogens", "treaty_only"),
            ("permitted", "prohibited", "permitted"),
        ),
        (
            "hypothetical-high-seas-interception",
            "push-back",
            "territorial_scope",
            ("effective_control", "territorial_only"),
            ("prohibited", "permitted"),
        ),
        (
            "hypothetical-non-state-torture-cat",
            "deportation",
            "cat_actors",
            ("by_date", "unable_to_protect", "quasi_governmental", "official_involvement"),
            ("prohibited", "prohibited", "permitted", "permitted"),
        ),
        (
            "hypothetical-assurances-unknown-scrutiny",
            "deportation",
            "assurances",
            ("othman", "never_against_torture", "wgad"),
            ("undetermined", "prohibited", "prohibited"),
        ),
    ],
)
def test_each_hypothetical_changes_with_its_axis(stem, removal, axis, values, outcomes):
    case = HYPOTHETICAL[stem]
    assert load(case).case.case.title.startswith("Hypothetical:")
    found = tuple(nonref.analyse(case, variants={axis: v}).removal(removal).outcome for v in values)
    assert found == outcomes


def test_the_militia_hypothetical_turns_on_the_date_of_general_comment_4():
    case = HYPOTHETICAL["hypothetical-non-state-torture-cat"]
    assert nonref.analyse(case, as_of=datetime.date(2010, 1, 1)).removal("deportation").outcome == "permitted"
    assert nonref.analyse(case, as_of=datetime.date(2018, 1, 1)).removal("deportation").outcome == "prohibited"


def test_the_unknown_scrutiny_is_named_as_deciding():
    removal = nonref.analyse(HYPOTHETICAL["hypothetical-assurances-unknown-scrutiny"]).removal("deportation")
    assert removal.deciding == {"prohibited": [["assurances[0].court_examined = false"]], "permitted": [["assurances[0].court_examined = true"]]}
