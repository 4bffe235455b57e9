"""Match the encodings' own rules against an answer set, lazily, for what is shown.

The rules are read from `encodings/` (the same text clingo grounds), unpooled, and kept as
patterns. `Matcher` answers two questions about one answer set:

* `support(atom)`: a shallowest rule instance deriving a true atom (iterative deepening), so
  every atom in a justification has a strictly smaller depth than the atom it supports: the
  result is acyclic even where rules are recursive, and a chain is shown by its shortest path;
* `failures(pattern)`: for a false atom, each rule that could have derived it and the body
  conditions that fail (all of them, not only the first).

Nothing is materialised per rule instance: only the atoms a user looks at are matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Iterator

import clingo
from clingo import ast

from nonref import rulebase

ANY = clingo.Function("_")  # an unbound argument in a pattern ("any value")


@dataclass(frozen=True)
class Literal:
    kind: str  # "pos" | "neg" | "cmp"
    term: object = None  # pattern of the atom (pos/neg)
    left: object = None  # comparison operands (cmp)
    op: str = ""
    right: object = None


@dataclass(frozen=True)
class CompiledRule:
    id: str
    head: object
    body: tuple[Literal, ...]


@dataclass(frozen=True)
class Support:
    rule: str
    positive: tuple[clingo.Symbol, ...]
    negative: tuple[clingo.Symbol, ...]  # atoms that must be (and are) false, ANY for "any value"


@dataclass(frozen=True)
class Failure:
    """A rule that could have derived a pattern, and its conditions that do not hold."""

    rule: str
    unmet: tuple[tuple[str, object], ...]  # ("absent", pattern) | ("blocked", true atom) | ("compare", text)


# --- compiling the encodings into patterns ---------------------------------------------------

class Var:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Fn:
    __slots__ = ("name", "args")

    def __init__(self, name: str, args: tuple):
        self.name, self.args = name, args


OPS = {ast.ComparisonOperator.Equal: "=", ast.ComparisonOperator.NotEqual: "!=",
       ast.ComparisonOperator.LessThan: "<", ast.ComparisonOperator.LessEqual: "<=",
       ast.ComparisonOperator.GreaterThan: ">", ast.ComparisonOperator.GreaterEqual: ">="}


def _term(t: ast.AST):
    if t.ast_type == ast.ASTType.Variable:
        return Var(t.name)
    if t.ast_type == ast.ASTType.SymbolicTerm:
        return t.symbol
    if t.ast_type == ast.ASTType.Function:
        args = tuple(_term(a) for a in t.arguments)
        if all(isinstance(a, clingo.Symbol) for a in args):
            return clingo.Function(t.name, list(args))
        return Fn(t.name, args)
    if t.ast_type == ast.ASTType.SymbolicAtom:
        return _term(t.symbol)
    raise ValueError(f"unsupported term in the encodings: {t}")


def _literal(lit: ast.AST) -> Literal:
    atom = lit.atom
    if atom.ast_type == ast.ASTType.Comparison:
        (guard,) = atom.guards
        return Literal("cmp", left=_term(atom.term), op=OPS[guard.comparison], right=_term(guard.term))
    kind = "neg" if lit.sign == ast.Sign.Negation else "pos"
    return Literal(kind, term=_term(atom.symbol))


def compile_rules(files: list[tuple[str, str]], rule_id) -> tuple[CompiledRule, ...]:
    """Compile (name, text) programs; `rule_id(name, line)` names the rule at a line."""
    out: list[CompiledRule] = []
    for name, text in files:
        statements: list[ast.AST] = []
        ast.parse_string(text, statements.append)
        for st in statements:
            if st.ast_type != ast.ASTType.Rule or st.head.ast_type != ast.ASTType.Literal:
                continue  # integrity constraints and choice rules derive nothing to explain
            rid = rule_id(name, st.location.begin.line)
            for rule in st.unpool():
                out.append(CompiledRule(rid, _term(rule.head.atom), tuple(_literal(b) for b in rule.body)))
    return tuple(out)


def index_by_head(rules: tuple[CompiledRule, ...]) -> dict[tuple[str, int], tuple[CompiledRule, ...]]:
    index: dict[tuple[str, int], list[CompiledRule]] = {}
    for r in rules:
        index.setdefault(_signature(r.head), []).append(r)
    return {k: tuple(v) for k, v in index.items()}


@cache
def rulebase_index() -> dict[tuple[str, int], tuple[CompiledRule, ...]]:
    """nonref's own rule base, compiled once per process."""
    ids = {(r.file, r.line): r.id for r in rulebase.rules()}
    return index_by_head(compile_rules(rulebase.encoding_files(), lambda name, line: ids[(name, line)]))


