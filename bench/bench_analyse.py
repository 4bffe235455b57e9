"""Time the reasoner. A script, not a test:  python bench/bench_analyse.py [--runs 20]

Prints the median time of:
  * `nonref.analyse` in-process on every bundled cases/*.yaml (target: under 50 ms each);
  * `nonref run cases/chahal-v-uk.yaml` as a subprocess, wall time (target: under 0.5 s);
  * a generated case of 200 states and 1,000 removals (target: under 2 s),
with where the in-process time goes: load (read, parse, validate), facts, clingo (program
text added and parsed, facts added, grounding, solving) and reading the answer.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import clingo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nonref import analysis, rulebase, variants  # noqa: E402
from nonref.analysis import analyse  # noqa: E402
from nonref.facts import case_facts, person_groups, removal_classes  # noqa: E402
from nonref.loader import LoadedCase, Source, load  # noqa: E402
from nonref.model import Case  # noqa: E402

from bench.generate import generate_case  # noqa: E402
from bench.timing import median_s  # noqa: E402

SCRIPT = Path(sys.executable).parent / "nonref"
STAGES = ("load", "facts", "add", "ground", "solve", "read")


def median_ms(fn: Callable[[], object], runs: int) -> float:
    return median_s(fn, runs) * 1000


def stages(get: Callable[[], LoadedCase]) -> dict[str, float]:
    """One analysis, timed stage by stage (the steps of analysis.analyse and analysis.solve)."""
    out: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        out[name] = (now - t) * 1000
        t = now

    loaded = get()
    lap("load")
    chosen = variants.resolve(dict(loaded.case.variants))
    classes = removal_classes(loaded.case)
    ids = next(iter(person_groups(loaded.case).values()))  # with several persons: the first person's program
    facts = case_facts(loaded.case, chosen, only={classes[r] for r in ids})
    lap("facts")
    ctl = clingo.Control(["--warn=none"])
    ctl.add("base", [], rulebase.program() + analysis.SHOW)
    with ctl.backend() as backend:
        for atom in facts.atoms:
            backend.add_rule([backend.add_atom(atom)])
    lap("add")
    ctl.ground([("base", [])])
    lap("ground")
    shown: list[str] = []
    ctl.solve(on_model=lambda m: shown.append(str(m)))
    lap("solve")
    analysis._read(loaded.case, loaded.source, chosen, shown[0], classes, set(ids))
    lap("read")
    return out


def median_stages(get: Callable[[], LoadedCase], runs: int) -> dict[str, float]:
    samples = [stages(get) for _ in range(runs)]
    return {s: statistics.median(x[s] for x in samples) for s in STAGES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per in-process measurement (default 20)")
    args = parser.parse_args()
    rows: list[tuple[str, float, float, dict[str, float] | None]] = []  # name, median ms, target ms, stages

    analyse(ROOT / "cases" / "chahal-v-uk.yaml")  # warm up: the rule base text is cached after this
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        ms = median_ms(partial(analyse, path), args.runs)
        rows.append((f"analyse {path.name}", ms, 50, median_stages(partial(load, path), args.runs)))

    command = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "nonref.cli"]
    command += ["run", str(ROOT / "cases" / "chahal-v-uk.yaml")]
    ms = median_ms(lambda: subprocess.run(command, check=True, capture_output=True), 5)
    rows.append(("CLI run chahal-v-uk.yaml (wall)", ms, 500, None))

    big = generate_case(states=200, removals=1000, seed=0)
    ms_validate = median_ms(lambda: Case.model_validate(big), 5)
    ms = median_ms(lambda: analyse(Case.model_validate(big)), 5)
    rows.append(
        (
            "analyse generated 200 states x 1,000 removals",
            ms,
            2000,
            median_stages(lambda: LoadedCase(Case.model_validate(big), Source("<generated>")), 5),
        )
    )

    width = max(len(r[0]) for r in rows)
    print(f"{'measurement':<{width}}  {'median ms':>9}  {'target':>7}        " + "  ".join(f"{s:>6}" for s in STAGES))
    for name, ms, target, parts in rows:
        verdict = "ok" if ms < target else "MISSED"
        split = "  ".join(f"{parts[s]:6.1f}" for s in STAGES) if parts else ""
        print(f"{name:<{width}}  {ms:9.1f}  {target:7.0f}  {verdict:<6}{split}")
    print(
        f"(generated case: {ms_validate:.1f} ms of it is pydantic validation, in 'load'; "
        f"stages are medians of separate runs, in ms; 'add' = program text parsed and facts added)"
    )


if __name__ == "__main__":
    main()
