"""The rule base: the encodings shipped in `nonref.encodings`, and their annotations.

Every rule in an encoding is preceded by one annotation block, the only format used:

    %@ id: E2.1
    %@ source: CAT art. 3; Chahal v UK §80; IOM Information Note §III.5
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

# The catalogue's ids (doctrine S1-S6, P1-P6, ...): each is the prefix of rule ids, or is handled
# by something other than a rule of its own, as said here.
CATALOGUE = tuple(
    f"{family}{n}"
    for family, count in (
        ("S", 6),
        ("P", 6),
        ("J", 3),
        ("H", 9),
        ("R", 6),
        ("N", 3),
        ("E", 3),
        ("I", 3),
        ("D", 5),
        ("Q", 4),
        ("C", 4),
        ("T", 2),
        ("V", 6),
    )
    for n in range(1, count + 1)
)
HANDLED_ELSEWHERE = {
    "P5": "internally displaced persons: a return within the person's own state (removal by a state to itself) is barred by the "
    "human-rights bars (C1.1, C1.2) like any other; art. 33 does not apply inside the country (J3.2) (Guiding Principles on "
    "Internal Displacement (1998) principle 15(d))",
    "R4": "credibility of a torture survivor's account: not yet encoded; the case file states the evidence (risks[].evidence)",
    "R5": "burden and standard of proof: not yet encoded; the case file states the evidence (risks[].evidence)",
    "C4": "undetermined answers and the facts that decide them: the three-valued analysis over unknown facts (nonref.unknowns)",
    "T1": "the law at a date: the dated rules H3.3, H3.4, H3.5, H8.3, H9.3, N2.4, N2.5, N2.6, N2.9, Q3.1 read the assessment date",
    "T2": "the facts at a date: the case's assessment date (case.assessed_on, --as-of) selects the facts and the law",
    "V2": "the risk standard: R3.1 (variant risk_standard)",
    "V3": "territorial scope: J2.2, J2.3 (variant territorial_scope)",
    "V4": "assurances: D1.3, D2.1, D2.5, D3.1, D4.2 (variant assurances)",
    "V5": "non-State actors under CAT: N2.4-N2.7 (variant cat_actors)",
}

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
