"""Generated case files: valid ones, and invalid ones made from them by one mutation.

Shared by tests/test_properties.py (as Hypothesis strategies) and bench/fuzz.py (driven by a
seeded `random.Random`, much faster than Hypothesis's engine for tens of thousands of inputs):

    case_dicts()            strategy: a valid case as plain data (what a case file holds)
    case_texts()            strategy: Text(data, text, style, lines), a valid case file
    mutants(kinds)          strategy: Mutant, a case file broken by one of MUTATIONS
    RandomDraw(rng)         the same generators on a random.Random:
                            case_text(RandomDraw(rng)), mutant(RandomDraw(rng), kinds)

The generators draw through a `Draw` (HypothesisDraw or RandomDraw). The YAML is written here
(`render`), which also records the line of every field, so that the line an error must name is
known without asking nonref's loader.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import random
import re
import typing
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from nonref import model
from nonref.facts import PROCEDURE_FLAGS
from nonref.variants import AXES
from pydantic import BaseModel

# --- vocabulary, read from the model so that the generators follow it ------------------------


def _words(annotation: Any) -> tuple:
    """The literal strings an annotation allows (through Optional, unions, lists), not `unknown`."""
    out: list = []

    def walk(ann: Any) -> None:
        origin = typing.get_origin(ann)
        if origin is typing.Literal:
            out.extend(a for a in typing.get_args(ann) if isinstance(a, str) and a != "unknown")
        elif origin is not None:
            for a in typing.get_args(ann):
                walk(a)

    walk(annotation)
    return tuple(dict.fromkeys(out))


def _field(cls: type[BaseModel], name: str) -> tuple:
    return _words(cls.model_fields[name].annotation)


INSTRUMENTS = _words(model.Instrument)
ARTICLES = _words(model.Article)
HARMS = _words(model.Harm)
GROUNDS = _words(model.ConventionGround)
SUBJECTS = _words(model.AssuranceSubject)
HARM_SUBJECTS = tuple(s for s in SUBJECTS if s != "onward_transfer")
BASES = _words(model.Basis)
STATUSES = _field(model.Person, "status")
PLACES = _field(model.Location, "place")
SOURCES = _field(model.Risk, "source")
EXPOSURES = _field(model.Risk, "exposure")
EVIDENCE = _field(model.Risk, "evidence")
PROTECTION = _field(model.Risk, "state_protection")
LIFE_REVIEW = _field(model.Risk, "life_review")
BECAUSE = _field(model.OnwardTransfer, "because")
KINDS = _field(model.Removal, "kind")
ASYLUM = _field(model.State, "asylum_procedure")
ENDED = _field(model.Person, "refugee_status_ended")
TERRORISM = _field(model.Conduct, "terrorism")
BODIES = _field(model.InterimMeasure, "by")
FORUMS = _words(model.ForumBody)
MANNER_FLAGS = ("child_alone", "unfit_to_travel", "excessive_force")
OUTCOMES = _field(model.Expected, "outcome")
CONDUCT_FLAGS = ("danger_to_security", "particularly_serious_crime", "danger_to_community", "excluded_1f")
STATE_FLAGS = ("death_penalty_abolished", "persistent_objector", "assurances_excluded", "torture_systematic", "perpetrators_uncontrolled")
RISK_FLAGS = ("severe", "severe_for_child", "offence_under_18", "extreme_violence")
ASSURANCE_GOOD = ("specific", "binding", "verifiable", "enforceable", "court_examined")
ASSURANCE_BAD = ("poor_record", "local_compliance_doubtful", "prior_ill_treatment", "circumvents_obligation")
CODES = tuple(f"A{i}" for i in range(1, 10))


def _all_fields() -> set[str]:
    seen: set[str] = set()
    for obj in vars(model).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == model.__name__:
            seen |= {f.alias or n for n, f in obj.model_fields.items()}
    return seen


ALL_FIELDS = _all_fields()
ALL_WORDS = set(
    INSTRUMENTS
    + ARTICLES
    + HARMS
    + GROUNDS
    + SUBJECTS
    + BASES
    + STATUSES
    + PLACES
    + SOURCES
    + EXPOSURES
    + EVIDENCE
    + PROTECTION
    + LIFE_REVIEW
    + BECAUSE
    + KINDS
    + ASYLUM
    + ENDED
    + TERRORISM
    + BODIES
    + OUTCOMES
)
ALL_WORDS |= {v for axis in AXES.values() for v in axis.values} | set(AXES) | {"unknown", "true", "false"}

# Names, with characters YAML must quote, and text that is not ASCII.
NAMES = (
    "Ruritania",
    "Côte d'Ivoire",
    "Türkiye",
    "São Tomé",
    "Nowhere: the state",
    "#1 state",
    "- dash",
    "NO",
    "yes",
    "null",
    "2001-01-01",
    "[brackets]",
    "{braces}",
    "a 'quoted' name",
    'say "hi"',
    "ünïcödé ✓",
    "Ω",
    "@home",
    "%pct",
    "x: y",
    "a # b",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "'",
    '"',
    "\\",
    "true",
    "~",
    "1e3",
    "0x1F",
    ".inf",
    "[/x]",  # terminal markup in a name must print as written
    "[bold]b[/bold]",
)
TEXT_CHARS = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
SAMPLE_CHARS = "abcxyzABCXYZ019 éüßçøΩЖ中文😀-_:#&*!|>'\"%@`,[]{}?\\/.~"


# --- draws -----------------------------------------------------------------------------------


class Draw:
    """What the generators draw from; `unknowns` is a budget of `unknown` values (each doubles or
    triples the completions the reasoner must consider)."""

    unknowns = 0

    def integer(self, lo: int, hi: int) -> int:
        raise NotImplementedError

    def subset(self, values, lo: int = 0, hi: int | None = None) -> list:
        """Distinct values, in a drawn order."""
        raise NotImplementedError

    def text(self) -> str:
        raise NotImplementedError

    def binary(self, lo: int, hi: int) -> bytes:
        raise NotImplementedError

    def boolean(self) -> bool:
        return self.integer(0, 1) == 1

    def chance(self, n: int) -> bool:
        """True about once in `n` draws."""
        return self.integer(0, n - 1) == n - 1  # False as Hypothesis shrinks: examples shrink to fewer fields

    def pick(self, values):
        values = tuple(values)
        return values[self.integer(0, len(values) - 1)]

    def maybe_unknown(self, value):
        if self.unknowns and self.chance(6):
            self.unknowns -= 1
            return "unknown"
        return value

    def flag(self):
        return self.maybe_unknown(self.boolean())

    def word(self, values):
        """One of `values` (given without `unknown`), or sometimes `unknown`."""
        return self.maybe_unknown(self.pick(values))

    def date(self):
        day = dt.date(1950, 1, 1) + dt.timedelta(days=self.integer(0, 27393))  # to 2024-12-31
        return day if self.boolean() else day.isoformat()  # a YAML date, or a quoted string


class HypothesisDraw(Draw):
    def __init__(self, draw, unknowns: int = 0):
        self.draw, self.unknowns = draw, unknowns

    def integer(self, lo, hi):
        return self.draw(st.integers(lo, hi))

    def pick(self, values):
        return self.draw(st.sampled_from(tuple(values)))

    def subset(self, values, lo=0, hi=None):
        return self.draw(st.lists(st.sampled_from(tuple(values)), unique=True, min_size=lo, max_size=hi))

    def text(self):
        return self.draw(st.one_of(st.sampled_from(NAMES), st.text(TEXT_CHARS, min_size=1, max_size=30)))

    def binary(self, lo, hi):
        return self.draw(st.binary(min_size=lo, max_size=hi))


class RandomDraw(Draw):
    def __init__(self, rng: random.Random, unknowns: int = 0):
        self.rng, self.unknowns = rng, unknowns

    def integer(self, lo, hi):
        return self.rng.randint(lo, hi)

    def subset(self, values, lo=0, hi=None):
        values = tuple(values)
        return self.rng.sample(values, self.rng.randint(lo, min(len(values), len(values) if hi is None else hi)))

    def text(self):
        if self.rng.random() < 0.5:
            return self.rng.choice(NAMES)
        return "".join(self.rng.choice(SAMPLE_CHARS) for _ in range(self.rng.randint(1, 30))).strip() or "x"

    def binary(self, lo, hi):
        return bytes(self.rng.getrandbits(8) for _ in range(self.rng.randint(lo, hi)))


# --- valid cases ---------------------------------------------------------------------------


def _flags(d: Draw, names, n: int = 3) -> dict:
    return {name: d.flag() for name in names if d.chance(n)}


def _state(d: Draw) -> dict:
    bound: list = []
    for inst in d.subset(INSTRUMENTS, 0, 8):
        bound.append({"instrument": inst, **({"since": d.date()} if d.boolean() else {})} if d.chance(4) else inst)
    out: dict = {"name": d.text()}
    if bound or d.chance(3):
        out["bound_by"] = bound
    if d.chance(6):
        out["reservations"] = d.subset(ARTICLES, 1, 2)
    if d.chance(8):
        out["derogations"] = d.subset(INSTRUMENTS, 1, 2)
    out.update(_flags(d, STATE_FLAGS, 4))
    if d.chance(3):
        out["asylum_procedure"] = d.word(ASYLUM)
    return out


def _person(d: Draw, codes: list[str]) -> dict:
    out: dict = {}
    status = d.pick(STATUSES)
    if d.chance(2):
        out["name"] = d.text()
    if status != "stateless" and not d.chance(4):
        out["nationality"] = d.pick(codes)
    elif d.chance(2):
        out["former_habitual_residence"] = d.pick(codes)
    if d.chance(8):
        out["refugee_status_ended"] = d.pick(ENDED)
    out["status"] = status
    if d.chance(4):
        out["child"] = d.flag()
    if d.chance(2):
        conduct = _flags(d, CONDUCT_FLAGS, 3)
        if d.chance(3):
            conduct["terrorism"] = d.word(TERRORISM + (False,))
        if d.chance(4):
            conduct["description"] = d.text()
        out["conduct"] = conduct
    place = d.pick(PLACES)
    location: dict = {"place": place}
    if place != "high_seas":
        location["state"] = d.pick(codes)
    if (place == "high_seas" or d.chance(5)) and not d.chance(5):
        location["controlled_by"] = d.pick(codes)
    out["location"] = location
    return out


def risk_dict(d: Draw, rid: str | None, places: list[str]) -> dict:
    harm = d.pick(HARMS)
    out: dict = {"id": rid} if rid else {}
    out |= {"harm": harm, "in": d.pick(places), "source": d.pick(SOURCES), "exposure": d.word(EXPOSURES), "evidence": d.word(EVIDENCE)}
    out.update(_flags(d, RISK_FLAGS, 5))
    if harm == "persecution" or d.chance(4):
        out["ground"] = d.pick(GROUNDS)
    if out["source"] in ("non_state", "quasi_governmental") or d.chance(8):
        out["state_protection"] = d.word(PROTECTION)
    if harm == "serious_illness":
        out["illness"] = {k: d.flag() for k in ("critically_ill", "treatment_accessible", "rapid_irreversible_decline")}
    if harm == "irreducible_life_sentence" and d.chance(2):
        out["life_review"] = d.word(LIFE_REVIEW)
    if d.chance(6):
        out["internal_relocation"] = {"area": d.text(), **{k: d.flag() for k in ("safe_travel", "admittance", "no_risk_there")}}
    if d.chance(5):
        out["description"] = d.text()
    return out


def _removal(d: Draw, i: int, codes: list[str], holder: list[str]) -> dict:
    by = d.pick(holder) if holder and not d.chance(4) else d.pick(codes)
    others = [c for c in codes if c != by]
    out: dict = {"id": f"m{i}", "by": by, "to": by if d.chance(12) else d.pick(others), "kind": d.pick(KINDS)}
    if holder and d.chance(6):
        out["from"] = d.pick(holder)  # where the person is
    if d.chance(3):
        procedure = _flags(d, PROCEDURE_FLAGS, 4)
        if d.chance(5):
            procedure["interim_measure"] = {"by": d.pick(BODIES), "complied": d.flag(), **({"indicated_on": d.date()} if d.chance(2) else {})}
        if d.chance(6):
            procedure["voluntary"] = {"informed": d.flag(), "free": d.flag()}
        out["procedure"] = procedure
    if d.chance(4):
        out["eu_law"] = d.flag()
    if d.chance(8):
        out["manner"] = {d.pick(MANNER_FLAGS): d.flag()}
    if d.chance(6):
        out["assisted_by"] = d.subset(codes, 1, 2)
    if d.chance(8):
        out["under_treaty"] = d.text()
    return out


def _onward(d: Draw, codes: list[str], starts: list[str]) -> list[dict]:
    """Transfers forming a chain from a destination; now and then a stray one (a cycle, a loop)."""
    hops: list[tuple[str, str]] = []
    if d.chance(2):
        chain = [d.pick(starts)] + d.subset(codes, 1, 3)
        hops += [(a, b) for a, b in zip(chain, chain[1:], strict=False) if a != b]
    if d.chance(5):
        hops.append((d.pick(codes), d.pick(codes)))
    out = []
    for a, b in hops:
        hop = {"from": a, "to": b, "because": d.pick(BECAUSE)}
        if d.chance(5):
            hop["description"] = d.text()
        out.append(hop)
    return out


def _assurance(d: Draw, i: int, codes: list[str], starts: list[str]) -> dict:
    out: dict = {"id": f"as{i}"} if d.boolean() else {}
    out["by"] = d.pick(starts) if d.boolean() else d.pick(codes)
    out["against"] = d.subset(SUBJECTS, 1, 4)
    out.update(_flags(d, ASSURANCE_GOOD, 2))
    out.update(_flags(d, ASSURANCE_BAD, 5))
    return out


def case_dict(d: Draw) -> dict:
    """A valid case as plain data: 2-6 states A1.., a person, 1-4 risks (mostly where a removal
    or an onward chain leads), onward transfers, assurances, 1-4 removals, sometimes variants,
    `expected` and `unknown` facts (up to d.unknowns)."""
    codes = list(CODES[: d.integer(2, 6)])
    meta: dict = {"title": d.text()}
    for key in ("court", "number", "summary"):
        if d.chance(4):
            meta[key] = d.text()
    if d.boolean():
        meta["decided"] = d.date()
    if "decided" not in meta or d.boolean():  # never today's date: the same file, the same answer
        meta["assessed_on"] = d.date()
    if d.chance(6):
        meta["sources"] = [d.text() for _ in range(d.integer(0, 2))]
    case: dict = {"case": meta, "states": {code: _state(d) for code in codes}, "person": _person(d, codes)}
    location = case["person"]["location"]
    holder = [c for c in (location.get("state"), location.get("controlled_by")) if c]
    removals = [_removal(d, i, codes, holder) for i in range(1, d.integer(1, 4) + 1)]
    starts = sorted({r["to"] for r in removals})
    onward = _onward(d, codes, starts)
    places = starts + [h["to"] for h in onward] + codes
    case["risks"] = [risk_dict(d, None if d.chance(4) else f"r{i}", places) for i in range(1, d.integer(1, 4) + 1)]
    if onward:
        case["onward_transfers"] = onward
    if d.chance(2):
        case["assurances"] = [_assurance(d, i, codes, starts) for i in range(1, d.integer(1, 2) + 1)]
    case["removals"] = removals
    if d.chance(4):
        case["variants"] = {axis: d.pick(AXES[axis].values) for axis in d.subset(sorted(AXES), 1, 2)}
    if d.chance(5):
        case["forum"] = d.pick(FORUMS)
    if d.chance(5):  # several persons: the same place, their own status; risks theirs or shared
        first = {**case.pop("person"), "id": "p1"}
        second = {**copy.deepcopy(first), "id": "p2", "status": d.pick([x for x in STATUSES if x != "stateless"]), "child": d.flag()}
        second.pop("unaccompanied", None)
        case["persons"] = [first, second]
        for r in removals:
            r["person"] = d.pick(["p1", "p2"])
        for r in case["risks"]:
            if d.boolean():
                r["person"] = d.pick(["p1", "p2"])
        if len(removals) > 1 and removals[0]["person"] != removals[1]["person"] and d.boolean():
            removals[0]["with_family"] = [removals[1]["id"]]
    if d.chance(8):
        case["expected"] = {removals[0]["id"]: {"outcome": d.pick(OUTCOMES)}}
    return case


# --- YAML text, with the line of every field -----------------------------------------------

STYLES = ("block", "mixed", "block-indented", "quoted")
_PLAIN = re.compile(r"[^\W\d][\w.'-]*(?: [\w.'-]+)*")
_RESERVED = {"null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}

Path_ = tuple


def scalar(value: Any, quote: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if not quote and _PLAIN.fullmatch(value) and value not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


class _Writer:
    def __init__(self, style: str):
        self.style, self.out, self.lines = style, [], {(): 1}
        self.seq_indent = 2 if style == "block-indented" else 0
        self.quote = style == "quoted"

    def flow(self, value: Any, path: Path_) -> str | None:
        """`value` on one line, if it is a scalar, an empty collection, or (mixed style) a
        collection of scalars; None otherwise. Records the lines of what is inside."""
        here = len(self.out) + 1
        if isinstance(value, dict):
            if value and (self.style != "mixed" or any(isinstance(v, (dict, list)) for v in value.values())):
                return None
            for k in value:
                self.lines[path + (k,)] = here
            return "{" + ", ".join(f"{scalar(k)}: {scalar(v, self.quote)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            if value and (self.style != "mixed" or any(isinstance(v, (dict, list)) for v in value)):
                return None
            for i in range(len(value)):
                self.lines[path + (i,)] = here
            return "[" + ", ".join(scalar(v, self.quote) for v in value) + "]"
        return scalar(value, self.quote)

    def mapping(self, data: dict, path: Path_, indent: int, lead: str | None = None) -> None:
        for key, value in data.items():
            prefix, lead = (lead if lead is not None else " " * indent), None
            self.lines[path + (key,)] = len(self.out) + 1
            inline = self.flow(value, path + (key,))
            if inline is not None:
                self.out.append(f"{prefix}{scalar(key)}: {inline}")
                continue
            self.out.append(f"{prefix}{scalar(key)}:")
            if isinstance(value, dict):
                self.mapping(value, path + (key,), indent + 2)
            else:
                self.sequence(value, path + (key,), indent + self.seq_indent)

    def sequence(self, items: list, path: Path_, indent: int) -> None:
        for i, value in enumerate(items):
            self.lines[path + (i,)] = len(self.out) + 1
            inline = self.flow(value, path + (i,))
            if inline is not None:
                self.out.append(f"{' ' * indent}- {inline}")
            elif isinstance(value, dict):
                self.mapping(value, path + (i,), indent + 2, lead=f"{' ' * indent}- ")
            else:
                self.out.append(f"{' ' * indent}-")
                self.sequence(value, path + (i,), indent + 2)


def render(data: dict, style: str = "block") -> tuple[str, dict[Path_, int]]:
    """YAML text for plain data, and the 1-based line of every key and item (() is line 1).
    Styles: `block`; `mixed` (collections of scalars in flow style); `block-indented` (sequences
    indented under their key); `quoted` (every string value quoted)."""
    w = _Writer(style)
    w.mapping(data, (), 0)
    return "\n".join(w.out) + "\n", w.lines


@dataclass(frozen=True)
class Text:
    data: dict
    text: str
    style: str
    lines: dict


def case_text(d: Draw) -> Text:
    data = case_dict(d)
    style = d.pick(STYLES)
    text, lines = render(data, style)
    return Text(data, text, style, lines)


@st.composite
def case_dicts(draw, max_unknowns: int = 3) -> dict:
    return case_dict(HypothesisDraw(draw, draw(st.integers(0, max_unknowns))))


@st.composite
def case_texts(draw, max_unknowns: int = 3) -> Text:
    return case_text(HypothesisDraw(draw, draw(st.integers(0, max_unknowns))))


def paths(data: Any, path: Path_ = ()):
    """Every (path, value) in plain data, parents before children (the root left out)."""
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield path + (key,), value
        yield from paths(value, path + (key,))


def get(data: Any, path: Path_) -> Any:
    for part in path:
        data = data[part]
    return data


# --- mutants ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    kind: str
    data: bytes
    must_fail: bool  # the mutation always makes the file invalid
    lines: frozenset[int] | None  # the lines an error may name (None: any line of the file)
    note: str  # what was changed


REQUIRED = {
    "": ("case", "states", "person", "removals"),
    "case": ("title",),
    "state": ("name",),
    "party": ("instrument",),
    "person": ("status", "location"),
    "location": ("place",),
    "risk": ("harm", "in", "source", "exposure", "evidence"),
    "relocation": ("area", "safe_travel", "admittance", "no_risk_there"),
    "illness": ("critically_ill", "treatment_accessible", "rapid_irreversible_decline"),
    "onward": ("from", "to", "because"),
    "assurance": ("by", "against"),
    "removal": ("id", "by", "to", "kind"),
    "interim": ("by", "complied"),
    "voluntary": ("informed", "free"),
    "expected": ("outcome",),
}


def _model_at(path: Path_) -> str | None:
    """Which model the mapping at `path` is (for its required fields), from the path's shape."""
    n, last = len(path), path[-1] if path else None
    if n == 0:
        return ""
    if path in (("case",), ("person",)):
        return path[0]
    if path == ("person", "location"):
        return "location"
    if n == 2 and path[0] == "states":
        return "state"
    if n == 4 and path[0] == "states" and path[2] == "bound_by":
        return "party"
    if n == 2 and isinstance(last, int):
        return {"risks": "risk", "onward_transfers": "onward", "assurances": "assurance", "removals": "removal"}.get(path[0])
    if n == 3 and path[0] == "risks":
        return {"internal_relocation": "relocation", "illness": "illness"}.get(last)
    if n == 4 and path[0] == "removals" and path[2] == "procedure":
        return {"interim_measure": "interim", "voluntary": "voluntary"}.get(last)
    if n == 2 and path[0] == "expected":
        return "expected"
    return None


