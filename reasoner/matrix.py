"""Every combination of the doctrinal variants (doctrine V), and of assessment dates (T),
answered from one grounding per date.

The `variant(Axis, Value)` atoms are clingo externals: the case is ground once and each
combination is one solve under a different assignment. An axis that no ground rule reads
(e.g. `assurances` in a case without assurances) cannot change any answer; it is held at its
value and reported as irrelevant, so the matrix grows only with the axes that matter.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from pathlib import Path

import clingo

from . import limits, rulebase
from . import variants as variant_axes
from .analysis import analyse
from .facts import case_facts, person_groups, removal_classes
from .loader import LoadedCase
from .model import Case
from .prepare import as_loaded, assume
from .solve import add_facts

DATE_AXIS = "as_of"


@dataclass
class Matrix:
    removals: list[str]
    axes: dict[str, tuple[str, ...]]  # the axes varied, with their values (the dates under "as_of")
    held: dict[str, str]  # axes not varied: fixed on the command line, or read by no rule of the case
    irrelevant: list[str]  # of those, the axes no ground rule reads
    cells: list[tuple[dict[str, str], dict[str, str]]] = field(default_factory=list)  # (combination, removal -> outcome)

    def groups(self, removal: str) -> list[tuple[str, list[dict[str, tuple[str, ...]]]]]:
        """Per outcome, the combinations giving it, as a few boxes (axis -> values; an axis
        left out takes any value)."""
        by_outcome: dict[str, set[tuple[str, ...]]] = {}
        names = list(self.axes)
        for combo, outcomes in self.cells:
            by_outcome.setdefault(outcomes[removal], set()).add(tuple(combo[a] for a in names))
        return [(outcome, _boxes(combos, names, self.axes)) for outcome, combos in sorted(by_outcome.items())]

    def to_json(self) -> dict:
        return {
            "axes": {a: list(v) for a, v in self.axes.items()},
            "held": self.held,
            "irrelevant": self.irrelevant,
            "removals": {
                r: [{"outcome": o, "under": [{a: list(v) for a, v in box.items()} for box in boxes]} for o, boxes in self.groups(r)]
                for r in self.removals
            },
        }


def variant_matrix(
    case: str | Path | Case | LoadedCase,
    fixed: dict[str, str] | None = None,
    dates: list[dt.date] | None = None,
    assumed: dict[str, str] | None = None,
) -> Matrix:
    """The outcome of every removal under every combination of the variant axes not `fixed`,
    at each of `dates` (default: the case's own assessment date); `assumed` as for `analyse`."""
    loaded, _ = assume(as_loaded(case), assumed or {})
    fixed = dict(fixed or {})
    held = variant_axes.resolve(dict(loaded.case.variants), fixed)
    classes = removal_classes(loaded.case)
    groups = [set(ids) & set(classes.values()) for ids in person_groups(loaded.case).values()]  # one grounding per person
    runs = [(d, [_Grounded(as_loaded(loaded, d), ids) for ids in groups]) for d in (dates or [None])]
    read = set().union(*(g.read_axes for _, gs in runs for g in gs))
    varied = {name: axis.values for name, axis in variant_axes.AXES.items() if name not in fixed and name in read}
    axes = dict(varied)
    if dates:
        axes[DATE_AXIS] = tuple(d.isoformat() for d in dates)
    matrix = Matrix(
        removals=[r.id for r in loaded.case.removals],
        axes=axes,
        held={a: v for a, v in held.items() if a not in varied},
        irrelevant=sorted(a for a in variant_axes.AXES if a not in read and a not in fixed),
    )
    family = any(r.with_family for r in loaded.case.removals)
    for when, grounded in runs:
        for values in itertools.product(*varied.values()):
            combo = held | dict(zip(varied, values, strict=True))
            cell = dict(zip(varied, values, strict=True)) | ({DATE_AXIS: when.isoformat()} if when else {})
            if family:  # a family removal's answer follows from the others' (P6.4): analysed person after person
                outcomes = {r.id: r.outcome for r in analyse(loaded, combo, when).removals}
            else:
                outcomes = {rid: out for g in grounded for rid, out in g.outcomes(combo, classes).items() if classes[rid] in g.removals}
            matrix.cells.append((cell, outcomes))
    return matrix


class _Grounded:
    """One grounding of a case with every `variant/2` atom an external."""

    def __init__(self, loaded: LoadedCase, removals: set[str]):
        self.ctl = clingo.Control(["--warn=none"])
        self.ctl.add("base", [], rulebase.program() + "\n#show prohibited/1.\n")
        watch = _BodyAtoms()
        self.ctl.register_observer(watch)
        self.atoms: dict[tuple[str, str], clingo.Symbol] = {}
        ids: dict[int, str] = {}
        self.removals = removals
        facts = case_facts(loaded.case, {}, only=removals)
        self.open = bool(facts.open)
        with self.ctl.backend() as backend:
            add_facts(backend, facts)
            for name, axis in variant_axes.AXES.items():
                for value in axis.values:
                    sym = clingo.Function("variant", [clingo.Function(name), clingo.Function(value)])
                    atom = backend.add_atom(sym)
                    backend.add_external(atom, clingo.TruthValue.False_)
                    self.atoms[(name, value)] = sym
                    ids[atom] = name
        self.ctl.ground([("base", [])])
        self.read_axes = {ids[a] for a in watch.atoms if a in ids}

    def outcomes(self, combo: dict[str, str], removals: dict[str, str]) -> dict[str, str]:
        """Removal id -> outcome under `combo` (`removals`: id -> the one ground for its class)."""
        for (name, value), sym in self.atoms.items():
            self.ctl.assign_external(sym, combo[name] == value)
        sure = self._prohibited("cautious" if self.open else "auto")
        maybe = self._prohibited("brave") if self.open else sure
        return {r: "prohibited" if rep in sure else "undetermined" if rep in maybe else "permitted" for r, rep in removals.items()}

    def _prohibited(self, mode: str) -> set[str]:
        self.ctl.configuration.solve.models = 0 if self.open else 1
        self.ctl.configuration.solve.enum_mode = mode
        shown: list[str] = []
        limits.solve(self.ctl, on_model=lambda m: shown.append(str(m)))
        return {atom[len('prohibited("') : -2] for atom in shown[-1].split()}


class _BodyAtoms(clingo.Observer):
    """The atoms that occur in the body of some ground rule."""

    def __init__(self) -> None:
        self.atoms: set[int] = set()

    def rule(self, choice: bool, head, body) -> None:
        self.atoms.update(abs(lit) for lit in body)

    def weight_rule(self, choice: bool, head, lower_bound: int, body) -> None:
        self.atoms.update(abs(lit) for lit, _ in body)


def _boxes(combos: set[tuple[str, ...]], names: list[str], axes: dict[str, tuple[str, ...]]) -> list[dict[str, tuple[str, ...]]]:
    """Cover `combos` with few cartesian boxes, greedily: grow each box one axis at a time
    while every combination in it is in `combos`."""
    left, boxes = set(combos), []
    while left:
        box = [{v} for v in min(left)]
        for i, name in enumerate(names):
            for value in axes[name]:
                trial = box[:i] + [box[i] | {value}] + box[i + 1 :]
                if all(c in combos for c in itertools.product(*trial)):
                    box = trial
        left -= set(itertools.product(*box))
        boxes.append({name: tuple(v for v in axes[name] if v in box[i]) for i, name in enumerate(names) if len(box[i]) < len(axes[name])})
    return boxes
