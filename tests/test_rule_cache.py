"""The compiled rule base kept between processes: plain data that explains exactly as a fresh
compile does; a damaged, truncated, stale or foreign file (a pickle above all) is never run,
only passed over and written afresh; a folder that cannot be written means compiling every
time, quietly; the files of older rule bases are removed."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import time
import warnings
from pathlib import Path

import pytest
from nonref.explain import engine
from nonref.explain.engine import Fn, RuleIndex, Var
from nonref.explain.graph import explain

ROOT = Path(__file__).parent.parent
CASES = ROOT / "cases"


# --- helpers -------------------------------------------------------------------------------


def _shape(p):
    """A pattern as comparable data, worked out apart from the engine's own conversion."""
    if type(p) is Var:
        return ("var", p.name)
    if type(p) is Fn:
        return ("fn", p.name, tuple(map(_shape, p.args)))
    if type(p) is tuple:
        return ("term", tuple(map(_shape, p)))
    return (type(p).__name__, p)


def _index_shape(index) -> list:
    return [
        (
            key,
            [
                (
                    r.id,
                    _shape(r.head),
                    [(cond.kind, _shape(cond.term), _shape(cond.left), cond.op, _shape(cond.right), cond.vars, cond.key) for cond in r.body],
                )
                for r in rules
            ],
        )
        for key, rules in index.items()
    ]


@pytest.fixture(scope="module")
def compiled() -> RuleIndex:
    """The rule base compiled in this process, never read from a file."""
    ids = {(r.file, r.line): r.id for r in engine.rulebase.rules()}
    return engine.index_by_head(engine.compile_rules(engine.rulebase.encoding_files(), lambda name, line: ids[(name, line)]))


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """nonref's cache folder, moved to a folder of the test's own (not made yet)."""
    folder = tmp_path / "cache" / "nonref"
    monkeypatch.setattr(engine, "_cache_dir", lambda: folder)
    return folder


def _kept(folder: Path) -> Path:
    (path,) = [p for p in folder.iterdir() if p.name.startswith("rules-") and not p.name.endswith(".tmp")]
    return path


def _source(folder: Path) -> str:
    return re.fullmatch(r"rules-([0-9a-f]{16})\..*", _kept(folder).name).group(1)


def _load(monkeypatch) -> RuleIndex:
    """The rule base, read from the folder: compiling it fails the test."""
    with monkeypatch.context() as m:
        m.setattr(engine, "compile_rules", lambda *a, **k: pytest.fail("compiled, not read from the folder"))
        return engine.rulebase_index.__wrapped__()


def _compiles(monkeypatch) -> list:
    """Count the compiles from now on."""
    calls, compile_rules = [], engine.compile_rules

    def counted(*args, **kwargs):
        calls.append(1)
        return compile_rules(*args, **kwargs)

    monkeypatch.setattr(engine, "compile_rules", counted)
    return calls


