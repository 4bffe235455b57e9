"""Fuzz the command line with generated case files. A script, not a test:

    python bench/fuzz.py [--n 20000] [--seed 0] [--jobs 2] [--timeout 5] [--explain]

Input i is generated from `random.Random(f"{seed}:{i}")` with the generators of
tests/strategies.py: a valid case file (a share --valid of the inputs), or a valid one broken
by one mutation (a deleted required field, a wrong type, a tab, binary garbage, ...). Each input
is run through `nonref run FILE` in-process (click's runner, in --jobs worker processes); with
--explain, every removal of an accepted file is also explained (`nonref explain FILE ID`); with
--invariants, the doctrinal invariants of tests/test_properties.py are checked on each valid one.

Prints the counts: valid and invalid inputs, exit codes, crashes (an exit code other than 0 and 2,
an exception, a traceback), hangs (over --timeout seconds: the worker is killed), errors whose
line is not `FILE:LINE: ...` (or `FILE:LINE:COLUMN: ...`), other breaches of the bad-input rule
(several lines on stderr, a line outside the file or not the line at fault, an invalid file
accepted, a valid one refused, a broken invariant), and the slowest inputs. Every problem input is saved under
--save, with its index: `--only I` runs that input again alone.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing as mp
import os
import random
import re
import sys
import tempfile
import time
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from click.testing import CliRunner  # noqa: E402
from nonref.cli import cli  # noqa: E402
from strategies import MUTATIONS, Mutant, RandomDraw, case_text, mutant  # noqa: E402

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def make_input(seed: str, i: int, valid_share: float, kinds: tuple[str, ...] | None) -> tuple[Mutant, dict | None]:
    """Input i, and for a valid file its data: the same seed and index, the same bytes."""
    rng = random.Random(f"{seed}:{i}")
    if rng.random() < valid_share:
        t = case_text(RandomDraw(rng, 2))
        return Mutant("valid", t.text.encode("utf-8"), False, None, "a valid case file"), t.data
    return mutant(RandomDraw(rng, 1), kinds), None


def check(m: Mutant, path: str, explain: bool) -> tuple[int, list[str], str, float]:
    """Run one input: (exit code of `run`, problems found, first line of stderr, seconds)."""
    runner = CliRunner()
    start = time.perf_counter()
    result = runner.invoke(cli, ["run", path])
    elapsed = time.perf_counter() - start
    problems = []
    err = result.stderr
    first = err.splitlines()[0] if err else ""
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        problems.append(f"crash: {type(result.exception).__name__}: {result.exception}")
    elif code not in (EXIT_OK, EXIT_BAD_INPUT):
        problems.append(f"crash: exit {code}: {first}")
    if "Traceback" in result.stdout + err:
        problems.append("crash: a traceback")
    if m.kind == "valid" and code != EXIT_OK:
        problems.append(f"valid file refused: {first}")
    if m.must_fail and code == EXIT_OK:
        problems.append("invalid file accepted")
    if code == EXIT_OK and err:
        problems.append(f"stderr on success: {first}")
    if code == EXIT_BAD_INPUT:
        if len(err.splitlines()) != 1 or result.stdout:
            problems.append(f"not one line: {len(err.splitlines())} on stderr, {len(result.stdout)} characters on stdout")
        found = re.match(re.escape(path) + r":(\d+)(?::\d+)?: \S", first)
        if not found:
            problems.append(f"no line: {first}")
        else:
            line = int(found[1])
            if not 1 <= line <= m.data.count(b"\n") + 1:
                problems.append(f"line outside the file: {first}")
            elif m.lines is not None and line not in m.lines:
                problems.append(f"not the line at fault (expected {sorted(m.lines)}): {first}")
    if explain and code == EXIT_OK:
        from nonref.loader import load

        for removal in load(path).case.removals:
            r = runner.invoke(cli, ["explain", path, removal.id])
            if r.exit_code != EXIT_OK or (r.exception is not None and not isinstance(r.exception, SystemExit)):
                problems.append(f"crash: explain {removal.id}: exit {r.exit_code}: {(r.stderr.splitlines() or [''])[0]}")
        elapsed = time.perf_counter() - start
    return code, problems, first, elapsed


def invariants(data: dict, seed: str, i: int) -> list[str]:
    """The doctrinal invariants of tests/test_properties.py on one valid case."""
    import test_properties

    problems = []
    for check_one in test_properties.INVARIANTS:
        name = check_one.__name__.removeprefix("check_")
        try:
            check_one(data, RandomDraw(random.Random(f"{seed}:{i}:{name}"), 1))
        except AssertionError as e:
            problems.append(f"invariant {name}: {e}")
        except Exception as e:
            problems.append(f"crash: invariant {name}: {type(e).__name__}: {e}")
    return problems


def worker(conn, workdir: str, args) -> None:
    path = os.path.join(workdir, "case.yaml")
    while True:
        i = conn.recv()
        if i is None:
            return
        m, data = make_input(args.seed, i, args.valid, args.kinds)
        with open(path, "wb") as f:
            f.write(m.data)
        code, problems, first, elapsed = check(m, path, args.explain)
        if args.invariants and data is not None:
            problems += invariants(data, args.seed, i)
        if problems:
            _save(args.save, i, m, problems)
        conn.send((i, m.kind, code, problems, elapsed))


def _save(save: str, i: int, m: Mutant, problems: list[str]) -> None:
    os.makedirs(save, exist_ok=True)
    with open(os.path.join(save, f"{i:06d}-{m.kind}.yaml"), "wb") as f:
        f.write(m.data)
    with open(os.path.join(save, f"{i:06d}-{m.kind}.txt"), "w", encoding="utf-8") as f:
        f.write(f"{m.note}\n" + "\n".join(problems) + "\n")


class Pool:
    """Worker processes fed one input at a time; one over the time limit is killed and replaced."""

    def __init__(self, jobs: int, args):
        self.args, self.ctx = args, mp.get_context("fork")
        self.tmp = tempfile.TemporaryDirectory(prefix="nonref-fuzz-")
        self.workers: dict[int, tuple] = {}  # slot -> (process, connection)
        self.busy: dict[int, tuple[int, float]] = {}  # slot -> (input, start)
        for slot in range(jobs):
            self._start(slot)

    def _start(self, slot: int) -> None:
        workdir = os.path.join(self.tmp.name, f"w{slot}-{time.monotonic_ns()}")
        os.makedirs(workdir)
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=worker, args=(child, workdir, self.args), daemon=True)
        p.start()
        self.workers[slot] = (p, parent)

    def run(self, indices, on_result, on_hang) -> None:
        pending = iter(indices)
        free = list(self.workers)
        while True:
            for slot in list(free):
                i = next(pending, None)
                if i is None:
                    break
                self.workers[slot][1].send(i)
                self.busy[slot] = (i, time.monotonic())
                free.remove(slot)
            if not self.busy:
                return
            conns = {self.workers[s][1]: s for s in self.busy}
            deadline = min(start for _, start in self.busy.values()) + self.args.timeout
            for conn in wait(list(conns), timeout=max(0.0, deadline - time.monotonic())):
                slot = conns[conn]
                try:
                    on_result(*conn.recv())
                except EOFError:  # the worker died (a crash of the interpreter itself)
                    i, start = self.busy[slot]
                    on_result(i, "?", -1, ["crash: the worker process died"], time.monotonic() - start)
                    self._restart(slot)
                del self.busy[slot]
                free.append(slot)
            now = time.monotonic()
            for slot, (i, start) in list(self.busy.items()):
                if now - start > self.args.timeout:
                    self._restart(slot)
                    del self.busy[slot]
                    free.append(slot)
                    on_hang(i, now - start)

    def _restart(self, slot: int) -> None:
        process, conn = self.workers[slot]
        process.kill()  # a worker this pool started, by its own handle
        process.join()
        conn.close()
        self._start(slot)

    def close(self) -> None:
        for process, conn in self.workers.values():
            try:
                conn.send(None)
            except OSError:
                pass
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
        self.tmp.cleanup()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="number of inputs (default 20,000)")
    ap.add_argument("--seed", default="0", help="seed: input i of a seed is always the same bytes")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: one per CPU)")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per input before it counts as a hang")
    ap.add_argument("--valid", type=float, default=0.15, help="share of valid (unmutated) inputs")
    ap.add_argument("--kinds", help=f"mutations to use, comma-separated (default all: {', '.join(MUTATIONS)})")
    ap.add_argument("--explain", action="store_true", help="also explain every removal of each accepted file")
    ap.add_argument("--invariants", action="store_true", help="also check the doctrinal invariants on each valid file")
    ap.add_argument("--save", default=os.path.join(tempfile.gettempdir(), "nonref-fuzz"), help="where problem inputs go")
    ap.add_argument("--only", type=int, help="run input I alone and print it, its output and the problems found")
    ap.add_argument("--slowest", type=int, default=10)
    args = ap.parse_args()
    args.kinds = tuple(args.kinds.split(",")) if args.kinds else None
    if args.kinds and not set(args.kinds) <= set(MUTATIONS):
        ap.error(f"--kinds: unknown {', '.join(sorted(set(args.kinds) - set(MUTATIONS)))}")
    if args.only is not None:
        return only(args)

    kinds = collections.Counter()
    exits: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    problems: dict[str, list[int]] = collections.defaultdict(list)
    times: list[tuple[float, int, str]] = []
    hangs: list[tuple[int, float]] = []
    started = time.perf_counter()
    done = 0

    def on_result(i, kind, code, found, elapsed):
        nonlocal done
        done += 1
        kinds[kind] += 1
        exits[kind][code] += 1
        for p in found:
            problems[_category(p)].append(i)
        times.append((elapsed, i, kind))
        if done % 1000 == 0:
            print(f"  {done:>6} inputs, {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    def on_hang(i, elapsed):
        nonlocal done
        done += 1
        m, _ = make_input(args.seed, i, args.valid, args.kinds)
        kinds[m.kind] += 1
        exits[m.kind]["hang"] += 1
        hangs.append((i, elapsed))
        _save(args.save, i, m, [f"hang: over {args.timeout} s"])

    pool = Pool(args.jobs, args)
    try:
        pool.run(range(args.n), on_result, on_hang)
    finally:
        pool.close()
    wall = time.perf_counter() - started
    report(args, kinds, exits, problems, times, hangs, wall)


def _category(problem: str) -> str:
    """`crash: exit 70: internal error: KeyError` and the like; the head of other problems."""
    if problem.startswith("crash"):
        return re.sub(r"\d+", "N", re.split(r"[('\"]", problem)[0]).rstrip(": ")[:90]
    return re.sub(r" \(.*", "", problem.split(":", 1)[0])


def report(args, kinds, exits, problems, times, hangs, wall) -> None:
    total = sum(kinds.values())
    valid = kinds.get("valid", 0)
    print(f"\n{total} inputs in {wall:.1f} s ({total / wall:.0f}/s, {args.jobs} jobs, seed {args.seed!r}): {valid} valid, {total - valid} mutated")
    all_exits = collections.Counter()
    for counter in exits.values():
        all_exits.update(counter)
    print("exit codes: " + ", ".join(f"{code}: {n}" for code, n in sorted(all_exits.items(), key=lambda x: str(x[0]))))
    print(f"\n{'input kind':<20}{'inputs':>8}  exit codes")
    for kind, n in sorted(kinds.items()):
        print(f"{kind:<20}{n:>8}  " + ", ".join(f"{c}: {k}" for c, k in sorted(exits[kind].items(), key=lambda x: str(x[0]))))
    crashes = sum(len(v) for k, v in problems.items() if k.startswith("crash"))
    print(f"\ncrashes: {crashes}   hangs (> {args.timeout} s): {len(hangs)}   errors without a line: {len(problems.get('no line', []))}")
    if problems or hangs:
        print(f"\nproblems (inputs saved in {args.save}; rerun one with --only I --seed {args.seed}):")
        for category, indices in sorted(problems.items()):
            print(f"  {category}: {len(indices)}  e.g. input {', '.join(map(str, indices[:5]))}")
        if hangs:
            print(f"  hang: {len(hangs)}  e.g. input {', '.join(str(i) for i, _ in hangs[:5])}")
    else:
        print("no problems found")
    runs = sorted(t for t, _, _ in times)
    if runs:
        print(
            f"\ntime per input (run; and explain, with --explain): median {runs[len(runs) // 2] * 1000:.1f} ms, 99th percentile "
            f"{runs[int(len(runs) * 0.99)] * 1000:.1f} ms, max {runs[-1] * 1000:.1f} ms"
        )
    print(f"slowest {args.slowest}:")
    for elapsed, i, kind in sorted(times, reverse=True)[: args.slowest]:
        print(f"  input {i:>6}  {kind:<20} {elapsed * 1000:8.1f} ms")


def only(args) -> None:
    m, data = make_input(args.seed, args.only, args.valid, args.kinds)
    with tempfile.TemporaryDirectory(prefix="nonref-fuzz-") as tmp:
        path = os.path.join(tmp, "case.yaml")
        with open(path, "wb") as f:
            f.write(m.data)
        code, problems, first, elapsed = check(m, path, args.explain)
        if args.invariants and data is not None:
            problems += invariants(data, args.seed, args.only)
    print(f"input {args.only}: {m.kind}: {m.note}\n{'-' * 60}")
    print(m.data.decode("utf-8", "backslashreplace"))
    print(f"{'-' * 60}\nexit {code} in {elapsed * 1000:.1f} ms: {first}")
    print("\n".join(problems) or "no problems")


if __name__ == "__main__":
    main()
