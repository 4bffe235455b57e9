"""Doctrinal variant axes (doctrine.md, V). Each value becomes a `variant(Axis, Value)` fact.

The default of each axis is the mainstream doctrine. The encodings read these facts; a case
file may fix values (`variants:`) and the command line overrides them (`--variant axis=value`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import UsageError


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[str, ...]
    default: str
    question: str


AXES: dict[str, Axis] = {
    a.name: a
    for a in (
        Axis(
            "status",
            ("treaty_only", "customary", "jus_cogens"),
            "customary",
            "V1: the status of the norm outside treaties (Momeni Rad & Habibi 2024 §§7-9 conclude customary, emerging peremptory; the IOM Information Note §I.1 leans jus cogens)",
        ),
        Axis("risk_standard", ("real_risk", "some_risk"), "real_risk", "V2: the risk threshold (ECtHR, CAT, HRC: real risk; IACtHR: some risk)"),
        Axis(
            "territorial_scope",
            ("effective_control", "territorial_only"),
            "effective_control",
            "V3: whether refugee law (art. 33, custom's refugee-law limb) reaches a person held under effective control abroad (Hirsi Jamaa; UNHCR Advisory Opinion 2007) or only on the territory (Sale v Haitian Centers Council); human-rights jurisdiction follows effective control under both",
        ),
        Axis(
            "assurances",
            ("othman", "never_against_torture", "wgad"),
            "othman",
            "V4: when diplomatic assurances can be relied on (ECtHR, Othman §§186-189; the Joint NGO Statement on Diplomatic Assurances: never against torture; the Working Group on Arbitrary Detention's three conditions, IOM Information Note §V.1)",
        ),
        Axis(
            "art33_reading",
            ("collectivist", "strict", "strict_narrow", "collectivist_excision"),
            "collectivist",
            'V6: whom art. 33(1) reaches (Wikipedia, Non-refoulement, "Interpretations": collectivist; strict, territory only; strict and narrow, recognised refugees only; excised zones)',
        ),
        Axis(
            "cat_actors",
            ("by_date", "official_involvement", "quasi_governmental", "unable_to_protect"),
            "by_date",
            "V5: who counts as an official under CAT art. 1: the Committee's reading at the assessment date (official involvement "
            "before Elmi v Australia, 14 May 1999; quasi-governmental factions until General Comment 4, 2017; non-State actors the "
            "state cannot control after it), or one reading fixed whatever the date",
        ),
        Axis(
            "custom_exclusion",
            ("security_and_public_safety", "follows_1f"),
            "security_and_public_safety",
            "S2: whether the refugee-law limb of custom, short of peremptory status, yields only to overriding reasons of national "
            "security or public safety (Lauterpacht & Bethlehem 2003 §253) or also follows the art. 1F exclusions",
        ),
        Axis(
            "third_country_test",
            ("practice", "legal"),
            "practice",
            "I2: whether a third state protects against onward refoulement by its asylum procedure in practice (M.S.S.; Ilias and "
            "Ahmed) or, on the legal test some courts use, by being bound in law by the Refugee Convention",
        ),
        Axis(
            "derogation_reach",
            ("own_measures", "suspends_fair_trial_bar"),
            "own_measures",
            "S6: whether a derogation (ECHR art. 15) concerns only the state's own measures, leaving the bar on sending a person "
            "to a flagrant denial of justice in force, or also suspends that bar",
        ),
    )
}


def resolve(case_variants: dict[str, str], overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The variants in force: defaults, then the case file's, then the command line's."""
    chosen = {name: axis.default for name, axis in AXES.items()}
    for source in (case_variants, overrides or {}):
        for name, value in source.items():
            check(name, value)
            chosen[name] = value
    return chosen


def check(name: str, value: str) -> None:
    axis = AXES.get(name)
    if axis is None:
        raise UsageError(f"unknown variant axis {name!r}: expected one of {', '.join(AXES)}")
    if value not in axis.values:
        raise UsageError(f"variant {name}: expected one of {', '.join(axis.values)}, got {value!r}")


def parse_option(text: str) -> tuple[str, str]:
    """`axis=value` from the command line."""
    name, sep, value = text.partition("=")
    if not sep:
        raise UsageError(f"--variant: expected axis=value, got {text!r}")
    check(name.strip(), value.strip())
    return name.strip(), value.strip()
