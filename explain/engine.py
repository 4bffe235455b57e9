"""Match the encodings' own rules against an answer set, lazily, for what is shown.

The rules are read from `encodings/` (the same text clingo grounds), unpooled, and kept as
patterns. `Matcher` answers two questions about one answer set:

* `support(atom)`: a shallowest rule instance deriving a true atom, found forward from the input
  facts, breadth first, for the atoms the question needs (`_Layers`): every atom in a
  justification has a strictly smaller depth than the atom it supports, so the result is acyclic
  even where rules are recursive, and a chain is shown by its shortest path;
* `failures(pattern)`: for a false atom, each rule that could have derived it and the body
  conditions that fail (all of them, not only the first).

Nothing is materialised per rule instance: only the atoms a question needs are derived or matched.

Matching works on plain Python terms, not on `clingo.Symbol`s: every access to a symbol's name,
arguments or equality crosses clingo's C boundary, and matching makes millions of them. A term
is an `int` (a number), a `str` (a constant, `-name` if negative, or a string in its printed
form with its quotes, so "GBR" never equals the constant GBR) or a tuple `(name, arg, ...)` (a
function or tuple with arguments). Symbols are converted on the way in and back on the way out.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import clingo
from clingo import ast
from nonref import limits, rulebase

ANY = clingo.Function("_")  # an unbound argument in a pattern ("any value")
_ANY = "_"  # the same, as a term


@dataclass(frozen=True)
class Literal:
    kind: str  # "pos" | "neg" | "cmp"
    term: object = None  # pattern of the atom (pos/neg)
    left: object = None  # comparison operands (cmp)
    op: str = ""
    right: object = None
    vars: frozenset[str] = frozenset()  # its named variables
    key: tuple[str, int] | None = None  # the atom's predicate (pos/neg)


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


# --- terms -----------------------------------------------------------------------------------


def _term_of(sym: clingo.Symbol):
    """The term of a symbol, read from its printed form: one call into clingo, where reading
    its name and arguments takes several per argument."""
    text = str(sym)
    name, paren, rest = text.partition("(")
    if name and paren and '"' not in name:  # a function
        plain = '"' not in rest and "(" not in rest
        args = rest[:-1].split(",") if plain else _ARGUMENT.findall(rest, 0, len(rest) - 1)
        if plain or "(" not in args and ")" not in args:  # flat: most atoms
            return (_leaf(name), *map(_leaf, args))
    return _parse(_TOKEN.findall(text), 0)[0]


def _terms_of(symbols: list[clingo.Symbol]) -> list:
    """The terms of many symbols, read from one printed tuple of them all: printing each one
    apart costs more than the solve that found them."""
    if not symbols:
        return []
    text = str(clingo.Function("", symbols))[1:-1]  # "(a,b)"; one symbol prints as "(a,)"
    split = '"' not in _PLAIN_STRING.sub("", text)  # no string holds a comma: split arguments at commas
    terms, end = [], 0
    for m in _FLAT_ATOM.finditer(text):
        if m.start() != end:
            break
        end = m.end()
        name, args = m.group(1), m.group(2)
        if args is None:
            terms.append(_leaf(name))
        else:
            terms.append((_leaf(name), *map(_leaf, args.split(",") if split or '"' not in args else _ARGUMENT.findall(args))))
    if end == len(text) and len(terms) == len(symbols):
        return terms
    return list(_parse(_TOKEN.findall(f"({text})"), 0)[0][1:])  # some atom is nested: the general reader


_STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'  # unrolled: no alternation per character
_TOKEN = re.compile(_STRING + r'|[(),]|[^(),"]+')  # a string, a parenthesis or comma, a name or number
_ARGUMENT = re.compile(_STRING + r'|[()]|[^(),"]+')  # the same without commas: the arguments of a flat function
_DIGITS = frozenset("0123456789")
_PLAIN_STRING = re.compile(r'"[^",()\\]*"')  # a string without commas, parentheses or escapes
# a flat atom printed in a tuple, and the comma after it: a name, then arguments without parentheses
_FLAT_ATOM = re.compile(r'(-?[A-Za-z_][\w\']*)(?:\(([^()"]*(?:' + _STRING + r'[^()"]*)*)\))?,?')


@lru_cache(maxsize=1 << 16)
def _leaf(token: str):
    """A number, or a constant or string as printed; one object per value, so that terms share
    their names and arguments (hashed once, compared by identity)."""
    return int(token) if token[0] in _DIGITS or token[0] == "-" and token[1] in _DIGITS else token


def _parse(tokens: list[str], i: int) -> tuple[object, int]:
    """The term printed from tokens[i], and the index after it."""
    token = tokens[i]
    if token[0] == '"':
        return token, i + 1
    if token == "(":  # a tuple
        args, i = _parse_arguments(tokens, i + 1)
        return ("", *args) if args else "", i
    if i + 1 < len(tokens) and tokens[i + 1] == "(":
        args, i = _parse_arguments(tokens, i + 2)
        return (token, *args), i
    return _leaf(token), i + 1


def _parse_arguments(tokens: list[str], i: int) -> tuple[list, int]:
    """The terms up to the closing parenthesis (a one-tuple prints as `(a,)`), and the index after it."""
    args = []
    while tokens[i] != ")":
        arg, i = _parse(tokens, i)
        args.append(arg)
        if tokens[i] == ",":
            i += 1
    return args, i + 1


@lru_cache(maxsize=1 << 20)
def _symbol(t) -> clingo.Symbol:
    """The symbol of a term."""
    if type(t) is int:
        return clingo.Number(t)
    if type(t) is tuple:
        name = t[0]
        positive = not name.startswith("-")
        return clingo.Function(name if positive else name[1:], [_symbol(a) for a in t[1:]], positive)
    if t.startswith('"'):
        return clingo.String(_unquote(t))
    if t.startswith("#"):
        return clingo.Infimum if t == "#inf" else clingo.Supremum
    return clingo.Function(t[1:], [], False) if t.startswith("-") else clingo.Function(t)


_ESCAPE = re.compile(r"\\(.)")


def _unquote(text: str) -> str:
    """A string's value from its printed form (clingo escapes \\, \" and newlines)."""
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), text[1:-1])


