"""The justification graph as a terminal tree (rich). Shared sub-derivations are printed once;
later occurrences say "(see above)"."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from .graph import Graph, Node

STYLE = {"prohibited": "bold red", "permitted": "bold green", "undetermined": "bold yellow"}


def focus(graph: Graph, text: str) -> str:
    """The first node (breadth-first from the root) whose label contains `text`."""
    wanted = text.lower()
    for node in graph.breadth_first():
        if node.kind != "rule" and wanted in node.label.lower():
            return node.id
    raise LookupError(text)


def tree(graph: Graph, start: str | None = None, depth: int | None = None, sources: bool = True) -> Tree:
    root = graph.nodes[start or graph.root]
    shown: set[str] = set()
    top = Tree(_line(root, graph, sources))
    shown.add(root.id)
    _grow(top, _below(root, graph), graph, shown, depth, 1, sources)
    return top


def _below(node: Node, graph: Graph) -> list[Node]:
    """A conclusion is printed with the rule that derived it on the same line; its body below."""
    if node.kind == "conclusion" and len(node.children) == 1 and graph.nodes[node.children[0]].kind == "rule":
        node = graph.nodes[node.children[0]]
    return [graph.nodes[c] for c in node.children]


def _grow(branch: Tree, children: list[Node], graph: Graph, shown: set[str], depth: int | None, level: int, sources: bool) -> None:
    for child in children:
        line = _line(child, graph, sources)
        if child.id in shown and child.children:
            branch.add(line.append("  (see above)", style="dim"))
            continue
        shown.add(child.id)
        sub = branch.add(line)
        below = _below(child, graph)
        if depth is not None and level >= depth:
            if below:
                sub.add(Text(f"… {len(below)} more (raise --depth)", style="dim"))
            continue
        _grow(sub, below, graph, shown, depth, level + 1, sources)


def _line(node: Node, graph: Graph, sources: bool) -> Text:
    if node.kind == "fact":
        return Text.assemble(("fact  ", "cyan"), node.label, (f"   ({node.where})" if node.where else "", "dim"))
    if node.kind == "unknown":
        return Text.assemble(("unknown  ", "bold yellow"), node.label, (f"   ({node.where})" if node.where else "", "dim"))
    if node.kind == "absence":
        return Text(node.label, style="yellow")
    if node.kind == "test":
        return Text(node.label, style="yellow")
    if node.kind == "rule":
        return _rule_text(node, sources, prefix="")
    text = Text(node.label, style=STYLE.get(graph.outcome, "bold") if node.id == graph.root else "")
    rule = graph.nodes[node.children[0]] if node.children else None
    if rule is not None and rule.kind == "rule" and len(node.children) == 1:
        text.append("  ⟸ ")
        text.append_text(_rule_text(rule, sources, prefix=""))
    return text


def _rule_text(rule: Node, sources: bool, prefix: str) -> Text:
    text = Text(prefix)
    text.append(rule.rule or "", style="bold magenta")
    if rule.applies is False:
        text.append(" does not apply: ", style="yellow")
        text.append(rule.reads or "")
    else:
        text.append(f"  {rule.reads}")
    if sources and rule.sources:
        text.append(f"  [{rule.sources}]", style="dim")
    return text
