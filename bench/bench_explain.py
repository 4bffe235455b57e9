"""The cost of explanation over a plain solve. A script, not a test:

    python bench/bench_explain.py [--runs 5] [--cap 120] [--sizes 100,1000,5000]
                                  [--skip-cases] [--skip-peer] [--skip-xclingo]

1. nonref's bundled cases (cases/*.yaml): median time of `nonref.analyse(path)` (what `nonref run`
   does) against `explain(path, rid)` for every removal (what `nonref explain` does for each:
   load, solve, build the graph), and the ratio per case; then the generated
   case of bench/generate.py (200 states, 1,000 removals), every removal explained until the cap
   (time per removal, how many were done, the total or its extrapolation).
2. The peer workload (/work/shared/bench/peer-workload: chain.lp and gen.py), N = 100, 1,000 and
   5,000 states, facts generated into a temporary directory: plain solve with the clingo Python
   API, then every `prohibited(R)` explained with nonref's engine (explain/engine.py:
   `compile_rules`, `index_by_head`, the input facts read from clingo's symbolic atoms,
   `Matcher.support`, walked down to the facts, shared nodes memoised). The explanation time is
   that set-up and the walks; the checks of what they found are not timed. Reported: plain
   solve, explanation, ratios, nodes, peak RSS, whether every explanation is acyclic, and how
   many onward transfers each shows against the shortest chain.
   Each size runs in a child process (its own peak memory; SIGALRM at the cap, so it always ends).
3. xclingo2 (2.0b24) on the same facts, "explain every prohibition" (`xclingo -n 1 1`), N = 100
   and 1,000 with the cap, if installed: `python3 -m venv /tmp/xc && /tmp/xc/bin/pip install
   xclingo==2.0b24`, or NONREF_XCLINGO=/path/to/xclingo.

Target (peer workload README): every prohibition explained in at most 1.5x the plain solve.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.timing import median_s  # noqa: E402

PEER = Path(os.environ.get("NONREF_PEER_WORKLOAD", "/work/shared/bench/peer-workload"))
TARGET = 1.5
RSS_UNIT = 1024 if sys.platform != "darwin" else 1  # ru_maxrss: KiB on Linux, bytes on macOS


def mb(rss: int) -> float:
    return rss * RSS_UNIT / 2**20


# --- 1. nonref's own cases -----------------------------------------------------------------------


def bench_cases(runs: int, cap: float) -> None:
    from nonref import solve as solving
    from nonref import variants
    from nonref.analysis import analyse
    from nonref.explain.graph import Explainer, explain
    from nonref.facts import case_facts
    from nonref.loader import LoadedCase, Source
    from nonref.model import Case

    from bench.generate import generate_case

    print(
        "== 1. bundled cases: `nonref run` (analyse: load, solve) against `nonref explain` for every removal (each: "
        "load, solve, graph), in process, medians of",
        runs,
        "runs",
    )
    analyse(ROOT / "cases" / "chahal-v-uk.yaml")  # warm up (rule base text and compiled rules cached)
    explain(ROOT / "cases" / "chahal-v-uk.yaml", analyse(ROOT / "cases" / "chahal-v-uk.yaml").removals[0].id)
    print(f"{'case':<38} {'removals':>8} {'analyse ms':>11} {'explain ms':>11} {'ratio':>7} {'nodes':>6}")
    ratios = []
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        ids = [r.id for r in analyse(path).removals]
        nodes = 0

        def every(path=path, ids=ids) -> None:
            nonlocal nodes
            nodes = sum(len(explain(path, rid).nodes) for rid in ids)

        plain = median_s(partial(analyse, path), runs)
        full = median_s(every, runs)
        ratios.append(full / plain)
        print(f"{path.name:<38} {len(ids):>8} {plain * 1000:11.1f} {full * 1000:11.1f} {full / plain:7.2f} {nodes:>6}")
    print(f"{'median ratio (target ' + str(TARGET) + ')':<38} {'':>8} {'':>11} {'':>11} {statistics.median(ratios):7.2f}")

    seed = 0
    case = Case.model_validate(generate_case(states=200, removals=1000, seed=seed))
    loaded = LoadedCase(case, Source("<generated>"))
    ids = [r.id for r in case.removals]
    plain = median_s(lambda: analyse(loaded), runs)
    facts = case_facts(case, variants.resolve(dict(case.variants)))
    solve = median_s(lambda: solving.solve(facts), runs)
    done, nodes, start = 0, 0, time.perf_counter()
    explainer = Explainer(loaded)  # one solve and one matcher shared by every removal
    setup = time.perf_counter() - start
    per: list[float] = []
    for rid in ids:
        t = time.perf_counter()
        nodes += len(explainer.graph(rid).nodes)
        per.append(time.perf_counter() - t)
        done += 1
        if time.perf_counter() - start > cap:
            break
    spent = time.perf_counter() - start
    total = spent if done == len(ids) else setup + statistics.mean(per) * len(ids)
    word = "total" if done == len(ids) else f"EXTRAPOLATED total (cap {cap:.0f} s hit)"
    print(f"\ngenerated case (generate_case(200, 1000, seed={seed})): analyse {plain * 1000:.0f} ms (of which clingo solve {solve * 1000:.0f} ms)")
    print(
        f"  Explainer: set-up (one solve, one matcher) {setup * 1000:.0f} ms; {done}/{len(ids)} removals in {spent:.1f} s, "
        f"median {statistics.median(per) * 1000:.1f} ms, mean {statistics.mean(per) * 1000:.1f} ms per removal, {nodes} nodes"
    )
    print(f"  {word} for every removal: {total:.1f} s = {(plain + total) / plain:.1f}x analyse")


# --- 2. the peer workload, in a child process per size ---------------------------------------


def peer_child(facts_path: str, runs: int, cap: float, recursion_limit: int | None) -> None:
    """Print JSON lines: the solve, one line per removal explained, and a summary."""
    import clingo
    from nonref.explain.engine import Matcher, compile_rules, index_by_head, input_predicates

    def emit(**kw) -> None:
        print(json.dumps(kw), flush=True)

    text = (PEER / "chain.lp").read_text()
    facts = Path(facts_path).read_text()

    def solve() -> tuple[list, clingo.Control]:
        ctl = clingo.Control(["--warn=none"])
        ctl.add("base", [], text)
        ctl.add("base", [], facts)
        ctl.ground([("base", [])])
        found: list = []
        ctl.solve(on_model=lambda m: found.extend(m.symbols(atoms=True)))
        return found, ctl

    times, model = [], []
    for _ in range(runs):
        t = time.perf_counter()
        model, ctl = solve()
        times.append(time.perf_counter() - t)
    plain = statistics.median(times)
    prohibited = sorted((a for a in model if a.name == "prohibited"), key=str)
    emit(
        event="solve",
        plain_s=plain,
        runs=runs,
        atoms=len(model),
        prohibited=len(prohibited),
        maxrss_mb=mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
    )
    shortest = _shortest_chains(model)  # not timed: the reference for "shortest path shown"

    # The rule names: the %!trace_rule text above a rule, else its line.
    lines = text.splitlines()

    def rule_id(name: str, line: int) -> str:
        above = lines[line - 2] if line >= 2 else ""
        m = re.match(r'%!trace_rule \{"([^"]*)"', above)
        return f"{name}:{line} {m.group(1)}" if m else f"{name}:{line}"

    class Cap(Exception):
        pass

    def on_alarm(*_):
        raise Cap()

    timer = None
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, cap)
    else:  # signals reach the main thread only: raise Cap in this one from a timer
        import ctypes

        tid = threading.get_ident()
        timer = threading.Timer(cap, lambda: ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(tid), ctypes.py_object(Cap)))
        timer.start()
    graph: dict = {}  # atom -> positive children of its support (the memo: shared nodes once)
    unsupported, done, errors = 0, 0, []
    start = time.perf_counter()
    matcher_s, explaining = None, 0.0
    stopped = None
    try:
        rules = compile_rules([("chain.lp", text)], rule_id)
        index = index_by_head(rules)
        # the input facts, as clingo holds them: the atoms of the predicates no rule derives
        inputs = [a.symbol for sig in sorted(input_predicates(index)) for a in ctl.symbolic_atoms.by_signature(*sig) if a.is_fact]
        m = Matcher(model, index, inputs)
        recursive = {
            r.id
            for r in rules
            if r.head.name == "reach" and any(cond.kind == "pos" and getattr(cond.term, "name", None) == "reach" for cond in r.body)
        }
        matcher_s = time.perf_counter() - start
        emit(event="matcher", s=matcher_s)
        rule_of: dict = {}
        for root in prohibited:
            t = time.perf_counter()
            try:
                stack = [root]
                while stack:  # iterative: the walk itself needs no recursion
                    a = stack.pop()
                    if a in graph:
                        continue
                    kids: tuple = ()
                    if m.derived(a):
                        s = m.support(a)
                        if s is None:
                            unsupported += 1
                        else:
                            kids, rule_of[a] = s.positive, s.rule
                    graph[a] = kids
                    stack.extend(k for k in kids if k not in graph)
            except RecursionError as e:
                errors.append(f"{root}: RecursionError ({e})")
                emit(event="removal", id=str(root.arguments[0]), s=time.perf_counter() - t, error="RecursionError")
                continue
            took = time.perf_counter() - t
            explaining += took
            nodes = _reachable(graph, root)
            hops = _hops(graph, rule_of, root, recursive)
            rid = str(root.arguments[0])
            emit(event="removal", id=rid, s=took, nodes=len(nodes), acyclic=_acyclic(graph, root), hops=hops, shortest=shortest.get(rid))
            done += 1
    except Cap:
        stopped = f"cap {cap:.0f} s"
    finally:
        if timer is None:
            signal.setitimer(signal.ITIMER_REAL, 0)
        else:
            timer.cancel()
    # the time spent explaining: set-up and walks, not the checks of what they found (acyclic, hops)
    spent = (matcher_s or 0) + explaining
    emit(
        event="done",
        explain_s=spent,
        matcher_s=matcher_s,
        done=done,
        of=len(prohibited),
        stopped=stopped,
        nodes=len(graph),
        unsupported=unsupported,
        errors=errors[:5],
        n_errors=len(errors),
        searched=len(m._forward().depth) if matcher_s is not None else None,
        maxrss_mb=mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss),
        recursion_limit=sys.getrecursionlimit(),
    )


def _reachable(graph: dict, root) -> set:
    seen, stack = {root}, [root]
    while stack:
        for k in graph.get(stack.pop(), ()):
            if k not in seen:
                seen.add(k)
                stack.append(k)
    return seen


def _acyclic(graph: dict, root) -> bool:
    """No cycle among the supports below `root` (iterative three-colour DFS)."""
    state = {root: 1}  # 1 = on the path, 2 = finished
    stack = [(root, iter(graph.get(root, ())))]
    while stack:
        node, kids = stack[-1]
        for k in kids:
            s = state.get(k)
            if s == 1:
                return False
            if s is None:
                state[k] = 1
                stack.append((k, iter(graph.get(k, ()))))
                break
        else:
            state[node] = 2
            stack.pop()
    return True


def _hops(graph: dict, rule_of: dict, root, recursive: set) -> int | None:
    """Onward transfers in the shown chain: recursive reach steps below the bar's reach atom."""
    bar = next(iter(graph.get(root, ())), None)
    reach = next((a for a in graph.get(bar, ()) if a.name == "reach"), None)
    hops = 0
    while reach is not None and rule_of.get(reach) in recursive:
        hops += 1
        reach = next((a for a in graph.get(reach, ()) if a.name == "reach"), None)
    return hops if reach is not None else None


