"""Read a case file safely: YAML 1.2, line numbers kept, duplicate keys and bombs rejected.

ruamel.yaml's round-trip loader reads YAML 1.2 (`NO` stays the string "NO"; a `%YAML 1.1`
directive is refused), rejects duplicate keys and records the line of every key and item. Only
plain data is accepted: a tag such as `!!python/object` is refused, never constructed or dropped,
and a key must be text (YAML would read `010:` as the number 10). The tree is copied into plain Python values, counting
nodes so an alias bomb stops at a bound instead of expanding, and each field path is mapped
to its line, so that every validation error can name the line the user wrote.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from .errors import CaseError
from .model import Case, ReferenceError_

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
        with open(path, "rb") as f:
            data = f.read(MAX_BYTES + 1)  # bounded: a huge file or a pipe is never read whole
    except OSError as e:
        raise CaseError(name, None, None, f"cannot read the file ({e.strerror or e})") from None
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
    if len(data) > MAX_BYTES:
        raise CaseError(name, None, None, f"expected a case file of at most {MAX_BYTES // 2**20} MB, got a larger file")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise CaseError(name, None, None, f"expected a UTF-8 text file, got binary data (byte {e.start})") from None
    if "\x00" in data:
        raise CaseError(name, data.count("\n", 0, data.index("\x00")) + 1, None, "expected a text file, got binary data (a NUL byte)")
    return data


def _parse(text: str, name: str) -> tuple[Any, Source]:
    if m := re.search(r"^%YAML[ \t]+(?!1\.2\s)(\S*)", text, re.MULTILINE):  # 1.1 would read `yes` as true
        raise CaseError(name, text.count("\n", 0, m.start()) + 1, None, f"expected YAML 1.2, got a %YAML {m[1]} directive")
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning (a reused anchor) is an error, not lines on stderr
            tree = yaml.load(text)
    except Warning as e:
        lines = re.findall(r"line (\d+), column", str(e))  # the last is where it was found again
        raise CaseError(name, int(lines[-1]) if lines else None, None, f"invalid YAML: {str(e).strip().splitlines()[0]}") from None
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


PLAIN_TAGS = {None, "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:str"}


class _Plain:
    """Copy a ruamel tree into dicts, lists and scalars, recording lines, bounding size."""

    def __init__(self, source: Source, name: str):
        self.source, self.name, self.nodes = source, name, 0

    def error(self, path: Path_, message: str) -> CaseError:
        return CaseError(self.name, self.source.line(path), dotted(path) or None, message)

    def convert(self, node: Any, path: Path_, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > 50:
            raise self.error(path, "too many values or nested too deeply (an alias bomb?): expected a case file of ordinary size")
        tag = getattr(getattr(node, "tag", None), "value", None)
        if tag not in PLAIN_TAGS:  # `!!python/object:…`, `!custom`, …: never constructed, never dropped
            raise self.error(path, f"expected plain YAML data, got a value tagged {tag.replace('tag:yaml.org,2002:', '!!')}")
        if isinstance(node, CommentedMap):
            out = {}
            for key, value in node.items():
                line = _line(node, key)
                if not isinstance(key, str):
                    shown = f"{key!r} (quote it if it is a name)" if isinstance(key, (int, float)) and not isinstance(key, bool) else repr(key)
                    raise CaseError(self.name, line, dotted(path) or None, f"expected a text key, got {shown}")
                key = str(key)
                self.source.lines[path + (key,)] = line
                out[key] = self.convert(value, path + (key,), depth + 1)
            return out
        if isinstance(node, CommentedSeq):
            out_list = []
            for i, value in enumerate(node):
                self.source.lines[path + (i,)] = _line(node, i)
                out_list.append(self.convert(value, path + (i,), depth + 1))
            return out_list
        if isinstance(node, TaggedScalar):  # `!!str 10`
            return str(node.value)
        if isinstance(node, str):
            return str(node)
        if isinstance(node, (bool, ScalarBoolean)):  # an anchored boolean is a ScalarBoolean, an int
            return bool(node)
        if isinstance(node, int):
            return int(node)
        if isinstance(node, float):
            return float(node)
        if node is None or isinstance(node, dt.date):  # a datetime too: the model refuses it with a message
            return node
        raise self.error(path, f"expected plain YAML data, got {type(node).__name__}")


def _line(node: CommentedMap | CommentedSeq, key: Any) -> int:
    """1-based line of a key or item; the collection's own line if ruamel kept none."""
    if node.lc.data and key in node.lc.data:
        return node.lc.data[key][0] + 1
    return node.lc.line + 1


def _first_error(e: ValidationError, source: Source, raw: dict) -> CaseError:
    errors = [dict(err, loc=_real_path(err["loc"], raw)) for err in e.errors(include_url=False)]
    # A typo'd field explains the "missing" error beside it; in a union, the deepest error
    # belongs to the member the user meant.
    err = min(errors, key=lambda x: (x["type"] != "extra_forbidden", -len(x["loc"])))
    loc, msg = err["loc"], err["msg"].removeprefix("Value error, ")
    if isinstance(ref := err.get("ctx", {}).get("error"), ReferenceError_):  # a cross-reference in Case
        loc, msg = ref.path, ref.message
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
            structured = [a for a in members if typing.get_origin(a) in (list, dict)
                          or (isinstance(a, type) and issubclass(a, BaseModel))]
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
