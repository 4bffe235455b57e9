"""Reason about a case: facts in, one answer per removal out.

One grounding per case (`solve`), solved once: the program is stratified, so there is exactly
one answer set (with unknown facts, one per completion, read cautiously and bravely).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import clingo

from . import labels, limits, rulebase
from . import variants as variant_axes
from .facts import FAMILY_ASSURABLE, case_facts, person_groups, removal_classes
from .loader import LoadedCase, Source
from .model import Case
from .prepare import as_loaded, assume, mark_options
from .solve import shown_atoms, solve, solve_shown
from .unknowns import deciding_facts

SCHEMA_VERSION = 2  # 2: forum, persons, obligations apart from procedural breaches


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
    person: str | None  # with several persons: whose removal it is
    by: str
    from_: str | None
    to: str
    kind: str
    outcome: str  # prohibited | permitted | undetermined (prohibited in some completion of the unknown facts, not all)
    bases: list[Basis]
    # applies | lifted | undetermined (lifted in some completion of the unknown facts) | not_applicable | outside_forum
    refugee_law: str
    conduct_irrelevant: list[str] = field(default_factory=list)
    jurisdiction: bool = True  # the removing state has jurisdiction over the person (J)
    real_risks: list[str] = field(default_factory=list)  # ids of the risks found real in the destination (R)
    unmet: dict[str, list[str]] = field(default_factory=dict)  # risk id -> the real-risk conditions it fails
    chains: dict[str, list[str]] = field(default_factory=dict)  # risk id -> states from the destination to the risk (I1)
    cured: list[str] = field(default_factory=list)  # ids of real risks that a reliable assurance removes (D)
    lawful_with_assurance: bool = False  # prohibited only by risks an assurance from the destination could remove (C1.7)
    procedure: list[str] = field(default_factory=list)  # procedural breaches found (Q, I3), beside the outcome
    obligations: list[str] = field(default_factory=list)  # standing obligations (an interim measure in force, Q3.3)
    outside_forum: list[str] = field(default_factory=list)  # articles that prohibit it but that the forum does not apply (F)
    treaty: str | None = None  # a treaty obliging a prohibited removal: "void" (jus cogens) or "conflict" (V1)
    assisted_by: list[str] = field(default_factory=list)  # states that share responsibility by aiding a prohibited removal (S4)
    # For an undetermined removal: small sets of unknown facts, as "path = value", that settle it
    # each way ({"prohibited": [[...], ...], "permitted": [...]}).
    deciding: dict[str, list[list[str]]] = field(default_factory=dict)
    deciding_complete: bool = True  # false when the time limit left no time to look for them (the outcome stands)

    @property
    def prohibiting(self) -> list[Basis]:
        return [b for b in self.bases if b.prohibits]


@dataclass
class Analysis:
    title: str
    citation: str | None
    forum: str | None  # the body whose question is answered (F), or None: every instrument
    file: str | None
    assessed_on: str
    variants: dict[str, str]
    removals: list[RemovalResult]
    stamp: dict[str, str]
    must_admit: list[str] = field(default_factory=list)  # states with no lawful destination among those considered (C2)
    states: dict[str, str] = field(default_factory=dict)  # state code -> its name, as the case file gives it
    # Reservations and derogations the case states that have no effect on a bar (S5, S6), as "STATE: article".
    without_effect: list[str] = field(default_factory=list)

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


def analyse(
    case: str | Path | dict | Case | LoadedCase,
    variants: dict[str, str] | None = None,
    as_of: dt.date | None = None,
    assumed: dict[str, str] | None = None,
) -> Analysis:
    """Analyse a case: a file's path, YAML text, a parsed mapping, a loaded case or a `Case`.

    `variants` overrides the case file's doctrinal variants (axis -> value), `as_of` its
    assessment date (the law and facts in force that day, doctrine T), `assumed` its facts
    (field path -> value: what if the file said so).
    Raises `CaseError` for a bad case file and `UsageError` for a bad variant or assumption.
    """
    loaded, paths = assume(as_loaded(case, as_of), assumed or {})
    chosen = variant_axes.resolve(dict(loaded.case.variants), variants)
    classes = removal_classes(loaded.case)
    groups = person_groups(loaded.case)
    mark = lambda facts: mark_options(facts, variants, as_of, paths)  # noqa: E731
    # One program per person. A removal carried out with a child's (with_family) is answered
    # again once the child's is known: the absolute bars that prohibit it bar it too (P6.4).
    results = {pid: _answer(loaded, chosen, classes, ids, {}, mark) for pid, ids in groups.items()}
    barred = _children_barred(loaded.case, [r for a in results.values() for r in a.removals])
    for pid, ids in groups.items():
        if any(other in barred for rid in ids for other in _removal(loaded.case, rid).with_family):
            results[pid] = _answer(loaded, chosen, classes, ids, barred, mark)
    return _merged(loaded.case, list(results.values()))


def _removal(case: Case, rid: str):
    return next(r for r in case.removals if r.id == rid)


def _children_barred(case: Case, removals: list[RemovalResult]) -> dict[str, set[str]]:
    """The removals of children (of a family removed together) that absolute bars prohibit, with those bars."""
    return {
        r.id: {b.article for b in r.prohibiting if b.absolute} | ({FAMILY_ASSURABLE} if r.lawful_with_assurance else set())
        for r in removals
        if r.outcome == "prohibited" and case.person_of(_removal(case, r.id)).child is True and any(b.absolute for b in r.prohibiting)
    }


def _answer(loaded: LoadedCase, chosen: dict[str, str], classes: dict[str, str], ids: list[str], family: dict[str, set[str]], mark) -> Analysis:
    """The analysis of one person's removals."""
    facts = case_facts(loaded.case, chosen, only={classes[rid] for rid in ids}, family=family)
    mark(facts)
    maybe, brave = None, None
    if facts.open:  # what holds in some completion of the unknown facts: prohibited, the conditions of a real risk
        brave = solve_shown(facts, BRAVE_SHOW, "brave")
        maybe = {args[0] for name, args in shown_atoms(brave) if name == "prohibited"}
    result = _read(loaded.case, loaded.source, chosen, solve_shown(facts, SHOW), classes, set(ids), maybe, brave)
    if maybe:
        open_removals = [r for r in result.removals if r.outcome == "undetermined"]
        if open_removals:
            with limits.share(0.5):  # the outcomes are known: half the time left may go to their deciding facts
                found = deciding_facts(loaded.case, chosen, {classes[r.id] for r in open_removals}, family)
            for r in open_removals:
                r.deciding = found.get(classes[r.id], {})
                r.deciding_complete = classes[r.id] in found
    return result


