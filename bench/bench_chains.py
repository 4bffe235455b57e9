"""Chains of onward transfers (I1) at scale. A script, not a test:

    python bench/bench_chains.py [--runs 3] [--cap 60] [--sizes 50:1250:2500,200:5000:10000,...]

For each size (states : onward-transfer edges : removals) a generated world
(bench/generate.py: generate_chain_world, cycles included, five risks) is analysed in a child
process, which reports:
  * analyse: median wall time of `nonref.analyse` on the validated case (every removal's
    outcome, bases and the shortest chain to each risk), and the peak RSS of the process;
  * explain: one justification graph per distinct removal (removals with the same state,
    destination, kind and procedure share one, see facts.removal_classes), with the Explainer
    set-up; stopped at the cap and extrapolated if needed.
Target (issue): 200 states, 5,000 edges, 10,000 removals in under 2 s and 1 GiB, explanations
included, and time no worse than linear in edges and removals.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_s  # noqa: E402

SIZES = "50:1250:2500,200:5000:10000,1000:25000:50000,5000:125000:250000"


def child(states: int, edges: int, removals: int, runs: int, cap: float) -> dict:
    from nonref.analysis import analyse
    from nonref.explain.graph import Explainer
    from nonref.facts import removal_classes
    from nonref.model import Case

    from bench.generate import generate_chain_world

    case = Case.model_validate(generate_chain_world(states, edges, removals))
    result = analyse(case)
    analyse_s = median_s(lambda: analyse(case), runs)
    reps = sorted(set(removal_classes(case).values()))
    start = time.perf_counter()
    explainer = Explainer(case, removals=reps)
    setup = time.perf_counter() - start
    done, longest = 0, 0
    for rid in reps:
        if time.perf_counter() - start > cap:
            break
        graph = explainer.graph(rid)
        longest = max(longest, len(graph.nodes))
        done += 1
    spent = time.perf_counter() - start
    per_graph = (spent - setup) / max(done, 1)
    return {
        "states": states,
        "edges": edges,
        "removals": removals,
        "prohibited": sum(r.outcome == "prohibited" for r in result.removals),
        "chains": sum(len(r.chains) for r in result.removals),
        "longest_chain": max((len(p) for r in result.removals for p in r.chains.values()), default=0),
        "analyse_s": analyse_s,
        "classes": len(reps),
        "explained": done,
        "explain_setup_s": setup,
        "explain_s": spent if done == len(reps) else setup + per_graph * len(reps),
        "explain_complete": done == len(reps),
        "largest_graph": longest,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cap", type=float, default=60.0, help="seconds of explanation per size before extrapolating")
    ap.add_argument("--sizes", default=SIZES)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        s, e, r = map(int, args.child.split(":"))
        print(json.dumps(child(s, e, r, args.runs, args.cap)))
        return
    print(
        f"{'states':>6} {'edges':>7} {'removals':>8} {'prohib.':>7} {'chains':>7} {'longest':>7} {'analyse s':>9} "
        f"{'classes':>7} {'explain s':>10} {'total s':>8} {'RSS MiB':>8}"
    )
    for size in args.sizes.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--child", size, "--runs", str(args.runs), "--cap", str(args.cap)], capture_output=True, text=True, check=True
        )
        m = json.loads(out.stdout)
        approx = "" if m["explain_complete"] else "~"
        print(
            f"{m['states']:>6} {m['edges']:>7} {m['removals']:>8} {m['prohibited']:>7} {m['chains']:>7} {m['longest_chain']:>7} "
            f"{m['analyse_s']:>9.2f} {m['classes']:>7} {approx + format(m['explain_s'], '.2f'):>10} "
            f"{approx + format(m['analyse_s'] + m['explain_s'], '.2f'):>8} {m['rss_mib']:>8.0f}"
        )
    print(
        "analyse: median wall time; explain: Explainer set-up + one graph per distinct removal (~ = extrapolated past the cap);"
        " RSS: peak of the child process, generation and validation included"
    )


if __name__ == "__main__":
    main()
