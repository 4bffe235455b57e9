"""Unknown facts: three-valued outcomes and deciding facts as the unknowns grow. A script, not a test:

    python bench/bench_unknowns.py [--runs 3]

1. A deportation case (one removing state, one destination) whose risks, assurance and
   conduct carry 5, 10, 20 and 50 unknown facts; 2. the generated case of 200 states and 1,000
   removals (bench/generate.py) with 50 of its facts marked unknown. Reported: median wall time
   of `nonref.analyse` (outcomes from cautious and brave consequences, deciding facts for every
   undetermined removal), how many removals are undetermined, and the known-facts time.
Targets (issue): 20 unknowns under 1 s; the generated case with 50 under 5 s.
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nonref.analysis import analyse  # noqa: E402
from nonref.model import Case  # noqa: E402

from bench.generate import generate_case  # noqa: E402
from bench.timing import median_s  # noqa: E402

RISK_FIELDS = ("evidence", "exposure", "severe")


def small_case(unknowns: int) -> dict:
    """A deportation to a state with several risks and a torture assurance; `unknowns` of its facts unknown."""
    risks = [
        {
            "id": f"r{i}",
            "harm": "torture" if i % 2 else "cruel_inhuman_degrading",
            "in": "BBB",
            "source": "state",
            "exposure": "personal",
            "evidence": "substantial_grounds",
        }
        for i in range(max(1, unknowns // 3 + 1))
    ]
    case = {
        "case": {"title": f"{unknowns} unknowns", "assessed_on": "2020-01-01"},
        "states": {"AAA": {"name": "A", "bound_by": ["cat", "echr", "iccpr", "refugee_convention"]}, "BBB": {"name": "B"}},
        "person": {"nationality": "BBB", "status": "asylum_seeker", "location": {"place": "territory", "state": "AAA"}, "conduct": {}},
        "risks": risks,
        "assurances": [{"by": "BBB", "against": ["torture", "cruel_inhuman_degrading"], "specific": True, "binding": True, "verifiable": True}],
        "removals": [{"id": "deportation", "by": "AAA", "to": "BBB", "kind": "deportation"}],
    }
    slots = [("assurances", 0, f) for f in ("specific", "verifiable")] + [("person", "conduct", f) for f in ("danger_to_security", "terrorism")]
    slots += [("risks", i, f) for i in range(len(risks)) for f in RISK_FIELDS]
    for path in slots[:unknowns]:
        node = case
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = "unknown"
    return case


def generated(unknowns: int) -> dict:
    case = generate_case(200, 1000)
    rng = random.Random(1)
    slots = [("risks", i, f) for i in range(len(case["risks"])) for f in RISK_FIELDS]
    slots += [("states", code, "torture_systematic") for code in case["states"]]
    for kind, key, name in rng.sample(slots, unknowns):
        case[kind][key][name] = "unknown"
    return case


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print(f"{'case':40} {'unknowns':>8} {'undetermined':>12} {'analyse s':>9} {'known s':>8}")
    rows = [(f"deportation, {n} unknowns", n, small_case(n), small_case(0), 1.0) for n in (5, 10, 20, 50)]
    rows.append(("generated 200 states x 1,000 removals", 50, generated(50), generate_case(200, 1000), 5.0))
    for name, n, data, known, target in rows:
        case, plain = Case.model_validate(data), Case.model_validate(known)
        result = analyse(case)
        open_count = sum(r.outcome == "undetermined" for r in result.removals)
        t = median_s(partial(analyse, case), args.runs)
        t0 = median_s(partial(analyse, plain), args.runs)
        print(f"{name:40} {n:8d} {open_count:12d} {t:9.3f} {t0:8.3f} {'ok' if t <= target else 'over'} (target {target:g} s)")


if __name__ == "__main__":
    main()