def _merged(case: Case, results: list[Analysis]) -> Analysis:
    """The analyses of several persons as one, removals in the file's order."""
    if len(results) == 1:
        return results[0]
    first, position = results[0], {r.id: k for k, r in enumerate(case.removals)}
    first.removals = sorted((r for a in results for r in a.removals), key=lambda r: position[r.id])
    first.must_admit = sorted({f"{s} ({a.removals[0].person})" for a in results for s in a.must_admit})
    first.without_effect = sorted({w for a in results for w in a.without_effect})
    return first


def family_barred(loaded: LoadedCase, chosen: dict[str, str], removal: str) -> dict[str, set[str]]:
    """For the family removals carried out with `removal` (with_family): those of children that
    absolute bars prohibit, with the bars (P6.4), from the analysis of their persons."""
    case = loaded.case
    wanted = set(_removal(case, removal).with_family)
    if not wanted:
        return {}
    classes, groups = removal_classes(case), person_groups(case)
    found = [
        r
        for pid in {r.person for r in case.removals if r.id in wanted}
        for r in _answer(loaded, chosen, classes, groups[pid], {}, lambda f: None).removals
    ]
    return {rid: arts for rid, arts in _children_barred(case, found).items() if rid in wanted}


def derive(case: str | Path | dict | Case | LoadedCase, variants: dict[str, str] | None = None, as_of: dt.date | None = None) -> set[clingo.Symbol]:
    """Every atom derived for a case (facts included): for tests and inspection."""
    loaded = as_loaded(case, as_of)
    chosen = variant_axes.resolve(dict(loaded.case.variants), variants)
    return {a for ids in person_groups(loaded.case).values() for a in solve(case_facts(loaded.case, chosen, only=set(ids)))}


# What an Analysis is read from. All arguments are flat. A bar that prohibits is read from
# `prohibits` alone; `bar` is shown only for the qualified articles, the only ones an exception
# can lift.
READ = (
    "risk/3",
    "absolute/1",
    "prohibits/3",
    "excepted/3",
    "conduct_irrelevant/3",
    "prohibited/1",
    "within_jurisdiction/1",
    "real_risk/1",
    "exposed/2",
    "meets_standard/1",
    "individual/1",
    "grave/1",
    "answerable/1",
    "relocation_alternative/1",
    "onward/2",
    "cured/2",
    "lawful_with_assurance/1",
    "procedure_finding/2",
    "suspended/1",
    "answered/1",
    "must_admit/1",
    "sent/2",
    "treaty_void/1",
    "treaty_conflict/1",
    "assists_refoulement/2",
    "reservation_without_effect/2",
    "derogation_without_effect/2",
)
SHOW = "".join(f"\n#show {sig}." for sig in READ) + "\n#show bar(Rem, A, R) : bar(Rem, A, R), qualified(A).\n"


