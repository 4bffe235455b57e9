"""The short answer a lawyer reads first: the outcome, each basis, the decisive steps, why the
other bars fail, with the whole justification one step away.

The decisive steps are read off the justification graph itself, never written per case: the
rule applications that conclude one of the findings the answer reports (a bar that prohibits, a
real risk and the conditions it meets, an exception that lifts a bar or is disregarded, a chain
link, a cure by assurance, a procedural breach), in the order the graph reaches them from the
outcome, each with the lines of the case file it rests on directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import clingo
from nonref import labels
from nonref.analysis import RemovalResult
from nonref.render import removal_bases

from .graph import Graph, Node

# The findings the answer is read from (analysis.READ), as the predicates that state them.
DECISIVE = (
    "prohibits",
    "excepted",
    "conduct_irrelevant",
    "real_risk",
    "real_risk_in_country",
    "meets_standard",
    "individual",
    "grave",
    "answerable",
    "onward",
    "cured",
    "lawful_with_assurance",
    "procedure_finding",
    "suspended",
)
# Findings about an article: shown only for the articles the answer is given under (the forum's).
ABOUT_AN_ARTICLE = {"prohibits": 1, "excepted": 1, "conduct_irrelevant": 1}
MAX_STEPS = 12


@dataclass
class Step:
    rule: str
    reads: str
    finding: str
    facts: list[tuple[str, str | None]] = field(default_factory=list)  # (what the file says, file:line)


@dataclass
class Summary:
    title: str  # the case, as the table's title gives it
    removal: str
    outcome: str
    route: str  # "GBR → IND"
    forum: str | None
    bases: list[str]  # the answer's lines on bases, refugee law, assurances, procedure
    steps: list[Step]
    full_steps: int  # rule applications in the whole justification
    more_steps: int = 0  # decisive steps left out (beyond MAX_STEPS)

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "removal": self.removal,
            "outcome": self.outcome,
            "route": self.route,
            "forum": self.forum,
            "bases": self.bases,
            "steps": [{"rule": s.rule, "reads": s.reads, "finding": s.finding, "facts": [list(f) for f in s.facts]} for s in self.steps],
            "full_steps": self.full_steps,
            "more_steps": self.more_steps,
        }


def summarise(graph: Graph, result: RemovalResult, title: str = "", forum: str | None = None) -> Summary:
    answered = {b.article for b in result.bases}  # the bars the answer is given under
    found = [_step(node, graph, answered) for node in graph.breadth_first(_applied) if node.kind == "conclusion"]
    found = [step for step in found if step is not None]
    steps, more = found[:MAX_STEPS], max(0, len(found) - MAX_STEPS)
    return Summary(
        title=title,
        removal=result.id,
        outcome=result.outcome,
        route=f"{result.from_ or 'high seas'} → {result.to}",
        forum=labels.FORUM.get(forum, forum) if forum else None,
        bases=removal_bases(result).splitlines(),
        steps=steps,
        full_steps=sum(1 for n in graph.nodes.values() if n.kind == "rule"),
        more_steps=more,
    )


def _applied(node: Node) -> bool:
    """Walk down what derived the outcome: conclusions and the rules applied, not absences."""
    return node.kind in ("conclusion", "rule") and node.applies is not False


def _step(node: Node, graph: Graph, answered: set[str]) -> Step | None:
    """The decisive step that concludes `node`, or None if its finding is not one the answer reports."""
    if not node.id.startswith("atom:"):
        return None
    atom = clingo.parse_term(node.id[len("atom:") :])
    if atom.name not in DECISIVE:
        return None
    position = ABOUT_AN_ARTICLE.get(atom.name)
    if position is not None and str(atom.arguments[position]) not in answered:
        return None
    rule = next((graph.nodes[c] for c in node.children if graph.nodes[c].kind == "rule"), None)
    if rule is None:
        return None
    facts = [(graph.nodes[c].label, graph.nodes[c].where) for c in rule.children if graph.nodes[c].kind in ("fact", "unknown")]
    return Step(rule.rule or "", rule.reads or "", node.label, facts)


def summary_text(summary: Summary, command: str) -> str:
    """The summary as plain text, ending on the command that shows the whole justification."""
    lines = [summary.title, f"removal {summary.removal} ({summary.route}): {summary.outcome.upper()}"] if summary.title else []
    lines = lines or [f"removal {summary.removal} ({summary.route}): {summary.outcome.upper()}"]
    if summary.forum:
        lines.append(f"the question of {summary.forum}")
    lines += ["", *summary.bases]
    if summary.steps:
        lines += ["", "decisive steps:"]
        for s in summary.steps:
            lines.append(f"  {s.rule}  {s.finding} — {s.reads}")
            lines += [f"      ← {label}" + (f"  ({where})" if where else "") for label, where in s.facts]
        if summary.more_steps:
            lines.append(f"  … and {summary.more_steps} more")
    lines += ["", f"the whole justification ({summary.full_steps} rule applications): {command}"]
    return "\n".join(lines)
