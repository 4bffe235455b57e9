"""A `Case` as ground atoms, built as clingo symbols (never as program text).

User-chosen names (state codes, ids) become `String`s, so a state called `x). #show. y(`
stays data. Vocabulary values (harms, statuses), already checked against fixed lists by the
model, become constants. Each fact remembers the field path it came from, so explanations
can point back at the line the user wrote.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass, field

from clingo import Function, Number, String, Symbol

from .model import UNKNOWN, Case, Forum, Party, Risk, State

Path = tuple[str | int, ...]


@dataclass
class Facts:
    atoms: list[Symbol] = field(default_factory=list)
    origin: dict[Symbol, Path] = field(default_factory=dict)
    # Atoms a yes/no field leaves out because it is false, with that field's path: an
    # explanation of "no finding" can then point at the line that says false.
    denied: dict[Symbol, Path] = field(default_factory=dict)
    flags: set[Symbol] = field(default_factory=set)  # atoms of yes/no fields that say yes
    options: dict[Path, str] = field(default_factory=dict)  # field path -> the command-line option that set it
    # Facts the file marks `unknown`: each a field path and its alternatives, (value, atom or
    # None for "no atom"), exactly one of which holds in each completion of the case.
    open: list[tuple[Path, list[tuple[str, Symbol | None]]]] = field(default_factory=list)

    def add(self, path: Path, name: str, *args: Symbol) -> None:
        atom = Function(name, list(args))
        if atom not in self.origin:
            self.atoms.append(atom)
            self.origin[atom] = path

    def flag(self, value: bool | str, path: Path, name: str, *args: Symbol) -> None:
        """A yes/no field: the atom when true, a record of its denial when false, open when unknown."""
        if value == UNKNOWN:
            self.open.append((path, [("true", Function(name, list(args))), ("false", None)]))
        elif value:
            self.add(path, name, *args)
            self.flags.add(Function(name, list(args)))
        else:
            self.denied[Function(name, list(args))] = path

    def choice(self, value: str, values: tuple[str, ...], path: Path, name: str, *args: Symbol) -> None:
        """A field with one of `values`: its atom, or, when unknown, one open alternative per value."""
        if value == UNKNOWN:
            self.open.append((path, [(v, Function(name, [*args, const(v)])) for v in values if v != UNKNOWN]))
        else:
            self.add(path, name, *args, const(value))


def const(value: str) -> Symbol:
    return Function(value)


def day(date: dt.date | None) -> Symbol:
    return Number(0 if date is None else date.year * 10000 + date.month * 100 + date.day)


def removal_classes(case: Case) -> dict[str, str]:
    """Removal id -> the first removal that states the same facts (all but the id): such removals
    get the same answer, so only one of each class is ground."""
    first: dict[str, str] = {}
    return {rem.id: first.setdefault(rem.model_dump_json(exclude={"id"}), rem.id) for rem in case.removals}


def person_groups(case: Case) -> dict[str | None, list[str]]:
    """The removal ids of each person (None: the case's only person). Each person is reasoned
    about in a program of their own: the rules speak of "the person"."""
    groups: dict[str | None, list[str]] = {}
    for rem in case.removals:
        groups.setdefault(rem.person, []).append(rem.id)
    return groups


def case_facts(case: Case, variants: dict[str, str], only: set[str] | None = None, family: dict[str, set[str]] | None = None) -> Facts:
    """The case as atoms; `only` limits the removals to those ids (the others are left out). With
    several persons, `only` names removals of one person, whose facts are given; `family` gives,
    for the removals of family members (`with_family`), the absolute articles that bar them (and
    FAMILY_ASSURABLE if an assurance would make that removal lawful)."""
    removals = [rem for rem in case.removals if only is None or rem.id in only]
    whose = {rem.person for rem in removals}
    if len(whose) > 1 or (only is None and len(person_groups(case)) > 1):
        raise ValueError(f"the facts of one person at a time: removals of {sorted(map(str, whose))} asked for")
    pid = whose.pop() if whose else None
    here, p = next(((path, q) for path, q in case.people() if q.id == pid or case.person is not None), case.people()[0])
    f = Facts()
    dated = ("case", "assessed_on") if case.case.assessed_on else ("case", "decided")
    f.add(dated, "assessment_date", day(case.assessment_date()))
    for axis, value in sorted(variants.items()):
        f.add(("variants", axis), "variant", const(axis), const(value))  # a default when the case has none
    if isinstance(case.forum, Forum):
        f.add(("forum",), "forum", const(case.forum.body))
        for i, inst in enumerate(case.forum.applies):
            f.add(("forum", "applies", i), "domestic_law", const(inst))
    elif case.forum is not None:
        f.add(("forum",), "forum", const(case.forum))

    for code, st in case.states.items():
        s = String(code)
        base: Path = ("states", code)
        f.add(base, "state", s)
        for i, b in enumerate(st.bound_by):
            party = b if isinstance(b, Party) else Party(instrument=b)
            f.add(base + ("bound_by", i), "party", s, const(party.instrument), day(party.since))
        for i, art in enumerate(st.reservations):
            f.add(base + ("reservations", i), "reservation", s, const(art))
        for i, inst in enumerate(st.derogations):
            f.add(base + ("derogations", i), "derogation", s, const(inst))
        f.flag(st.death_penalty_abolished, base + ("death_penalty_abolished",), "abolished_death_penalty", s)
        f.flag(st.persistent_objector, base + ("persistent_objector",), "persistent_objector", s)
        if st.asylum_procedure is not None:
            f.choice(st.asylum_procedure, values_of(State, "asylum_procedure"), base + ("asylum_procedure",), "asylum_procedure", s)
        f.flag(st.assurances_excluded, base + ("assurances_excluded",), "assurances_excluded", s)
        f.flag(st.torture_systematic, base + ("torture_systematic",), "torture_systematic", s)
        f.flag(st.perpetrators_uncontrolled, base + ("perpetrators_uncontrolled",), "perpetrators_uncontrolled", s)

    f.add((*here, "status"), "status", const(p.status))
    if p.nationality is not None:
        f.add((*here, "nationality"), "nationality", String(p.nationality))
    f.flag(p.child, (*here, "child"), "child")
    f.flag(p.unaccompanied, (*here, "unaccompanied"), "unaccompanied")
    for name in ("danger_to_security", "particularly_serious_crime", "danger_to_community", "excluded_1f"):
        f.flag(getattr(p.conduct, name), (*here, "conduct", name), "conduct", const(name))
    terrorism = {"suspected": "terrorism_suspicion", "individual_finding": "terrorism_finding"}
    path = (*here, "conduct", "terrorism")
    if p.conduct.terrorism == UNKNOWN:
        f.open.append((path, [("false", None)] + [(v, Function("conduct", [const(c)])) for v, c in terrorism.items()]))
    elif p.conduct.terrorism:
        f.add(path, "conduct", const(terrorism[p.conduct.terrorism]))
    if p.former_habitual_residence is not None:
        f.add((*here, "former_habitual_residence"), "former_habitual_residence", String(p.former_habitual_residence))
    if p.refugee_status_ended is not None:
        dated = (*here, "refugee_status_ended_on") if p.refugee_status_ended_on else (*here, "refugee_status_ended")
        f.add((*here, "refugee_status_ended"), "refugee_status_end", const(p.refugee_status_ended))
        f.add(dated, "refugee_status_end_date", day(p.refugee_status_ended_on))
    loc = p.location
    if loc.state is not None:
        f.add((*here, "location"), "located", const(loc.place), String(loc.state))
    if loc.controlled_by is not None:
        f.add((*here, "location", "controlled_by"), "controlled_by", String(loc.controlled_by))

    for i, risk in enumerate(case.risks):
        if risk.person not in (None, pid):  # another person's risk
            continue
        r = String(case.risk_id(i))
        base = ("risks", i)
        f.add(base, "risk", r, const(risk.harm), String(risk.in_))
        f.add(base + ("source",), "risk_source", r, const(risk.source))
        f.choice(risk.exposure, values_of(Risk, "exposure"), base + ("exposure",), "risk_exposure", r)
        f.choice(risk.evidence, values_of(Risk, "evidence"), base + ("evidence",), "risk_evidence", r)
        f.flag(risk.severe, base + ("severe",), "severe", r)
        f.flag(risk.severe_for_child, base + ("severe_for_child",), "severe_for_child", r)
        if risk.ground is not None:
            f.add(base + ("ground",), "ground", r, const(risk.ground))
        if risk.state_protection is not None:
            f.choice(risk.state_protection, values_of(Risk, "state_protection"), base + ("state_protection",), "state_protection", r)
        f.flag(risk.extreme_violence, base + ("extreme_violence",), "extreme_violence", r)
        f.flag(risk.offence_under_18, base + ("offence_under_18",), "offence_under_18", r)
        if risk.life_review is not None:
            f.choice(risk.life_review, values_of(Risk, "life_review"), base + ("life_review",), "life_review", r)
        if (rel := risk.internal_relocation) is not None:
            for name in ("safe_travel", "admittance", "no_risk_there"):
                f.flag(getattr(rel, name), base + ("internal_relocation", name), f"relocation_{name.removesuffix('_there')}", r)
        if (ill := risk.illness) is not None:
            for name in ("critically_ill", "treatment_accessible", "rapid_irreversible_decline", "caused_by_removing_state"):
                f.flag(getattr(ill, name), base + ("illness", name), name, r)

    for i, hop in enumerate(case.onward_transfers):
        f.add(("onward_transfers", i), "onward_transfer", String(hop.from_), String(hop.to), const(hop.because))

    for i, given in enumerate(case.assurances):
        a = String(case.assurance_id(i))
        base = ("assurances", i)
        f.add(base, "assurance", a, String(given.by))
        for j, subject in enumerate(given.against):
            f.add(base + ("against", j), "assured_against", a, const(subject))
        for name in ASSURANCE_FEATURES:
            f.flag(getattr(given, name), base + (name,), "assurance_feature", a, const(name))

    wanted = {rem.id for rem in removals}
    for i, rem in enumerate(case.removals):
        if rem.id not in wanted:
            continue
        r = String(rem.id)
        f.add(("removals", i), "removal", r, String(rem.by), String(rem.to), const(rem.kind))
        f.flag(rem.eu_law, ("removals", i, "eu_law"), "eu_law", r)
        for j, code in enumerate(rem.assisted_by):
            f.add(("removals", i, "assisted_by", j), "removal_assisted_by", r, String(code))
        if rem.under_treaty is not None:
            f.add(("removals", i, "under_treaty"), "removal_under_treaty", r)
        for j, other in enumerate(rem.with_family):
            for article in sorted((family or {}).get(other, ())):
                if article == FAMILY_ASSURABLE:
                    f.add(("removals", i, "with_family", j), "family_removal_assurable", r, String(other))
                else:
                    f.add(("removals", i, "with_family", j), "family_removal_barred", r, String(other), const(article))
        for name in MANNER_FLAGS:
            f.flag(getattr(rem.manner, name), ("removals", i, "manner", name), "manner", r, const(name))
        proc, base = rem.procedure, ("removals", i, "procedure")
        for name in PROCEDURE_FLAGS:
            f.flag(getattr(proc, name), base + (name,), name, r)
        if (im := proc.interim_measure) is not None:
            f.add(base + ("interim_measure",), "interim_measure", r, const(im.by))
            f.flag(im.complied, base + ("interim_measure", "complied"), "interim_measure_complied", r)
            if im.indicated_on is not None:
                f.add(base + ("interim_measure", "indicated_on"), "interim_indicated", r, day(im.indicated_on))
            if im.until is not None:
                f.add(base + ("interim_measure", "until"), "interim_until", r, day(im.until))
        if (vol := proc.voluntary) is not None:
            f.add(base + ("voluntary",), "presented_as_voluntary", r)
            f.flag(vol.informed, base + ("voluntary", "informed"), "consent_informed", r)
            f.flag(vol.free, base + ("voluntary", "free"), "consent_free", r)
    return f


FAMILY_ASSURABLE = "lawful_with_assurance"  # in `family`: the family member's removal would be lawful with an assurance (C1.7)

ASSURANCE_FEATURES = (
    "specific",
    "binding",
    "verifiable",
    "enforceable",
    "poor_record",
    "local_compliance_doubtful",
    "court_examined",
    "prior_ill_treatment",
    "circumvents_obligation",
)
PROCEDURE_FLAGS = (
    "individual_assessment",
    "collective",
    "own_culpable_conduct",
    "legal_entry_available",
    "risk_assessed",
    "third_country_examined",
    "suspensive_remedy",
    "effective_challenge",
    "child_identified",
    "guardian",
    "best_interests_assessed",
)
MANNER_FLAGS = ("child_alone", "unfit_to_travel", "excessive_force")


def values_of(model, name: str) -> tuple[str, ...]:
    """The values a vocabulary field of a model admits (`unknown` included)."""
    ann = model.model_fields[name].annotation
    for arg in typing.get_args(ann) or (ann,):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
    return typing.get_args(ann)
