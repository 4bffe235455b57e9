"""The justification graph of one removal's outcome, built from the rules that derived it.

Node kinds: `conclusion` (a derived atom), `rule` (a rule application: id, reading, sources;
or, under an absence, a rule that does not apply), `fact` (what the user wrote, with
file:line), `unknown` (a fact the file marks unknown), `absence` (no finding of an atom),
`test` (a comparison that fails). Shared
sub-derivations are one node; every edge points from a conclusion to what supports it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

import clingo
from nonref import analysis, prepare, rulebase
from nonref import solve as solving
from nonref import variants as variant_axes
from nonref.errors import UsageError
from nonref.facts import case_facts
from nonref.loader import dotted

from .engine import ANY, Matcher
from .wording import atom_text, term_text

GRAPH_SCHEMA = 1


@dataclass
class Node:
    id: str
    kind: str  # conclusion | rule | fact | unknown | absence | test
    label: str
    rule: str | None = None
    reads: str | None = None
    sources: str | None = None
    applies: bool | None = None  # rule nodes: false for a rule that does not apply
    where: str | None = None  # facts: file:line
    children: list[str] = field(default_factory=list)


@dataclass
class Graph:
    root: str
    nodes: dict[str, Node]
    removal: str
    outcome: str
    part: bool = False  # the part under one step, not the whole justification

    def to_json(self) -> dict:
        return {
            "schema": GRAPH_SCHEMA,
            "removal": self.removal,
            "outcome": self.outcome,
            "root": self.root,
            "nodes": [asdict(n) for n in self.nodes.values()],
        }

    def breadth_first(self, follow=lambda node: True):
        """The nodes in breadth-first order from the root, each once; below a node only if `follow(node)`."""
        queue, seen = [self.root], set()
        while queue:
            nid = queue.pop(0)
            if nid in seen:
                continue
            seen.add(nid)
            node = self.nodes[nid]
            yield node
            if follow(node):
                queue += node.children

    def within(self, depth: int) -> Graph:
        """The first `depth` levels under the root, as `explain --depth` shows them: each branch cut
        there ends in a note of how many steps it hides."""
        level, order = {self.root: 0}, [self.root]
        for nid in order:  # breadth first: a node's level is its shortest distance from the root
            for child in self.nodes[nid].children:
                if child not in level:
                    level[child] = level[nid] + 1
                    order.append(child)
        keep = {nid for nid in order if level[nid] < depth}
        nodes = {}
        for nid in order:
            if nid not in keep:
                continue
            node = self.nodes[nid]
            cut = [c for c in node.children if c not in keep]
            children = [c for c in node.children if c in keep]
            if cut:
                more = f"more:{nid}"
                nodes[more] = Node(more, "absence", f"… {len(cut)} more (raise --depth)")
                children.append(more)
            nodes[nid] = Node(**{**node.__dict__, "children": children})
        return Graph(self.root, nodes, self.removal, self.outcome, part=self.part or len(keep) < len(self.nodes))

    def below(self, nid: str) -> Graph:
        """The part of the graph under one node, that node at the top."""
        keep, stack = set(), [nid]
        while stack:
            n = stack.pop()
            if n not in keep:
                keep.add(n)
                stack += self.nodes[n].children
        return Graph(nid, {k: node for k, node in self.nodes.items() if k in keep}, self.removal, self.outcome, part=self.part or nid != self.root)


def explain(
    case, removal: str, variants: dict[str, str] | None = None, depth: int = 8, as_of: dt.date | None = None, assumed: dict[str, str] | None = None
) -> Graph:
    """The justification graph of `removal`'s outcome in a case (path, LoadedCase or Case)."""
    return Explainer(case, variants, depth, removals=[removal], as_of=as_of, assumed=assumed).graph(removal)