def required_paths(data: dict) -> list[Path_]:
    out = []
    for path, value in [((), data), *paths(data)]:
        kind = _model_at(path)
        if kind is None or not isinstance(value, dict):
            continue
        needed = list(REQUIRED[kind])
        if kind == "location" and value.get("place") != "high_seas":
            needed.append("state")
        if kind == "risk":
            needed += [
                k
                for k, when in (
                    ("ground", value.get("harm") == "persecution"),
                    ("illness", value.get("harm") == "serious_illness"),
                    ("state_protection", value.get("source") in ("non_state", "quasi_governmental")),
                )
                if when
            ]
        out += [path + (k,) for k in needed if k in value]
    return out


_REFERENCE = re.compile(
    r"\('person', '(nationality|former_habitual_residence)'\)|\('person', 'location', '(state|controlled_by)'\)"
    r"|\('risks', \d+, 'in'\)|\('removals', \d+, '(by|from|to)'\)|\('removals', \d+, 'assisted_by', \d+\)"
    r"|\('onward_transfers', \d+, '(from|to)'\)|\('assurances', \d+, 'by'\)"
)


def reference_paths(data: dict) -> list[Path_]:
    """The fields that name a declared state."""
    return [p for p, _ in paths(data) if _REFERENCE.fullmatch(repr(p))]