def _order(t) -> tuple:
    """A key that sorts terms as clingo orders symbols: #inf, numbers, constants, negative
    constants, strings, functions (positive first, then by arity, name, arguments), #sup."""
    if type(t) is int:
        return 1, t
    if type(t) is tuple:
        name = t[0]
        if name.startswith("-"):
            return 6, len(t), name[1:], *map(_order, t[1:])
        return 5, len(t), name, *map(_order, t[1:])
    if t.startswith('"'):
        return 4, _unquote(t)
    if t.startswith("#"):
        return (0,) if t == "#inf" else (7,)
    return (3, t[1:]) if t.startswith("-") else (2, t)


def _sorted(atoms: list) -> list:
    """Atoms of one predicate in clingo's order; by Python's own where it is the same: where each
    argument position holds only numbers, or only constants."""
    if len(atoms) < 2:  # most buckets enumerated: nothing to order
        return atoms
    if type(atoms[0]) is tuple and all(_plain(atoms, i) for i in range(1, len(atoms[0]))):
        return sorted(atoms)
    return sorted(atoms, key=_order)


def _plain(atoms: list, i: int) -> bool:
    kinds = {type(t[i]) for t in atoms}
    return kinds == {int} or kinds == {str} and not {t[i][:1] for t in atoms} & {'"', "-", "#"}


def _has_any(t) -> bool:
    if type(t) is not tuple:
        return t == _ANY
    args = t[1:]  # scanned in C first: most terms are flat
    return _ANY in args or tuple in map(type, args) and any(_has_any(a) for a in args if type(a) is tuple)


def _generalises(pattern, t) -> bool:
    if pattern == _ANY:
        return True
    if type(pattern) is not tuple:
        return pattern == t
    return type(t) is tuple and len(t) == len(pattern) and t[0] == pattern[0] and all(map(_generalises, pattern[1:], t[1:]))


def _signature_of(t) -> tuple[str, int]:
    return (t[0], len(t) - 1) if type(t) is tuple else (t, 0)


# --- compiling the encodings into patterns ---------------------------------------------------


class Var:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


class Fn:
    """A function pattern with variables in it (a ground one is a term)."""

    __slots__ = ("name", "args")

    def __init__(self, name: str, args: tuple):
        self.name, self.args = name, args


OPS = {
    ast.ComparisonOperator.Equal: "=",
    ast.ComparisonOperator.NotEqual: "!=",
    ast.ComparisonOperator.LessThan: "<",
    ast.ComparisonOperator.LessEqual: "<=",
    ast.ComparisonOperator.GreaterThan: ">",
    ast.ComparisonOperator.GreaterEqual: ">=",
}


def _term(t: ast.AST):
    kind = t.ast_type  # each read of an AST attribute crosses into clingo
    if kind == ast.ASTType.Variable:
        return Var(t.name)
    if kind == ast.ASTType.SymbolicTerm:
        return _term_of(t.symbol)
    if kind == ast.ASTType.Function:
        name, args = t.name, tuple(_term(a) for a in t.arguments)
        if any(isinstance(a, (Var, Fn)) for a in args):
            return Fn(name, args)
        return (name, *args) if args else name
    if kind == ast.ASTType.SymbolicAtom:
        return _term(t.symbol)
    raise ValueError(f"unsupported term in the encodings: {t}")


def _literal(lit: ast.AST) -> Literal:
    atom = lit.atom
    if atom.ast_type == ast.ASTType.Comparison:
        (guard,) = atom.guards
        left, right = _term(atom.term), _term(guard.term)
        return Literal("cmp", left=left, op=OPS[guard.comparison], right=right, vars=frozenset(_variables(left) | _variables(right)))
    kind = "neg" if lit.sign == ast.Sign.Negation else "pos"
    term = _term(atom.symbol)
    return Literal(kind, term=term, vars=frozenset(_variables(term)), key=_signature(term))


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


class RuleIndex(dict):
    """Rules by the predicate of their head, and what the engine needs to know about them,
    worked out once per rule base."""

    @cached_property
    def rank(self) -> dict[int, int]:
        """id(rule) -> its position among the rules with the same head predicate."""
        return {id(r): k for same_head in self.values() for k, r in enumerate(same_head)}

    @cached_property
    def recursive(self) -> dict[tuple[str, int], set[tuple[str, int]]]:
        return _recursive_with(self)


def index_by_head(rules: tuple[CompiledRule, ...]) -> RuleIndex:
    index: dict[tuple[str, int], list[CompiledRule]] = {}
    for r in rules:
        index.setdefault(_signature(r.head), []).append(r)
    return RuleIndex((k, tuple(v)) for k, v in index.items())


@cache
def rulebase_index() -> RuleIndex:
    """nonref's own rule base, compiled once per process and kept between processes in the
    user's cache folder: compiling reads thousands of AST attributes through clingo, about
    0.1 s for every `nonref explain`. The file is named by a hash of the encodings and of this
    module, so a change to either compiles afresh, and it holds plain data only (see
    `_encode_index`): reading it runs no code. A file that cannot be read, or that is damaged,
    stale or not nonref's, is passed over and written afresh; a folder that cannot be written
    means compiling in every process."""
    source = hashlib.sha256(rulebase.program().encode() + Path(__file__).read_bytes()).hexdigest()[:16]
    folder = _cache_dir()
    name = f"rules-{source}{_CACHE_SUFFIX}"
    if folder is not None:
        index = _read_index(folder / name, source)
        if index is not None:
            return index
    ids = {(r.file, r.line): r.id for r in rulebase.rules()}
    index = index_by_head(compile_rules(rulebase.encoding_files(), lambda name, line: ids[(name, line)]))
    if folder is not None:
        _write_index(folder, name, source, index)
    return index


