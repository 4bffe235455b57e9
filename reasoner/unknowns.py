"""The facts that decide an undetermined removal (doctrine C4).

A removal is undetermined when it is prohibited in some completion of the unknown facts and
not in all. Its deciding facts are small sets of values for unknown facts that settle it: with
them, every completion prohibits it (or none does). They are found from one grounding, with
assumptions: a witness completion that gives the outcome is taken and its values are cut down,
by halving (QuickXplain), to a set that still settles the outcome and from which no value can be
left out (settling is monotone: more known values never unsettle an outcome). Each check is one
satisfiability test of the opposite outcome under the chosen values. Each value of an unknown fact the outcome depends on (in the
ground program) is tried as a seed, so different ways of settling the outcome are found, up to
`limit` sets each way; an unknown fact it does not depend on is never listed.
"""

from __future__ import annotations

import clingo

from . import limits
from .facts import Path, case_facts
from .loader import dotted
from .model import Case
from .solve import control

Literal = tuple[int, int]  # (index of the unknown fact, index of its alternative)


def deciding_facts(
    case: Case, variants: dict[str, str], removals: set[str], family: dict[str, set[str]] | None = None, limit: int = 3
) -> dict[str, dict[str, list[list[str]]]]:
    """For each removal id: {"prohibited": [...], "permitted": [...]}, each a list of sets of
    "path = value" that settle it that way. Only the unknown facts a removal's outcome depends on
    in the ground program are tried for it. At the time limit (`limits`), the removals not done yet
    are left out."""
    facts = case_facts(case, variants, only=removals, family=family)
    rules = _Rules()
    ctl = control(facts, "\n#show prohibited/1.\n", rules)
    atom_of = {}  # program atom of each alternative of each unknown fact
    for i, (_, alternatives) in enumerate(facts.open):
        for _, a in alternatives:
            if a is not None and ctl.symbolic_atoms[a] is not None:
                atom_of.setdefault(ctl.symbolic_atoms[a].literal, set()).add(i)
    out = {}
    for rid in sorted(removals):
        goal = ctl.symbolic_atoms[clingo.Function("prohibited", [clingo.String(rid)])]
        below = rules.below(goal.literal) if goal is not None else set()
        relevant = sorted({i for atom in below & atom_of.keys() for i in atom_of[atom]})
        solver = _Solver(ctl, facts.open, relevant)
        try:
            out[rid] = {way: [solver.phrase(s) for s in solver.sets(rid, way == "prohibited", limit)] for way in ("prohibited", "permitted")}
        except limits.TimeLimit:  # the time for this is up: the removals done so far keep theirs
            break
    return out


class _Rules(clingo.Observer):
    """The ground program's dependencies: head atom -> the atoms in the bodies that derive it."""

    def __init__(self) -> None:
        self.uses: dict[int, set[int]] = {}

    def rule(self, choice: bool, head, body) -> None:
        for h in head:
            self.uses.setdefault(h, set()).update(abs(lit) for lit in body)

    def weight_rule(self, choice: bool, head, lower_bound: int, body) -> None:
        for h in head:
            self.uses.setdefault(h, set()).update(abs(lit) for lit, _ in body)

    def below(self, atom: int) -> set[int]:
        """Every atom `atom` depends on, through any number of rules."""
        seen, todo = {atom}, [atom]
        while todo:
            for nxt in self.uses.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen


class _Solver:
    def __init__(self, ctl: clingo.Control, open_facts: list[tuple[Path, list[tuple[str, clingo.Symbol | None]]]], relevant: list[int]):
        self.ctl, self.open, self.relevant = ctl, open_facts, relevant
        self.ctl.configuration.solve.models = 1  # one model is all any question here needs
        self.goals: dict[str, int] = {}
        # Each alternative's program literal, looked up once (0: no atom, or one the grounder dropped).
        atoms = ctl.symbolic_atoms
        self.literal = {i: [atoms[a].literal if a is not None and atoms[a] is not None else 0 for _, a in open_facts[i][1]] for i in relevant}

    def assumptions(self, chosen: frozenset[Literal]) -> list[int]:
        out = []
        for i, k in chosen:
            if self.open[i][1][k][1] is not None:
                out.append(self.literal[i][k])
            else:  # a yes/no fact taken as false: its atom does not hold
                out += [-lit for lit in self.literal[i] if lit]
        return out

    def goal(self, rid: str) -> int:
        if rid not in self.goals:  # looked up once per removal, not once per check
            atom = self.ctl.symbolic_atoms[clingo.Function("prohibited", [clingo.String(rid)])]
            self.goals[rid] = atom.literal if atom is not None else 0
        return self.goals[rid]

    def settles(self, rid: str, prohibited: bool, chosen: frozenset[Literal]) -> bool:
        """Whether the values `chosen` settle the removal: no completion of the other unknown facts
        gives the opposite outcome (one satisfiability check, not an enumeration)."""
        goal = self.goal(rid)
        if not goal:  # never derivable: never prohibited
            return not prohibited
        limits.check()
        return self.ctl.solve(assumptions=self.assumptions(chosen) + [-goal if prohibited else goal]).unsatisfiable

    def witness(self, rid: str, prohibited: bool, seed: Literal) -> frozenset[Literal] | None:
        """The values of the unknown facts in one completion where the removal is (not) prohibited."""
        goal = self.goal(rid)
        if not goal and prohibited:
            return None
        chosen: list[frozenset[Literal]] = []

        def read(m: clingo.Model) -> bool:
            values = set()
            for i in self.relevant:
                alternatives, literals = self.open[i][1], self.literal[i]
                holds = [k for k, lit in enumerate(literals) if lit and m.is_true(lit)]
                values.add((i, holds[0] if holds else next(k for k, (_, a) in enumerate(alternatives) if a is None)))
            chosen.append(frozenset(values))
            return False  # one is enough

        wanted = [goal if prohibited else -goal] if goal else []
        limits.check()
        self.ctl.solve(assumptions=self.assumptions(frozenset([seed])) + wanted, on_model=read)
        return chosen[0] if chosen else None

    def sets(self, rid: str, prohibited: bool, limit: int) -> list[frozenset[Literal]]:
        found: list[frozenset[Literal]] = []
        for i in self.relevant:
            for k in range(len(self.open[i][1])):
                if len(found) >= limit:
                    return found
                seed = (i, k)
                # A value already used, or another value of a fact in a larger set (a variant of a way
                # already found), is not tried: each set found should be a different way to settle it.
                if any(seed in s or (len(s) > 1 and any(i == j for j, _ in s)) for s in found):
                    continue
                start = self.witness(rid, prohibited, seed)
                if start is None:
                    continue
                kept = frozenset(self.necessary(rid, prohibited, frozenset(), [seed] + sorted(start - {seed}), False))
                if kept not in found:
                    found.append(kept)
        return found

    def necessary(self, rid: str, prohibited: bool, base: frozenset[Literal], candidates: list[Literal], test: bool) -> list[Literal]:
        """An irredundant part of `candidates` that, with `base`, settles the removal (given that all
        of them do), found by halving (QuickXplain): a few solves per value kept, not one per value
        tried. Earlier candidates are kept in preference to later ones."""
        if test and self.settles(rid, prohibited, base):
            return []
        if len(candidates) == 1:
            return candidates
        first, second = candidates[: len(candidates) // 2], candidates[len(candidates) // 2 :]
        from_second = self.necessary(rid, prohibited, base | frozenset(first), second, True)
        from_first = self.necessary(rid, prohibited, base | frozenset(from_second), first, bool(from_second))
        return from_first + from_second

    def phrase(self, chosen: frozenset[Literal]) -> list[str]:
        return [f"{dotted(self.open[i][0])} = {self.open[i][1][k][0]}" for i, k in sorted(chosen)]