class Explainer:
    """One solve and one rule matcher for a case, shared by the graphs of all its removals."""

    def __init__(
        self,
        case,
        variants: dict[str, str] | None = None,
        depth: int = 8,
        removals: list[str] | None = None,
        as_of: dt.date | None = None,
        assumed: dict[str, str] | None = None,
    ):
        """`removals`: the ids to explain (default: all). Removals do not depend on each other, so
        only those are ground. `variants`, `as_of` and `assumed` as for `analyse`."""
        self.loaded, assumed_paths = prepare.assume(prepare.as_loaded(case, as_of), assumed or {})
        self.variants = variants
        self.chosen = chosen = variant_axes.resolve(dict(self.loaded.case.variants), variants)
        ids = [r.id for r in self.loaded.case.removals]
        for rid in removals or ():
            if rid not in ids:
                raise UsageError(f"no removal {rid!r} in the case: expected one of {', '.join(ids)}")
        self.ids = ids if removals is None else list(removals)
        self.args = (case, variants, depth, as_of, assumed)
        whose = {r.person for r in self.loaded.case.removals if r.id in self.ids}
        self.per_removal = len(whose) > 1  # several persons: one explainer per removal's person (graph)
        only = {self.ids[0]} if self.per_removal else None if removals is None else set(removals)
        family: dict[str, set[str]] = {}
        for rid in self.ids[:1] if self.per_removal else self.ids:
            family |= analysis.family_barred(self.loaded, chosen, rid)
        self.facts = case_facts(self.loaded.case, chosen, only=only, family=family)
        prepare.mark_options(self.facts, variants, as_of, assumed_paths)
        self.raw = self.loaded.case.model_dump(mode="json", by_alias=True)
        self._by_first: dict[tuple[str, int], dict[clingo.Symbol, list[clingo.Symbol]]] = {}
        self.model = set(solving.solve(self.facts))  # with unknown facts: one completion
        # unknown facts: atom -> (field path, value in the completion shown)
        self.unknown_facts = {a: path for path, alternatives in self.facts.open for _, a in alternatives if a is not None}
        self.sure = self.maybe = None
        if self.facts.open:  # prohibited in every completion / in some
            self.sure, self.maybe = (
                {args[0] for _, args in solving.shown_atoms(solving.solve_shown(self.facts, "#show prohibited/1.", mode))}
                for mode in ("cautious", "brave")
            )
        self.matcher = Matcher(self.model)
        self.depth = depth

    def contrary(self, name: str, arity: int, first: clingo.Symbol) -> list[clingo.Symbol]:
        """The true atoms name/arity whose first argument is `first` (any, for ANY), indexed once."""
        if first == ANY:
            return list(self.matcher.atoms(name, arity))
        index = self._by_first.get((name, arity))
        if index is None:
            index = self._by_first[(name, arity)] = {}
            for a in self.matcher.atoms(name, arity):
                index.setdefault(a.arguments[0], []).append(a)
        return index.get(first, [])

    def graph(self, removal: str) -> Graph:
        if removal not in self.ids:
            raise UsageError(f"no removal {removal!r} in the case: expected one of {', '.join(self.ids)}")
        if self.per_removal:  # several persons: the rules reason about one person at a time
            case, variants, depth, as_of, assumed = self.args
            return Explainer(case, variants, depth, removals=[removal], as_of=as_of, assumed=assumed).graph(removal)
        if self.maybe is not None and removal in self.maybe - self.sure:
            return self._undetermined(removal)
        builder = _Builder(self, self.depth)
        rem = clingo.String(removal)
        outcome = "prohibited" if clingo.Function("prohibited", [rem]) in self.model else "permitted"
        root = builder.conclusion(clingo.Function(outcome, [rem]), every_support=True)  # every basis
        if self.maybe is not None:  # settled although some facts are unknown
            note = f"atom:regardless:{removal}"
            builder.nodes[note] = Node(  # a test: checked in every completion of the unknown facts
                note,
                "test",
                f"{outcome} whatever the unknown facts still open are: the same in every completion (those shown take their values in one of them)",
            )
            builder.nodes[root].children.insert(0, note)
        # Beside the derivation, derived by the same rules: what the person's conduct does to each
        # bar (E2.3, E1.3-E3.1), assurances that remove a risk (D5.2), whether an assurance would
        # make the removal lawful (C1.7), and the procedural findings (Q, I3).
        related = [a for name, arity in RELATED for a in self.contrary(name, arity, rem)]
        answered = {a.arguments[0] for a in self.matcher.atoms("answered", 1)}
        related = [a for a in related if a.name not in ("conduct_irrelevant", "excepted") or a.arguments[1] in answered]  # the forum's bars only
        index = next(i for i, r in enumerate(self.loaded.case.removals) if r.id == removal)
        to = clingo.String(self.loaded.case.removals[index].to)
        given = {a.arguments[0] for a in self.matcher.atoms("assurance", 2) if a.arguments[1] == to}
        related += [a for a in self.matcher.atoms("disregarded", 2) if a.arguments[0] in given]  # D4.2, D5.1
        builder.nodes[root].children += [builder.conclusion(a) for a in related]
        # Where the file states the removal's procedure but no breach is found: why none is.
        if ("removals", index, "procedure") in self.loaded.source.lines and not any(a.name == "procedure_finding" for a in related):
            builder.nodes[root].children.append(builder.absence(clingo.Function("procedure_finding", [rem, ANY]), self.depth))
        # I2.3 beside each hop of a chain: treaty membership did not make that state safe.
        for nid, atom in list(builder.derived.items()):
            if atom.name == "onward":
                note = clingo.Function("party_not_enough", atom.arguments[:1])
                if note in self.model:
                    builder.nodes[nid].children.append(builder.conclusion(note))
        return Graph(root, builder.nodes, removal, outcome)

    def _undetermined(self, removal: str) -> Graph:
        """Undetermined: the deciding facts each way, each with the justification that follows
        if the unknown facts take those values."""
        from nonref.unknowns import deciding_facts

        root = Node(f"undetermined:{removal}", "conclusion", f"removal {removal} is UNDETERMINED: it turns on facts not known")
        nodes = {root.id: root}
        found = deciding_facts(self.loaded.case, self.chosen, {removal}, analysis.family_barred(self.loaded, self.chosen, removal))[removal]
        for way in ("prohibited", "permitted"):
            for k, values in enumerate(found[way]):
                supposed = dict(v.split(" = ", 1) for v in values)
                sub = Explainer(self.loaded, self.variants, self.depth, removals=[removal], assumed=supposed)
                for path in list(sub.facts.options):
                    if sub.facts.options[path] == "--assume":
                        sub.facts.options[path] = "unknown; supposed here"
                graph = sub.graph(removal)
                prefix = f"{way}{k}/"
                case_node = Node(f"if:{way}:{k}", "conclusion", f"{way} if " + " and ".join(values), children=[prefix + graph.root])
                nodes[case_node.id] = case_node
                root.children.append(case_node.id)
                for node in graph.nodes.values():
                    nodes[prefix + node.id] = Node(**{**node.__dict__, "id": prefix + node.id, "children": [prefix + c for c in node.children]})
        return Graph(root.id, nodes, removal, "undetermined")