def _cache_dir() -> Path | None:
    """nonref's cache folder, where the platform keeps such things (~/.cache/nonref or
    $XDG_CACHE_HOME/nonref, ~/Library/Caches/nonref, %LOCALAPPDATA%\\nonref\\Cache); None if
    there is no such place."""
    try:
        import platformdirs  # here, not above: about 2 ms, paid only by a process that explains

        folder = Path(platformdirs.user_cache_dir("nonref", appauthor=False))
    except Exception:  # no home directory, no known folder
        return None
    return folder if folder.is_absolute() else None  # a relative one would land in the working directory


# The file: a line naming the format, a line with the SHA-256 of the payload, then the payload,
# the JSON of [the rule base's hash, the index as plain lists of str and int] (`_encode_index`).
# JSON, not marshal: reading a kept index costs about the same either way (rebuilding the rules
# dominates), and json is made to read data from anyone, marshal is not. Only a payload with the
# right digest is read, and only the shapes `_decode_index` expects are taken from it.
_CACHE_MAGIC = b"nonref compiled rules, format 1\n"
_CACHE_SUFFIX = ".json"
_CACHE_LIMIT = 1 << 24  # bytes: a larger file is not one of nonref's
# nonref's files: every format so far, and files being written
_CACHE_ENTRY = re.compile(r"rules-[0-9a-f]{16}(?:\.json|\.pickle|\.[^.]+\.tmp)")


def _read_index(path: Path, source: str) -> RuleIndex | None:
    """The index kept in a file, or None if there is none, or it is not a whole, current one."""
    try:  # a regular file of the user's own, never a link, a device or a pipe
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        with open(fd, "rb") as f:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size > _CACHE_LIMIT or hasattr(os, "getuid") and st.st_uid != os.getuid():
                return None
            data = f.read(_CACHE_LIMIT + 1)
        return _decode_index(data, source)
    except Exception:  # damaged, or not nonref's: compile again
        return None


