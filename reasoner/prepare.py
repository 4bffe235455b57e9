"""The case as a command asks for it: loaded (from a file, YAML text or a mapping), dated
(`--as-of`) and with facts assumed (`--assume`), and which facts the command line set."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import ValidationError

from .errors import UsageError
from .facts import Facts
from .loader import LoadedCase, Source, dotted, load, load_mapping, loads
from .model import Case


def as_loaded(case: str | Path | dict | Case | LoadedCase, as_of: dt.date | None = None) -> LoadedCase:
    """The case loaded, with its assessment date replaced by `as_of` if given. A `str` with a
    line break (or that opens a mapping, `{`) is YAML text; any other `str` or `Path` a file; a
    `dict` a parsed case (what `yaml.load` or `json.load` gives)."""
    if isinstance(case, LoadedCase):
        loaded = case
    elif isinstance(case, Case):
        loaded = LoadedCase(case, Source("<case>"))
    elif isinstance(case, dict | list):  # parsed data: a list is refused as not a case
        loaded = load_mapping(case)
    elif isinstance(case, str) and ("\n" in case or case.lstrip().startswith("{")):
        loaded = loads(case)
    else:
        loaded = load(case)
    if as_of is None:
        return loaded
    dated = loaded.case.case.model_copy(update={"assessed_on": as_of})
    return LoadedCase(loaded.case.model_copy(update={"case": dated}), loaded.source)


def mark_options(facts: Facts, variants: dict[str, str] | None, as_of: dt.date | None, assumed: list[tuple] = ()) -> None:
    """Record which facts the command line set, so an explanation says so instead of citing the file."""
    for axis in variants or {}:
        facts.options[("variants", axis)] = "--variant"
    if as_of is not None:
        facts.options[("case", "assessed_on")] = "--as-of"
    for path in assumed:
        facts.options[path] = "--forum" if path == ("forum",) else "--assume"


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"[^.\[\]]+(?:\.[^.\[\]]+|\[\d+\])*")


def assume(loaded: LoadedCase, items: dict[str, str]) -> tuple[LoadedCase, list[tuple]]:
    """The case with the facts at `items` (field path -> value, e.g. "assurances[0].verifiable" ->
    "true") replaced, as if the file said so; and the paths replaced. Raises UsageError."""
    if not items:
        return loaded, []
    data = loaded.case.model_dump(mode="json", by_alias=True)
    paths = []
    for text, value in items.items():
        if not _PATH.fullmatch(text):
            raise UsageError(f"--assume {text}={value}: expected a field path such as assurances[0].verifiable")
        path = tuple(int(i) if i else name for name, i in _STEP.findall(text))
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            if path[-1] not in node if isinstance(node, dict) else not 0 <= path[-1] < len(node):
                raise KeyError(path[-1])
        except (KeyError, IndexError, TypeError):
            raise UsageError(f"--assume {text}={value}: the case has no field {text}") from None
        node[path[-1]] = None if path == ("forum",) and value == "none" else {"true": True, "false": False}.get(value, value)
        paths.append(path)
    try:
        case = Case.model_validate(data)
    except ValidationError as e:
        errors = e.errors()
        loc = tuple(errors[0]["loc"])
        for path, (text, value) in zip(paths, items.items(), strict=True):
            if loc[: len(path)] == path:  # the assumed value itself is wrong: say what the field takes
                wanted = "; ".join(dict.fromkeys(err["msg"] for err in errors if tuple(err["loc"])[: len(path)] == path))
                raise UsageError(f"--assume {text}={value}: {wanted}") from None
        raise UsageError(f"--assume: {dotted(loc)}: {errors[0]['msg']}") from None
    return LoadedCase(case, loaded.source), paths