def _shortest_chains(model: list) -> dict[str, int]:
    """Per prohibited removal, the fewest onward transfers to a barring state (BFS; reference only)."""
    by: dict[str, list[list[str]]] = {}
    for a in model:
        if a.name in ("transfer", "safe", "risk", "assurance", "persecution", "exception", "removal", "prohibited"):
            by.setdefault(a.name, []).append([str(x) for x in a.arguments])
    out_edges: dict[str, list[str]] = {}
    for s, t in by.get("transfer", []):
        out_edges.setdefault(s, []).append(t)
    safe = {s for (s,) in by.get("safe", [])}
    at_risk = {s for (s,) in by.get("risk", [])} - {s for (s,) in by.get("assurance", [])}
    persecution = {s for (s,) in by.get("persecution", [])}
    excepted = {p for (p,) in by.get("exception", [])}
    prohibited = {r for (r,) in by.get("prohibited", [])}
    out: dict[str, int] = {}
    for r, p, _f, to in by.get("removal", []):
        if r not in prohibited:
            continue
        goal = at_risk | (persecution if p not in excepted else set())
        dist, queue = {to: 0}, deque([to])
        while queue:
            s = queue.popleft()
            if s in goal:
                out[r] = dist[s]
                break
            if s in safe:
                continue
            for t in out_edges.get(s, ()):
                if t not in dist:
                    dist[t] = dist[s] + 1
                    queue.append(t)
    return out


