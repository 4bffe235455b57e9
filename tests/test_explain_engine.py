"""The explanation engine on its own: shallowest supports on a recursive program, checked
against breadth-first distances computed apart, whatever order the questions come in; and the
compiled rule base kept between processes."""

import random
from collections import deque
from pathlib import Path

import clingo
import pytest
from nonref.explain.engine import Matcher, compile_rules, index_by_head, input_predicates

PROGRAM = """
reach(R, S) :- removal(R, S).
reach(R, S) :- reach(R, T), transfer(T, S), not safe(T).
bad(R) :- reach(R, S), risk(S).
covers((a; b), x).
"""


def _rules():
    return index_by_head(compile_rules([("p.lp", PROGRAM)], lambda name, line: f"line {line}"))


def _world(seed: int, states: int = 40, removals: int = 8):
    rnd = random.Random(seed)
    facts = [clingo.Function("transfer", [clingo.Number(rnd.randrange(states)), clingo.Number(rnd.randrange(states))]) for _ in range(states * 2)]
    facts += [clingo.Function("safe", [clingo.Number(s)]) for s in rnd.sample(range(states), states // 8)]
    facts += [clingo.Function("risk", [clingo.Number(s)]) for s in rnd.sample(range(states), states // 10)]
    facts += [clingo.Function("removal", [clingo.Function(f"r{k}"), clingo.Number(rnd.randrange(states))]) for k in range(removals)]
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], PROGRAM)
    with ctl.backend() as backend:
        for f in facts:
            backend.add_rule([backend.add_atom(f)])
    ctl.ground([("base", [])])
    model: list = []
    ctl.solve(on_model=lambda m: model.extend(m.symbols(atoms=True)))
    return sorted(set(facts)), model


def _distances(model) -> dict:
    """reach(R, S) -> the fewest onward transfers from R's destination to S (breadth first)."""
    edges, safe = {}, set()
    for a in model:
        if a.name == "transfer":
            edges.setdefault(a.arguments[0], []).append(a.arguments[1])
        elif a.name == "safe":
            safe.add(a.arguments[0])
    out = {}
    for a in model:
        if a.name == "removal":
            r, start = a.arguments
            dist, queue = {start: 0}, deque([start])
            while queue:
                s = queue.popleft()
                for t in edges.get(s, ()) if s not in safe else ():
                    if t not in dist:
                        dist[t] = dist[s] + 1
                        queue.append(t)
            out.update({clingo.Function("reach", [r, s]): d for s, d in dist.items()})
    return out


def _depth(m: Matcher, atom) -> int:
    support = m.support(atom)
    return 0 if support is None else 1 + max((_depth(m, p) for p in support.positive), default=0)


@pytest.mark.parametrize("seed", range(6))
def test_every_support_is_a_shallowest_one(seed):
    inputs, model = _world(seed)
    distance = _distances(model)
    m = Matcher(model, _rules(), inputs)
    reach = [a for a in model if a.name == "reach"]
    assert reach and set(reach) == set(distance)
    for a in reach:  # a chain is shown by its shortest path
        assert _depth(m, a) == distance[a] + 1
    for a in (a for a in model if a.name == "bad"):
        risky = {p: distance[p] for p in distance if p.arguments[0] == a.arguments[0] and clingo.Function("risk", [p.arguments[1]]) in set(model)}
        nearest = min(risky.values())
        chosen = m.support(a).positive[0]
        # the nearest state at risk; among equally near ones, the first in clingo's order
        assert chosen == min(p for p, d in risky.items() if d == nearest)


@pytest.mark.parametrize("seed", range(4))
def test_the_answer_does_not_depend_on_the_order_of_the_questions(seed):
    inputs, model = _world(seed)
    derived = sorted(a for a in model if a.name in ("reach", "bad"))
    forward, backward = Matcher(model, _rules(), inputs), Matcher(model, _rules(), inputs)
    read = Matcher(set(model), _rules())  # no inputs given: read from the answer set
    assert [forward.support(a) for a in derived] == [backward.support(a) for a in reversed(derived)][::-1]
    assert [forward.support(a) for a in derived] == [read.support(a) for a in derived]


def test_supports_are_well_founded_and_facts_have_none():
    inputs, model = _world(1)
    m = Matcher(model, _rules(), inputs)
    for a in model:
        support = m.support(a)
        if a in inputs:
            assert support is None
        else:
            assert all(_depth(m, p) < _depth(m, a) for p in support.positive)


def test_pooled_facts_of_the_encodings_are_derived():
    inputs, model = _world(2)
    m = Matcher(model, _rules(), inputs)
    assert m.support(clingo.Function("covers", [clingo.Function("b"), clingo.Function("x")])).rule == "line 5"


def test_a_false_atom_has_no_support():
    inputs, model = _world(3)
    m = Matcher(model, _rules(), inputs)
    assert m.support(clingo.Function("bad", [clingo.Function("nobody")])) is None
    assert m.support(clingo.Function("reach", [clingo.Function("r0"), clingo.Number(999)])) is None


def test_input_predicates_are_those_read_and_never_derived():
    assert input_predicates(_rules()) == {("removal", 2), ("transfer", 2), ("safe", 1), ("risk", 1)}


def test_the_compiled_rule_base_is_kept_between_processes(tmp_path, monkeypatch):
    from nonref.explain import engine
    from nonref.explain.graph import Explainer

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    compiled = engine.rulebase_index.__wrapped__()  # compiles, and writes the file
    (kept,) = (tmp_path / "nonref").glob("rules-*.json")
    loaded = engine.rulebase_index.__wrapped__()  # reads it back
    assert kept.stat().st_size > 0 and loaded is not compiled
    assert {k: [r.id for r in v] for k, v in loaded.items()} == {k: [r.id for r in v] for k, v in compiled.items()}
    explainer = Explainer(Path(__file__).parent.parent / "cases" / "chahal-v-uk.yaml")
    prohibited = clingo.Function("prohibited", [clingo.String("deportation")])
    assert list(Matcher(explainer.model, loaded).supports(prohibited)) == list(Matcher(explainer.model, compiled).supports(prohibited))
    kept.write_bytes(b"damaged")
    assert engine.rulebase_index.__wrapped__().keys() == compiled.keys()  # compiled again
    assert kept.read_bytes() != b"damaged"
