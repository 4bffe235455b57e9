"""`nonref report`: one self-contained HTML page per case (explain/report.py)."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from nonref.analysis import analyse
from nonref.cli import cli
from nonref.explain.report import report

CASES = Path(__file__).parent.parent / "cases"
SAMPLE = ["chahal-v-uk", "mss-v-belgium-and-greece", "hirsi-jamaa-v-italy", "adan-and-aitseguer", "hypothetical-assurances-unknown-scrutiny"]


class _Page(HTMLParser):
    """What a test needs from a page: external references, element classes, texts."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.sections: list[str] = []
        self.svgs = 0
        self.cells: list[dict] = []
        self.templates: set[str] = set()
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "link" or (tag == "script" and "src" in a):
            self.external.append(str(a))
        if tag == "section":
            self.sections.append(a["data-removal"])
        if tag == "svg":
            self.svgs += 1
        if tag == "td" and "cell" in a.get("class", ""):
            self.cells.append(a)
        if tag == "div" and a.get("class") == "contrast-text":
            self.templates.add(a["id"])
        if "data-names" in a:
            self.names.append(a["data-names"])


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    return page


@pytest.mark.parametrize("name", SAMPLE)
def test_a_report_is_self_contained_and_covers_every_removal(name):
    path = CASES / f"{name}.yaml"
    text = report(path)
    page = _parse(text)
    assert page.external == []  # nothing fetched at view time
    removals = [r.id for r in analyse(path).removals]
    assert page.sections == removals and page.svgs == len(removals)
    for r in analyse(path).removals:
        assert f'<td class="{r.outcome}">{r.outcome.upper()}</td>' in text
    assert page.names and "nonref" in text and "assessed on" in text


def test_the_report_shows_the_decisive_steps_with_the_lines_of_the_file():
    text = report(CASES / "chahal-v-uk.yaml")
    assert "Decisive steps" in text and "R1.1" in text
    assert "(cases/chahal-v-uk.yaml:43)" in text or "chahal-v-uk.yaml:43)" in text
    assert '<code class="srcline">evidence: substantial_grounds</code>' in text  # the line itself, beside its number
    assert "Chahal §80" in text  # sources of the rules


def test_a_matrix_cell_that_differs_carries_its_contrast():
    page = _parse(report(CASES / "hypothetical-assurances-unknown-scrutiny.yaml"))
    differing = [c for c in page.cells if c["data-contrast"]]
    assert differing, "no cell of the matrix differs from the case's own answer"
    assert {c["data-contrast"] for c in differing} <= page.templates


def test_cli_report(tmp_path):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["report", str(CASES / "soering-v-uk.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    bad = CliRunner().invoke(cli, ["report", str(CASES / "soering-v-uk.yaml"), "-o", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 2 and "expected a file ending in .html" in bad.output
    forum = CliRunner().invoke(cli, ["report", str(CASES / "soering-v-uk.yaml"), "-o", str(out), "--forum", "none"])
    assert forum.exit_code == 0 and "the question of" not in out.read_text(encoding="utf-8")
