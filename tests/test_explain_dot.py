"""The Graphviz drawing of justification graphs (nonref.explain.dot).

The DOT text of Chahal v UK's deportation is kept as a golden snapshot in
tests/golden/chahal-deportation.dot and compared byte for byte. After an intended change to
the drawing (or to the graph, the rules or the case), refresh it with

    NONREF_REFRESH_GOLDEN=1 pytest tests/test_explain_dot.py

and review the diff of the snapshot before committing it. The SVG and PNG tests run only
where the Graphviz `dot` program is installed (apt-get install graphviz).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from nonref.errors import UsageError
from nonref.explain.dot import render, to_dot
from nonref.explain.graph import explain

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "chahal-deportation.dot"


@pytest.fixture(scope="module", autouse=True)
def _at_root():
    # The graph's file:line references are as the case path is given: relative to the project root.
    here = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(here)


@pytest.fixture(scope="module")
def chahal():
    return explain("cases/chahal-v-uk.yaml", "deportation")


@pytest.fixture(scope="module")
def chahal_dot(chahal):
    return to_dot(chahal)


def _node_line(dot: str, graph, nid: str) -> str:
    """The DOT statement that draws graph node `nid`."""
    lines = [line for line in dot.splitlines() if re.match(r"\s*n\d+ \[", line)]
    wanted = graph.nodes[nid]
    for line in lines:
        if wanted.kind == "rule" and f"<B>{wanted.rule}</B>" in line and wanted.reads[:30] in line:
            return line
        if wanted.kind != "rule" and wanted.label[:30] in line:
            return line
    raise AssertionError(f"no node for {nid}")


def test_rule_node_shows_id_reading_and_source(chahal, chahal_dot):
    rule = next(n for n in chahal.nodes.values() if n.kind == "rule" and n.rule == "C1.4")
    line = _node_line(chahal_dot, chahal, rule.id)
    assert "<B>C1.4</B>" in line
    assert "An absolute bar prohibits the removal." in line
    assert "Chahal §80" in line  # its sources, on the smaller line
    assert f'tooltip="C1.4: {rule.reads}\\nSources: {rule.sources}"' in line  # full sources on hover
    assert "shape=box" in line


def test_fact_node_has_file_and_line(chahal, chahal_dot):
    fact = next(n for n in chahal.nodes.values() if n.kind == "fact" and n.where)
    assert re.fullmatch(r"cases/chahal-v-uk\.yaml:\d+", fact.where)
    line = _node_line(chahal_dot, chahal, fact.id)
    assert fact.where in line
    assert "shape=note" in line


def test_root_is_first_red_and_prohibited(chahal_dot):
    root = next(line for line in chahal_dot.splitlines() if line.lstrip().startswith("n0 ["))
    assert "PROHIBITED" in root
    assert 'color="#b3261e"' in root


def test_permitted_root_is_green():
    dot = to_dot(explain("cases/vilvarajah-v-uk.yaml", "removal"))
    root = next(line for line in dot.splitlines() if line.lstrip().startswith("n0 ["))
    assert "PERMITTED" in root and 'color="#2e7d32"' in root
    assert "does not apply:" in dot and "style=dashed" in dot


def test_failing_tests_are_octagons():
    dot = to_dot(explain("cases/n-v-uk.yaml", "removal"))
    assert "shape=octagon" in dot
    assert "2008-05-27 &gt;= 2016-12-13" in dot  # comparisons escaped for the HTML-like label


def test_one_drawn_node_per_graph_node(chahal, chahal_dot):
    names = re.findall(r"^\s*(n\d+) \[", chahal_dot, flags=re.M)
    assert len(names) == len(set(names)) == len(chahal.nodes)
    edges = re.findall(r"^\s*n\d+ -> n\d+", chahal_dot, flags=re.M)
    assert len(edges) == sum(len(n.children) for n in chahal.nodes.values())


def test_deterministic(chahal, tmp_path):
    again = explain("cases/chahal-v-uk.yaml", "deportation")
    assert to_dot(chahal) == to_dot(again)
    render(chahal, tmp_path / "a.dot")
    render(again, tmp_path / "b.dot")
    assert (tmp_path / "a.dot").read_bytes() == (tmp_path / "b.dot").read_bytes()


def test_golden_snapshot(chahal_dot):
    data = chahal_dot.encode("utf-8")
    if os.environ.get("NONREF_REFRESH_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(data)
    assert GOLDEN.exists(), "no golden snapshot: run with NONREF_REFRESH_GOLDEN=1"
    assert data == GOLDEN.read_bytes(), "the drawing changed: review it, then NONREF_REFRESH_GOLDEN=1 pytest"


def test_json(chahal, tmp_path):
    import json

    out = render(chahal, tmp_path / "g.json")
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(json.dumps(chahal.to_json()))
    render(chahal, tmp_path / "h.json")
    assert out.read_bytes() == (tmp_path / "h.json").read_bytes()


def test_unknown_suffix(chahal, tmp_path):
    with pytest.raises(UsageError) as e:
        render(chahal, tmp_path / "graph.pdf")
    assert "\n" not in str(e.value) and ".svg" in str(e.value)


def test_missing_dot_program(chahal, tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert "<svg" in render(chahal, tmp_path / "graph.svg").read_text(encoding="utf-8")  # drawn by the WebAssembly build
    with pytest.raises(UsageError) as e:
        render(chahal, tmp_path / "graph.png")
    assert "\n" not in str(e.value) and "apt-get install graphviz" in str(e.value)
    assert not (tmp_path / "graph.png").exists()  # nothing half-written


@pytest.mark.parametrize("engine", ["dot", "wasm"])
def test_svg_with_the_dot_program_or_without_it(chahal, tmp_path, monkeypatch, engine):
    if engine == "wasm":
        monkeypatch.setenv("NONREF_GRAPHVIZ", "wasm")  # Graphviz compiled to WebAssembly: no system package needed
    else:
        assert shutil.which("dot"), "the Graphviz `dot` program is needed for this test (.ci/run installs it)"
    out = render(chahal, tmp_path / "graph.svg")
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text
    assert "Chahal §80" in text  # labels and tooltips survive


def test_png(chahal, tmp_path):
    assert shutil.which("dot"), "the Graphviz `dot` program is needed for this test (.ci/run installs it)"
    out = render(chahal, tmp_path / "graph.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_png_without_dot_says_what_to_do(chahal, tmp_path, monkeypatch):
    monkeypatch.setenv("NONREF_GRAPHVIZ", "wasm")
    with pytest.raises(UsageError, match="PNG needs the Graphviz `dot` program.*an .svg file is drawn without it"):
        render(chahal, tmp_path / "graph.png")


def test_focus_draws_only_the_part_under_a_step(chahal, tmp_path):
    from click.testing import CliRunner
    from nonref.cli import cli

    out = tmp_path / "part.dot"
    result = CliRunner().invoke(cli, ["graph", "cases/chahal-v-uk.yaml", "-o", str(out), "--focus", "real risk: "])
    assert result.exit_code == 0, result.output
    dot = out.read_text(encoding="utf-8")
    assert "the part under \u201creal risk: torture-punjab-police\u201d" in dot
    assert "<B>R1.2</B>" in dot and "risks[0].evidence: substantial_grounds" in dot  # the step, down to its facts
    assert "<B>C1.6</B>" not in dot and "penwidth=2.5" not in dot  # not the outcome above it, nor its style
    missing = CliRunner().invoke(cli, ["graph", "cases/chahal-v-uk.yaml", "-o", str(out), "--focus", "no such words"])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1 and "--focus" in missing.output
