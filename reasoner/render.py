"""Text renderings of an analysis and of the rule catalogue (JSON is `Analysis.to_json`)."""

from __future__ import annotations

import re

from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from . import labels
from .analysis import Analysis, Basis, RemovalResult
from .matrix import Matrix
from .rulebase import Rule

OUTCOME_STYLE = {"prohibited": "bold red", "permitted": "bold green", "undetermined": "bold yellow"}


# A rule or family code in parentheses, e.g. "(C1.7)", "(S5, S6)", "(Q2, Khlaifia)": shown on request only.
_CODES = re.compile(r" \((?:[A-Z]\d+(?:\.\d+)?(?:-[A-Z]?\d+(?:\.\d+)?)?)(?:, [A-Z]\d+(?:\.\d+)?)*(?:, ([^)]*))?\)")


def uncoded(text: str) -> str:
    """The text without rule codes; a name beside a code stays: "(Q2, Khlaifia)" -> "(Khlaifia)"."""
    return _CODES.sub(lambda m: f" ({m.group(1)})" if m.group(1) else "", text)


def analysis_table(a: Analysis, codes: bool = False) -> Table:
    """The verdicts, a row per removal: state names beside their codes; rule codes only if asked."""
    shown = (lambda text: text) if codes else uncoded
    title = a.title + (f" ({a.citation})" if a.citation else "")
    if a.forum:
        title += f"\nthe question of {labels.FORUM.get(a.forum, a.forum)}: under the instruments it applies only"
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_lines=False, expand=False)
    table.add_column("removal", no_wrap=True)
    table.add_column("from → to", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    table.add_column("bases")
    for r in a.removals:
        table.add_row(
            r.id + (f"\n({r.person})" if r.person else ""),
            f"{state_label(a, r.from_) if r.from_ else 'high seas'}\n→ {state_label(a, r.to)}",
            Text(r.outcome.upper(), style=OUTCOME_STYLE[r.outcome]),
            shown(removal_bases(r)),
        )
    table.caption = "\n".join([*map(shown, case_notes(a)), *stamp_lines(a)])
    table.caption_justify = "left"
    return table


def state_label(a: Analysis, code: str) -> str:
    """A state's name beside its code."""
    name = a.states.get(code)
    return f"{name} ({code})" if name and name != code else code


def removal_bases(r: RemovalResult) -> str:
    """One line per group of bases with the same harm and place, then the refugee-law finding."""
    lines: list[str] = []
    groups: dict[tuple[str, str, bool], list[Basis]] = {}
    for b in r.prohibiting:
        if b.article != "rc_33":
            groups.setdefault((b.harm, b.place, b.absolute), []).append(b)
    for (harm, place, absolute), bases in groups.items():
        arts = ", ".join(dict.fromkeys(b.label for b in bases))
        note = "absolute" + (": conduct irrelevant" if r.conduct_irrelevant else "") if absolute else "qualified: no exception applies"
        chain = r.chains.get(bases[0].risk)
        via = f" (sent on: {' → '.join(chain)})" if chain else ""
        if harm in labels.OWN_HARMS:
            lines.append(f"{arts} — {labels.HARM[harm]} by {place} ({note})")
        elif bases[0].risk in r.real_risks:
            lines.append(f"{arts} — real risk of {labels.HARM[harm]} in {place}{via} ({note})")
        else:  # I3.2, I3.5: an arguable risk, through a third state that would not protect the person
            lines.append(
                f"{arts} — exposure, through a third state's deficient asylum procedure, to an arguable risk of {labels.HARM[harm]} in {place}{via} ({note})"
            )
    lifted = [b for b in r.bases if not b.prohibits and b.article == "customary_refugee_law"]
    for b in lifted[:1]:
        if b.lifted_by:
            lines.append(f"{b.label}: lifted ({'; '.join(labels.EXCEPTION[x] for x in b.lifted_by)})")
        else:
            lines.append(f"{b.label}: bars the removal unless an exception lifts it, which depends on unknown facts")
    lines.append(refugee_line(r))
    if r.outside_forum:
        lines.append(f"outside this forum's question, also prohibiting: {', '.join(labels.BASIS[a] for a in r.outside_forum)}")
    if r.outcome == "permitted" and not r.bases:
        lines.insert(0, why_no_bar(r))
    if r.outcome == "undetermined":
        lines[:0] = [f"{way} if: {' and '.join(s)}" for way in ("prohibited", "permitted") for s in r.deciding.get(way, [])]
        if not r.deciding_complete:
            lines.insert(0, "the facts that decide it were not looked for: the time limit was near (--timeout)")
    if r.cured:
        lines.append(f"removed by a reliable assurance: {', '.join(r.cured)} (D)")
    if r.lawful_with_assurance:
        lines.append(f"lawful only with a specific, binding assurance from {r.to} against the risks above (C1.7)")
    lines += [f"procedure: {labels.PROCEDURE[p]}" for p in r.procedure]
    lines += [labels.PROCEDURE[p] for p in r.obligations]
    if r.treaty == "void":
        lines.append("the treaty obliging this removal is void to that extent: the norm is peremptory (V1.1)")
    elif r.treaty == "conflict":
        lines.append("the treaty obliging this removal stands, but does not release the state from the bar (V1.2)")
    if r.assisted_by:
        lines.append(f"aiding this removal engages the responsibility of: {', '.join(r.assisted_by)} (S4)")
    return "\n".join(lines)


def case_notes(a: Analysis) -> list[str]:
    return [f"{s} must admit the person, at least temporarily: no lawful destination among those considered (C2)" for s in a.must_admit] + [
        f"without effect: {w} (S5, S6)" for w in a.without_effect
    ]


def why_no_bar(r: RemovalResult) -> str:
    if not r.jurisdiction:
        return f"no bar applies: {r.by} has no jurisdiction over the person (neither territory nor effective control)"
    if r.real_risks and set(r.real_risks) <= set(r.cured):
        return f"no bar applies: a reliable assurance removes the real risk ({', '.join(r.real_risks)})"
    if not r.real_risks:
        reasons = "; ".join(
            f"{rid}: {', '.join(labels.UNMET[c] for c in codes) or 'not met in every completion of the unknown facts'}"
            for rid, codes in r.unmet.items()
        )
        return f"no bar applies: no real risk established in {r.to}" + (f" — {reasons}" if reasons else " (no risk stated there)")
    return f"no bar applies: the real risk ({', '.join(r.real_risks)}) is not covered by any article {r.by} owes"


def refugee_line(r: RemovalResult) -> str:
    rc = [b for b in r.bases if b.article == "rc_33"]
    if r.refugee_law == "applies":
        return f"Refugee Convention art. 33(1): applies — persecution risk in {', '.join(sorted({b.place for b in rc}))}"
    if r.refugee_law == "lifted":
        why = "; ".join(labels.EXCEPTION[x] for x in sorted({x for b in rc for x in b.lifted_by}))
        tail = "; the absolute bars still apply" if r.outcome == "prohibited" else ""
        return f"Refugee Convention art. 33(1): lifted by {why}{tail}"
    if r.refugee_law == "outside_forum":
        return "Refugee Convention art. 33(1): not before this forum"
    if r.refugee_law == "undetermined":
        return "Refugee Convention art. 33(1): bars the removal unless an exception lifts it, which depends on unknown facts"
    if r.outcome == "undetermined":  # bases are those found in every completion of the unknown facts
        return "Refugee Convention art. 33(1): not established (it does not apply in every completion of the unknown facts)"
    return "Refugee Convention art. 33(1): does not apply"


def stamp_lines(a: Analysis) -> list[str]:
    """The reproducibility stamp, on lines of its own (the variants spaced, to wrap between them)."""
    s = a.stamp
    return [
        f"assessed on {a.assessed_on}",
        f"variants: {s['variants'].replace(',', ', ')}",
        f"nonref {s['nonref']} · rules {s['rules']} · case {s['case']}",
    ]


def rules_table(rules: list[Rule]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("reads")
    table.add_column("source")
    table.add_column("where", no_wrap=True)
    for r in rules:
        table.add_row(r.id, r.reads, r.source, f"{r.file}:{r.line}")
    return table


def elsewhere_table() -> Table:
    """The catalogue ids that have no rule of their own, and where they are handled."""
    from .rulebase import HANDLED_ELSEWHERE

    table = Table(box=box.SIMPLE_HEAD, expand=False, title="catalogue ids without a rule of their own")
    table.add_column("id", no_wrap=True)
    table.add_column("where")
    for cid, where in HANDLED_ELSEWHERE.items():
        table.add_row(cid, where)
    return table


def console() -> Console:
    """The terminal's width on a terminal; a fixed, readable width when piped or saved. No markup:
    the case's own text (a title with `[/x]` in it) is printed as written, never read as styles."""
    probe = Console()
    return Console(width=None if probe.is_terminal else 140, highlight=False, markup=False)


def matrix_table(m: Matrix) -> Group:
    table = Table(box=box.SIMPLE_HEAD, expand=False)
    table.add_column("removal", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    table.add_column("under")
    for rid in m.removals:
        for k, (outcome, boxes) in enumerate(m.groups(rid)):
            under = "\n".join(box_text(b) for b in boxes)
            table.add_row(rid if k == 0 else "", Text(outcome.upper(), style=OUTCOME_STYLE[outcome]), under)
    count = 1
    for values in m.axes.values():
        count *= len(values)
    varied = ", ".join(f"{a} ({len(v)})" for a, v in m.axes.items()) or "none"
    lines = [f"varied: {varied}: {count} combination{'s' if count != 1 else ''}"]
    held = {a: v for a, v in m.held.items() if a not in m.irrelevant}
    if held:
        lines.append("held: " + ", ".join(f"{a}={v}" for a, v in held.items()))
    if m.irrelevant:
        lines.append("no rule of this case reads: " + ", ".join(m.irrelevant))
    return Group(table, Text("\n".join(lines)))


def box_text(box: dict[str, tuple[str, ...]]) -> str:
    if not box:
        return "every combination"
    return " × ".join(f"{a} = {v[0]}" if len(v) == 1 else f"{a} ∈ {{{', '.join(v)}}}" for a, v in box.items())


def contrast_text(c, sources: bool = True) -> Group:
    """The rules that decide a difference between two settings (explain/contrast.py), side by side."""
    from nonref.explain.contrast import setting_text

    a, b = (setting_text(s) for s in c.settings)
    oa, ob = c.outcomes
    head = Text(f"removal {c.removal}: ")
    head.append(oa.upper(), style=OUTCOME_STYLE[oa])
    head.append(f" under {a}; ")
    head.append(ob.upper(), style=OUTCOME_STYLE[ob])
    head.append(f" under {b}")
    parts: list = [head]
    if oa == ob:
        parts.append(Text("the outcome is the same; the justification differs:" if any(c.only) else "the outcome and its justification are the same"))
    for side, extra in enumerate(c.bases()):
        if extra:
            parts.append(Text(f"prohibiting only under {(a, b)[side]}: " + "; ".join(extra)))
    for side, setting in ((0, a), (1, b)):
        if not c.only[side]:
            continue
        parts.append(Text(f"\nonly under {setting}:", style="bold"))
        parents = _parents(c.graphs[side])
        for node in c.only[side]:
            verb = "applies" if node.applies else "does not apply"
            line = Text(f"  {node.rule} {verb}: {node.reads}")
            finding = parents.get(node.id)
            if finding is not None:
                line.append(f"\n      → {finding.label}", style="dim" if not node.applies else "")
            if sources and node.sources:
                line.append(f"\n      [{node.sources}]", style="dim")
            parts.append(line)
    return Group(*parts)


def _parents(graph) -> dict:
    """Rule node id -> the finding it supports (or fails to)."""
    out = {}
    for node in graph.nodes.values():
        for child in node.children:
            if node.kind in ("conclusion", "absence"):
                out.setdefault(child, node)
    return out