def _signature(p) -> tuple[str, int]:
    if isinstance(p, Fn):
        return p.name, len(p.args)
    return p.name, len(p.arguments)


# --- matching ----------------------------------------------------------------------------

@lru_cache(maxsize=1 << 20)
def _parts(sym: clingo.Symbol) -> tuple[str | None, tuple[clingo.Symbol, ...]]:
    """(name, arguments) of a function symbol, (None, ()) otherwise. clingo's accessors cross
    the C boundary on every call; matching asks for the same symbols many times."""
    if sym.type != clingo.SymbolType.Function:
        return None, ()
    return sym.name, tuple(sym.arguments)


def _match(p, sym: clingo.Symbol, b: dict) -> dict | None:
    """Extend bindings `b` so that pattern `p` equals `sym`, or None."""
    if isinstance(p, Var):
        if p.name == "_":
            return b
        bound = b.get(p.name)
        if bound is None or bound == ANY:
            return {**b, p.name: sym}
        return b if bound == sym or sym == ANY else None
    if isinstance(p, Fn):
        name, args = _parts(sym)
        if name != p.name or len(args) != len(p.args):
            return None
        for a, s in zip(p.args, args):
            b = _match(a, s, b)
            if b is None:
                return None
        return b
    return b if (p == sym or sym == ANY) else None


def instantiate(p, b: dict) -> clingo.Symbol:
    """The pattern with its bindings; unbound variables become ANY."""
    if isinstance(p, Var):
        return b.get(p.name, ANY) if p.name != "_" else ANY
    if isinstance(p, Fn):
        return clingo.Function(p.name, [instantiate(a, b) for a in p.args])
    return p


def _compare(left: clingo.Symbol, op: str, right: clingo.Symbol) -> bool:
    return {"=": left == right, "!=": left != right, "<": left < right, "<=": left <= right,
            ">": left > right, ">=": left >= right}[op]


def _has_any(sym: clingo.Symbol) -> bool:
    return sym == ANY or any(_has_any(a) for a in _parts(sym)[1])