VOCAB_KEYS = {
    "status",
    "refugee_status_ended",
    "place",
    "harm",
    "source",
    "exposure",
    "evidence",
    "ground",
    "state_protection",
    "life_review",
    "because",
    "kind",
    "asylum_procedure",
    "terrorism",
    "outcome",
    "instrument",
}
VOCAB_LISTS = {"bound_by", "reservations", "derogations", "against", "bases"}
TEXT_FIELDS = {"title", "court", "number", "summary", "sources", "name", "description", "area", "under_treaty", "id"}


def vocabulary_paths(data: dict) -> list[Path_]:
    """The fields that hold a word of a fixed vocabulary (or `unknown`)."""
    out = []
    for path, value in paths(data):
        last, parent = path[-1], path[-2] if len(path) > 1 else None
        if not isinstance(value, str) or last in TEXT_FIELDS or parent in TEXT_FIELDS:
            continue
        if value == "unknown" or last in VOCAB_KEYS or parent in VOCAB_LISTS or parent == "variants" or path[-2:] == ("interim_measure", "by"):
            out.append(path)
    return out


def misspell(d: Draw, word: str) -> str:
    """`word` with a typo that is no word of any vocabulary."""
    i = d.integer(0, max(len(word) - 1, 0))
    candidates = [
        word[:i] + word[i + 1 :],  # a letter dropped
        word[:i] + word[i : i + 2][::-1] + word[i + 2 :],  # two letters swapped
        word[:i] + word[i : i + 1] * 2 + word[i + 1 :],  # a letter doubled
        word.upper(),
        word + "s",
        word.replace("_", "-") if "_" in word else word.capitalize(),
    ]
    how = d.integer(0, len(candidates) - 1)
    for c in candidates[how:] + candidates[:how]:
        if c and c not in ALL_WORDS and c != word:
            return c
    return word + "_x"