def run_measured(cmd: list[str], timeout: float, stdout_path: str) -> tuple[float, int, bool, int]:
    """Run a command; (wall s, its own peak RSS in ru_maxrss units, timed out, return code)."""
    with open(stdout_path, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4: keep Popen from waiting again
        return time.perf_counter() - start, usage.ru_maxrss, timed_out, proc.returncode


def gen_facts(tmp: Path, n: int) -> Path:
    path = tmp / f"facts_{n}.lp"
    if not path.exists():
        subprocess.run([sys.executable, str(PEER / "gen.py"), str(n), "-o", str(path)], check=True)
    return path


def bench_peer(sizes: list[int], runs: int, cap: float, tmp: Path, recursion_limit: int | None) -> dict[int, dict]:
    print(f"\n== 2. peer workload ({PEER}): clingo plain solve vs nonref lazy engine, every prohibited(R) explained; cap {cap:.0f} s per size")
    results: dict[int, dict] = {}
    for n in sizes:
        facts = gen_facts(tmp, n)
        cmd = [sys.executable, str(Path(__file__).resolve()), "--peer-child", str(facts), "--runs", str(min(runs, 3)), "--cap", str(cap)]
        if recursion_limit:
            cmd += ["--recursion-limit", str(recursion_limit)]
        log = str(tmp / f"child_{n}.jsonl")
        wall, rss, killed, rc = run_measured(cmd, cap * 2 + 120, log)  # the child stops itself at the cap
        events = []
        for line in Path(log).read_text().splitlines():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                events.append({"event": "output", "text": line})
        solve = next((e for e in events if e["event"] == "solve"), None)
        done = next((e for e in events if e["event"] == "done"), None)
        removals = [e for e in events if e["event"] == "removal"]
        results[n] = {
            "solve": solve,
            "done": done,
            "removals": removals,
            "wall": wall,
            "rss": mb(rss),
            "killed": killed,
            "rc": rc,
            "other": [e["text"] for e in events if e["event"] == "output"],
        }
        _print_peer(n, results[n])
    return results


def _print_peer(n: int, r: dict) -> None:
    solve, done, removals = r["solve"], r["done"], r["removals"]
    if solve is None:
        print(f"N={n}: the child failed before solving (rc {r['rc']}): {' | '.join(r['other'][-5:])}")
        return
    print(
        f"N={n:,}: {solve['atoms']:,} atoms, {solve['prohibited']} prohibited; plain solve "
        f"{solve['plain_s']:.3f} s (median of {solve['runs']}), RSS after solve {solve['maxrss_mb']:.0f} MB"
    )
    if done is None:
        print(
            f"  the child did not finish (rc {r['rc']}, killed {r['killed']}); "
            f"{len(removals)} removals explained before; {' | '.join(r['other'][-3:])}"
        )
        return
    ok = [e for e in removals if "error" not in e]
    per = [e["s"] for e in ok]
    explain_s = done["explain_s"]
    complete = done["done"] == done["of"] and not done["n_errors"]
    status = "all" if complete else f"ONLY {done['done']}/{done['of']}" + (f" (stopped: {done['stopped']})" if done["stopped"] else "")
    print(
        f"  explained {status}: {explain_s:.2f} s (Matcher set-up {done['matcher_s'] or 0:.2f} s); "
        f"explain/solve {explain_s / solve['plain_s']:.1f}x, (solve+explain)/solve "
        f"{(solve['plain_s'] + explain_s) / solve['plain_s']:.1f}x (target {TARGET}x: "
        f"{'met' if complete and (solve['plain_s'] + explain_s) / solve['plain_s'] <= TARGET else 'MISSED'})"
    )
    if per:
        print(f"  per removal: median {statistics.median(per) * 1000:.0f} ms, max {max(per):.2f} s ({max(ok, key=lambda e: e['s'])['id']})")
    if done["n_errors"]:
        print(f"  {done['n_errors']} removals failed: {done['errors']}")
    acyclic = sum(1 for e in ok if e["acyclic"])
    longer = [e for e in ok if e.get("hops") is not None and e.get("shortest") is not None and e["hops"] > e["shortest"]]
    excess = [e["hops"] - e["shortest"] for e in longer]
    print(
        f"  nodes touched {done['nodes']:,} (atoms in the explanations; the engine gave a depth to "
        f"{done['searched']:,}, inputs included), unsupported {done['unsupported']}; acyclic {acyclic}/{len(ok)}; "
        f"chain longer than the shortest in {len(longer)}/{len(ok)}"
        + (f" (by up to {max(excess)} transfers, median {statistics.median(excess)})" if excess else "")
    )
    print(f"  peak RSS {done['maxrss_mb']:.0f} MB; child wall {r['wall']:.1f} s; recursion limit {done['recursion_limit']}")


# --- 3. xclingo2 ------------------------------------------------------------------------------


def find_xclingo() -> str | None:
    env = os.environ.get("NONREF_XCLINGO")
    if env:
        return env if os.access(env, os.X_OK) else None
    default = "/tmp/xc/bin/xclingo"
    return default if os.access(default, os.X_OK) else None


def bench_xclingo(sizes: list[int], cap: float, tmp: Path, peer: dict[int, dict]) -> None:
    exe = find_xclingo()
    print(f"\n== 3. xclingo2, explain every prohibition (xclingo -n 1 1 chain.lp facts), cap {cap:.0f} s")
    if exe is None:
        print(
            "  skipped: xclingo not found. Install it in a separate venv (it pins clingo 5.8.0):\n"
            "    python3 -m venv /tmp/xc && /tmp/xc/bin/pip install xclingo==2.0b24\n"
            "  or set NONREF_XCLINGO=/path/to/xclingo"
        )
        return
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"  {exe} ({version})")
    for n in sizes:
        facts = gen_facts(tmp, n)
        out = str(tmp / f"xclingo_{n}.txt")
        wall, rss, killed, rc = run_measured([exe, "-n", "1", "1", str(PEER / "chain.lp"), str(facts)], cap, out)
        text = Path(out).read_text(errors="replace")
        shown = len(set(re.findall(r'"removal (\S+) is prohibited"', text)))
        expected = (peer.get(n) or {}).get("solve") or {}
        line = (
            f"  N={n:,}: {'STOPPED at the cap after' if killed else 'done in'} {wall:.1f} s wall, peak RSS "
            f"{mb(rss):.0f} MB, {shown}/{expected.get('prohibited', '?')} prohibitions explained (rc {rc})"
        )
        r = peer.get(n) or {}
        if r.get("done") and r.get("solve"):
            nonref_s = r["solve"]["plain_s"] + r["done"]["explain_s"]
            complete = r["done"]["done"] == r["done"]["of"]
            if complete and not killed:
                verdict = f"nonref/xclingo = {nonref_s / wall:.3f}"
            elif complete:
                verdict = f"nonref/xclingo < {nonref_s / wall:.3f} (xclingo stopped at the cap)"
            elif not killed:
                verdict = f"nonref/xclingo > {nonref_s / wall:.1f} (nonref stopped at the cap)"
            else:
                verdict = "nonref/xclingo: n/a (both stopped at the cap)"
            line += f"; nonref solve+explain {nonref_s:.2f} s{'' if complete else ' (INCOMPLETE)'} (child wall {r['wall']:.1f} s): {verdict}"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per median (peer plain solve: at most 3)")
    parser.add_argument("--cap", type=float, default=120.0, help="seconds per measurement (default 120)")
    parser.add_argument("--sizes", default="100,1000,5000", help="peer workload sizes (states)")
    parser.add_argument("--xclingo-sizes", default="100,1000")
    parser.add_argument("--skip-cases", action="store_true")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument("--skip-xclingo", action="store_true")
    parser.add_argument(
        "--recursion-limit", type=int, default=None, help="raise Python's recursion limit for the engine (run in a thread with a 1 GiB stack)"
    )
    parser.add_argument("--peer-child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.peer_child:
        if args.recursion_limit:
            sys.setrecursionlimit(args.recursion_limit)
            threading.stack_size(1 << 30)
            t = threading.Thread(target=_child_in_thread, args=(args,))
            t.start()
            t.join()
        else:
            peer_child(args.peer_child, args.runs, args.cap, None)
        return

    if not args.skip_cases:
        bench_cases(args.runs, args.cap)
    with tempfile.TemporaryDirectory(prefix="nonref-bench-") as tmp:
        peer: dict[int, dict] = {}
        if not args.skip_peer:
            peer = bench_peer([int(x) for x in args.sizes.split(",")], args.runs, args.cap, Path(tmp), args.recursion_limit)
        if not args.skip_xclingo:
            bench_xclingo([int(x) for x in args.xclingo_sizes.split(",")], args.cap, Path(tmp), peer)


def _child_in_thread(args) -> None:
    peer_child(args.peer_child, args.runs, args.cap, args.recursion_limit)


if __name__ == "__main__":
    main()
