"""Contrastive explanation: why one removal's answer differs between two settings (variants or
dates), read off the two justification graphs the same rules build.

The difference is the rule applications (and failing rules, and case facts) present in one
justification and not in the other: the doctrinal reason for the change, with its sources.
"""

from __future__ import annotations

import datetime as dt
import re
import typing
from dataclasses import dataclass

from nonref import prepare
from nonref.errors import UsageError
from nonref.matrix import DATE_AXIS
from nonref.model import ForumBody
from nonref.variants import check

from .graph import Explainer, Graph, Node

FORUM = "forum"  # a setting of its own: the body whose question is answered
FORUMS = (*typing.get_args(ForumBody), "none")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")  # a date comparison, as graph.py prints it


@dataclass
class Contrast:
    removal: str
    settings: tuple[dict[str, str], dict[str, str]]  # (from, to) as the user gave them
    graphs: tuple[Graph, Graph]
    only: tuple[list[Node], list[Node]]  # the rule nodes reading the changed setting, in one graph and not the other

    @property
    def outcomes(self) -> tuple[str, str]:
        return self.graphs[0].outcome, self.graphs[1].outcome

    def bases(self) -> tuple[list[str], list[str]]:
        """The prohibiting findings (an article, for a risk) of one side that the other lacks."""
        found = [{n.label for n in g.nodes.values() if n.id.startswith("atom:prohibits(")} for g in self.graphs]
        return sorted(found[0] - found[1]), sorted(found[1] - found[0])

    def union(self) -> tuple[Graph, dict[str, int]]:
        """One graph of the part that differs: both outcomes under a common top, every node that
        is in one justification only (marked 0 or 1), and the nodes on the way to them."""
        nodes: dict[str, Node] = {}
        for g in self.graphs:  # a finding in both keeps the supports of each side
            for nid, node in g.nodes.items():
                seen = nodes.setdefault(nid, Node(**{**node.__dict__, "children": []}))
                seen.children = list(dict.fromkeys(seen.children + node.children))
        marks = {n.id: side for side in (0, 1) for n in self.only[side]}
        memo: dict[str, bool] = {}
        keep = {nid for nid in nodes if _leads_to(nid, nodes, marks, memo)}
        top = Node(
            "contrast",
            "conclusion",
            f"removal {self.removal}: {self.outcomes[0].upper()} under "
            f"{setting_text(self.settings[0])}, {self.outcomes[1].upper()} under {setting_text(self.settings[1])}",
            children=list(dict.fromkeys(g.root for g in self.graphs)),
        )
        shown = {nid: _trimmed(nodes[nid], keep) for nid in keep} | {"contrast": top}
        outcome = self.outcomes[0] if self.outcomes[0] == self.outcomes[1] else "changed"
        return Graph("contrast", shown, self.removal, outcome), marks


def contrast(case, removal: str, left: dict[str, str], right: dict[str, str], depth: int = 8) -> Contrast:
    """The justifications of `removal` under two settings: variant axes and, under "as_of", a date."""
    loaded = prepare.as_loaded(case)
    explainers = [_explainer(loaded, removal, setting, depth) for setting in (left, right)]
    graphs = tuple(e.graph(removal) for e in explainers)
    changed = {k for k in left.keys() | right.keys() if left.get(k) != right.get(k)}
    keys = [{_key(n) for n in g.nodes.values() if n.kind == "rule"} for g in graphs]
    holds = [{str(a) for a in e.model} for e in explainers]

    def differs(node: Node, other: int) -> bool:
        if _key(node) in keys[other]:
            return False
        # a rule applied on one side whose finding also holds on the other (by the same or another
        # route) is not what changed
        return not (node.applies and node.id.split(":", 2)[2].rsplit(":", 1)[0] in holds[other])

    only = tuple([n for n in _deciding(graphs[i], changed) if differs(n, 1 - i)] for i in (0, 1))
    return Contrast(removal, (left, right), graphs, only)


def parse_setting(items: tuple[str, ...], option: str) -> dict[str, str]:
    """`axis=value` items (and `as_of=YYYY-MM-DD`, `forum=BODY`) from the command line."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = (x.strip() for x in item.partition("="))
        if not sep:
            raise UsageError(f"{option}: expected axis=value, as_of=YYYY-MM-DD or forum=BODY, got {item!r}")
        if name == DATE_AXIS:
            _date(value, option)
        elif name == FORUM:
            if value not in FORUMS:
                raise UsageError(f"{option}: forum: expected one of {', '.join(FORUMS)}, got {value!r}")
        else:
            check(name, value)
        out[name] = value
    if not out:
        raise UsageError(f"{option}: give at least one axis=value or as_of=YYYY-MM-DD")
    return out


def setting_text(setting: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in setting.items())


def _explainer(loaded, removal: str, setting: dict[str, str], depth: int) -> Explainer:
    variants = {k: v for k, v in setting.items() if k not in (DATE_AXIS, FORUM)}
    as_of = _date(setting[DATE_AXIS], "as_of") if DATE_AXIS in setting else None
    assumed = {FORUM: setting[FORUM]} if FORUM in setting else None
    return Explainer(loaded, variants, depth, removals=[removal], as_of=as_of, assumed=assumed)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: expected a date YYYY-MM-DD, got {text!r}") from None


def _key(node: Node) -> str:
    """What a rule node says, whichever graph it is in: a rule applied, or failing, to a finding."""
    return node.id.rsplit(":", 1)[0]


def _deciding(graph: Graph, changed: set[str]) -> list[Node]:
    """The rule nodes that read a changed setting: the fact of a changed variant or of the date,
    or a failing date comparison, at most two steps below them (under a failing rule the
    variant sits below the absence of the value it asks for)."""

    def setting(node: Node) -> bool:
        if node.kind == "fact":
            return any(node.label.startswith(f"{'forum' if axis == FORUM else 'variants.' + axis}:") for axis in changed) or (
                DATE_AXIS in changed and node.label.startswith(("case.assessed_on:", "case.decided:"))
            )
        return node.kind == "test" and DATE_AXIS in changed and DATE.search(node.label) is not None

    def near(nid: str, steps: int) -> bool:
        node = graph.nodes[nid]
        return setting(node) or (steps > 0 and node.kind != "rule" and any(near(c, steps - 1) for c in node.children))

    rules = [n for n in graph.nodes.values() if n.kind == "rule"]
    return sorted((n for n in rules if any(near(c, 1) for c in n.children)), key=lambda n: (n.rule or "", n.id))


def _leads_to(nid: str, nodes: dict[str, Node], marks: dict[str, int], memo: dict[str, bool]) -> bool:
    """Whether a marked node is at or below `nid`."""
    if nid not in memo:
        memo[nid] = False  # the graphs are acyclic; this only guards the recursion
        memo[nid] = nid in marks or any(_leads_to(c, nodes, marks, memo) for c in nodes[nid].children)
    return memo[nid]


def _trimmed(node: Node, keep: set[str]) -> Node:
    return Node(**{**node.__dict__, "children": [c for c in node.children if c in keep]})