def _read(
    case: Case,
    source: Source,
    chosen: dict[str, str],
    shown: str,
    classes: dict[str, str],
    ids: set[str],
    maybe: set[str] | None = None,
    brave: str | None = None,
) -> Analysis:
    """The analysis of the removals `ids`, from the atoms shown (those that hold in every
    completion of the unknown facts) and `maybe`: the removals prohibited in some completion
    (None: nothing is unknown)."""
    by_name: dict[str, list[tuple]] = {sig.split("/")[0]: [] for sig in READ} | {"bar": []}
    for name, args in shown_atoms(shown):
        by_name[name].append(args)

    risk_of = {rid: (harm, place) for rid, harm, place in by_name["risk"]}
    answered = {a for (a,) in by_name["answered"]}
    remover = {r.id: r.by for r in case.removals}
    absolute = {a for (a,) in by_name["absolute"]}
    prohibits = set(by_name["prohibits"])
    lifted: dict[tuple, list[str]] = {}
    for rem, art, exc in by_name["excepted"]:
        lifted.setdefault((rem, art), []).append(exc)
    bars: dict[str, list[Basis]] = {}
    outside: dict[str, set[str]] = {}
    for rem, art, rid in prohibits.union(by_name["bar"]):
        if art not in answered:
            if (rem, art, rid) in prohibits:
                outside.setdefault(rem, set()).add(art)
            continue
        harm, place = risk_of.get(rid) or (rid, remover[rem])  # not a risk: the removal itself (H10, Q5)
        bars.setdefault(rem, []).append(
            Basis(
                article=art,
                label=labels.BASIS[art],
                harm=harm,
                place=place,
                risk=rid,
                absolute=art in absolute,
                prohibits=(rem, art, rid) in prohibits,
                lifted_by=tuple(sorted(lifted.get((rem, art), []))),
            )
        )
    irrelevant: dict[str, set[str]] = {}
    for rem, _art, conduct in by_name["conduct_irrelevant"]:
        irrelevant.setdefault(rem, set()).add(conduct)
    prohibited = {rem for (rem,) in by_name["prohibited"]}
    jurisdiction = {s for (s,) in by_name["within_jurisdiction"]}
    real = {r for (r,) in by_name["real_risk"]}
    exposed: dict[str, list[str]] = {}
    for rem, rid in by_name["exposed"]:
        exposed.setdefault(rem, []).append(rid)
    unmet = _unmet_conditions(by_name, brave)
    cured = set(by_name["cured"])
    with_assurance = {rem for (rem,) in by_name["lawful_with_assurance"]}
    procedure: dict[str, set[str]] = {}
    for rem, finding in by_name["procedure_finding"]:
        procedure.setdefault(rem, set()).add(finding)
    in_force = {rem for (rem,) in by_name["suspended"]}
    sent_to = dict(by_name["sent"])
    void, conflict = set(by_name["treaty_void"]), set(by_name["treaty_conflict"])
    paths = _Paths(by_name["onward"])
    assisting: dict[str, list[str]] = {}
    for rem, state in by_name["assists_refoulement"]:
        assisting.setdefault(rem, []).append(state)

    def findings(rid: str, to: str) -> dict:
        """What the answer set says of one removal (the representative of its class)."""
        found = sorted(bars.get(rid, []), key=lambda b: (labels.BASIS_ORDER.index(b.article), b.place, b.risk))
        rc = [b for b in found if b.article == "rc_33"]
        risks = sorted(exposed.get(rid, []))
        return dict(
            outcome="prohibited" if rid in prohibited else "undetermined" if maybe and rid in maybe else "permitted",
            bases=found,
            refugee_law=_refugee_law(rc) if "rc_33" in answered else "outside_forum",
            conduct_irrelevant=sorted(irrelevant.get(rid, set())),
            real_risks=[r for r in risks if r in real],
            unmet={r: unmet[r] for r in risks if r not in real},
            chains={r: paths.shortest(sent_to[rid], risk_of[r][1]) for r in risks if risk_of[r][1] != to},
            cured=[r for r in risks if (rid, r) in cured],
            lawful_with_assurance=rid in with_assurance,
            procedure=sorted(procedure.get(rid, set())),
            obligations=["interim_measure_in_force"] if rid in in_force else [],
            outside_forum=sorted(outside.get(rid, set()), key=labels.BASIS_ORDER.index),
            treaty="void" if (rid,) in void else "conflict" if (rid,) in conflict else None,
            assisted_by=sorted(assisting.get(rid, [])),
        )

    by_class: dict[str, dict] = {}
    results = []
    for rem in case.removals:
        if rem.id not in ids:
            continue
        rep = classes[rem.id]
        if rep not in by_class:
            by_class[rep] = findings(rep, rem.to)
        results.append(
            RemovalResult(
                id=rem.id,
                by=rem.by,
                person=rem.person,
                from_=rem.from_ or case.person_of(rem).location.state,
                to=rem.to,
                kind=rem.kind,
                jurisdiction=rem.by in jurisdiction,
                **by_class[rep],
            )
        )
    meta = case.case
    citation = ", ".join(x for x in (meta.court, meta.number, str(meta.decided.year) if meta.decided else None) if x) or None
    forum = case.forum if isinstance(case.forum, str | None) else case.forum.name or f"{case.forum.body}: {case.forum.state}"
    return Analysis(
        title=meta.title,
        citation=citation,
        forum=forum,
        file=None if source.file == "<case>" else source.file,
        assessed_on=case.assessment_date().isoformat(),
        variants=chosen,
        removals=results,
        stamp=stamp(case, chosen),
        states={code: st.name for code, st in case.states.items()},
        must_admit=sorted(s for (s,) in by_name["must_admit"]),
        without_effect=sorted(
            {f"{s}: reservation to {labels.BASIS[a]}" for s, a in by_name["reservation_without_effect"]}
            | {f"{s}: derogation, {labels.BASIS[a]} still owed" for s, a in by_name["derogation_without_effect"]}
        ),
    )


