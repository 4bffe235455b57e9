"""Read a case file safely: YAML 1.2, line numbers kept, duplicate keys and bombs rejected.

ruamel.yaml's round-trip loader reads YAML 1.2 (`NO` stays the string "NO"), rejects duplicate
keys and records the line of every key and item. It builds plain data only (tags such as
`!!python/object` are refused here). The tree is copied into plain Python values, counting
nodes so an alias bomb stops at a bound instead of expanding, and each field path is mapped
to its line, so that every validation error can name the line the user wrote.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .errors import CaseError
from .model import Case

MAX_BYTES = 2 * 1024 * 1024  # a real case file is a few kilobytes
MAX_NODES = 100_000  # values after alias expansion

Path_ = tuple[str | int, ...]


@dataclass
class Source:
    """Where each field of a loaded case came from: file name and line per field path."""

    file: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest enclosing field."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


@dataclass
class LoadedCase:
    case: Case
    source: Source


def load(path: str | Path) -> LoadedCase:
    name = str(path)
    try:
        data = Path(path).read_bytes() if Path(path).stat().st_size <= MAX_BYTES else None
    except OSError as e:
        raise CaseError(name, None, None, f"cannot read the file ({e.strerror or e})") from None
    if data is None:
        raise CaseError(name, None, None, f"file too large: expected a case file under {MAX_BYTES // 1024 // 1024} MB")
    return loads(data, name)


def loads(data: bytes | str, name: str = "<case>") -> LoadedCase:
    text = _decode(data, name)
    raw, source = _parse(text, name)
    if raw is None:
        raise CaseError(name, 1, None, "the file is empty: expected a case (run `nonref new` for a template)")
    if not isinstance(raw, dict):
        raise CaseError(name, 1, None, f"expected a mapping of case fields at the top level, got {_kind(raw)}")
    try:
        case = Case.model_validate(raw)
    except ValidationError as e:
        raise _first_error(e, source, raw) from None
    return LoadedCase(case, source)


def _decode(data: bytes | str, name: str) -> str:
    if isinstance(data, str):
        text = data
    else:
        if len(data) > MAX_BYTES:
            raise CaseError(name, None, None, f"file too large: expected a case file under {MAX_BYTES // 1024 // 1024} MB")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CaseError(name, None, None, f"expected a UTF-8 text file, got binary data (byte {e.start})") from None
    if "\x00" in text:
        raise CaseError(name, text.count("\n", 0, text.index("\x00")) + 1, None, "expected a text file, got binary data (a NUL byte)")
    return text


def _parse(text: str, name: str) -> tuple[Any, Source]:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(str(x).strip() for x in (e.context, e.problem) if x)
        if "duplicate key" in what:
            what = f"duplicate key{_quoted_key(str(e.problem))}: each field may appear once"
        raise CaseError(name, line, None, f"invalid YAML: {what}") from None
    except YAMLError as e:
        raise CaseError(name, None, None, f"invalid YAML: {str(e).splitlines()[0]}") from None
    except RecursionError:
        raise CaseError(name, None, None, "invalid YAML: nested too deeply") from None
    source = Source(name, {(): 1})
    return _Plain(source, name).convert(tree, ()), source


def _quoted_key(problem: str) -> str:
    start = problem.find('"')
    return " " + problem[start: problem.find('"', start + 1) + 1] if start >= 0 else ""


class _Plain:
    """Copy a ruamel tree into dicts, lists and scalars, recording lines, bounding size."""

    def __init__(self, source: Source, name: str):
        self.source, self.name, self.nodes = source, name, 0

    def convert(self, node: Any, path: Path_, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > 50:
            raise CaseError(self.name, self.source.line(path), _dotted(path) or None,
                            "too many values or nested too deeply (an alias bomb?): expected a case file of ordinary size")
        if isinstance(node, CommentedMap):
            out = {}
            for key, value in node.items():
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise CaseError(self.name, node.lc.line + 1, _dotted(path) or None, f"expected a plain field name, got {key!r}")
                key = str(key)
                self.source.lines[path + (key,)] = node.lc.key(key)[0] + 1 if key in node.lc.data else node.lc.line + 1
                out[key] = self.convert(value, path + (key,), depth + 1)
            return out
        if isinstance(node, CommentedSeq):
            out_list = []
            for i, value in enumerate(node):
                self.source.lines[path + (i,)] = node.lc.item(i)[0] + 1 if i in node.lc.data else node.lc.line + 1
                out_list.append(self.convert(value, path + (i,), depth + 1))
            return out_list
        if node is None or isinstance(node, (bool, int, float, dt.date)):
            return node
        if isinstance(node, str) and type(node).__name__ in ("str", "ScalarString", "DoubleQuotedScalarString",
                                                              "SingleQuotedScalarString", "LiteralScalarString",
                                                              "FoldedScalarString", "PlainScalarString"):
            return str(node)
        tag = getattr(getattr(node, "tag", None), "value", None) or type(node).__name__
        raise CaseError(self.name, self.source.line(path), _dotted(path) or None, f"expected plain YAML data, got a value tagged {tag}")


def _first_error(e: ValidationError, source: Source, raw: dict) -> CaseError:
    err = e.errors(include_url=False)[0]
    loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and "[" in x))  # drop union-member tags
    msg = err["msg"]
    if msg.startswith("Value error, @"):  # a cross-reference error: "@path: message"
        where, _, msg = msg[len("Value error, @"):].partition(": ")
        loc = tuple(int(p) if p.isdigit() else p for p in where.split("."))
        return CaseError(source.file, source.line(loc), _dotted(loc), msg)
    if err["type"] == "extra_forbidden":
        return CaseError(source.file, source.line(loc), _dotted(loc), _unknown_field(loc, err))
    if err["type"] == "missing":
        return CaseError(source.file, source.line(loc[:-1]), _dotted(loc), "expected this required field, got nothing")
    expected = msg.removeprefix("Value error, ").removeprefix("Input should be ")
    expected = expected if expected.startswith(("a ", "an ", "'", "less", "greater", "at ")) or err["type"].endswith("_error") else expected
    got = err.get("input")
    shown = "nothing" if got is None else (_kind(got) if isinstance(got, (dict, list)) else repr(got))
    if err["type"] == "value_error":
        return CaseError(source.file, source.line(loc), _dotted(loc), expected)
    return CaseError(source.file, source.line(loc), _dotted(loc), f"expected {expected}, got {shown}")


def _unknown_field(loc: Path_, err: dict) -> str:
    allowed = _fields_at(loc[:-1])
    hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    tip = f" (did you mean {hint[0]!r}?)" if hint else (f" (expected one of: {', '.join(allowed)})" if allowed else "")
    return f"unknown field{tip}"


def _fields_at(loc: Path_) -> list[str]:
    """The field names the model allows at a path (for 'did you mean')."""
    ann: Any = Case
    for part in loc:
        ann = _unwrap(ann)
        origin = typing.get_origin(ann)
        if origin is dict:
            ann = typing.get_args(ann)[1]
        elif origin is list:
            ann = typing.get_args(ann)[0]
        elif isinstance(ann, type) and issubclass(ann, BaseModel):
            fields = {f.alias or n: f.annotation for n, f in ann.model_fields.items()}
            ann = fields.get(str(part))
        else:
            return []
    ann = _unwrap(ann)
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return sorted(f.alias or n for n, f in ann.model_fields.items())
    return []


def _unwrap(ann: Any) -> Any:
    """Strip Annotated and Optional/unions down to the member that has fields or items."""
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            ann = typing.get_args(ann)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(ann) if a is not type(None)]
            structured = [a for a in members if typing.get_origin(a) in (list, dict)
                          or (isinstance(a, type) and issubclass(a, BaseModel))]
            ann = (structured or members)[0]
        else:
            return ann


def _dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)
