"""`nonref report`: one self-contained HTML file for a case, read offline and printable.

The verdict table; per removal the summary, the justification as a collapsible tree (each step
with its rule's reading and sources, each fact with the line of the case file it comes from) and
as a graph that can be panned, zoomed and clicked (a click shows the step in the tree); a search
over every step; the variant matrix, a click on a cell showing why the answer differs there; the
reproducibility stamp. Everything is inline: no network at view time.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import string
from importlib import resources
from pathlib import Path

from nonref import __version__, labels
from nonref.analysis import Analysis, analyse
from nonref.matrix import DATE_AXIS, variant_matrix
from nonref.prepare import as_loaded, assume
from nonref.render import case_notes, removal_bases, stamp_lines, state_label, uncoded

from .contrast import contrast
from .dot import _names, draw, to_dot
from .graph import Explainer, Graph, Node
from .summary import Summary, summarise

MAX_CONTRASTS = 24  # matrix cells explained in the report (each costs two justifications)


def report(case, variants: dict[str, str] | None = None, as_of: dt.date | None = None, assumed: dict[str, str] | None = None) -> str:
    """The report of a case (path, LoadedCase or Case) as HTML text."""
    loaded, _ = assume(as_loaded(case, as_of), assumed or {})
    result = analyse(case, variants, as_of, assumed)
    explainer = Explainer(case, variants, as_of=as_of, assumed=assumed)
    lines = _file_lines(loaded.source.file)
    title = result.title + (f" ({result.citation})" if result.citation else "")
    sections = []
    for r in result.removals:
        graph = explainer.graph(r.id)
        sections.append(_removal_section(graph, summarise(graph, r, title, result.forum), lines))
    page = string.Template(resources.files("nonref.explain").joinpath("report_page.html").read_text(encoding="utf-8"))
    return page.substitute(
        version=__version__,
        title=_e(title),
        meta=_e(_meta(result)),
        verdicts=_verdicts(result),
        removals="\n".join(sections),
        matrix=_matrix(loaded, result, variants, assumed),
        stamp=_e(" · ".join(stamp_lines(result))),
    )


def _meta(a: Analysis) -> str:
    parts = [f"assessed on {a.assessed_on}"]
    if a.forum:
        parts.append(f"the question of {labels.FORUM.get(a.forum, a.forum)}")
    if a.file:
        parts.append(f"case file {a.file}")
    return " · ".join(parts)


def _verdicts(a: Analysis) -> str:
    rows = []
    for r in a.removals:
        route = f"{state_label(a, r.from_) if r.from_ else 'high seas'} → {state_label(a, r.to)}"
        who = f" ({_e(r.person)})" if r.person else ""
        rows.append(
            f'<tr><td><a href="#removal-{_e(r.id)}">{_e(r.id)}</a>{who}</td><td>{_e(route)}</td>'
            f'<td class="{r.outcome}">{r.outcome.upper()}</td><td><pre class="bases">{_e(uncoded(removal_bases(r)))}</pre></td></tr>'
        )
    notes = "".join(f"<p>{_e(uncoded(n))}</p>" for n in case_notes(a))
    return f"<h2>Verdicts</h2><table><tr><th>removal</th><th>from → to</th><th>outcome</th><th>bases</th></tr>{''.join(rows)}</table>{notes}"


def _removal_section(graph: Graph, s: Summary, lines: list[str]) -> str:
    names = _names(graph)
    steps = "".join(
        f'<div class="step"><span class="rule">{_e(st.rule)}</span> {_e(st.finding)} — <i>{_e(st.reads)}</i>'
        + "".join(f'<div class="fact">← {_e(label)}{_where(where, lines)}</div>' for label, where in st.facts)
        + "</div>"
        for st in s.steps
    )
    more = f"<p class='meta'>… and {s.more_steps} more decisive steps in the tree below</p>" if s.more_steps else ""
    svg = draw(to_dot(graph), "svg").decode("utf-8")
    svg = svg[svg.index("<svg") :]  # inline: without the XML prolog and doctype
    return (
        f'<section id="removal-{_e(s.removal)}" data-removal="{_e(s.removal)}">'
        f'<h2>Removal {_e(s.removal)} ({_e(s.route)}): <span class="{s.outcome}">{s.outcome.upper()}</span></h2>'
        f'<pre class="bases">{_e(uncoded(chr(10).join(s.bases)))}</pre>'
        f"<h3>Decisive steps</h3>{steps or '<p>none: see the justification below</p>'}{more}"
        f"<h3>The whole justification ({s.full_steps} rule applications)</h3>"
        f'<div class="tree">{_tree(graph, names, lines)}</div>'
        f"<h3>As a graph</h3>"
        f'<div class="graph-box" data-removal="{_e(s.removal)}"><span class="note">drag to pan · wheel to zoom · click a step to find it in the tree</span>{svg}</div>'
        "</section>"
    )


def _tree(graph: Graph, names: dict[str, str], lines: list[str]) -> str:
    """The justification as nested <details>: a shared sub-derivation is written once, later
    occurrences link to it."""
    shown: set[str] = set()
    out = io.StringIO()

    def item(nid: str, level: int) -> None:
        node = graph.nodes[nid]
        children = node.children
        label = _label(node, lines)
        rule = graph.nodes[children[0]] if len(children) == 1 and graph.nodes[children[0]].kind == "rule" else None
        name = names.get(nid, "")
        if node.kind == "conclusion" and rule is not None:  # the finding and the rule that derived it, on one line
            label += f" ⟸ {_label(rule, lines)}"
            children = rule.children
            name += " " + names.get(rule.id, "")
        if nid in shown and children:
            out.write(f'<div class="node-{node.kind}" data-names="{name}"><span class="label">{label}</span> <i class="meta">(shown above)</i></div>')
            return
        shown.add(nid)
        if not children:
            out.write(f'<div class="node-{node.kind}" data-names="{name}"><span class="label">{label}</span></div>')
            return
        opened = " open" if level < 2 else ""
        out.write(f'<details class="node-{node.kind}" data-names="{name}"{opened}><summary><span class="label">{label}</span></summary>')
        for child in children:
            item(child, level + 1)
        out.write("</details>")

    item(graph.root, 0)
    return out.getvalue()


def _label(node: Node, lines: list[str]) -> str:
    if node.kind == "rule":
        verb = "" if node.applies is not False else " <i>does not apply:</i>"
        sources = f'<span class="sources">{_e(node.sources)}</span>' if node.sources else ""
        return f'<span class="node-rule"><span class="rid">{_e(node.rule or "")}</span>{verb} {_e(node.reads or "")}{sources}</span>'
    if node.kind in ("fact", "unknown"):
        return f"{'fact' if node.kind == 'fact' else 'unknown'}: {_e(node.label)}{_where(node.where, lines)}"
    return _e(node.label)


def _where(where: str | None, lines: list[str]) -> str:
    """`file:line`, with the text of that line of the case file."""
    if not where:
        return ""
    number = where.rsplit(":", 1)[-1]
    text = lines[int(number) - 1].strip() if number.isdigit() and 0 < int(number) <= len(lines) else ""
    return f' <span class="meta">({_e(where)})</span>' + (f' <code class="srcline">{_e(text)}</code>' if text else "")


def _matrix(loaded, result: Analysis, variants: dict[str, str] | None, assumed: dict[str, str] | None) -> str:
    """The variant matrix; a click on a cell shows the contrast with the case's own variants."""
    m = variant_matrix(loaded, variants, None, assumed)
    if not m.axes:
        return "<h2>Variants</h2><p>No doctrinal variant changes anything in this case.</p>"
    own = {r.id: r.outcome for r in result.removals}
    head = "".join(f"<th>{_e(a)}</th>" for a in m.axes) + "".join(f"<th>{_e(r)}</th>" for r in m.removals)
    rows, hidden, explained = [], [], 0
    base = {a: result.variants[a] for a in m.axes if a != DATE_AXIS}
    for k, (combo, outcomes) in enumerate(m.cells):
        cells = "".join(f"<td>{_e(combo[a])}</td>" for a in m.axes)
        for rid in m.removals:
            key = ""
            if outcomes[rid] != own[rid] and explained < MAX_CONTRASTS:
                explained += 1
                key = f"contrast-{k}-{_e(rid)}"
                setting = {a: v for a, v in combo.items() if a != DATE_AXIS}
                hidden.append(f'<div hidden class="contrast-text" id="{key}">{_e(_contrast_text(loaded, rid, base, setting))}</div>')
            cells += f'<td class="cell {outcomes[rid]}" data-contrast="{key}">{outcomes[rid]}</td>'
        rows.append(f"<tr>{cells}</tr>")
    held = ", ".join(f"{a}={v}" for a, v in m.held.items())
    return (
        f"<h2>Variants</h2><p class='meta'>Every combination of the contested points this case turns on; held: {_e(held)}. "
        "Click an outcome to see why it differs from the case's own answer.</p>"
        f'<table class="matrix"><tr>{head}</tr>{"".join(rows)}</table>'
        f'<div id="contrast" class="contrast" hidden></div>{"".join(hidden)}'
    )


def _contrast_text(loaded, removal: str, left: dict[str, str], right: dict[str, str]) -> str:
    from nonref.render import contrast_text
    from rich.console import Console

    console = Console(file=io.StringIO(), width=110, color_system=None, markup=False)
    console.print(contrast_text(contrast(loaded, removal, left, right), sources=False))
    return console.file.getvalue()


def _file_lines(file: str | None) -> list[str]:
    try:
        return Path(file).read_text(encoding="utf-8").splitlines() if file and file != "<case>" else []
    except OSError:
        return []


def _e(text: str) -> str:
    return html.escape(text, quote=True)
