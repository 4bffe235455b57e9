"""The full variant matrix against a single run. A script, not a test:

    python bench/bench_variants.py [--runs 5]

For every bundled case and the generated case of 200 states and 1,000 removals
(bench/generate.py): median time of one `nonref.analyse`, of `variant_matrix` (every
combination of the axes the case's rules read, one grounding), the number of combinations,
and the ratio. Target (issue): the whole matrix in at most 3x a single run.
"""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nonref.analysis import analyse, as_loaded  # noqa: E402
from nonref.matrix import variant_matrix  # noqa: E402
from nonref.model import Case  # noqa: E402

from bench.generate import generate_case  # noqa: E402
from bench.timing import median_s  # noqa: E402

TARGET = 3.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    subjects = [(p.stem, as_loaded(p)) for p in sorted((ROOT / "cases").glob("*.yaml"))]
    subjects.append(("generated 200 states x 1,000 removals", as_loaded(Case.model_validate(generate_case(200, 1000)))))
    print(f"{'case':44} {'single ms':>9} {'matrix ms':>9} {'combos':>6} {'ratio':>6}")
    ratios = []
    for name, loaded in subjects:
        single = median_s(partial(analyse, loaded), args.runs)
        matrix = median_s(partial(variant_matrix, loaded), args.runs)
        combos = len(variant_matrix(loaded).cells)
        ratios.append(matrix / single)
        flag = "ok" if matrix / single <= TARGET else "over"
        print(f"{name[:44]:44} {single * 1000:9.1f} {matrix * 1000:9.1f} {combos:6d} {matrix / single:6.2f} {flag}")
    print(f"ratio: median {sorted(ratios)[len(ratios) // 2]:.2f}, max {max(ratios):.2f} (target {TARGET})")


if __name__ == "__main__":
    main()