WRONG_VALUES = (7, 1.5, True, None, "yes", "", [], ["x"], {"x": 1}, "2001-13-01", "unknown", dt.date(2001, 1, 1))
TAGS = (
    "!!bool true",
    "!!bool false",
    "!!timestamp 2001-12-14",
    "!!timestamp 2001-12-14t21:59:43.10-05:00",
    "!!str",
    "!!int 3",
    "!!float 1.5",
    "!!null",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!custom x",
    "!!python/object/apply:os.system [echo hi]",
    "!<tag:yaml.org,2002:str> x",
    "!!map {}",
    "!!seq []",
)
INVALID_DATES = ("2010-02-30", "2019-02-29", "2001-13-01", "2001-00-10", "2001-04-31", "0000-01-01")
CONTROL = tuple(chr(c) for c in [*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9B, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xD800])
DATE_VALUE = re.compile(r"\b(assessed_on|decided|since|indicated_on): ([\"']?)\d{4}-\d\d-\d\d\2")
SCALAR_LINE = re.compile(r"^(\s*)(- )?([A-Za-z_]\w*): ([^\s{\[].*)$")
HEAD_LINE = re.compile(r"^(\s*)(- )?[A-Za-z_]\w*:\s*$")


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes that are not UTF-8


def _rendered(kind: str, data: dict, style: str, must_fail: bool, lines, note: str) -> Mutant:
    text, where = render(data, style)
    return Mutant(kind, _encode(text), must_fail, frozenset(lines(where)), note)