RELATED = (
    ("conduct_irrelevant", 3),
    ("excepted", 3),
    ("cured", 2),
    ("lawful_with_assurance", 1),
    ("procedure_finding", 2),
    ("suspended", 1),
    ("treaty_void", 1),
    ("treaty_conflict", 1),
)


class _Builder:
    def __init__(self, explainer: Explainer, depth: int):
        self.m, self.origin, self.denied = explainer.matcher, explainer.facts.origin, explainer.facts.denied
        self.flags, self.options, self.unknowns = explainer.facts.flags, explainer.facts.options, explainer.unknown_facts
        self.flags_open = {a for _, alternatives in explainer.facts.open for value, a in alternatives if value == "true"}
        self.loaded, self.raw, self.contrary, self.depth = explainer.loaded, explainer.raw, explainer.contrary, depth
        self.nodes: dict[str, Node] = {}
        self.derived: dict[str, clingo.Symbol] = {}  # conclusion node id -> its atom
        self.open: set[str] = set()  # absences being explained, to stop recursive rules looping
        self.rules = {r.id: r for r in rulebase.rules()}

    def conclusion(self, atom: clingo.Symbol, every_support: bool = False) -> str:
        """A true atom and the rule application that derived it (each of them, if asked)."""
        nid = f"atom:{_text(atom)}"
        if nid in self.nodes:
            return nid
        if atom in self.origin:
            return self.fact(atom)
        if atom in self.unknowns:
            return self.unknown(atom, True)
        node = self.nodes[nid] = Node(nid, "conclusion", atom_text(atom))
        self.derived[nid] = atom
        found = list(self.m.supports(atom)) if every_support else [self.m.support(atom)]
        for k, support in enumerate(s for s in found if s is not None):
            rule = self._rule_node(f"apply:{support.rule}:{_text(atom)}:{k}", support.rule, True)
            node.children.append(rule.id)
            rule.children += [self.conclusion(p) for p in support.positive]
            rule.children += [self.absence(n, self.depth) for n in support.negative]
        return nid

    def fact(self, atom: clingo.Symbol) -> str:
        nid = f"atom:{_text(atom)}"
        if nid not in self.nodes:
            path = self.origin.get(atom) or self.denied[atom]
            written = _written(self.raw, path) if path in self.loaded.source.lines else None
            value = "false" if atom in self.denied else "true" if atom in self.flags or not atom.arguments else _dates(term_text(atom.arguments[-1]))
            if path in self.options:  # set on the command line, not in the file
                self.nodes[nid] = Node(nid, "fact", f"{dotted(path)}: {value} ({self.options[path]})")
            elif written is None:  # a default: nothing in the file to point at
                self.nodes[nid] = Node(nid, "fact", f"{dotted(path)}: {value} (default)")
            else:
                line = self.loaded.source.line(path)
                where = f"{self.loaded.source.file}:{line}" if line else self.loaded.source.file
                self.nodes[nid] = Node(nid, "fact", f"{dotted(path)}: {written}", where=where)
        return nid

    def unknown(self, atom: clingo.Symbol, holds: bool) -> str:
        """A fact the file marks unknown, with the value it takes in the completion shown."""
        nid = f"unknown:{_text(atom)}"
        if nid not in self.nodes:
            path = self.unknowns[atom]
            line = self.loaded.source.line(path) if path in self.loaded.source.lines else None
            where = f"{self.loaded.source.file}:{line}" if line else None
            if atom in self.flags_open:  # a yes/no fact
                shown = "true" if holds else "false"
            else:  # one value of a field with several
                shown = ("" if holds else "not ") + term_text(atom.arguments[-1])
            self.nodes[nid] = Node(nid, "unknown", f"{dotted(path)}: unknown (here taken as {shown})", where=where)
        return nid

    def absence(self, pattern: clingo.Symbol, depth: int) -> str:
        nid = f"absent:{_text(pattern)}"
        if nid in self.open:  # a recursive rule asks the question it is answering: a leaf, not a loop
            again = f"again:{_text(pattern)}"
            self.nodes.setdefault(again, Node(again, "absence", f"no finding: {atom_text(pattern)} (as above: nothing else founds it)"))
            return again
        if nid in self.nodes:
            return nid
        node = self.nodes[nid] = Node(nid, "absence", "no finding: " + atom_text(pattern))
        if not self.m.derived(pattern):  # an input: show what the case says instead, if anything
            node.label = "not in the case: " + atom_text(pattern)
            if pattern in self.unknowns:
                node.children = [self.unknown(pattern, False)]
            elif pattern in self.denied:  # a yes/no field that says no
                node.children = [self.fact(pattern)]
            else:  # what the case says instead: a fact, or the value an unknown fact takes in this completion
                node.children = [self.unknown(a, True) if a in self.unknowns else self.fact(a) for a in self._contrary(pattern)]
            return nid
        if depth <= 0:
            return nid
        self.open.add(nid)
        self._failures(node, pattern, depth)
        self.open.discard(nid)
        return nid

    def _failures(self, node: Node, pattern: clingo.Symbol, depth: int) -> None:
        for k, failure in enumerate(_minimal(self.m.failures(pattern))):
            rule = self._rule_node(f"fails:{failure.rule}:{_text(pattern)}:{k}", failure.rule, False)
            node.children.append(rule.id)
            for kind, what in failure.unmet:
                if kind == "absent":
                    rule.children.append(self.absence(what, depth - 1))
                elif kind == "blocked":
                    rule.children.append(self.conclusion(what))
                else:
                    tid = f"test:{what}"
                    self.nodes.setdefault(tid, Node(tid, "test", _test_text(what)))
                    rule.children.append(tid)

    def _contrary(self, pattern: clingo.Symbol) -> list[clingo.Symbol]:
        """Facts of the same predicate about the same thing (its first argument)."""
        arguments = pattern.arguments
        return self.contrary(pattern.name, len(arguments), arguments[0] if arguments else ANY)

    def _rule_node(self, nid: str, rid: str, applies: bool) -> Node:
        r = self.rules[rid]
        label = f"{rid}  {r.reads}" if applies else f"{rid} does not apply: {r.reads}"
        node = self.nodes[nid] = Node(nid, "rule", label, rule=rid, reads=r.reads, sources=r.source, applies=applies)
        return node


