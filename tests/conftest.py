"""Shared helpers for the rule-family tests: build a case in code, look at what it derives.

The baseline case: state AAA (bound by CAT, ICCPR, ECHR and the Refugee Convention) deports an
asylum seeker, a national of BBB who is on AAA's territory, to BBB, where state agents would
torture them (substantial grounds, personal risk). Every rule-family test changes only what
its rule is about:

    make_case(risk={"harm": "persecution", "ground": "religion"}, conduct=["danger_to_security"])
    make_case(instruments=["iccpr"], location={"place": "high_seas", "controlled_by": "AAA"})

Each rule test is marked `@pytest.mark.rule("E2.1", fires=True)` (or `fires=False`), which
tests/test_catalogue.py reads to check that every rule id is tested both ways.
"""

from __future__ import annotations

import copy
from typing import Any

import clingo
import pytest
from nonref.analysis import RemovalResult, analyse, derive
from nonref.model import Case

REMOVING = "AAA"
DESTINATION = "BBB"
REMOVAL = "rem"
RISK = "r1"

BASELINE: dict[str, Any] = {
    "case": {"title": "a test case", "assessed_on": "2020-01-01"},
    "states": {
        REMOVING: {"name": "Removing State", "bound_by": ["cat", "iccpr", "echr", "refugee_convention"]},
        DESTINATION: {"name": "Destination State"},
    },
    "person": {
        "nationality": DESTINATION,
        "status": "asylum_seeker",
        "location": {"place": "territory", "state": REMOVING},
    },
    "risks": [
        {"id": RISK, "harm": "torture", "in": DESTINATION, "source": "state", "exposure": "personal", "evidence": "substantial_grounds"},
    ],
    "removals": [{"id": REMOVAL, "by": REMOVING, "to": DESTINATION, "kind": "deportation"}],
}


def make_case(
    *,
    risk: dict | None = None,
    risks: list[dict] | None = None,
    conduct: list[str] | tuple[str, ...] = (),
    instruments: list | None = None,
    removing: dict | None = None,
    destination: dict | None = None,
    states: dict | None = None,
    person: dict | None = None,
    location: dict | None = None,
    variants: dict[str, str] | None = None,
    assessed_on: str | None = None,
    removals: list[dict] | None = None,
    onward: list[dict] | None = None,
    assurances: list[dict] | None = None,
    procedure: dict | None = None,
) -> Case:
    """The baseline case with changes:

    risk         fields to change in the (single) baseline risk, e.g. {"harm": "slavery"};
                 a value of None removes the field (back to its default)
    risks        replaces the list of risks (each a full risk dict)
    conduct      conduct flags set to true, e.g. ["danger_to_security"]
    instruments  the removing state's `bound_by` list
    removing     other fields of the removing state, e.g. {"reservations": ["cat_3"]}
    destination  fields of the destination state
    states       extra states, by code
    person       fields of the person, e.g. {"status": "migrant"}
    location     the person's location (replaces it)
    variants     doctrinal variants, e.g. {"status": "jus_cogens"}
    assessed_on  the assessment date, "YYYY-MM-DD"
    removals     replaces the list of removals (the baseline one is "rem", AAA to BBB)
    onward       the onward transfers, e.g. [{"from": "BBB", "to": "CCC", "because": "push_back_practice"}]
    assurances   the assurances, e.g. [{"by": "BBB", "against": ["torture"], "specific": True}]
    procedure    the procedure of every removal, e.g. {"suspensive_remedy": False}
    """
    data = copy.deepcopy(BASELINE)
    if risks is not None:
        data["risks"] = risks
    if risk:
        for key, value in risk.items():
            if value is None:
                data["risks"][0].pop(key, None)
            else:
                data["risks"][0][key] = value
    if conduct:
        data["person"]["conduct"] = {flag: True for flag in conduct}
    if instruments is not None:
        data["states"][REMOVING]["bound_by"] = instruments
    data["states"][REMOVING].update(removing or {})
    data["states"][DESTINATION].update(destination or {})
    data["states"].update(states or {})
    for key, value in (person or {}).items():
        if value is None:
            data["person"].pop(key, None)
        else:
            data["person"][key] = value
    if location is not None:
        data["person"]["location"] = location
    if variants:
        data["variants"] = variants
    if assessed_on is not None:
        data["case"]["assessed_on"] = assessed_on
    if removals is not None:
        data["removals"] = removals
    if onward is not None:
        data["onward_transfers"] = onward
    if assurances is not None:
        data["assurances"] = assurances
    if procedure is not None:
        for removal in data["removals"]:
            removal["procedure"] = procedure
    return Case.model_validate(data)


def _py(sym: clingo.Symbol) -> Any:
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Number:
        return sym.number
    return str(sym)


def atoms(case: Case, name: str) -> set[tuple]:
    """The derived atoms `name(...)` of the case, as tuples of python values
    (strings for strings and constants, ints for numbers; `()` for a 0-ary atom)."""
    return {tuple(_py(a) for a in s.arguments) for s in derive(case) if s.name == name}


def holds(case: Case, name: str, *args: Any) -> bool:
    """Whether the atom name(*args) is derived."""
    return tuple(args) in atoms(case, name)


def result(case: Case) -> RemovalResult:
    """The analysis of the baseline removal."""
    return analyse(case).removal(REMOVAL)


def rules_in(graph) -> set[tuple[str, bool]]:
    """(rule id, applies) of every rule node of a justification graph."""
    return {(n.rule, n.applies) for n in graph.nodes.values() if n.kind == "rule"}


def verdict(case: Case) -> tuple[str, set[str]]:
    """(outcome, articles that prohibit the removal) for the baseline removal."""
    r = result(case)
    return r.outcome, {b.article for b in r.prohibiting}


def lifted(case: Case) -> dict[str, tuple[str, ...]]:
    """Bars found but lifted by an exception: article -> the exceptions that lift it."""
    return {b.article: b.lifted_by for b in result(case).bases if not b.prohibits}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "rule(id, fires): the test checks that rule `id` fires (fires=True) or must not fire (fires=False)",
    )
