"""The rule base: the encodings shipped in `nonref.encodings`, and their annotations.

Every rule in an encoding is preceded by one annotation block, the only format used:

    %@ id: E2.1
    %@ source: CAT art. 3; Chahal v UK §80; seed 000 §III.5
    %@ reads: The bars of the human-rights treaties are absolute.
    absolute(cat_3; echr_3).

`id` is a catalogue id (family letter, number, `.n` suffix), unique across the rule base;
`source` the instrument and article and the case or general comment; `reads` one line of
plain English. `nonref rules` prints the catalogue from these blocks, and `check()` fails
for any rule without one.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from clingo import ast

ANNOTATION = re.compile(r"^%@\s*(id|source|reads):\s*(.+?)\s*$")
RULE_ID = re.compile(r"^[A-Z]\d+\.\d+$")


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    reads: str
    file: str
    line: int
    text: str

    @property
    def family(self) -> str:
        return self.id[0]


class RuleBaseError(Exception):
    """An encoding rule without a complete, well-formed annotation."""


def encoding_files() -> list[tuple[str, str]]:
    """(name, text) of every encoding, in a fixed order."""
    folder = resources.files("nonref.encodings")
    return sorted((p.name, p.read_text(encoding="utf-8")) for p in folder.iterdir() if p.name.endswith(".lp"))


@cache
def program() -> str:
    """The whole rule base as one program text (encodings are package data, never user input)."""
    return "\n".join(f"% --- {name}\n{text}" for name, text in encoding_files())


@cache
def digest() -> str:
    """A short hash of the rule base, for the reproducibility stamp."""
    return hashlib.sha256(program().encode()).hexdigest()[:12]


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule with its annotation; raises RuleBaseError on a rule that lacks one."""
    return parse(encoding_files())


def parse(files: list[tuple[str, str]]) -> tuple[Rule, ...]:
    """The annotated rules of the given (name, text) encodings; raises RuleBaseError on a rule
    without a complete, well-formed annotation or on a duplicate id."""
    found: list[Rule] = []
    for name, text in files:
        lines = text.splitlines()
        statements: list[ast.AST] = []
        ast.parse_string(text, statements.append)
        for st in statements:
            if st.ast_type != ast.ASTType.Rule:
                continue
            line = st.location.begin.line
            notes = _annotation_above(lines, line)
            missing = {"id", "source", "reads"} - notes.keys()
            if missing:
                raise RuleBaseError(f"{name}:{line}: rule without {', '.join(sorted(missing))}: {lines[line - 1].strip()}")
            if not RULE_ID.match(notes["id"]):
                raise RuleBaseError(f"{name}:{line}: rule id {notes['id']!r} is not of the form E2.1")
            found.append(Rule(notes["id"], notes["source"], notes["reads"], name, line, str(st)))
    seen: dict[str, Rule] = {}
    for r in found:
        if r.id in seen:
            raise RuleBaseError(f"{r.file}:{r.line}: rule id {r.id} already used at {seen[r.id].file}:{seen[r.id].line}")
        seen[r.id] = r
    return tuple(found)


def _annotation_above(lines: list[str], line: int) -> dict[str, str]:
    notes: dict[str, str] = {}
    i = line - 2
    while i >= 0 and (m := ANNOTATION.match(lines[i].strip())):
        notes.setdefault(m.group(1), m.group(2))
        i -= 1
    return notes
