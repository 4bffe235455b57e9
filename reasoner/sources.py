"""The cited documents (docs/sources.md) and the check that a rule's `source` line cites them.

docs/sources.md lists every document once, under a `## ` group heading, each document under a
`### ` heading with its full citation and a line

    cited as: `Othman (Abu Qatada) v UK`, `Othman v UK`, `Othman`

giving the short forms a `source` line may use. Its section "How citations are written" states the
rule `unresolved` applies:

- a `source` line is split on `;` outside parentheses and quotation marks;
- each citation must begin with a short form (case-sensitive, longest first, ending at a word
  boundary);
- inside its parentheses, each `,`/`;`-separated item that begins with a capital letter and
  contains ` v `, `§` or `GC <number>` must also begin with a short form (an item beginning
  `GC <number>` continues the treaty body of the item before it);
- a citation that says `seed`, `doctrine` or `catalogue` never resolves.

    docs = parse(Path("docs/sources.md").read_text())
    unresolved("CAT art. 3; Soering §88; seed 000 §I.1", docs)   # ['seed 000 §I.1']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Document", "parse", "split_citations", "resolve", "unresolved", "short_forms"]

_CITED_AS = re.compile(r"^\s*[-*]?\s*cited as:\s*(.*)$", re.IGNORECASE)
_BACKTICKED = re.compile(r"`([^`]+)`")
_PRIVATE = re.compile(r"\b(seed|doctrine|catalogue)\b", re.IGNORECASE)
_GC_CONTINUATION = re.compile(r"^GC \d")
_LOOKS_LIKE_CITATION = re.compile(r" v |§|\bGC \d")
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
_OPEN, _CLOSE = "([", ")]"


@dataclass(frozen=True)
class Document:
    """One cited document: its heading, group, full citation text and short forms."""

    key: str
    group: str
    citation: str
    forms: tuple[str, ...]


def parse(text: str) -> list[Document]:
    """The documents of a sources.md text, in order."""
    docs: list[Document] = []
    group = ""
    key: str | None = None
    body: list[str] = []
    forms: list[str] = []

    def flush() -> None:
        if key is not None:
            docs.append(Document(key, group, " ".join(" ".join(body).split()), tuple(forms)))

    for line in text.splitlines():
        if line.startswith("### "):
            flush()
            key, body, forms = line[4:].strip(), [], []
        elif line.startswith("## ") or line.startswith("# "):
            flush()
            key, body, forms = None, [], []
            if line.startswith("## "):
                group = line[3:].strip()
        elif key is not None:
            if m := _CITED_AS.match(line):
                forms.extend(f.strip() for f in _BACKTICKED.findall(m.group(1)))
            else:
                body.append(line.strip())
    flush()
    return docs


def short_forms(documents: list[Document]) -> list[tuple[str, Document]]:
    """(form, document) for every short form, longest first."""
    pairs = [(f, d) for d in documents for f in d.forms]
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0]))


def split_citations(text: str, separators: str = ";") -> list[str]:
    """`text` split on `separators` outside parentheses, brackets and quotation marks; stripped,
    empty pieces dropped."""
    pieces: list[str] = []
    depth = 0
    quote: str | None = None
    current: list[str] = []
    for ch in text:
        if quote:
            if ch == quote:
                quote = None
        elif ch == '"':
            quote = '"'
        elif ch == "“":
            quote = "”"
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in separators and depth == 0:
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


def resolve(citation: str, documents: list[Document]) -> tuple[str, Document] | None:
    """The (short form, document) the citation begins with, or None."""
    for form, doc in short_forms(documents):
        if citation.startswith(form):
            rest = citation[len(form) :]
            if not rest or not (rest[0].isalnum() or rest[0] in "_-'’") or not form[-1].isalnum():
                return form, doc
    return None


def _parentheticals(text: str) -> list[str]:
    """The contents of the top-level parentheses of `text` (quotations blanked out first)."""
    text = _QUOTED.sub('""', text)
    groups: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "(":
            if depth == 0:
                start = i + 1
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append(text[start:i])
    return groups


def _inner_unresolved(rest: str, documents: list[Document]) -> list[str]:
    bad: list[str] = []
    for group in _parentheticals(rest):
        body = ""
        for item in split_citations(group, ",;"):
            if not item[:1].isupper() or not _LOOKS_LIKE_CITATION.search(item):
                continue
            candidate = f"{body} {item}" if body and _GC_CONTINUATION.match(item) else item
            found = resolve(candidate, documents)
            if found is None:
                bad.append(item)
                continue
            form = found[0]
            body = form.rsplit(" GC ", 1)[0] if " GC " in form else ""
    return bad


def unresolved(source_line: str, documents: list[Document]) -> list[str]:
    """The citations of a `source` line (or the items in their parentheses) that no short form
    resolves; empty when the whole line cites listed documents."""
    bad: list[str] = []
    for citation in split_citations(source_line):
        if _PRIVATE.search(citation):
            bad.append(citation)
            continue
        found = resolve(citation, documents)
        if found is None:
            bad.append(citation)
            continue
        bad.extend(_inner_unresolved(citation[len(found[0]) :], documents))
    return bad