def _write_index(folder: Path, name: str, source: str, index: RuleIndex) -> None:
    """Keep the index in the folder, and remove the files of other rule bases; quietly nothing
    if the folder cannot be written."""
    try:
        data = _encode_index(index, source)
    except (TypeError, ValueError):  # a term that is not plain data: kept in this process only
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        # a new file of a random name (never an existing file or link), then renamed over the
        # old one: a concurrent reader sees the whole file or none
        fd, partial = tempfile.mkstemp(prefix=f"rules-{source}.", suffix=".tmp", dir=folder)
        try:
            with open(fd, "wb") as f:
                f.write(data)
            os.replace(partial, folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(partial)
            raise
    except OSError:
        return
    _prune(folder, name)


def _prune(folder: Path, keep: str) -> None:
    """Remove nonref's files of other rule bases from the folder, and files left half-written
    by a process that stopped (not those being written now)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if entry.name == keep or not _CACHE_ENTRY.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.name.endswith(".tmp") and now - entry.stat(follow_symlinks=False).st_mtime < 600:
                continue
            os.unlink(entry.path)  # a link itself, never what it points to


def _encode_index(index: RuleIndex, source: str) -> bytes:
    """The file's bytes for an index: its rules as plain lists (`_plain_pattern`)."""
    plain = [
        [name, arity, [[r.id, _plain_pattern(r.head), [_plain_literal(cond) for cond in r.body]] for r in rules]]
        for (name, arity), rules in index.items()
    ]
    payload = json.dumps([source, plain], separators=(",", ":")).encode()
    return _CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _plain_literal(lit: Literal) -> list:
    if lit.kind == "cmp":
        return ["cmp", _plain_pattern(lit.left), lit.op, _plain_pattern(lit.right), sorted(lit.vars)]
    return [lit.kind, _plain_pattern(lit.term), sorted(lit.vars)]  # its key is worked out from the term


def _plain_pattern(p):
    """A pattern as plain data: a variable as [0, name], a function pattern as [1, name, args...],
    a term as itself (a number, a string, or a tuple beginning with its name, as a list)."""
    kind = type(p)
    if kind is Var:
        return [0, p.name]
    if kind is Fn:
        return [1, p.name, *map(_plain_pattern, p.args)]
    if kind is int or kind is str:
        return p
    if kind is tuple and len(p) > 1 and type(p[0]) is str:
        return list(map(_plain_term, p))
    raise TypeError(f"not a pattern: {p!r}")


def _plain_term(t):
    kind = type(t)
    if kind is int or kind is str:
        return t
    if kind is tuple and len(t) > 1 and type(t[0]) is str:
        return list(map(_plain_term, t))
    raise TypeError(f"not a term: {t!r}")


def _decode_index(data: bytes, source: str) -> RuleIndex | None:
    """The index in a file's bytes; None if the format, the digest or the rule base's hash is
    not the expected one. The payload's shape is checked while the rules are rebuilt: a
    malformed one raises."""
    start = len(_CACHE_MAGIC)
    if data[:start] != _CACHE_MAGIC or data[start + 64 : start + 65] != b"\n":
        return None
    payload = data[start + 65 :]
    if hashlib.sha256(payload).hexdigest().encode() != data[start : start + 64]:
        return None  # truncated, damaged, or not written by nonref
    kept, plain = json.loads(payload)
    if kept != source or type(plain) is not list:
        return None
    index = RuleIndex()
    for name, arity, rules in plain:
        if type(name) is not str or type(arity) is not int or type(rules) is not list or (name, arity) in index:
            raise ValueError("not a predicate's rules")
        index[(name, arity)] = tuple(CompiledRule(_str(rid), _pattern(head), tuple(map(_literal_of, _list(body)))) for rid, head, body in rules)
    return index


def _literal_of(plain: list) -> Literal:
    kind = plain[0]
    if kind == "cmp":
        _, left, op, right, names = plain
        if op not in _OP_TEXTS:
            raise ValueError(f"not a comparison: {op!r}")
        return Literal("cmp", left=_pattern(left), op=op, right=_pattern(right), vars=_names(names))
    _, term, names = plain
    if kind != "pos" and kind != "neg":
        raise ValueError(f"not a literal: {kind!r}")
    term = _pattern(term)
    return Literal(kind, term=term, vars=_names(names), key=_signature(term))


def _pattern(p):
    """The pattern of its plain form (see `_plain_pattern`)."""
    kind = type(p)
    if kind is list:
        tag = p[0]
        if type(tag) is int:
            name = p[1]
            if type(name) is str:
                if tag == 0 and len(p) == 2:
                    return Var(name)
                if tag == 1 and len(p) > 2:
                    return Fn(name, tuple(map(_pattern, p[2:])))
        elif type(tag) is str and len(p) > 1:
            return tuple(map(_term_from, p))
    elif kind is str or kind is int:
        return p
    raise ValueError(f"not a pattern: {p!r}")


def _term_from(t):
    kind = type(t)
    if kind is str or kind is int:
        return t
    if kind is list and len(t) > 1 and type(t[0]) is str:
        return tuple(map(_term_from, t))
    raise ValueError(f"not a term: {t!r}")


def _names(names: list) -> frozenset[str]:
    if type(names) is not list or not all(type(n) is str for n in names):
        raise ValueError("not variable names")
    return frozenset(names)


def _str(s) -> str:
    if type(s) is not str:
        raise ValueError(f"not a string: {s!r}")
    return s


def _list(x) -> list:
    if type(x) is not list:
        raise ValueError(f"not a list: {x!r}")
    return x


_OP_TEXTS = frozenset(OPS.values())


def input_predicates(rules: dict[tuple[str, int], tuple[CompiledRule, ...]]) -> set[tuple[str, int]]:
    """The predicates the rules read and no rule derives: the inputs of a `Matcher`."""
    return {
        _signature(cond.term)
        for same_head in rules.values()
        for r in same_head
        for cond in r.body
        if cond.kind != "cmp" and _signature(cond.term) not in rules
    }


def _signature(p) -> tuple[str, int]:
    if isinstance(p, Fn):
        return p.name, len(p.args)
    return _signature_of(p)


# --- matching ----------------------------------------------------------------------------


def _match(p, t, b: dict) -> dict | None:
    """Extend bindings `b` so that pattern `p` equals term `t`, or None. `b` itself is never
    changed: it is copied once, on the first new binding."""
    if type(p) is Fn:
        if type(t) is not tuple or t[0] != p.name or len(t) != len(p.args) + 1:
            return None
        nb = b
        for i, a in enumerate(p.args, 1):
            s = t[i]
            if type(a) is Var:
                if a.name == "_":
                    continue
                bound = nb.get(a.name)
                if bound is None or bound == _ANY:
                    if nb is b:
                        nb = dict(b)
                    nb[a.name] = s
                elif bound != s and s != _ANY:
                    return None
            elif type(a) is Fn:
                nb = _match(a, s, nb)
                if nb is None:
                    return None
            elif a != s and not _generalises(s, a):
                return None
        return nb
    if type(p) is Var:
        if p.name == "_":
            return b
        bound = b.get(p.name)
        if bound is None or bound == _ANY:
            return {**b, p.name: t}
        return b if bound == t or t == _ANY else None
    return b if p == t or _generalises(t, p) else None  # a ground pattern: `t` may have ANY in it


def instantiate(p, b: dict):
    """The pattern with its bindings; unbound variables become ANY (`_` is never bound)."""
    if type(p) is Fn:
        return (p.name, *[b.get(a.name, _ANY) if type(a) is Var else instantiate(a, b) if type(a) is Fn else a for a in p.args])
    if type(p) is Var:
        return b.get(p.name, _ANY)
    return p


def _compare(left, op: str, right) -> bool:
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    left, right = _order(left), _order(right)
    return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[op]


class _Index:
    """Atoms by predicate, and by their value at an argument position (built on first use, then
    kept up to date as atoms are added)."""

    __slots__ = ("atoms", "positions")

    def __init__(self):
        self.atoms: dict[tuple[str, int], list] = {}
        self.positions: dict[tuple[tuple[str, int], int], dict] = {}

    def add(self, t, key: tuple[str, int]) -> None:
        self.atoms.setdefault(key, []).append(t)
        for i in range(1, len(t) if type(t) is tuple else 0):
            index = self.positions.get((key, i))
            if index is not None:
                index.setdefault(t[i], []).append(t)

    def candidates(self, pattern) -> list:
        """The atoms that may match a pattern with ANY in it: those agreeing with its most
        selective fixed argument (the caller matches them)."""
        key = _signature_of(pattern)
        best = self.atoms.get(key, ())
        for i in range(1, len(pattern)):
            arg = pattern[i]
            if arg != _ANY and not (type(arg) is tuple and _has_any(arg)):
                index = self.positions.get((key, i))
                if index is None:
                    index = self.positions[(key, i)] = {}
                    for t in self.atoms.get(key, ()):
                        index.setdefault(t[i], []).append(t)
                bucket = index.get(arg, ())
                if len(bucket) < len(best):
                    best = bucket
        return best


class _Layers:
    """Shallowest supports, found forward.

    Input atoms have depth 0; a derived atom's depth is 1 + the greatest depth of the positive
    conditions of the rule instance deriving it, least over its instances. The atoms of depth 1
    are found, then those of depth 2, and so on (semi-naively: an instance is found from its first
    condition of the previous depth), until the atom asked about is found. So its support is a
    shallowest one, and every atom below it has a smaller depth: no justification is circular, and
    a chain of onward transfers is shown by its shortest path. Among equally shallow instances the
    first rule wins, then the least atoms in clingo's order, whatever order they were found in.

    Only the atoms a question can need are derived: its demand, the patterns that the positive
    conditions of its rules take from its own arguments (`removal r5 reaches S` for `prohibited(r5)`).
    A removal's chain is so searched from its destination outward, and the search stops at the
    first state that bars it. Atoms found stay found, with their depths: later questions build on
    them. Negative conditions are read from the answer set (`holds`, `any_holds`).
    """

    def __init__(self, rules: RuleIndex, inputs, holds, any_holds):
        self.rules, self.holds, self.any_holds = rules, holds, any_holds
        self.depth: dict = dict.fromkeys(inputs, 0)  # atom -> its depth
        self.support: dict = {}  # derived atom -> (rule, positive atoms in rule order, bindings)
        self.known = _Index()  # every atom with a depth
        for t in self.depth:
            self.known.atoms.setdefault(_signature_of(t), []).append(t)
        self.layers: dict[int, _Index] = {0: _Index()}  # depth -> its atoms
        self.layers[0].atoms.update((key, list(atoms)) for key, atoms in self.known.atoms.items())
        self.deepest = 0
        self.done: dict = {}  # demanded pattern -> the depth it has been searched to
        self._plans: dict = {}
        self._expansions: dict = {}

    def prove(self, goal) -> bool:
        """Find the depth and support of a true atom (False if it has none).

        The goal is searched to depth 1, 2, ... in rounds; in round k a pattern that is n rules
        away from the goal is searched to depth k - n only: deeper atoms of it could not found
        the goal at depth k. So the search stops at the first bar on a chain, not two layers of
        onward transfers after it."""
        if goal in self.depth:
            return True
        demand = self._demand(goal)
        farthest = max(distance for distance, _ in demand.values())
        bound = 0
        while goal not in self.depth:
            if bound - farthest > self.deepest + 1:
                return False  # every pattern searched past the deepest atom: nothing more to find
            bound += 1
            lagging = [(p, bound - distance, instances) for p, (distance, instances) in demand.items() if self.done.get(p, 0) < bound - distance]
            d = min((self.done.get(p, 0) for p, _, _ in lagging), default=0) + 1
            while lagging:  # each pattern one layer at a time, every pattern's layer d - 1 before any layer d
                limits.check()
                for pattern, _, instances in lagging:
                    if self.done.get(pattern, 0) == d - 1:
                        for rule, b in instances:
                            self._fire(rule, b, d)
                        self.done[pattern] = d
                lagging = [entry for entry in lagging if self.done[entry[0]] < entry[1]]
                d += 1
        return True

    def _demand(self, goal) -> dict:
        """The patterns a goal's derivations can need: each with its distance from the goal (in
        rules), its rules and their bindings."""
        found: dict = {goal: None}
        queue = [(goal, 0)]
        for p, distance in queue:  # breadth first: the least distance
            instances, needs = self._expand(p)
            for q in needs:
                if q not in found:
                    found[q] = None
                    queue.append((q, distance + 1))
            found[p] = (distance, instances)
        return found

    def _expand(self, p) -> tuple[list, list]:
        """The rules whose head matches a pattern, with their bindings, and the patterns their
        positive conditions of derived predicates take (the same for every goal that needs it).

        Where a rule's input conditions leave few ways to bind its variables (they are known
        from the start), each way gives its own, narrower pattern: `covers_for(GBR, cat_3,
        torture)` rather than `covers_for(_, cat_3, _)`. Not for a condition recursive with the
        head: a chain's patterns would then grow state by state."""
        found = self._expansions.get(p)
        if found is None:
            instances, needs = [], {}
            for rule in self.rules.get(_signature_of(p), ()):
                b = _match(rule.head, p, {})
                if b is None:
                    continue
                instances.append((rule, b))
                derived = [cond for cond in rule.body if cond.kind == "pos" and cond.key in self.rules]
                narrow = [cond for cond in derived if cond.key not in self.rules.recursive[_signature(rule.head)]]
                ways = self._input_ways(rule, b) if narrow else None
                for cond in derived:
                    for way in ways if ways is not None and cond in narrow else (b,):
                        needs[instantiate(cond.term, way)] = None
            found = self._expansions[p] = (instances, list(needs))
        return found

    def _input_ways(self, rule: CompiledRule, b: dict, most: int = 4) -> list | None:
        """The bindings the rule's positive input conditions allow, extending `b`; None if more
        than `most`."""
        ways = [b]
        for lit in rule.body:
            if lit.kind != "pos" or lit.key in self.rules:
                continue
            extended = []
            for way in ways:
                for t in self._inputs_matching(instantiate(lit.term, way)):
                    if (nb := _match(lit.term, t, way)) is not None:
                        if len(extended) == most:
                            return None
                        extended.append(nb)
            ways = extended
        return ways

    def _inputs_matching(self, pattern) -> list:
        if not _has_any(pattern):
            return [pattern] if pattern in self.depth else []
        return self.known.candidates(pattern)

    def _fire(self, rule: CompiledRule, b: dict, d: int) -> None:
        """Every instance of a rule of depth d, its head bound by `b`."""
        body = rule.body
        first = next((i for i, cond in enumerate(body) if cond.kind == "pos"), None)
        if first is None:
            if d == 1:
                self._join(rule, -1, self._plan(rule, -1, b), 0, b, (), d)
            return
        previous = self.layers.get(d - 1)
        if previous is None:
            return
        for i, lit in enumerate(body):
            if lit.kind != "pos":
                continue
            if d == 1 and i > first:  # the conditions before it would need a depth below 0
                break
            if lit.key not in previous.atoms:  # nothing of its predicate at depth d - 1
                continue
            pattern = instantiate(lit.term, b)
            if _has_any(pattern):
                candidates = previous.candidates(pattern)
                if len(candidates) > 1 and len(candidates) > self._fewest(rule, i, b):
                    # another condition matches fewer atoms: join from it, this one taken at depth d - 1
                    self._join(rule, i, self._plan(rule, -1, b), 0, b, (), d)
                    continue
            else:
                candidates = (pattern,) if self.depth.get(pattern) == d - 1 else ()
            plan = None
            for t in candidates:
                nb = _match(lit.term, t, b)
                if nb is not None:
                    plan = plan or self._plan(rule, i, nb)
                    self._join(rule, i, plan, 0, nb, ((i, t),), d)

    def _fewest(self, rule: CompiledRule, i: int, b: dict) -> int:
        """The fewest atoms found so far that a positive condition other than i may match."""
        counts = [
            1 if not _has_any(p := instantiate(cond.term, b)) else len(self.known.candidates(p))
            for j, cond in enumerate(rule.body)
            if cond.kind == "pos" and j != i
        ]
        return min(counts, default=1 << 62)

    def _plan(self, rule: CompiledRule, first: int, b: dict) -> tuple[int, ...]:
        """The order to test a body in, `first` already matched: a negative condition or a
        comparison as soon as its variables are bound, else the positive one with the fewest
        unbound (the same for every binding of the same variables)."""
        bound = frozenset(name for name, value in b.items() if value != _ANY)
        key = (id(rule), first, bound)
        plan = self._plans.get(key)
        if plan is None:
            body, known = rule.body, set(bound)
            rest, plan = [j for j in range(len(body)) if j != first], []
            while rest:
                ready = [j for j in rest if body[j].kind != "pos" and body[j].vars <= known]
                positives = [j for j in rest if body[j].kind == "pos"]
                pick = ready[0] if ready else min(positives, key=lambda j: len(body[j].vars - known)) if positives else rest[0]
                rest.remove(pick)
                plan.append(pick)
                known |= body[pick].vars
            plan = self._plans[key] = tuple(plan)
        return plan

    def _join(self, rule: CompiledRule, first: int, plan: tuple, k: int, b: dict, pos: tuple, d: int) -> None:
        if k == len(plan):
            self._found(rule, b, pos, d)
            return
        j = plan[k]
        lit = rule.body[j]
        if lit.kind == "pos":
            # an instance is found from its first condition of depth d - 1 only: `first` has that
            # depth, the conditions before it less, those after it at most that
            low, below = (d - 1, d) if j == first else (0, d - 1) if j < first else (0, d)
            pattern = instantiate(lit.term, b)
            if not _has_any(pattern):
                depth = self.depth.get(pattern)
                if depth is not None and low <= depth < below:
                    self._join(rule, first, plan, k + 1, b, pos + ((j, pattern),), d)
                return
            depth_of = self.depth
            for t in self.known.candidates(pattern):
                if low <= depth_of[t] < below and (nb := _match(lit.term, t, b)) is not None:
                    self._join(rule, first, plan, k + 1, nb, pos + ((j, t),), d)
        elif lit.kind == "neg":
            if not self._true(instantiate(lit.term, b)):
                self._join(rule, first, plan, k + 1, b, pos, d)
        elif _compare(instantiate(lit.left, b), lit.op, instantiate(lit.right, b)):
            self._join(rule, first, plan, k + 1, b, pos, d)

    def _true(self, pattern) -> bool:
        """Whether an atom matching the pattern (of a negative condition) is true."""
        if _signature_of(pattern) in self.rules:
            return self.any_holds(pattern) if _has_any(pattern) else self.holds(pattern)
        if not _has_any(pattern):  # an input: true if given
            return pattern in self.depth
        return any(_generalises(pattern, t) for t in self.known.candidates(pattern))

    def _found(self, rule: CompiledRule, b: dict, pos: tuple, d: int) -> None:
        head = instantiate(rule.head, b)
        depth = self.depth.get(head)
        if depth is not None and depth < d:
            return
        atoms = tuple(t for _, t in sorted(pos, key=lambda p: p[0]))
        if depth is not None:  # equally shallow: keep the first rule, then the least atoms
            other, others, _ = self.support[head]
            rank = self.rules.rank
            if (rank[id(rule)], [_order(t) for t in atoms]) >= (rank[id(other)], [_order(t) for t in others]):
                return
        else:
            self._add(head, d)
        self.support[head] = (rule, atoms, b)

    def chosen(self, atom) -> tuple | None:
        """The support found for an atom: (rule id, positive atoms, negative patterns)."""
        found = self.support.get(atom)
        if found is None:
            return None
        rule, atoms, b = found
        return rule.id, atoms, _negatives(rule, b)

    def _add(self, t, d: int) -> None:
        self.depth[t] = d
        key = _signature_of(t)
        self.known.add(t, key)
        layer = self.layers.get(d)
        if layer is None:
            layer = self.layers[d] = _Index()
        layer.add(t, key)
        self.deepest = max(self.deepest, d)


class Matcher:
    """The rules, matched against one answer set.

    `model`: its true atoms. `inputs`: the true atoms of the predicates no rule derives (input
    facts, atoms chosen by choice rules), if the caller has them. Supports are then found from
    the inputs alone, forward (`_Layers`), and the answer set is read into terms only for the
    questions that need all of it (`supports`, `failures`, `atoms`): reading every atom of a
    large answer set costs more than the solve that found it.
    """

    def __init__(self, model, rules: dict[tuple[str, int], tuple[CompiledRule, ...]] | None = None, inputs=None):
        self.model = model
        self.rules = rulebase_index() if rules is None else rules if isinstance(rules, RuleIndex) else RuleIndex(rules)
        self._inputs = inputs
        self._terms: dict = {}  # symbol asked about -> its term
        self._layers: _Layers | None = None
        self._model_set = None
        self._symbols: dict = {}  # term -> symbol, for every true atom, once the model is read
        self._index: _Index | None = None  # the true atoms, once the model is read
        self._true = self._symbols.keys()  # the true atoms, as terms
        self._sorted: dict[tuple[str, int], list] = {}
        self._public: dict[tuple[str, int], list[clingo.Symbol]] = {}
        self._estimates: dict = {}
        self._chosen: dict = {}  # pattern -> its candidates
        self._orders: dict = {}  # per rule, or per rule and estimates where they break a tie
        self._instances: dict = {}  # every rule instance deriving an atom
        self._failures: dict[tuple, list[Failure]] = {}

    def _read(self) -> None:
        """Read the whole answer set into terms, indexed by predicate (once)."""
        if self._index is not None:
            return
        self._index = _Index()
        symbols = list(self.model)
        self._symbols.update(zip(_terms_of(symbols), symbols, strict=True))
        for t in self._true:  # every atom is a function symbol
            self._index.add(t, _signature_of(t))

    def _forward(self) -> _Layers:
        if self._layers is None:
            if self._inputs is None:
                self._read()
                inputs = [t for t in self._true if not self._derived(t)]
            else:
                inputs = _terms_of(list(self._inputs))
            self._layers = _Layers(self.rules, inputs, self._holds, lambda p: bool(self._matching_read(p)))
        return self._layers

    def _holds(self, t) -> bool:
        """Whether a ground atom is true, without reading the answer set if it is not read."""
        if self._index is not None:
            return t in self._true
        if self._model_set is None:
            self._model_set = self.model if isinstance(self.model, (set, frozenset)) else set(self.model)
        return _symbol(t) in self._model_set

    def _matching_read(self, pattern) -> list:
        self._read()
        return self._matching(pattern)

    def _symbol(self, t) -> clingo.Symbol:
        sym = self._symbols.get(t)
        return _symbol(t) if sym is None else sym

    def atoms(self, name: str, arity: int) -> list[clingo.Symbol]:
        """The true atoms of a predicate, sorted (the same explanation in every process)."""
        key = (name, arity)
        if key not in self._public:
            self._read()
            self._public[key] = [self._symbols[t] for t in self._atoms(key)]
        return self._public[key]

    def _atoms(self, key: tuple[str, int]) -> list:
        if key not in self._sorted:  # sorted lazily: only the predicates an explanation visits
            self._sorted[key] = _sorted(self._index.atoms.get(key, []))
        return self._sorted[key]

    def _matching(self, pattern) -> list:
        """The true atoms that match a pattern (ANY matches anything)."""
        if not _has_any(pattern):
            return [pattern] if pattern in self._true else []
        return [t for t in self._candidates(pattern) if _generalises(pattern, t)]

    def _candidates(self, pattern) -> list:
        """The atoms of the pattern's predicate that agree on its most selective fixed argument,
        sorted."""
        found = self._chosen.get(pattern)
        if found is None:  # the same patterns come back for every atom of a recursive predicate
            key, bucket = _signature_of(pattern), self._index.candidates(pattern)
            found = self._chosen[pattern] = self._atoms(key) if bucket is self._index.atoms.get(key) else _sorted(bucket)
        return found

    def _estimate(self, pattern) -> int:
        """How many true atoms a pattern may match, without filtering (for ordering only)."""
        if not _has_any(pattern):
            return int(pattern in self._true)
        n = self._estimates.get(pattern)
        if n is None:
            n = self._estimates[pattern] = len(self._index.candidates(pattern))
        return n

    def derived(self, sym: clingo.Symbol) -> bool:
        return self._derived(self._term(sym))

    def _term(self, sym: clingo.Symbol):
        """The term of a symbol asked about (remembered: a walk asks `derived`, then `support`)."""
        t = self._terms.get(sym)
        if t is None:
            t = self._terms[sym] = _term_of(sym)
        return t

    def _derived(self, t) -> bool:
        return _signature_of(t) in self.rules

    # positive -------------------------------------------------------------------------
    def support(self, atom: clingo.Symbol) -> Support | None:
        """A support of least depth for a true derived atom (None for an input fact): see
        `_Layers`. Every atom in it has a strictly smaller depth than `atom`, so a justification
        built from these supports is acyclic even where the rules are recursive."""
        t = self._term(atom)
        found = self._shallowest(t)
        return None if found is None else self._public_support(*found)

    def _shallowest(self, t) -> tuple | None:
        if not self._derived(t):
            return None
        layers = self._forward()
        return layers.chosen(t) if layers.prove(t) else None

    def _public_support(self, rule: str, pos: tuple, neg: tuple) -> Support:
        return Support(rule, tuple(map(self._symbol, pos)), tuple(map(self._symbol, neg)))

    def supports(self, atom: clingo.Symbol) -> Iterator[Support]:
        """Every rule instance deriving `atom` whose body atoms are justified without it."""
        self._read()
        t = self._term(atom)
        for rule, bindings, pos in self._derivations(t):
            for p in pos:
                self._shallowest(p)
            if not any(self._uses(p, t) for p in pos):
                yield self._public_support(rule.id, pos, _negatives(rule, bindings))

    def _derivations(self, atom) -> list[tuple[CompiledRule, dict, tuple]]:
        """Every rule instance whose body holds in the answer set with `atom` as head, in rule order."""
        found = self._instances.get(atom)
        if found is None:
            found = self._instances[atom] = []
            for rule in self.rules.get(_signature_of(atom), ()):
                b = _match(rule.head, atom, {})
                if b is not None:
                    self._body(rule, self._most_bound_first(rule, b), 0, b, (), found)
        return found

    def _uses(self, start, atom) -> bool:
        """Whether the chosen justification of `start` passes through `atom`."""
        chosen = self._forward().support
        seen, stack = set(), [start]
        while stack:
            a = stack.pop()
            if a == atom:
                return True
            if a not in seen and a in chosen:
                seen.add(a)
                stack += chosen[a][1]
        return False

    def _body(self, rule: CompiledRule, body: tuple[Literal, ...], i: int, b: dict, pos: tuple, out: list) -> None:
        """Every way the body holds, added to `out` as (rule, the bindings, the true atoms matched
        by positive literals)."""
        if i == len(body):
            out.append((rule, b, pos))
            return
        lit = body[i]
        if lit.kind == "pos":
            for t, nb in self._matches(lit.term, b):
                self._body(rule, body, i + 1, nb, pos + (t,), out)
        elif lit.kind == "neg":
            if not self._matching(instantiate(lit.term, b)):
                self._body(rule, body, i + 1, b, pos, out)
        elif _compare(instantiate(lit.left, b), lit.op, instantiate(lit.right, b)):
            self._body(rule, body, i + 1, b, pos, out)

    def _matches(self, term, b: dict) -> list[tuple[object, dict]]:
        """The true atoms that match a positive condition, each with the bindings it extends `b` to."""
        pattern = instantiate(term, b)
        if not _has_any(pattern):  # every variable bound: nothing to add
            return [(pattern, b)] if pattern in self._true else []
        # an atom that matches agrees with the instantiated pattern: no need to filter first
        return [(t, nb) for t in self._candidates(pattern) if (nb := _match(term, t, b)) is not None]

    # negative -------------------------------------------------------------------------
    def failures(self, pattern: clingo.Symbol, limit: int = 24) -> list[Failure]:
        """Why no atom matching `pattern` is derived: per rule, the conditions that fail."""
        self._read()
        key = (self._term(pattern), limit)
        if key not in self._failures:  # the graphs of a case's removals share many absences
            self._failures[key] = self._find_failures(*key)
        return list(self._failures[key])

    def _find_failures(self, target, limit: int) -> list[Failure]:
        out: list[Failure] = []
        seen: set[tuple] = set()
        for rule in self.rules.get(_signature_of(target), ()):
            b = _match(rule.head, target, {})
            if b is None:
                continue
            for unmet in self._unmet(self._most_bound_first(rule, b), 0, b, ()):
                key = (rule.id, unmet)
                if unmet and key not in seen:
                    seen.add(key)
                    out.append(Failure(rule.id, tuple(self._public_unmet(u) for u in unmet)))
                if len(out) >= limit:
                    return out
        return out

    def _public_unmet(self, unmet: tuple[str, object]) -> tuple[str, object]:
        kind, what = unmet
        return unmet if kind == "compare" else (kind, self._symbol(what))

    def _most_bound_first(self, rule: CompiledRule, b: dict) -> tuple[Literal, ...]:
        """Order a body for explaining failure: the literal most tied to what is known, and then
        the most selective, comes first, so the reason given is the specific one ("GBR is not
        bound by CAT") rather than an enumeration of everything GBR is bound by.

        `b` binds exactly the head's variables, so the order depends on its values only where
        positive literals tie on the variables they leave unbound; a rule without such a tie
        keeps one order."""
        fixed = self._orders.get(id(rule))
        if fixed is not None:
            return fixed
        # otherwise `b` matters only through the estimates of the positive literals
        estimates = {id(cond): self._estimate(instantiate(cond.term, b)) for cond in rule.body if cond.kind == "pos"}
        key = (id(rule), *estimates.values())
        fixed = self._orders.get(key)
        if fixed is not None:
            return fixed
        rest, out, bound, tied = list(rule.body), [], set(b), False

        def selectivity(lit: Literal) -> tuple[bool, int]:
            matches = estimates[id(lit)]
            return matches == 0, matches  # a literal that fails binds nothing: last

        while rest:
            ready = [cond for cond in rest if cond.kind != "pos" and cond.vars <= bound]
            positives = [cond for cond in rest if cond.kind == "pos"]
            if ready:
                pick = ready[0]
            elif positives:
                unbound = [len(cond.vars - bound) for cond in positives]
                least = min(unbound)
                fewest = [cond for cond, n in zip(positives, unbound, strict=True) if n == least]
                if len(fewest) > 1:
                    tied, pick = True, min(fewest, key=selectivity)
                else:
                    pick = fewest[0]
            else:
                pick = rest[0]
            rest.remove(pick)
            out.append(pick)
            if pick.kind == "pos":
                bound |= pick.vars
        self._orders[key if tied else id(rule)] = tuple(out)
        return tuple(out)

    def _unmet(self, body: tuple[Literal, ...], i: int, b: dict, unmet: tuple) -> Iterator[tuple]:
        """Walk the body; a failing condition is recorded and the walk goes on past it."""
        if i == len(body):
            yield unmet
            return
        lit = body[i]
        if lit.kind == "pos":
            matches = self._matches(lit.term, b)
            if not matches:
                yield from self._unmet(body, i + 1, b, unmet + (("absent", instantiate(lit.term, b)),))
            for _, nb in matches:
                yield from self._unmet(body, i + 1, nb, unmet)
        elif lit.kind == "neg":
            blocking = self._matching(instantiate(lit.term, b))
            if blocking:
                yield from self._unmet(body, i + 1, b, unmet + (("blocked", blocking[0]),))
            else:
                yield from self._unmet(body, i + 1, b, unmet)
        else:
            left, right = instantiate(lit.left, b), instantiate(lit.right, b)
            if _has_any(left) or _has_any(right) or _compare(left, lit.op, right):
                yield from self._unmet(body, i + 1, b, unmet)
            else:
                yield from self._unmet(body, i + 1, b, unmet + (("compare", f"{_symbol(left)} {lit.op} {_symbol(right)}"),))


def _recursive_with(rules: dict) -> dict[tuple[str, int], set[tuple[str, int]]]:
    """Per derived predicate, the predicates its positive conditions depend on that depend on it
    in turn (its strongly connected component)."""
    uses = {key: {cond.key for r in same_head for cond in r.body if cond.kind == "pos" and cond.key in rules} for key, same_head in rules.items()}
    reach: dict = {}
    for key in uses:
        seen, stack = set(), [key]
        while stack:
            for k in uses.get(stack.pop(), ()):
                if k not in seen:
                    seen.add(k)
                    stack.append(k)
        reach[key] = seen
    return {key: {k for k in reach[key] if key in reach[k]} for key in uses}


def _variables(p) -> set[str]:
    if isinstance(p, Var):
        return set() if p.name == "_" else {p.name}
    if isinstance(p, Fn):
        return set().union(*(_variables(a) for a in p.args))
    return set()


def _negatives(rule: CompiledRule, bindings: dict) -> tuple:
    return tuple(instantiate(cond.term, bindings) for cond in rule.body if cond.kind == "neg")
