"""Read a case file safely: YAML 1.2, line numbers kept, duplicate keys and bombs rejected.

The YAML parser's events (ruamel.yaml, with its C parser where installed) are turned straight
into plain Python data by `_Composer`, which reads plain scalars by the YAML 1.2 core schema
(`NO` stays the string "NO"; a `%YAML 1.1` directive is refused) and records the line of every
key and item, so that every validation error can name the line the user wrote. Only plain data
is accepted: any tag (`!!python/object`, `!!bool`, `%TAG`), any merge key (`<<`), a duplicate
key and a key that is not text are refused at their line and column, never constructed, applied
or silently dropped; dates stay text for the case model to read; and an alias bomb is counted,
never expanded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .errors import CaseError
from .model import Case, ReferenceError_

MAX_BYTES = 2 * 1024 * 1024  # a real case file is a few kilobytes
MAX_NODES = 500_000  # values, counting what aliases repeat (a 2 MB case file has far fewer)

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
        kind = os.stat(path).st_mode
        if not stat.S_ISREG(kind):  # a pipe or a device would block or never end
            raise CaseError(name, None, None, f"expected a regular file, got {_file_kind(kind)}")
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded: a huge file is never read whole
    except OSError as e:
        raise CaseError(name, None, None, f"cannot read the file ({e.strerror or e})") from None
    return loads(data, name)


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "something else"


def loads(data: bytes | str, name: str = "<case>") -> LoadedCase:
    text = _decode(data, name)
    raw, source = _parse(text, name)
    if raw is None:
        raise CaseError(name, 1, None, "the file is empty: expected a case (run `nonref new` for a template)")
    return _validated(raw, source)


def load_mapping(raw: Any, name: str = "<case>") -> LoadedCase:
    """A case already parsed (a mapping from YAML or JSON): validated as a file is, without lines."""
    return _validated(raw, Source(name))


def _validated(raw: Any, source: Source) -> LoadedCase:
    if not isinstance(raw, dict):
        raise CaseError(source.file, 1 if source.lines else None, None, f"expected a mapping of case fields at the top level, got {_kind(raw)}")
    try:
        case = Case.model_validate(raw)
    except ValidationError as e:
        raise _first_error(e, source, raw) from None
    return LoadedCase(case, source)


def _decode(data: bytes | str, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise CaseError(name, None, None, f"expected a case file of at most {MAX_BYTES // 2**20} MB, got a larger file")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line, column = _position(data, e.start)
            raise CaseError(name, line, None, f"expected a UTF-8 text file, got binary data (byte {e.start})", column) from None
    if "\x00" in data:
        line, column = _position(data, data.index("\x00"))
        raise CaseError(name, line, None, "expected a text file, got binary data (a NUL byte)", column)
    return data


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A parser's position, kept inside the file: the end of the text is reported on its last line."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, column


def _position(text: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset (a byte offset in bytes)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    start = text.rfind(newline, 0, offset) + 1
    return text.count(newline, 0, offset) + 1, offset - start + 1


def _parse(text: str, name: str) -> tuple[Any, Source]:
    if m := re.search(r"^%YAML[ \t]+(?!1\.2\s)(\S*)", text, re.MULTILINE):  # 1.1 would read `yes` as true
        raise CaseError(name, text.count("\n", 0, m.start()) + 1, None, f"expected YAML 1.2, got a %YAML {m[1]} directive")
    if m := re.search(r"^%TAG\b", text, re.MULTILINE):
        raise CaseError(name, text.count("\n", 0, m.start()) + 1, None, "expected plain YAML data, got a %TAG directive", 1)
    source = Source(name, {(): 1})
    try:
        return _Composer(YAML(typ="safe").parse(text), source).document(), source
    except MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line, column = _within(text, mark.line + 1, mark.column + 1) if mark else (None, None)
        what = " ".join(str(x).strip() for x in (e.context, e.problem) if x)
        raise CaseError(name, line, None, f"invalid YAML: {what}", column) from None
    except ReaderError as e:  # a control character: the reader knows its offset
        line, column = _position(text, e.position)
        raise CaseError(name, line, None, f"invalid YAML: unacceptable character #x{e.character:04x} ({e.reason})", column) from None
    except YAMLError as e:
        raise CaseError(name, None, None, f"invalid YAML: {str(e).splitlines()[0]}") from None


MAX_DEPTH = 50

# YAML 1.2 core schema: how a plain (unquoted) scalar is read. Anything else is text: `NO` is
# Norway, and a date stays text for the case model to read (and refuse 2010-02-30 with a message).
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _scalar(value: str, style: str | None) -> Any:
    if style:  # quoted or block text
        return value
    if _NULL.fullmatch(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if value[:2] in ("0o", "0x") and re.fullmatch(r"0o[0-7]+|0x[0-9a-fA-F]+", value):
        return int(value[2:], 8 if value[1] == "o" else 16)
    if _FLOAT.fullmatch(value):
        special = value.lower().lstrip("+")
        return float(special.replace(".", "")) if special in (".inf", "-.inf", ".nan") else float(value)
    return value


class _Composer:
    """Plain Python data straight from the parser's events, recording the line of every field.

    Only plain data is accepted, each refusal at its line, column and field: any tag (`!!bool`,
    `!!timestamp`, `!!python/object`), a merge key (`<<`), a key that is not text, a duplicate key,
    a reused anchor, nesting deeper than MAX_DEPTH, more than MAX_NODES values counting what aliases
    repeat (an alias bomb is counted, never expanded), and a second document.
    """

    def __init__(self, events: Iterator[Any], source: Source):
        self.events, self.source = events, source
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, its number of values)
        self.nodes = 0

    def error(self, event: Any, path: Path_, message: str) -> CaseError:
        mark = event.start_mark
        return CaseError(self.source.file, mark.line + 1, dotted(path) or None, message, mark.column + 1)

    def document(self) -> Any:
        value = None
        for event in self.events:
            kind = type(event).__name__
            if kind == "DocumentStartEvent":
                if value is not None:
                    raise self.error(event, (), "expected one YAML document, got a second one")
                value = self.node(next(self.events), (), 0)
        return value

    def node(self, event: Any, path: Path_, depth: int) -> Any:
        kind = type(event).__name__
        if kind == "AliasEvent":
            if event.anchor not in self.anchors:
                raise self.error(event, path, f"invalid YAML: found undefined alias {event.anchor!r}")
            value, size = self.anchors[event.anchor]
            self.count(event, path, size)
            return value
        if getattr(event, "tag", None):  # never constructed, never dropped: its meaning would be lost
            raise self.error(event, path, f"expected plain YAML data, got a value tagged {event.tag.replace('tag:yaml.org,2002:', '!!')}")
        if depth > MAX_DEPTH:
            raise self.error(event, path, f"nested too deeply: expected at most {MAX_DEPTH} levels")
        before = self.nodes
        self.count(event, path, 1)
        if kind == "ScalarEvent":
            value = _scalar(event.value, event.style)
        elif kind == "SequenceStartEvent":
            value = []
            while type(item := next(self.events)).__name__ != "SequenceEndEvent":
                i = len(value)
                self.source.lines[path + (i,)] = item.start_mark.line + 1
                value.append(self.node(item, path + (i,), depth + 1))
        else:
            value = self.mapping(path, depth)
        if event.anchor is not None:
            if event.anchor in self.anchors:
                raise self.error(event, path, f"invalid YAML: found duplicate anchor {event.anchor!r}")
            self.anchors[event.anchor] = (value, self.nodes - before)
        return value

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        while type(key_event := next(self.events)).__name__ != "MappingEndEvent":
            if type(key_event).__name__ == "ScalarEvent" and not key_event.tag and key_event.anchor is None:
                key = _scalar(key_event.value, key_event.style)  # a plain key: not a value of the case
            else:
                key = self.node(key_event, path, depth + 1)
            if type(key_event).__name__ == "ScalarEvent" and key_event.value == "<<" and not key_event.style:
                raise self.error(key_event, path, "expected plain YAML data, got a merge key (<<): write the fields out")
            if not isinstance(key, str):
                shown = (
                    f"{key!r} (quote it if it is a name)"
                    if isinstance(key, (int, float)) and not isinstance(key, bool)
                    else ("a mapping" if isinstance(key, dict) else "a list" if isinstance(key, list) else repr(key))
                )
                raise self.error(key_event, path, f"expected a text key, got {shown}")
            if key in out:
                raise self.error(key_event, path, f'invalid YAML: duplicate key "{key}": each field may appear once')
            self.source.lines[path + (key,)] = key_event.start_mark.line + 1
            out[key] = self.node(next(self.events), path + (key,), depth + 1)
        return out

    def count(self, event: Any, path: Path_, n: int) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.error(event, path, "too many values (an alias bomb?): expected a case file of ordinary size")


def _first_error(e: ValidationError, source: Source, raw: dict) -> CaseError:
    errors = [dict(err, loc=_real_path(err["loc"], raw)) for err in e.errors(include_url=False)]
    # A typo'd field explains the "missing" error beside it; in a union, the deepest error
    # belongs to the member the user meant.
    err = min(errors, key=lambda x: (x["type"] != "extra_forbidden", -len(x["loc"])))
    loc, msg = err["loc"], err["msg"].removeprefix("Value error, ")
    if isinstance(ref := err.get("ctx", {}).get("error"), ReferenceError_):  # a cross-reference in Case
        loc, msg = tuple(loc) + ref.path, ref.message  # the path is relative to the model that raised it
    elif err["type"] == "extra_forbidden":
        msg = _unknown_field(loc)
    elif err["type"] == "missing":
        msg = "expected this required field, got nothing"
    elif err["type"] != "value_error":
        msg = f"expected {_expected(err)}, got {_shown(err.get('input'))}{_did_you_mean(err)}"
    return CaseError(source.file, source.line(loc), dotted(loc), msg)


def _real_path(loc: tuple, raw: Any) -> Path_:
    """The error's path in the user's data, without pydantic's union-member tags ('Party', "literal[…]")."""
    path: list[str | int] = []
    node = raw
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(part, int) or (isinstance(node, dict) and i == len(loc) - 1 and "[" not in part):
            node = None  # a field the user left out
        else:
            continue  # a tag
        path.append(part)
    return tuple(path)


def _expected(err: dict) -> str:
    ctx = err.get("ctx", {})
    if err["type"] == "string_too_long":
        return f"at most {ctx['max_length']} characters"
    if err["type"] == "string_too_short":
        return f"at least {ctx['min_length']} character(s)"
    if err["type"] == "too_short":
        return f"at least {ctx['min_length']} item(s)"
    return err["msg"].removeprefix("Input should be ")


def _did_you_mean(err: dict) -> str:
    """For a misspelt vocabulary word (`iccpx`), the nearest allowed one."""
    if err["type"] != "literal_error" or not isinstance(err.get("input"), str):
        return ""
    hint = difflib.get_close_matches(err["input"], re.findall(r"'([^']*)'", err["ctx"]["expected"]), n=1)
    return f" (did you mean {hint[0]!r}?)" if hint else ""


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return "an empty list" if value == [] else _kind(value)
    if isinstance(value, dt.date):
        return str(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _unknown_field(loc: Path_) -> str:
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
            structured = [a for a in members if typing.get_origin(a) in (list, dict) or (isinstance(a, type) and issubclass(a, BaseModel))]
            ann = (structured or members)[0]
        else:
            return ann


def dotted(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)
