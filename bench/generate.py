"""Generate large, valid, deterministic cases for benchmarks (and for scale tests later).

from bench.generate import generate_case
case = generate_case(states=200, removals=1000, seed=1)   # a dict, as a case file would give
Case.model_validate(case)                                   # (done by generate_case already)
"""

from __future__ import annotations

import random
import typing
from typing import Any

from nonref.model import Article, Case, ConventionGround, Harm, Instrument

INSTRUMENTS = typing.get_args(Instrument)
ARTICLES = typing.get_args(Article)
HARMS = typing.get_args(Harm)
GROUNDS = typing.get_args(ConventionGround)
KINDS = ("deportation", "expulsion", "extradition", "push_back", "interception", "transfer", "return")


def generate_case(states: int = 200, removals: int = 1000, seed: int = 0, risk_share: float = 0.3) -> dict[str, Any]:
    """A case dict with `states` states (varied treaty sets), risks in about `risk_share` of
    them, and `removals` removals between them. The same arguments give the same case."""
    rng = random.Random(seed)
    codes = [f"S{i:03d}" for i in range(states)]
    out: dict[str, Any] = {
        "case": {"title": f"generated case ({states} states, {removals} removals, seed {seed})", "assessed_on": "2020-01-01"},
        "states": {code: _state(rng, code) for code in codes},
        "person": {
            "nationality": codes[1 % states],
            "status": rng.choice(["recognised_refugee", "asylum_seeker", "migrant"]),
            "child": rng.random() < 0.2,
            "conduct": {
                "danger_to_security": rng.random() < 0.3,
                "particularly_serious_crime": rng.random() < 0.2,
                "danger_to_community": rng.random() < 0.2,
            },
            "location": {"place": "territory", "state": codes[0]},
        },
    }
    out["risks"] = [_risk(rng, f"risk-{i}", code) for i, code in enumerate(c for c in codes if rng.random() < risk_share)]
    at_risk = [r["in"] for r in out["risks"]] or codes
    # Most removals are by the state where the person is (the others lack jurisdiction), and
    # half go to a state where a risk lies, so that the rules have something to decide.
    out["removals"] = [
        {
            "id": f"rem-{i:04d}",
            "by": codes[0] if rng.random() < 0.7 else rng.choice(codes),
            "to": rng.choice(at_risk) if rng.random() < 0.5 else rng.choice(codes),
            "kind": rng.choice(KINDS),
            **({"from": codes[0]} if rng.random() < 0.1 else {}),  # a removal starts where the person is
        }
        for i in range(removals)
    ]
    Case.model_validate(out)
    return out


def _state(rng: random.Random, code: str) -> dict[str, Any]:
    bound: list[Any] = []
    for inst in rng.sample(INSTRUMENTS, rng.randint(0, len(INSTRUMENTS))):
        bound.append(
            {"instrument": inst, "since": f"{rng.randint(1955, 2015)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"} if rng.random() < 0.3 else inst
        )
    state: dict[str, Any] = {"name": f"State {code}", "bound_by": bound}
    if rng.random() < 0.1:
        state["reservations"] = rng.sample(ARTICLES, rng.randint(1, 2))
    if rng.random() < 0.05:
        state["derogations"] = [rng.choice(["echr", "iccpr"])]
    if rng.random() < 0.5:
        state["death_penalty_abolished"] = True
    if rng.random() < 0.02:
        state["persistent_objector"] = True
    return state


def _risk(rng: random.Random, rid: str, code: str) -> dict[str, Any]:
    harm = rng.choice(HARMS)
    source = "none" if harm in ("serious_illness", "destitution") else rng.choice(["state", "quasi_governmental", "non_state"])
    risk: dict[str, Any] = {
        "id": rid,
        "harm": harm,
        "in": code,
        "source": source,
        "exposure": rng.choice(["personal", "group", "general"]),
        "evidence": rng.choice(["substantial_grounds", "substantial_grounds", "some_risk", "mere_possibility"]),
    }
    if source in ("non_state", "quasi_governmental"):
        risk["state_protection"] = rng.choice(["available", "unable", "unwilling"])
    if harm == "serious_illness":
        risk["illness"] = {
            "critically_ill": rng.random() < 0.5,
            "treatment_accessible": rng.random() < 0.5,
            "rapid_irreversible_decline": rng.random() < 0.5,
        }
    if harm == "persecution" or rng.random() < 0.3:
        risk["ground"] = rng.choice(GROUNDS)
    if risk["exposure"] == "general" and rng.random() < 0.3:
        risk["extreme_violence"] = True
    if rng.random() < 0.1:
        risk["internal_relocation"] = {
            "area": "elsewhere",
            "safe_travel": rng.random() < 0.7,
            "admittance": rng.random() < 0.7,
            "no_risk_there": rng.random() < 0.5,
        }
    return risk


def generate_chain_world(states: int = 200, edges: int = 5000, removals: int = 10000, risks: int = 5, seed: int = 0) -> dict[str, Any]:
    """A world of onward transfers (I1): `edges` random transfers between `states` states (cycles
    included), a third of the states with a deficient asylum procedure, a person with `risks`
    real risks in as many states, and `removals` removals from the person's location to random
    states. The same arguments give the same case."""
    rng = random.Random(seed)
    codes = [f"S{i:04d}" for i in range(states)]
    world: dict[str, Any] = {
        code: {
            "name": f"State {code}",
            "bound_by": ["refugee_convention"],
            "asylum_procedure": rng.choice(["fair_and_efficient", "deficient", "none"]),
        }
        for code in codes
    }
    world[codes[0]] = {"name": "Removing State", "bound_by": ["cat", "echr", "iccpr", "refugee_convention"]}
    pairs: set[tuple[str, str]] = set()
    while len(pairs) < min(edges, states * (states - 1)):
        a, b = rng.sample(codes, 2)
        pairs.add((a, b))
    out: dict[str, Any] = {
        "case": {
            "title": f"generated chain world ({states} states, {edges} transfers, {removals} removals, seed {seed})",
            "assessed_on": "2020-01-01",
        },
        "states": world,
        "person": {"nationality": codes[-1], "status": "asylum_seeker", "location": {"place": "territory", "state": codes[0]}},
        "risks": [
            {"id": f"risk-{i}", "harm": "torture", "in": code, "source": "state", "exposure": "personal", "evidence": "substantial_grounds"}
            for i, code in enumerate(rng.sample(codes[1:], risks))
        ],
        "onward_transfers": [
            {"from": a, "to": b, "because": rng.choice(["readmission_agreement", "push_back_practice", "removal_policy"])} for a, b in sorted(pairs)
        ],
        "removals": [{"id": f"rem-{i:05d}", "by": codes[0], "to": rng.choice(codes[1:]), "kind": "transfer"} for i in range(removals)],
    }
    Case.model_validate(out)
    return out
