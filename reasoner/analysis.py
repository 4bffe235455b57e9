"""Reason about a case: facts in, one answer per removal out.

One clingo `Control` per case: the rule base is added as program text (it is package data),
the case's facts through the backend as symbols, then it is ground and solved once. The
program is stratified, so there is exactly one answer set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

import clingo
from pydantic import ValidationError

from . import labels, limits, rulebase
from . import variants as variant_axes
from .errors import UsageError
from .facts import Facts, case_facts, removal_classes
from .loader import LoadedCase, Source, dotted, load
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
    outcome: str  # prohibited | permitted | undetermined (prohibited in some completion of the unknown facts, not all)
    bases: list[Basis]
    refugee_law: str  # applies | lifted | not_applicable
    conduct_irrelevant: list[str] = field(default_factory=list)
    jurisdiction: bool = True  # the removing state has jurisdiction over the person (J)
    real_risks: list[str] = field(default_factory=list)  # ids of the risks found real in the destination (R)
    unmet: dict[str, list[str]] = field(default_factory=dict)  # risk id -> the real-risk conditions it fails
    chains: dict[str, list[str]] = field(default_factory=dict)  # risk id -> states from the destination to the risk (I1)
    cured: list[str] = field(default_factory=list)  # ids of real risks that a reliable assurance removes (D)
    lawful_with_assurance: bool = False  # prohibited only by risks an assurance from the destination could remove (C1.7)
    procedure: list[str] = field(default_factory=list)  # procedural findings (Q, I3), beside the outcome
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
    file: str | None
    assessed_on: str
    variants: dict[str, str]
    removals: list[RemovalResult]
    stamp: dict[str, str]
    must_admit: list[str] = field(default_factory=list)  # states with no lawful destination among those considered (C2)
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
    case: str | Path | Case | LoadedCase, variants: dict[str, str] | None = None, as_of: dt.date | None = None, assumed: dict[str, str] | None = None
) -> Analysis:
    """Analyse a case file (path), a loaded case or a `Case` model.

    `variants` overrides the case file's doctrinal variants (axis -> value), `as_of` its
    assessment date (the law and facts in force that day, doctrine T), `assumed` its facts
    (field path -> value: what if the file said so).
    Raises `CaseError` for a bad case file and `UsageError` for a bad variant or assumption.
    """
    loaded, paths = assume(as_loaded(case, as_of), assumed or {})
    chosen = variant_axes.resolve(dict(loaded.case.variants), variants)
    classes = removal_classes(loaded.case)
    facts = case_facts(loaded.case, chosen, only=set(classes.values()))
    mark_options(facts, variants, as_of, paths)
    maybe = None
    if facts.open:  # prohibited in some completion of the unknown facts
        maybe = {args[0] for _, args in shown_atoms(solve_shown(facts, "#show prohibited/1.", "brave"))}
    result = _read(loaded.case, loaded.source, chosen, solve_shown(facts, SHOW), classes, maybe)
    if maybe:
        from .unknowns import deciding_facts  # only when something is undetermined

        open_removals = [r for r in result.removals if r.outcome == "undetermined"]
        if open_removals:
            with limits.share(0.5):  # the outcomes are known: half the time left may go to their deciding facts
                found = deciding_facts(loaded.case, chosen, {classes[r.id] for r in open_removals})
            for r in open_removals:
                r.deciding = found.get(classes[r.id], {})
                r.deciding_complete = classes[r.id] in found
    return result


def derive(case: str | Path | Case | LoadedCase, variants: dict[str, str] | None = None, as_of: dt.date | None = None) -> set[clingo.Symbol]:
    """Every atom derived for a case (facts included): for tests and inspection."""
    loaded = as_loaded(case, as_of)
    return set(solve(case_facts(loaded.case, variant_axes.resolve(dict(loaded.case.variants), variants))))


def solve(facts: Facts) -> list[clingo.Symbol]:
    """Every atom of the answer set (of one completion, if some facts are unknown)."""
    found: list[clingo.Symbol] = []
    limits.solve(control(facts), on_model=lambda m: found.extend(m.symbols(atoms=True)) if not found else None)
    return found


def solve_shown(facts: Facts, show: str, mode: str = "auto") -> str:
    """The atoms selected by the `#show` statements in `show`, as clingo prints them: one call
    into clingo for the whole model, where walking each symbol would cost several. With facts
    unknown, `mode` "cautious" gives what holds in every completion, "brave" in some."""
    ctl = control(facts, show)
    if facts.open:
        ctl.configuration.solve.models = 0
        ctl.configuration.solve.enum_mode = "cautious" if mode == "auto" else mode
    found: list[str] = []
    limits.solve(ctl, on_model=lambda m: found.append(str(m)))
    return found[-1]  # in cautious and brave modes the last model is the consequence


def control(facts: Facts, extra: str = "", observer: clingo.Observer | None = None) -> clingo.Control:
    """A ground program for the facts; each unknown fact is a choice among its alternatives."""
    ctl = clingo.Control(["--warn=none"])
    if observer is not None:
        ctl.register_observer(observer)
    ctl.add("base", [], rulebase.program() + extra)
    with ctl.backend() as backend:
        add_facts(backend, facts)
    ctl.ground([("base", [])])
    return ctl


def add_facts(backend: clingo.Backend, facts: Facts) -> None:
    """The facts as rules; each unknown fact a choice of exactly one of its alternatives."""
    for atom in facts.atoms:
        backend.add_rule([backend.add_atom(atom)])
    for _path, alternatives in facts.open:
        ids = [backend.add_atom(a) for _, a in alternatives if a is not None]
        backend.add_rule(ids, choice=True)
        if len(ids) == len(alternatives):  # every alternative has an atom: exactly one holds
            backend.add_rule([], [-i for i in ids])
            for i, j in itertools.combinations(ids, 2):
                backend.add_rule([], [i, j])


def as_loaded(case: str | Path | Case | LoadedCase, as_of: dt.date | None = None) -> LoadedCase:
    """The case loaded, with its assessment date replaced by `as_of` if given."""
    if isinstance(case, LoadedCase):
        loaded = case
    elif isinstance(case, Case):
        loaded = LoadedCase(case, Source("<case>"))
    else:
        loaded = load(case)
    if as_of is None:
        return loaded
    dated = loaded.case.case.model_copy(update={"assessed_on": as_of})
    return LoadedCase(loaded.case.model_copy(update={"case": dated}), loaded.source)


def mark_options(facts: Facts, variants: dict[str, str] | None, as_of: dt.date | None, assumed: list[tuple] = ()) -> None:
    """Record which facts the command line set, so an explanation says so instead of citing the file."""
    for axis in variants or {}:
        facts.options[("variants", axis)] = "--variant"
    if as_of is not None:
        facts.options[("case", "assessed_on")] = "--as-of"
    for path in assumed:
        facts.options[path] = "--assume"


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"[^.\[\]]+(?:\.[^.\[\]]+|\[\d+\])*")


def assume(loaded: LoadedCase, items: dict[str, str]) -> tuple[LoadedCase, list[tuple]]:
    """The case with the facts at `items` (field path -> value, e.g. "assurances[0].verifiable" ->
    "true") replaced, as if the file said so; and the paths replaced. Raises UsageError."""
    if not items:
        return loaded, []
    data = loaded.case.model_dump(mode="json", by_alias=True)
    paths = []
    for text, value in items.items():
        if not _PATH.fullmatch(text):
            raise UsageError(f"--assume {text}={value}: expected a field path such as assurances[0].verifiable")
        path = tuple(int(i) if i else name for name, i in _STEP.findall(text))
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            if path[-1] not in node if isinstance(node, dict) else not 0 <= path[-1] < len(node):
                raise KeyError(path[-1])
        except (KeyError, IndexError, TypeError):
            raise UsageError(f"--assume {text}={value}: the case has no field {text}") from None
        node[path[-1]] = {"true": True, "false": False}.get(value, value)
        paths.append(path)
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
        loc = tuple(errors[0]["loc"])
        for path, (text, value) in zip(paths, items.items(), strict=True):
            if loc[: len(path)] == path:  # the assumed value itself is wrong: say what the field takes
                wanted = "; ".join(dict.fromkeys(err["msg"] for err in errors if tuple(err["loc"])[: len(path)] == path))
                raise UsageError(f"--assume {text}={value}: {wanted}") from None
        raise UsageError(f"--assume: {dotted(loc)}: {errors[0]['msg']}") from None
    return LoadedCase(case, loaded.source), paths


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
    "breach/2",
    "suspended/1",
    "must_admit/1",
    "sent/2",
    "treaty_void/1",
    "treaty_conflict/1",
    "assists_refoulement/2",
    "reservation_without_effect/2",
    "derogation_without_effect/2",
)
SHOW = "".join(f"\n#show {sig}." for sig in READ) + "\n#show bar(Rem, A, R) : bar(Rem, A, R), qualified(A).\n"
_ATOM = re.compile(r'(\w+)(?:\(((?:"(?:[^"\\]|\\.)*"|[^()"])*)\))?')


def shown_atoms(shown: str):
    """The atoms of a printed model (`solve_shown`), as (name, arguments)."""
    for name, args in _ATOM.findall(shown):
        yield name, _args(args)


def _read(case: Case, source: Source, chosen: dict[str, str], shown: str, classes: dict[str, str], maybe: set[str] | None = None) -> Analysis:
    """The analysis, from the atoms shown (those that hold in every completion of the unknown
    facts) and `maybe`: the removals prohibited in some completion (None: nothing is unknown)."""
    by_name: dict[str, list[tuple]] = {sig.split("/")[0]: [] for sig in READ} | {"bar": []}
    for name, args in shown_atoms(shown):
        by_name[name].append(args)

    risk_of = {rid: (harm, place) for rid, harm, place in by_name["risk"]}
    absolute = {a for (a,) in by_name["absolute"]}
    prohibits = set(by_name["prohibits"])
    lifted: dict[tuple, list[str]] = {}
    for rem, art, exc in by_name["excepted"]:
        lifted.setdefault((rem, art), []).append(exc)
    bars: dict[str, list[Basis]] = {}
    for rem, art, rid in prohibits.union(by_name["bar"]):
        harm, place = risk_of[rid]
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
    unmet = _unmet_conditions(by_name)
    cured = set(by_name["cured"])
    with_assurance = {rem for (rem,) in by_name["lawful_with_assurance"]}
    procedure: dict[str, set[str]] = {}
    for rem, finding in by_name["breach"]:
        procedure.setdefault(rem, set()).add(finding)
    for (rem,) in by_name["suspended"]:
        procedure.setdefault(rem, set()).add("interim_measure_in_force")
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
            refugee_law="not_applicable" if not rc else ("applies" if any(b.prohibits for b in rc) else "lifted"),
            conduct_irrelevant=sorted(irrelevant.get(rid, set())),
            real_risks=[r for r in risks if r in real],
            unmet={r: unmet[r] for r in risks if r not in real},
            chains={r: paths.shortest(sent_to[rid], risk_of[r][1]) for r in risks if risk_of[r][1] != to},
            cured=[r for r in risks if (rid, r) in cured],
            lawful_with_assurance=rid in with_assurance,
            procedure=sorted(procedure.get(rid, set())),
            treaty="void" if (rid,) in void else "conflict" if (rid,) in conflict else None,
            assisted_by=sorted(assisting.get(rid, [])),
        )

    by_class: dict[str, dict] = {}
    results = []
    for rem in case.removals:
        rep = classes[rem.id]
        if rep not in by_class:
            by_class[rep] = findings(rep, rem.to)
        results.append(
            RemovalResult(
                id=rem.id,
                by=rem.by,
                from_=rem.from_ or case.person.location.state,
                to=rem.to,
                kind=rem.kind,
                jurisdiction=rem.by in jurisdiction,
                **by_class[rep],
            )
        )
    meta = case.case
    citation = ", ".join(x for x in (meta.court, meta.number, str(meta.decided.year) if meta.decided else None) if x) or None
    return Analysis(
        title=meta.title,
        citation=citation,
        file=None if source.file == "<case>" else source.file,
        assessed_on=case.assessment_date().isoformat(),
        variants=chosen,
        removals=results,
        stamp=stamp(case, chosen),
        must_admit=sorted(s for (s,) in by_name["must_admit"]),
        without_effect=sorted(
            {f"{s}: reservation to {labels.BASIS[a]}" for s, a in by_name["reservation_without_effect"]}
            | {f"{s}: derogation, {labels.BASIS[a]} still owed" for s, a in by_name["derogation_without_effect"]}
        ),
    )


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


def _unmet_conditions(by_name: dict[str, list[tuple]]) -> dict[str, list[str]]:
    """For every risk, the conditions of R1.2 that fail (read from the same answer set)."""
    holds = {name: {args[0] for args in by_name.get(name, [])} for name, _, _ in REAL_RISK_CONDITIONS}
    return {rid: [code for name, wanted, code in REAL_RISK_CONDITIONS if (rid in holds[name]) != wanted] for (rid, _harm, _place) in by_name["risk"]}


def stamp(case: Case, chosen: dict[str, str]) -> dict[str, str]:
    """Version, rule-base hash, case hash and variants: enough to reproduce a result."""
    from . import __version__

    case_hash = hashlib.sha256(json.dumps(case.model_dump(mode="json", by_alias=True), sort_keys=True).encode()).hexdigest()[:12]
    return {"nonref": __version__, "rules": rulebase.digest(), "case": case_hash, "variants": ",".join(f"{k}={v}" for k, v in sorted(chosen.items()))}


_ARG = re.compile(r'"((?:[^"\\]|\\.)*)"|(-?\d+)|([^,()"]+)')
_ESCAPE = re.compile(r"\\(.)")


def _args(text: str) -> tuple:
    """`a,"b",3` as ("a", "b", 3): strings unescaped, numbers as ints."""
    out: list[str | int] = []
    for string, number, const in _ARG.findall(text):
        if number:
            out.append(int(number))
        elif const:
            out.append(const)
        else:
            out.append(_ESCAPE.sub(lambda m: "\n" if m.group(1) == "n" else m.group(1), string) if "\\" in string else string)
    return tuple(out)
