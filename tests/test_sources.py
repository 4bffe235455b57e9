"""Every citation in the rule base resolves to a document listed in docs/sources.md."""

from pathlib import Path

import pytest
from nonref import rulebase
from nonref.sources import parse, resolve, split_citations, unresolved

SOURCES = Path(__file__).parent.parent / "docs" / "sources.md"


@pytest.fixture(scope="module")
def documents():
    return parse(SOURCES.read_text(encoding="utf-8"))


def _failures(documents):
    return {r.id: bad for r in rulebase.rules() if (bad := unresolved(r.source, documents))}


def test_every_citation_resolves(documents):
    failures = _failures(documents)
    assert not failures, "rules citing what docs/sources.md does not list:\n" + "\n".join(
        f"  {rid}: {' | '.join(bad)}" for rid, bad in failures.items()
    )


def test_every_published_citation_resolves(documents):
    """Whatever is left to rewrite, no rule cites a published document that sources.md lacks."""
    failures = {
        rid: [b for b in bad if not any(w in b.lower() for w in ("seed", "doctrine", "catalogue"))] for rid, bad in _failures(documents).items()
    }
    failures = {rid: bad for rid, bad in failures.items() if bad}
    assert not failures, "citations docs/sources.md does not list:\n" + "\n".join(f"  {rid}: {' | '.join(bad)}" for rid, bad in failures.items())


def test_sources_list_is_well_formed(documents):
    assert len(documents) > 50
    seen: dict[str, str] = {}
    for doc in documents:
        assert doc.forms, f"{doc.key}: no `cited as:` forms"
        assert doc.citation, f"{doc.key}: no citation text"
        for form in doc.forms:
            assert form not in seen, f"short form {form!r} used by both {seen[form]} and {doc.key}"
            seen[form] = doc.key


@pytest.mark.parametrize(
    "line",
    [
        "seed 000 §I.1",
        "doctrine C1",
        "seed 000 (summary of key principles)",
        'doctrine Q ("the output names the missing safeguard")',
        "Refugee Convention art. 33(1); the rule catalogue",
    ],
)
def test_working_files_do_not_resolve(documents, line):
    assert unresolved(line, documents)


@pytest.mark.parametrize(
    "line",
    [
        "CAT art. 3; ICCPR arts. 6-7 (HRC GC 31 §12); ECHR arts. 2-4, 6 (Soering §§88-91, 113)",
        "Othman (Abu Qatada) v UK 2012 §189(v); Othman v UK 2012 §188; Othman §187",
        "ICCPR art. 7 (HRC GC 20 §9, GC 31 §12)",
        "ICCPR art. 2(3) (Alzery v Sweden, HRC 1416/2005, §11.8)",
        'Refugee Convention art. 33(1) ("on account of his race; religion"); IOM Information Note §III.4',
        "Tarakhel v Switzerland (GC) 2014 §122 (no procedural breach found)",
    ],
)
def test_citations_resolve(documents, line):
    assert unresolved(line, documents) == []


@pytest.mark.parametrize(
    "line, bad",
    [
        ("Foo v Bar 2001 §3", ["Foo v Bar 2001 §3"]),
        ("CATS art. 1", ["CATS art. 1"]),
        ("ECHR art. 3 (Foo v Bar §3)", ["Foo v Bar §3"]),
        ("ICCPR art. 7 (HRC GC 20 §9, GC 99 §12)", ["GC 99 §12"]),
        ("soering §88", ["soering §88"]),
    ],
)
def test_unknown_citations_are_reported(documents, line, bad):
    assert unresolved(line, documents) == bad


def test_longest_form_wins(documents):
    assert resolve("Othman (Abu Qatada) v UK 2012", documents)[0] == "Othman (Abu Qatada) v UK"
    assert resolve("CAT GC 4 §11", documents)[1].key == "CAT GC 4"
    assert resolve("ECHR Protocol 4 art. 4", documents)[1].key == "ECHR Protocol 4"


def test_split_ignores_semicolons_in_parentheses_and_quotes():
    assert split_citations('A (x; y); B "p; q"; C') == ["A (x; y)", 'B "p; q"', "C"]
