"""The generated references in docs/ match the code (refresh: see each doc's first lines)."""

from pathlib import Path

from nonref import rulebase
from nonref.cli import rules_markdown
from nonref.schema_doc import case_format_markdown

DOCS = Path(__file__).parent.parent / "docs"


def test_rule_catalogue_is_current():
    assert (DOCS / "rules.md").read_text() == rules_markdown(list(rulebase.rules())), (
        "docs/rules.md is stale: run `nonref rules --format markdown > docs/rules.md`"
    )


def test_case_format_is_current():
    assert (DOCS / "case-format.md").read_text() == case_format_markdown() + "\n", (
        "docs/case-format.md is stale: run `nonref schema --format markdown > docs/case-format.md`"
    )
