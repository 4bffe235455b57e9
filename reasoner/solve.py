"""Solving: a case's facts and the rule base, ground and solved by clingo.

Used by the analysis, the variant matrix, the unknown-facts search and the explanations; it
depends on none of them. The rule base is added as program text (it is package data), the
facts through the backend as symbols, never as text.
"""

from __future__ import annotations

import itertools
import re

import clingo

from . import limits, rulebase
from .facts import Facts


def solve(facts: Facts) -> list[clingo.Symbol]:
    """Every atom of the answer set (of one completion, if some facts are unknown)."""
    found: list[clingo.Symbol] = []
    limits.solve(control(facts), on_model=lambda m: found.extend(m.symbols(atoms=True)) if not found else None)
    return found


def solve_shown(facts: Facts, show: str, mode: str = "auto") -> str:
    """The atoms selected by the `#show` statements in `show`, as clingo prints them: one call
    into clingo for the whole model, where walking each symbol would cost several. With facts
    unknown, `mode` "cautious" gives what holds in every completion, "brave" in some."""
    ctl = control(facts, show)
    if facts.open:
        ctl.configuration.solve.models = 0
        ctl.configuration.solve.enum_mode = "cautious" if mode == "auto" else mode
    found: list[str] = []
    limits.solve(ctl, on_model=lambda m: found.append(str(m)))
    return found[-1]  # in cautious and brave modes the last model is the consequence


def control(facts: Facts, extra: str = "", observer: clingo.Observer | None = None) -> clingo.Control:
    """A ground program for the facts; each unknown fact is a choice among its alternatives."""
    ctl = clingo.Control(["--warn=none"])
    if observer is not None:
        ctl.register_observer(observer)
    ctl.add("base", [], rulebase.program() + extra)
    with ctl.backend() as backend:
        add_facts(backend, facts)
    ctl.ground([("base", [])])
    return ctl


def add_facts(backend: clingo.Backend, facts: Facts) -> None:
    """The facts as rules; each unknown fact a choice of exactly one of its alternatives."""
    for atom in facts.atoms:
        backend.add_rule([backend.add_atom(atom)])
    for _path, alternatives in facts.open:
        ids = [backend.add_atom(a) for _, a in alternatives if a is not None]
        backend.add_rule(ids, choice=True)
        if len(ids) == len(alternatives):  # every alternative has an atom: exactly one holds
            backend.add_rule([], [-i for i in ids])
            for i, j in itertools.combinations(ids, 2):
                backend.add_rule([], [i, j])


_ATOM = re.compile(r'(\w+)(?:\(((?:"(?:[^"\\]|\\.)*"|[^()"])*)\))?')


def shown_atoms(shown: str):
    """The atoms of a printed model (`solve_shown`), as (name, arguments)."""
    for name, args in _ATOM.findall(shown):
        yield name, parse_args(args)


_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"|(-?\d+)|([^,()"]+)')
_ESCAPE = re.compile(r"\\(.)")


def parse_args(text: str) -> tuple:
    """`a,"b",3` as ("a", "b", 3): strings unescaped, numbers as ints."""
    out: list[str | int] = []
    for string, number, const in _ARG.findall(text):
        if number:
            out.append(int(number))
        elif const:
            out.append(const)
        else:
            out.append(_ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), string) if "\\" in string else string)
    return tuple(out)