# Each mutation: (Draw, valid Text) -> Mutant, or None when it does not apply to the text.


def _delete_required(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    path = d.pick(required_paths(data))
    del get(data, path[:-1])[path[-1]]
    return _rendered("delete_required", data, t.style, True, lambda w: {w.get(path[:-1], 1)}, f"deleted {path}")


def _wrong_type(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    path = d.pick([p for p, _ in paths(data)])
    value = d.pick(WRONG_VALUES)
    get(data, path[:-1])[path[-1]] = copy.deepcopy(value)

    def lines(where):
        """The field, what is under it, the field around it (a model's own check), or a field
        that refers to it (an `expected` removal id, a removal's `from`)."""
        refers = {
            line for p, line in where.items() if (len(p) == 2 and p[0] == "expected") or (len(p) == 3 and p[0] == "removals" and p[2] == "from")
        }
        return {line for p, line in where.items() if p[: len(path)] == path} | {where.get(path[:-1], 1)} | refers

    return _rendered("wrong_type", data, t.style, False, lines, f"{path} = {value!r}")


def _unknown_field(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    maps = [()] + [p for p, v in paths(data) if isinstance(v, dict) and p not in (("states",), ("expected",))]
    path = d.pick(maps)
    target = get(data, path)
    key = misspell(d, d.pick(list(target) or ["name"])) if d.boolean() else d.pick(("colour", "notes", "Name", "id_", "x-extra"))
    while key in ALL_FIELDS or key in target:
        key += "_x"
    target[key] = d.pick(("x", True, 1, None))
    return _rendered("unknown_field", data, t.style, True, lambda w: {w[path + (key,)]}, f"added {path + (key,)}")


def _misspelt_word(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    path = d.pick(vocabulary_paths(data))
    word = misspell(d, get(data, path))
    get(data, path[:-1])[path[-1]] = word
    return _rendered("misspelt_word", data, t.style, True, lambda w: {w[path]}, f"{path} = {word!r}")


def _undeclared_state(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    path = d.pick(reference_paths(data))
    code = d.pick(("Z9", "a1", "A1 ", "A10", "XX"))
    get(data, path[:-1])[path[-1]] = code
    return _rendered("undeclared_state", data, t.style, True, lambda w: {w[path]}, f"{path} = {code!r}")


def _removed_state(d: Draw, t: Text):
    data = copy.deepcopy(t.data)
    refs = reference_paths(data)
    code = get(data, d.pick(refs))
    del data["states"][code]
    return _rendered("removed_state", data, t.style, True, lambda w: {w[p] for p in refs if get(data, p) == code}, f"state {code} no longer declared")


def _duplicate_key(d: Draw, t: Text):
    lines = t.text.splitlines(keepends=True)
    i = d.pick([i for i, line in enumerate(lines) if SCALAR_LINE.match(line)])
    indent, dash, key, value = SCALAR_LINE.match(lines[i]).groups()
    again = f"{indent}{'  ' if dash else ''}{key}: {value}\n"
    lines.insert(i + 1, again)
    return Mutant("duplicate_key", _encode("".join(lines)), True, frozenset({i + 2}), f"line {i + 2}: {again.strip()!r} again")


def _bad_indentation(d: Draw, t: Text):
    lines = t.text.splitlines(keepends=True)
    i = d.integer(1, len(lines) - 1)
    shift = d.pick((-3, -2, -1, 1, 2, 3))
    stripped = lines[i].lstrip(" ")
    lines[i] = " " * max(0, len(lines[i]) - len(stripped) + shift) + stripped
    return Mutant("bad_indentation", _encode("".join(lines)), False, None, f"line {i + 1} indented by {shift:+d}")


def _tab(d: Draw, t: Text):
    lines = t.text.splitlines(keepends=True)
    i = d.integer(0, len(lines) - 1)
    line = lines[i]
    spaces = len(line) - len(line.lstrip(" "))
    if spaces and d.boolean():
        lines[i] = "\t" + line[1:] if d.boolean() else "\t" * (spaces // 2) + line[spaces:]
    else:
        j = d.integer(0, len(line.rstrip("\n")))
        lines[i] = line[:j] + "\t" + line[j:]
    return Mutant("tab", _encode("".join(lines)), False, None, f"a tab on line {i + 1}")


def _truncation(d: Draw, t: Text):
    n = d.integer(0, len(t.text) - 1)
    return Mutant("truncation", _encode(t.text[:n]), False, None, f"cut after {n} characters")


def _insert(kind: str, d: Draw, t: Text, blob: bytes) -> Mutant:
    data = _encode(t.text)
    where = d.pick(("start", "end", "middle", "replace")) if kind == "binary_garbage" else "middle"
    if where == "replace":
        out = blob
    elif where == "start":
        out = blob + data
    elif where == "end":
        out = data + blob
    else:
        i = d.integer(0, len(data))
        out = data[:i] + blob + data[i:]
        where = f"at byte {i}"
    return Mutant(kind, out, False, None, f"{blob!r} inserted ({where})")


def _random_ascii_byte(d: Draw, t: Text):
    return _insert("random_ascii_byte", d, t, bytes([d.integer(0x20, 0x7E)]))


def _random_byte(d: Draw, t: Text):
    return _insert("random_byte", d, t, bytes([d.integer(0, 255)]))


def _binary_garbage(d: Draw, t: Text):
    return _insert("binary_garbage", d, t, d.binary(1, 64))


def _control_character(d: Draw, t: Text):
    c = d.pick(CONTROL)
    i = d.integer(0, len(t.text))
    return Mutant("control_character", _encode(t.text[:i] + c + t.text[i:]), False, None, f"{c!r} inserted at character {i}")


def _invalid_date(d: Draw, t: Text):
    found = list(DATE_VALUE.finditer(t.text))
    if not found:
        return None
    m, bad = d.pick(found), d.pick(INVALID_DATES)
    text = t.text[: m.start()] + f"{m[1]}: {bad}" + t.text[m.end() :]
    line = text.count("\n", 0, m.start()) + 1
    return Mutant("invalid_date", _encode(text), True, frozenset({line}), f"line {line}: {m[1]}: {bad}")


def _yaml_tag(d: Draw, t: Text):
    lines = t.text.splitlines(keepends=True)
    i = d.pick([i for i, line in enumerate(lines) if SCALAR_LINE.match(line)])
    indent, dash, key, value = SCALAR_LINE.match(lines[i]).groups()
    tag = d.pick(TAGS)
    tagged = f"{tag} {value}" if tag == "!!str" else tag
    lines[i] = f"{indent}{dash or ''}{key}: {tagged}\n"
    return Mutant("yaml_tag", _encode("".join(lines)), False, frozenset({i + 1}), f"line {i + 1}: {key}: {tagged}")


def _merge_key(d: Draw, t: Text):
    """`<<:` in a block mapping: of an anchored mapping elsewhere in the file, or inline."""
    lines = t.text.splitlines(keepends=True)
    heads = [i for i, line in enumerate(lines) if HEAD_LINE.match(line)]
    if not heads:
        return None
    i = d.pick(heads)
    indent, dash = HEAD_LINE.match(lines[i]).groups()
    inner = " " * (len(indent) + (4 if dash else 2))
    others = [h for h in heads if h != i]
    if others and d.boolean():
        j = d.pick(others)
        lines[j] = lines[j].rstrip("\n") + " &m\n"
        merged = f"{inner}<<: *m\n"
    else:
        merged = f"{inner}<<: {d.pick(('{child: true}', '{name: x}', '{colour: red}', '[{a: 1}, {b: 2}]', 'x'))}\n"
    lines.insert(i + 1, merged)
    return Mutant("merge_key", _encode("".join(lines)), False, None, f"line {i + 2}: {merged.strip()}")


def _yaml_1_1(d: Draw, t: Text):
    return Mutant("yaml_1_1", _encode("%YAML 1.1\n---\n" + t.text), True, frozenset({1}), "a %YAML 1.1 directive")


MUTATIONS = {
    "delete_required": _delete_required,
    "wrong_type": _wrong_type,
    "unknown_field": _unknown_field,
    "misspelt_word": _misspelt_word,
    "undeclared_state": _undeclared_state,
    "removed_state": _removed_state,
    "duplicate_key": _duplicate_key,
    "bad_indentation": _bad_indentation,
    "tab": _tab,
    "truncation": _truncation,
    "random_ascii_byte": _random_ascii_byte,
    "random_byte": _random_byte,
    "control_character": _control_character,
    "invalid_date": _invalid_date,
    "yaml_tag": _yaml_tag,
    "merge_key": _merge_key,
    "binary_garbage": _binary_garbage,
    "yaml_1_1": _yaml_1_1,
}


def mutant(d: Draw, kinds: tuple[str, ...] | None = None) -> Mutant:
    """A valid case file (at most one `unknown` fact), broken by one mutation of `kinds`."""
    budget = d.unknowns
    d.unknowns = min(budget, 1)
    t = case_text(d)
    d.unknowns = budget
    kind = d.pick(kinds or tuple(MUTATIONS))
    return MUTATIONS[kind](d, t) or _unknown_field(d, t)  # when it does not apply (no date, no block mapping)


@st.composite
def mutants(draw, kinds: tuple[str, ...] | None = None) -> Mutant:
    return mutant(HypothesisDraw(draw, draw(st.integers(0, 1))), kinds)
