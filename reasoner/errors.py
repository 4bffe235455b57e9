"""Typed errors. The CLI turns each into one line and exit code 2."""

from __future__ import annotations


class CaseError(Exception):
    """A problem with the user's case file: `file:line: field.path: expected …, got …` (or
    `file:line:column: …` where the text itself is at fault, before any field is known)."""

    def __init__(self, file: str, line: int | None, path: str | None, message: str, column: int | None = None):
        self.file, self.line, self.path, self.message, self.column = file, line, path, message, column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}" + (f":{self.column}" if self.column else "")
        return one_line(f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}")


class UsageError(Exception):
    """A bad command-line argument (an unknown removal id, an unknown variant)."""


def one_line(text: str) -> str:
    """`text` with line breaks and other control characters escaped (a key may hold a newline)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
