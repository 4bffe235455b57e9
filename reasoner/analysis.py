"""Reason about a case: facts in, one answer per removal out.

One clingo `Control` per case: the rule base is added as program text (it is package data),
the case's facts through the backend as symbols, then it is ground and solved once. The
program is stratified, so there is exactly one answer set.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import clingo

from . import labels, rulebase, variants as variant_axes
from .facts import Facts, case_facts
from .loader import LoadedCase, Source, load
from .model import Case

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Basis:
    """One article that bars the removal, for one risk."""

    article: str
    label: str
    harm: str
    place: str
    risk: str
    absolute: bool
    prohibits: bool  # false when an exception lifts it (qualified bases only)
    lifted_by: tuple[str, ...] = ()


@dataclass
class RemovalResult:
    id: str
    by: str
    from_: str | None
    to: str
    kind: str
    outcome: str  # prohibited | permitted
    bases: list[Basis]
    refugee_law: str  # applies | lifted | not_applicable
    conduct_irrelevant: list[str] = field(default_factory=list)
    jurisdiction: bool = True  # the removing state has jurisdiction over the person (J)
    real_risks: list[str] = field(default_factory=list)  # ids of the risks found real in the destination (R)
    unmet: dict[str, list[str]] = field(default_factory=dict)  # risk id -> the real-risk conditions it fails

    @property
    def prohibiting(self) -> list[Basis]:
        return [b for b in self.bases if b.prohibits]


@dataclass
class Analysis:
    title: str
    citation: str | None
    file: str | None
    assessed_on: str
    variants: dict[str, str]
    removals: list[RemovalResult]
    stamp: dict[str, str]

    def removal(self, rid: str) -> RemovalResult:
        for r in self.removals:
            if r.id == rid:
                return r
        raise KeyError(rid)

    def to_json(self) -> dict:
        """The documented JSON form (docs/output.md)."""
        out = {"schema": SCHEMA_VERSION, **asdict(self)}
        out["removals"] = [{("from" if k == "from_" else k): v for k, v in r.items()} for r in out["removals"]]
        return out


def analyse(case: str | Path | Case | LoadedCase, variants: dict[str, str] | None = None) -> Analysis:
    """Analyse a case file (path), a loaded case or a `Case` model.

    `variants` overrides the case file's doctrinal variants (axis -> value).
    Raises `CaseError` for a bad case file and `UsageError` for a bad variant.
    """
    loaded = as_loaded(case)
    chosen = variant_axes.resolve(dict(loaded.case.variants), variants)
    return _read(loaded.case, loaded.source, chosen, solve(case_facts(loaded.case, chosen)))


def derive(case: str | Path | Case | LoadedCase, variants: dict[str, str] | None = None) -> set[clingo.Symbol]:
    """Every atom derived for a case (facts included): for tests and inspection."""
    loaded = as_loaded(case)
    return set(solve(case_facts(loaded.case, variant_axes.resolve(dict(loaded.case.variants), variants))))


def solve(facts: Facts) -> list[clingo.Symbol]:
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], rulebase.program())
    with ctl.backend() as backend:
        for atom in facts.atoms:
            backend.add_rule([backend.add_atom(atom)])
    ctl.ground([("base", [])])
    found: list[clingo.Symbol] = []
    ctl.solve(on_model=lambda m: found.extend(m.symbols(atoms=True)))
    return found


def as_loaded(case: str | Path | Case | LoadedCase) -> LoadedCase:
    if isinstance(case, LoadedCase):
        return case
    if isinstance(case, Case):
        return LoadedCase(case, Source("<case>"))
    return load(case)


# The predicates an Analysis is read from.
READ = frozenset({"risk", "absolute", "prohibits", "excepted", "bar", "conduct_irrelevant", "prohibited",
                  "within_jurisdiction", "real_risk", "exposed", "meets_standard", "individual", "grave",
                  "answerable", "relocation_alternative"})


def _read(case: Case, source: Source, chosen: dict[str, str], symbols: list[clingo.Symbol]) -> Analysis:
    by_name: dict[str, list[tuple]] = {name: [] for name in READ}
    for sym in symbols:
        if sym.name in by_name:  # convert only what the result needs
            by_name[sym.name].append(tuple(_py(a) for a in sym.arguments))

    risk_of = {rid: (harm, place) for rid, harm, place in by_name.get("risk", [])}
    absolute = {a for (a,) in by_name.get("absolute", [])}
    prohibits = set(by_name.get("prohibits", []))
    lifted: dict[tuple, list[str]] = {}
    for rem, art, exc in by_name.get("excepted", []):
        lifted.setdefault((rem, art), []).append(exc)
    bars: dict[str, list[Basis]] = {}
    for rem, art, rid in by_name.get("bar", []):
        harm, place = risk_of[rid]
        bars.setdefault(rem, []).append(Basis(
            article=art, label=labels.BASIS[art], harm=harm, place=place, risk=rid,
            absolute=art in absolute, prohibits=(rem, art, rid) in prohibits,
            lifted_by=tuple(sorted(lifted.get((rem, art), []))),
        ))
    irrelevant: dict[str, set[str]] = {}
    for rem, _art, conduct in by_name.get("conduct_irrelevant", []):
        irrelevant.setdefault(rem, set()).add(conduct)
    prohibited = {rem for (rem,) in by_name.get("prohibited", [])}
    jurisdiction = {s for (s,) in by_name.get("within_jurisdiction", [])}
    real = {r for (r,) in by_name.get("real_risk", [])}
    exposed: dict[str, list[str]] = {}
    for rem, rid in by_name.get("exposed", []):
        exposed.setdefault(rem, []).append(rid)
    unmet = _unmet_conditions(by_name)

    results = []
    for rem in case.removals:
        found = sorted(bars.get(rem.id, []), key=lambda b: (labels.BASIS_ORDER.index(b.article), b.place, b.risk))
        rc = [b for b in found if b.article == "rc_33"]
        refugee_law = "not_applicable" if not rc else ("applies" if any(b.prohibits for b in rc) else "lifted")
        results.append(RemovalResult(
            id=rem.id, by=rem.by, from_=rem.from_ or case.person.location.state, to=rem.to, kind=rem.kind,
            outcome="prohibited" if rem.id in prohibited else "permitted",
            bases=found, refugee_law=refugee_law, conduct_irrelevant=sorted(irrelevant.get(rem.id, set())),
            jurisdiction=rem.by in jurisdiction,
            real_risks=sorted(r for r in exposed.get(rem.id, []) if r in real),
            unmet={r: unmet[r] for r in sorted(exposed.get(rem.id, [])) if r not in real},
        ))
    meta = case.case
    citation = ", ".join(x for x in (meta.court, meta.number, str(meta.decided.year) if meta.decided else None) if x) or None
    return Analysis(
        title=meta.title, citation=citation, file=None if source.file == "<case>" else source.file,
        assessed_on=case.assessment_date().isoformat(), variants=chosen, removals=results,
        stamp=stamp(case, chosen),
    )


# The conditions of the real-risk test (R1.2), each with the atom that shows it is met.
REAL_RISK_CONDITIONS = (
    ("meets_standard", True, "standard_of_proof"),
    ("individual", True, "individual_exposure"),
    ("grave", True, "severity"),
    ("answerable", True, "source"),
    ("relocation_alternative", False, "internal_relocation"),
)


def _unmet_conditions(by_name: dict[str, list[tuple]]) -> dict[str, list[str]]:
    """For every risk, the conditions of R1.2 that fail (read from the same answer set)."""
    holds = {name: {args[0] for args in by_name.get(name, [])} for name, _, _ in REAL_RISK_CONDITIONS}
    return {
        rid: [code for name, wanted, code in REAL_RISK_CONDITIONS if (rid in holds[name]) != wanted]
        for (rid, _harm, _place) in by_name.get("risk", [])
    }


def stamp(case: Case, chosen: dict[str, str]) -> dict[str, str]:
    """Version, rule-base hash, case hash and variants: enough to reproduce a result."""
    from . import __version__

    case_hash = hashlib.sha256(json.dumps(case.model_dump(mode="json", by_alias=True), sort_keys=True).encode()).hexdigest()[:12]
    return {"nonref": __version__, "rules": rulebase.digest(), "case": case_hash,
            "variants": ",".join(f"{k}={v}" for k, v in sorted(chosen.items()))}


def _py(sym: clingo.Symbol) -> str | int:
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.type == clingo.SymbolType.Number:
        return sym.number
    return str(sym)