def _refugee_law(rc: list[Basis]) -> str:
    """Art. 33(1), three-valued: it prohibits, an exception lifts it, or (with unknown facts) it
    bars the removal in every completion but is lifted in some."""
    if not rc:
        return "not_applicable"
    if any(b.prohibits for b in rc):
        return "applies"
    return "lifted" if any(b.lifted_by for b in rc) else "undetermined"


class _Paths:
    """Shortest chains of onward transfers (I1), read from the `onward` atoms of the answer set.
    One breadth-first search backwards from each state where a risk lies, shared by every
    removal: linear in the transfers per risk state, whatever the number of removals."""

    def __init__(self, edges: list[tuple]):
        self.back: dict[str, list[str]] = {}
        for b, c in sorted(edges):
            self.back.setdefault(c, []).append(b)
        self.toward: dict[str, dict[str, str]] = {}  # goal -> state -> the next state on a shortest chain

    def shortest(self, start: str, goal: str) -> list[str]:
        step = self.toward.get(goal)
        if step is None:
            step = self.toward[goal] = {goal: goal}
            queue = [goal]
            for here in queue:  # the queue grows while it is walked
                for there in self.back.get(here, []):
                    if there not in step:
                        step[there] = here
                        queue.append(there)
        path = [start]
        while path[-1] != goal:
            path.append(step[path[-1]])
        return path


# The conditions of the real-risk test (R1.2), each with the atom that shows it is met.
REAL_RISK_CONDITIONS = (
    ("meets_standard", True, "standard_of_proof"),
    ("individual", True, "individual_exposure"),
    ("grave", True, "severity"),
    ("answerable", True, "source"),
    ("relocation_alternative", False, "internal_relocation"),
)
# With unknown facts, what holds in some completion: the removals prohibited, and the conditions.
BRAVE_SHOW = "\n#show prohibited/1." + "".join(f"\n#show {name}/1." for name, _, _ in REAL_RISK_CONDITIONS)


def _unmet_conditions(by_name: dict[str, list[tuple]], brave: str | None = None) -> dict[str, list[str]]:
    """For every risk, the conditions of R1.2 that fail (read from the same answer set). With
    unknown facts, those that fail in every completion: one that holds in some completion
    depends on the unknown facts and is not listed as failing."""
    holds = {name: {args[0] for args in by_name.get(name, [])} for name, _, _ in REAL_RISK_CONDITIONS}  # in every completion
    some = holds if brave is None else {name: {args[0] for n, args in shown_atoms(brave) if n == name} for name, _, _ in REAL_RISK_CONDITIONS}
    return {
        rid: [code for name, wanted, code in REAL_RISK_CONDITIONS if (rid in (some if wanted else holds)[name]) != wanted]
        for (rid, _harm, _place) in by_name["risk"]
    }


def stamp(case: Case, chosen: dict[str, str]) -> dict[str, str]:
    """Version, rule-base hash, case hash and variants: enough to reproduce a result."""
    from . import __version__

    case_hash = hashlib.sha256(json.dumps(case.model_dump(mode="json", by_alias=True), sort_keys=True).encode()).hexdigest()[:12]
    return {"nonref": __version__, "rules": rulebase.digest(), "case": case_hash, "variants": ",".join(f"{k}={v}" for k, v in sorted(chosen.items()))}