class Matcher:
    """The rules, matched against one answer set."""

    def __init__(self, model: set[clingo.Symbol], rules: dict[tuple[str, int], tuple[CompiledRule, ...]] | None = None):
        self.model = model
        self.rules = rulebase_index() if rules is None else rules
        self._unsorted: dict[tuple[str, int], list[clingo.Symbol]] = {}
        for sym in model:
            if sym.type == clingo.SymbolType.Function:
                name, args = _parts.__wrapped__(sym)  # every atom once: not worth caching
                self._unsorted.setdefault((name, len(args)), []).append(sym)
        self._sorted: dict[tuple[str, int], list[clingo.Symbol]] = {}
        self._by_position: dict[tuple[tuple[str, int], int], dict[clingo.Symbol, list[clingo.Symbol]]] = {}
        self._support: dict[clingo.Symbol, Support] = {}  # the chosen (shallowest) support
        self._depth: dict[clingo.Symbol, int] = {}  # its depth
        self._failed: dict[clingo.Symbol, int] = {}  # the largest bound at which none was found
        self._instances: dict[clingo.Symbol, list] = {}  # every rule instance deriving an atom

    def atoms(self, name: str, arity: int) -> list[clingo.Symbol]:
        """The true atoms of a predicate, sorted (the same explanation in every process)."""
        key = (name, arity)
        if key not in self._sorted:  # sorted lazily: only the predicates an explanation visits
            self._sorted[key] = sorted(self._unsorted.get(key, []))
        return self._sorted[key]

    def true(self, pattern: clingo.Symbol) -> list[clingo.Symbol]:
        """The true atoms that match a pattern (ANY matches anything)."""
        if not _has_any(pattern):
            return [pattern] if pattern in self.model else []
        return [s for s in self._candidates(pattern) if _generalises(pattern, s)]

    def _candidates(self, pattern: clingo.Symbol) -> list[clingo.Symbol]:
        """The atoms of the pattern's predicate that agree on its most selective fixed argument."""
        key = (pattern.name, len(pattern.arguments))
        best = self.atoms(*key)
        for i, arg in enumerate(pattern.arguments):
            if arg != ANY and not _has_any(arg):
                bucket = self._bucket(key, i).get(arg, [])
                if len(bucket) < len(best):
                    best = bucket
        return best

    def _bucket(self, key: tuple[str, int], i: int) -> dict[clingo.Symbol, list[clingo.Symbol]]:
        if (key, i) not in self._by_position:  # built lazily, for the positions explanations use
            index: dict[clingo.Symbol, list[clingo.Symbol]] = {}
            for sym in self.atoms(*key):
                index.setdefault(_parts(sym)[1][i], []).append(sym)
            self._by_position[(key, i)] = index
        return self._by_position[(key, i)]

    def _estimate(self, pattern: clingo.Symbol) -> int:
        """How many true atoms a pattern may match, without filtering (for ordering only)."""
        if not _has_any(pattern):
            return int(pattern in self.model)
        return len(self._candidates(pattern))

    def derived(self, sym: clingo.Symbol) -> bool:
        return (sym.name, len(sym.arguments)) in self.rules

    # positive -------------------------------------------------------------------------
    def support(self, atom: clingo.Symbol) -> Support | None:
        """A support of least depth for a true derived atom (None for an input fact).

        Iterative deepening: the derivation found is a shallowest one, so a chain of onward
        transfers is shown by its shortest path; and every atom in it has a strictly smaller
        depth than the atom it supports, so the justification is acyclic (well-founded) even
        where the rules are recursive. Failures are remembered per depth bound.
        """
        if atom not in self.model or not self.derived(atom):
            return None
        k = 1
        while atom not in self._depth:
            self._prove(atom, k)
            k += 1
        return self._support[atom]

    def supports(self, atom: clingo.Symbol) -> Iterator[Support]:
        """Every rule instance deriving `atom` whose body atoms are justified without it."""
        for rule, bindings, pos in self._derivations(atom):
            for p in pos:
                self.support(p)
            if not any(self._uses(p, atom) for p in pos):
                yield Support(rule.id, pos, _negatives(rule, bindings))

    def _derivations(self, atom: clingo.Symbol) -> list[tuple[CompiledRule, dict, tuple]]:
        """Every rule instance whose body holds with `atom` as head, matched once per atom: iterative
        deepening revisits an atom at every bound (re-matching there took a third of the time)."""
        found = self._instances.get(atom)
        if found is None:
            found = self._instances[atom] = []
            for rule in self.rules.get((atom.name, len(atom.arguments)), ()):
                b = _match(rule.head, atom, {})
                if b is not None:
                    found += [(rule, bindings, pos) for bindings, pos in
                              self._body(self._most_bound_first(rule.body, b), 0, b, ())]
        return found

    def _uses(self, start: clingo.Symbol, atom: clingo.Symbol) -> bool:
        """Whether the chosen justification of `start` passes through `atom`."""
        seen, stack = set(), [start]
        while stack:
            a = stack.pop()
            if a == atom:
                return True
            if a not in seen and a in self._support:
                seen.add(a)
                stack += self._support[a].positive
        return False

    def _prove(self, atom: clingo.Symbol, k: int) -> bool:
        """Find a derivation of `atom` of depth at most k (input facts have depth 0)."""
        if not self.derived(atom):
            return True
        if atom in self._depth and self._depth[atom] <= k:
            return True
        if k <= 0 or self._failed.get(atom, 0) >= k:
            return False
        for rule, bindings, pos in self._derivations(atom):
            if all(self._prove(p, k - 1) for p in pos):
                depth = 1 + max((self._depth.get(p, 0) for p in pos), default=0)
                if depth < self._depth.get(atom, depth + 1):
                    self._depth[atom] = depth
                    self._support[atom] = Support(rule.id, _in_rule_order(rule, pos), _negatives(rule, bindings))
                return True
        self._failed[atom] = k
        return False

    def _body(self, body: tuple[Literal, ...], i: int, b: dict, pos: tuple) -> Iterator[tuple[dict, tuple]]:
        """Every way the body holds: the bindings and the true atoms matched by positive literals."""
        if i == len(body):
            yield b, pos
            return
        lit = body[i]
        if lit.kind == "pos":
            for sym in self.true(instantiate(lit.term, b)):
                nb = _match(lit.term, sym, b)
                if nb is not None:
                    yield from self._body(body, i + 1, nb, pos + (sym,))
        elif lit.kind == "neg":
            if not self.true(instantiate(lit.term, b)):
                yield from self._body(body, i + 1, b, pos)
        elif _compare(instantiate(lit.left, b), lit.op, instantiate(lit.right, b)):
            yield from self._body(body, i + 1, b, pos)

    # negative -------------------------------------------------------------------------
    def failures(self, pattern: clingo.Symbol, limit: int = 12) -> list[Failure]:
        """Why no atom matching `pattern` is derived: per rule, the conditions that fail."""
        out: list[Failure] = []
        seen: set[tuple] = set()
        for rule in self.rules.get((pattern.name, len(pattern.arguments)), ()):
            b = _match(rule.head, pattern, {})
            if b is None:
                continue
            for unmet in self._unmet(self._most_bound_first(rule.body, b), 0, b, ()):
                key = (rule.id, unmet)
                if unmet and key not in seen:
                    seen.add(key)
                    out.append(Failure(rule.id, unmet))
                if len(out) >= limit:
                    return out
        return out

    def _most_bound_first(self, body: tuple[Literal, ...], b: dict) -> tuple[Literal, ...]:
        """Order a body for explaining failure: the literal most tied to what is known, and then
        the most selective, comes first, so the reason given is the specific one ("GBR is not
        bound by CAT") rather than an enumeration of everything GBR is bound by."""
        rest, out, bound = list(body), [], set(b)

        def cost(lit: Literal) -> tuple[int, bool, int]:
            matches = self._estimate(instantiate(lit.term, b))
            return len(_lit_vars(lit) - bound), matches == 0, matches  # a literal that fails binds nothing: last

        while rest:
            ready = [l for l in rest if l.kind != "pos" and _lit_vars(l) <= bound]
            positives = [l for l in rest if l.kind == "pos"]
            pick = ready[0] if ready else (min(positives, key=cost) if positives else rest[0])
            rest.remove(pick)
            out.append(pick)
            if pick.kind == "pos":
                bound |= _lit_vars(pick)
        return tuple(out)

    def _unmet(self, body: tuple[Literal, ...], i: int, b: dict, unmet: tuple) -> Iterator[tuple]:
        """Walk the body; a failing condition is recorded and the walk goes on past it."""
        if i == len(body):
            yield unmet
            return
        lit = body[i]
        if lit.kind == "pos":
            pattern = instantiate(lit.term, b)
            matches = [nb for sym in self.true(pattern) if (nb := _match(lit.term, sym, b)) is not None]
            if not matches:
                yield from self._unmet(body, i + 1, b, unmet + (("absent", pattern),))
            for nb in matches:
                yield from self._unmet(body, i + 1, nb, unmet)
        elif lit.kind == "neg":
            blocking = self.true(instantiate(lit.term, b))
            if blocking:
                yield from self._unmet(body, i + 1, b, unmet + (("blocked", blocking[0]),))
            else:
                yield from self._unmet(body, i + 1, b, unmet)
        else:
            left, right = instantiate(lit.left, b), instantiate(lit.right, b)
            if _has_any(left) or _has_any(right) or _compare(left, lit.op, right):
                yield from self._unmet(body, i + 1, b, unmet)
            else:
                yield from self._unmet(body, i + 1, b, unmet + (("compare", f"{left} {lit.op} {right}"),))


