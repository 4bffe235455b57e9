"""Case files against their holdings (`expected:`): the scorecard of `nonref test`.

Each removal with an expected holding is analysed as its file states it (forum, variants,
date) and compared part by part: outcome, bases, procedural breaches, obligations in force (if
the file lists them) and whether an assurance would make it lawful. A basis of domestic law is
recorded as not assessed, never as a mismatch; a basis nonref finds beyond those the decision
names is reported, not counted against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .analysis import RemovalResult, analyse
from .errors import CaseError, UsageError
from .loader import LoadedCase, load
from .model import Expected, OtherBasis


@dataclass
class Check:
    """One removal's holding, compared."""

    file: str
    removal: str
    person: str | None
    differences: list[str] = field(default_factory=list)  # each "part: found X, expected Y"
    notes: list[str] = field(default_factory=list)  # not assessed, or found beyond the holding
    assessed: bool = True  # false: the holding rests on domestic law alone, which nonref does not assess

    @property
    def ok(self) -> bool:
        return not self.assessed or not self.differences


@dataclass
class Scorecard:
    checks: list[Check] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be read or answered
    without_holding: list[str] = field(default_factory=list)  # files with no `expected:`

    @property
    def passed(self) -> int:
        return sum(c.ok and c.assessed for c in self.checks)

    @property
    def not_assessed(self) -> int:
        return sum(not c.assessed for c in self.checks)

    @property
    def ok(self) -> bool:
        return not self.errors and all(c.ok for c in self.checks)


def case_files(paths: list[str]) -> list[Path]:
    """The YAML files named, and those in the folders named (sorted), each once."""
    out: list[Path] = []
    for name in paths:
        p = Path(name)
        found = sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]
        if p.is_dir() and not found:
            raise UsageError(f"{name}: no case files (*.yaml) in this folder")
        out += [f for f in found if f not in out]
    return out


def score(paths: list[str]) -> Scorecard:
    card = Scorecard()
    for path in case_files(paths):
        try:
            loaded = load(path)
            if not loaded.case.expected:
                card.without_holding.append(str(path))
                continue
            card.checks += compare(loaded, str(path))
        except CaseError as e:
            card.errors.append(str(e))
    return card


def compare(loaded: LoadedCase, name: str) -> list[Check]:
    result = analyse(loaded)
    return [_check(name, result.removal(rid), expected) for rid, expected in loaded.case.expected.items()]


def _check(name: str, r: RemovalResult, e: Expected) -> Check:
    c = Check(name, r.id, r.person)
    if e.bases and all(isinstance(b, OtherBasis) for b in e.bases):
        c.assessed = False
        c.notes.append("not assessed: the holding rests on domestic law (" + "; ".join(b.domestic for b in e.bases) + ")")
    if r.outcome != e.outcome:
        c.differences.append(f"outcome {r.outcome}, expected {e.outcome}")
    found = [b.article for b in r.prohibiting]
    named = set()
    for basis in e.bases:
        if isinstance(basis, OtherBasis):
            if c.assessed:
                c.notes.append(f"not assessed: {basis.domestic} (domestic law)")
            continue
        matching = {a for a in found if a == basis or basis == "customary" and a.startswith("customary_")}
        named |= matching
        if not matching:
            c.differences.append(f"basis {basis} not found (found: {', '.join(found) or 'none'})")
    if e.outcome == "prohibited" and (beyond := sorted(set(found) - named)) and named:
        c.notes.append(f"also found: {', '.join(beyond)}")
    if sorted(r.procedure) != sorted(e.procedure):
        c.differences.append(f"procedure {_items(r.procedure)}, expected {_items(e.procedure)}")
    if e.obligations is not None and sorted(r.obligations) != sorted(e.obligations):
        c.differences.append(f"obligations {_items(r.obligations)}, expected {_items(e.obligations)}")
    if r.lawful_with_assurance != e.lawful_with_assurance:
        c.differences.append(f"lawful_with_assurance {str(r.lawful_with_assurance).lower()}, expected {str(e.lawful_with_assurance).lower()}")
    return c


def _items(items: list[str]) -> str:
    return "[" + ", ".join(sorted(items)) + "]"


def junit(card: Scorecard) -> str:
    """The scorecard as JUnit XML: one test case per removal, one error per unreadable file."""
    from xml.etree import ElementTree as ET

    suite = ET.Element("testsuite", name="nonref holdings", tests=str(len(card.checks) + len(card.errors)))
    suite.set("failures", str(sum(not c.ok for c in card.checks)))
    suite.set("errors", str(len(card.errors)))
    for c in card.checks:
        case = ET.SubElement(suite, "testcase", classname=c.file, name=c.removal)
        if not c.ok:
            ET.SubElement(case, "failure", message="; ".join(c.differences))
        elif not c.assessed:
            ET.SubElement(case, "skipped", message="; ".join(c.notes))
        if c.notes:
            ET.SubElement(case, "system-out").text = "; ".join(c.notes)
    for message in card.errors:
        case = ET.SubElement(suite, "testcase", classname=message.split(":", 1)[0], name="load")
        ET.SubElement(case, "error", message=message)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True)