class _Trap:
    """Unpickled, it creates the marker file."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return open, (str(self.marker), "w")


def _pickled_trap(marker: Path) -> bytes:
    return pickle.dumps(_Trap(marker))


def _explained(index: RuleIndex, monkeypatch) -> list:
    """The justification graphs of a simple case and of a chain of onward transfers, made with
    these rules."""
    with monkeypatch.context() as m:
        m.setattr(engine, "rulebase_index", lambda: index)
        graphs = [
            explain(CASES / "chahal-v-uk.yaml", "deportation", assumed={"forum": "none"}),
            explain(CASES / "aaa-v-sshd-rwanda.yaml", "transfer-to-rwanda"),
        ]
    return graphs


# --- a kept index is the compiled one ----------------------------------------------------------


def test_a_kept_index_is_the_compiled_one_and_explains_alike(folder, compiled, monkeypatch):
    written = engine.rulebase_index.__wrapped__()  # compiles, and writes the file
    kept = _kept(folder)
    assert kept.name.endswith(".json") and kept.stat().st_size > 0
    loaded = _load(monkeypatch)
    assert type(loaded) is RuleIndex and loaded is not written
    assert _index_shape(loaded) == _index_shape(compiled) == _index_shape(written)
    assert loaded.recursive == compiled.recursive
    assert sorted(loaded.rank.values()) == sorted(compiled.rank.values())
    # as in a compile, every occurrence of a variable is an object of its own
    occurrences = [
        a for rules in loaded.values() for r in rules for cond in r.body if type(cond.term) is Fn for a in cond.term.args if type(a) is Var
    ]
    assert len({id(v) for v in occurrences}) == len(occurrences)

    with_cache, without = _explained(loaded, monkeypatch), _explained(compiled, monkeypatch)
    for a, b in zip(with_cache, without, strict=True):
        assert [n.label for n in a.nodes.values()] == [n.label for n in b.nodes.values()]
        assert a.to_json() == b.to_json()
    assert "GBR is bound by the Refugee Convention" in {n.label for n in with_cache[0].nodes.values()}


# --- damaged, stale, foreign files ---------------------------------------------------------


def _damaged(good: bytes, marker: Path, source: str) -> dict[str, bytes]:
    """Files that are not a whole, current index of this rule base. A good file is a line naming
    the format, a line with the SHA-256 of the payload, and the payload."""
    magic_end = good.index(b"\n") + 1
    payload = good[good.index(b"\n", magic_end) + 1 :]

    def sealed(payload: bytes) -> bytes:  # with the right digest
        return good[:magic_end] + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload

    trap = _pickled_trap(marker)
    flipped = bytearray(good)
    flipped[-10] ^= 0x01
    assert sealed(payload) == good and source.encode() in payload and b'"C1.1"' in payload
    return {
        "empty": b"",
        "garbage": b"\x00\xffnot an index at all" * 50,
        "truncated": good[: len(good) // 2],
        "truncated header": good[:20],
        "one bit flipped": bytes(flipped),
        "a rule renamed, the digest not": good.replace(b'"C1.1"', b'"X1.1"', 1),
        "a pickle": trap,
        "a pickle after the header": sealed(trap),
        "another rule base": sealed(payload.replace(source.encode(), b"0" * 16)),  # under this one's name
        "json that is not an index": sealed(b'["%s", [[1, 2, 3]]]' % source.encode()),
        "an index of another format": b"nonref compiled rules, format 0\n" + good[magic_end:],
    }


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "garbage",
        "truncated",
        "truncated header",
        "one bit flipped",
        "a rule renamed, the digest not",
        "a pickle",
        "a pickle after the header",
        "another rule base",
        "json that is not an index",
        "an index of another format",
    ],
)
def test_a_file_that_is_not_a_current_index_is_passed_over_and_replaced(kind, folder, compiled, tmp_path, monkeypatch, capsys):
    engine.rulebase_index.__wrapped__()
    kept = _kept(folder)
    good = kept.read_bytes()
    marker = tmp_path / "unpickled"
    bad = _damaged(good, marker, _source(folder))[kind]
    kept.write_bytes(bad)
    compiles = _compiles(monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        index = engine.rulebase_index.__wrapped__()
    assert compiles == [1]  # compiled again
    assert _index_shape(index) == _index_shape(compiled)
    assert not marker.exists()  # never unpickled
    assert kept.read_bytes() == good  # written afresh
    assert capsys.readouterr() == ("", "")


def test_a_pickle_in_every_file_nonref_might_look_at_is_never_run(folder, compiled, tmp_path, monkeypatch):
    marker = tmp_path / "unpickled"
    trap = _pickled_trap(marker)
    # the payload is live: unpickled, it does make the marker
    probe = tmp_path / "probe"
    pickle.loads(_pickled_trap(probe))
    assert probe.exists()

    engine.rulebase_index.__wrapped__()
    source = _source(folder)
    for name in (f"rules-{source}.json", f"rules-{source}.pickle", "rules-0123456789abcdef.pickle"):
        (folder / name).write_bytes(trap)
    index = engine.rulebase_index.__wrapped__()
    index = engine.rulebase_index.__wrapped__()
    assert _index_shape(index) == _index_shape(compiled)
    assert not marker.exists()
    assert [p.name for p in folder.iterdir()] == [f"rules-{source}.json"]  # the pickles removed


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="links")
def test_a_link_in_place_of_the_file_is_not_followed(folder, compiled, tmp_path, monkeypatch):
    engine.rulebase_index.__wrapped__()
    kept = _kept(folder)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(kept.read_bytes())
    kept.unlink()
    kept.symlink_to(elsewhere)
    compiles = _compiles(monkeypatch)
    engine.rulebase_index.__wrapped__()
    assert compiles == [1]
    assert not kept.is_symlink() and kept.read_bytes() == elsewhere.read_bytes()  # the link replaced, not its target


# --- no folder, or one that cannot be written ----------------------------------------------


def _quietly_compiles(monkeypatch, capsys, compiled) -> None:
    compiles = _compiles(monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for _ in range(2):
            assert _index_shape(engine.rulebase_index.__wrapped__()) == _index_shape(compiled)
    assert compiles == [1, 1]  # compiled every time
    assert capsys.readouterr() == ("", "")


def test_a_folder_that_cannot_be_made_means_compiling_every_time(tmp_path, monkeypatch, capsys, compiled):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(engine, "_cache_dir", lambda: blocker / "nonref")
    _quietly_compiles(monkeypatch, capsys, compiled)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_folder_means_compiling_every_time(tmp_path, monkeypatch, capsys, compiled):
    folder = tmp_path / "nonref"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("permissions are not enforced for this user")
        monkeypatch.setattr(engine, "_cache_dir", lambda: folder)
        _quietly_compiles(monkeypatch, capsys, compiled)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_no_cache_folder_at_all_means_compiling_every_time(monkeypatch, capsys, compiled):
    monkeypatch.setattr(engine, "_cache_dir", lambda: None)
    _quietly_compiles(monkeypatch, capsys, compiled)


def test_a_missing_folder_is_made(folder, monkeypatch):
    assert not folder.exists()
    engine.rulebase_index.__wrapped__()
    assert _kept(folder).is_file()
    _load(monkeypatch)


def test_the_folder_is_the_platforms_cache_folder(monkeypatch):
    import platformdirs

    assert engine._cache_dir() == Path(platformdirs.user_cache_dir("nonref", appauthor=False))

    def broken(*args, **kwargs):
        raise RuntimeError("no home")

    monkeypatch.setattr(platformdirs, "user_cache_dir", broken)
    assert engine._cache_dir() is None
    monkeypatch.setattr(platformdirs, "user_cache_dir", lambda *a, **k: "relative/nonref")
    assert engine._cache_dir() is None  # never the working directory


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG is read on Linux")
def test_on_linux_the_folder_follows_xdg_cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert engine._cache_dir() == tmp_path / "nonref"


# --- pruning -----------------------------------------------------------------------------------


def test_writing_an_index_removes_those_of_older_rule_bases(folder, tmp_path):
    folder.mkdir(parents=True)
    old = ["rules-0123456789abcdef.json", "rules-fedcba9876543210.pickle", "rules-0123456789abcdef.4242.tmp", "rules-0123456789abcdef.tmp3kx_q1.tmp"]
    kept = ["notes.txt", "rules-readme.txt", "rules-0123456789abcdef.json.bak", "rules-1111111111111111.777.tmp"]
    for name in old + kept:
        (folder / name).write_bytes(b"x")
    a_day_ago = time.time() - 86400
    for name in old[2:]:  # left by processes that stopped
        os.utime(folder / name, (a_day_ago, a_day_ago))
    # rules-1111111111111111.777.tmp is new: being written by another process
    target = tmp_path / "target"
    target.write_text("keep me")
    linked = "rules-2222222222222222.json"
    if hasattr(os, "symlink") and sys.platform != "win32":
        (folder / linked).symlink_to(target)
        old.append(linked)

    engine.rulebase_index.__wrapped__()
    (current,) = {p.name for p in folder.iterdir()} - set(old + kept)
    assert re.fullmatch(r"rules-[0-9a-f]{16}\.json", current)
    assert sorted(p.name for p in folder.iterdir()) == sorted(kept + [current])
    assert target.read_text() == "keep me"  # a link is removed, never what it points to


def test_reading_an_index_writes_and_removes_nothing(folder, monkeypatch):
    engine.rulebase_index.__wrapped__()
    other = folder / "rules-0123456789abcdef.json"
    other.write_bytes(b"another rule base's, perhaps another installation's")
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    _load(monkeypatch)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


# --- no pickle in the package --------------------------------------------------------------------


def test_no_pickle_is_imported_in_the_package():
    import nonref
    import nonref.encodings
    import nonref.explain

    # the installed package (an editable install: the repository's folders) and the sources here
    folders = {Path(m.__file__).parent for m in (nonref, nonref.explain, nonref.encodings)} | {ROOT / "reasoner", ROOT / "explain"}
    found = []
    pattern = re.compile(
        r"^\s*(?:import\s+[\w., ]*\b(?:c?pickle|_pickle|shelve|dill)\b"
        r"|from\s+(?:c?pickle|_pickle|shelve|dill)\b\s+import)|__import__\(\s*['\"](?:c?pickle|_pickle)",
        re.M,
    )
    for folder in folders:
        for source in folder.rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            found += [f"{source.relative_to(ROOT)}: {m.group(0).strip()}" for m in pattern.finditer(text)]
            if re.search(r"\bpickle\.loads?\b", text):
                found.append(f"{source.relative_to(ROOT)}: pickle.load")
    assert found == []