@lru_cache(maxsize=1 << 16)
def _text(sym: clingo.Symbol) -> str:
    """A symbol as clingo prints it (node ids), printed once: printing crosses into clingo."""
    return str(sym)


def _test_text(what: str) -> str:
    left, op, right = what.partition(" != ")
    if op and left == right:  # the rule leaves this value to another rule (e.g. C1.1 leaves CAT to C1.2)
        return f"fails: this rule leaves out {term_text(clingo.parse_term(left))}"
    return f"fails: {_dates(what)}"


def _dates(text: str) -> str:
    """Dates are YYYYMMDD numbers in the rules; print them as dates."""
    return re.sub(r"\b(1[89]\d\d|20\d\d)(\d\d)(\d\d)\b", r"\1-\2-\3", text)


def _minimal(failures):
    """Per rule, keep only the sets of unmet conditions that contain no smaller one."""
    unmet = [(f.rule, frozenset(f.unmet)) for f in failures]
    return [f for f, (rule, mine) in zip(failures, unmet, strict=True) if not any(r == rule and other < mine for r, other in unmet)]


SUMMARY_FIELDS = ("id", "name", "harm", "in", "from", "by", "to", "kind", "because", "against", "place", "state", "controlled_by")


def _written(raw: dict, path: tuple) -> str | None:
    """The value at `path` as the case states it; None where the file leaves it to a default."""
    node = raw
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if node is None:
        return None
    if isinstance(node, dict):
        return ", ".join(f"{k}: {node[k]}" for k in SUMMARY_FIELDS if node.get(k) is not None)
    return str(node).lower() if isinstance(node, bool) else str(node)