def _generalises(pattern: clingo.Symbol, sym: clingo.Symbol) -> bool:
    if pattern == ANY:
        return True
    pname, pargs = _parts(pattern)
    if pname is None:
        return pattern == sym
    name, args = _parts(sym)
    return name == pname and len(args) == len(pargs) and all(_generalises(p, s) for p, s in zip(pargs, args))


def _variables(p) -> set[str]:
    if isinstance(p, Var):
        return set() if p.name == "_" else {p.name}
    if isinstance(p, Fn):
        return set().union(*(_variables(a) for a in p.args))
    return set()


def _lit_vars(lit: Literal) -> set[str]:
    return _variables(lit.term) if lit.kind != "cmp" else _variables(lit.left) | _variables(lit.right)


def _negatives(rule: CompiledRule, bindings: dict) -> tuple[clingo.Symbol, ...]:
    return tuple(instantiate(l.term, bindings) for l in rule.body if l.kind == "neg")


def _in_rule_order(rule: CompiledRule, pos: tuple[clingo.Symbol, ...]) -> tuple[clingo.Symbol, ...]:
    """The matched atoms in the order the rule states its conditions (for display)."""
    ordered = []
    remaining = list(pos)
    for lit in rule.body:
        if lit.kind == "pos":
            for sym in remaining:
                if _match(lit.term, sym, {}) is not None:
                    ordered.append(sym)
                    remaining.remove(sym)
                    break
    return tuple(ordered + remaining)
