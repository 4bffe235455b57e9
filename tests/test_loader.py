"""The safe loader: YAML 1.2, line numbers, and one precise CaseError for each kind of bad input.

The CLI side of the same rule (one line on stderr, exit code 2) is in test_cli.py.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from nonref import analyse, load, loads
from nonref.errors import CaseError

CASES = Path(__file__).parent.parent / "cases"
CHAHAL = (CASES / "chahal-v-uk.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = CHAHAL) -> str:
    """The Chahal case with one exact edit (failing loudly if the case file changed)."""
    assert text.count(old) >= 1, f"{old!r} is not in the case file any more"
    return text.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    """1-based line of the first line containing `fragment`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def error(text: str | bytes) -> CaseError:
    with pytest.raises(CaseError) as info:
        loads(text, "case.yaml")
    assert "\n" not in str(info.value)
    return info.value


# --- what the user wrote is kept as written ---------------------------------------------


@pytest.mark.parametrize("path", sorted(CASES.glob("*.yaml")), ids=lambda p: p.name)
def test_bundled_cases_load(path):
    assert load(path).case.removals


def test_no_is_a_string_norway():
    loaded = loads(edit("IND", "NO"))
    assert "NO" in loaded.case.states
    assert loaded.case.removals[0].to == "NO"
    result = analyse(loaded)
    assert result.removal("deportation").outcome == "prohibited"
    assert result.removal("deportation").to == "NO"


def test_yes_is_not_true():
    text = edit("  status: asylum_seeker ", "  child: yes\n  status: asylum_seeker ")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "child: yes"), "person.child")
    assert "got 'yes'" in e.message


def test_quoted_iso_date_is_accepted():
    loaded = loads(edit("decided: 1996-11-15", 'decided: "1996-11-15"'))
    assert loaded.case.case.decided == dt.date(1996, 11, 15)


def test_invalid_quoted_date():
    text = edit("decided: 1996-11-15", 'decided: "1996-13-15"')
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "decided:"), "case.decided")
    assert "expected a real date written YYYY-MM-DD, got '1996-13-15'" in e.message


def test_a_datetime_is_not_silently_truncated_to_a_date():
    e = error(edit("decided: 1996-11-15", "decided: 1996-11-15T10:00:00"))
    assert e.path == "case.decided"


def test_explicit_str_tag_is_refused_too():
    """Every tag is refused: `!!str`, `!!bool` or `!!timestamp` would silently retype what the user wrote."""
    text = edit('number: "22414/93"', "number: !!str 22414")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "number:"), "case.number")
    assert e.message == "expected plain YAML data, got a value tagged !!str"


def test_anchored_boolean_stays_a_boolean():
    text = edit("    danger_to_security: true", "    danger_to_security: &yes true\n    danger_to_community: *yes")
    conduct = loads(text).case.person.conduct
    assert conduct.danger_to_security is True and conduct.danger_to_community is True


def test_lines_are_recorded_per_field():
    loaded = loads(CHAHAL, "chahal.yaml")
    assert loaded.source.line(("removals", 0, "to")) == line_of(CHAHAL, "    to: IND")
    assert loaded.source.line(("states", "IND", "name")) == line_of(CHAHAL, "name: India")
    assert loaded.source.line(("removals", 0, "nonexistent")) == line_of(CHAHAL, "  - id: deportation")


def test_utf8_bom_is_accepted():
    assert loads("\ufeff".encode() + CHAHAL.encode()).case.case.title == "Chahal v. United Kingdom"


# --- every bad input: one CaseError with line and path ----------------------------------


def test_invalid_yaml():
    text = edit("  IND:\n", "  IND: [\n")
    e = error(text)
    assert e.line is not None and e.message.startswith("invalid YAML")


def test_duplicate_key():
    text = edit("    to: IND\n", "    to: IND\n    to: GBR\n")
    e = error(text)
    assert e.line == line_of(text, "to: GBR")
    assert 'duplicate key "to"' in e.message


def test_wrong_type_number_for_string():
    text = edit("  title: Chahal v. United Kingdom", "  title: 42")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "title: 42"), "case.title")
    assert e.message == "expected a valid string, got 42"


def test_typo_names_the_unknown_field_not_the_missing_one():
    text = edit("    harm: torture", "    harn: torture")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "harn:"), "risks[0].harn")
    assert "did you mean 'harm'?" in e.message


def test_typo_inside_a_union_member():
    text = edit("since: 1989-01-07", "sinse: 1989-01-07")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "sinse"), "states.GBR.bound_by[1].sinse")
    assert "did you mean 'since'?" in e.message


def test_misspelt_vocabulary_word():
    text = edit("    bound_by: [iccpr]", "    bound_by: [iccpx]")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "iccpx"), "states.IND.bound_by[0]")
    assert "got 'iccpx' (did you mean 'iccpr'?)" in e.message


def test_missing_required_field_points_at_its_parent():
    text = edit("  title: Chahal v. United Kingdom\n", "")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "case:"), "case.title")
    assert e.message == "expected this required field, got nothing"


def test_undeclared_state_in_a_removal():
    text = edit("    to: IND", "    to: PAK")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "to: PAK"), "removals[0].to")
    assert e.message == "expected a declared state (GBR, IND), got 'PAK'"


def test_unknown_removal_id_in_expected():
    text = edit("\n  deportation:\n", "\n  deport:\n")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "  deport:"), "expected.deport")
    assert "got 'deport'" in e.message


def test_empty_removals():
    text = edit("removals:\n  - id: deportation\n    by: GBR\n    to: IND\n    kind: deportation\n", "removals: []\n")
    e = error(text.replace("expected:\n  deportation:\n    outcome: prohibited\n    bases: [echr_3]\n", ""))
    assert e.path == "removals" and e.message == "expected at least 1 item(s), got an empty list"


def test_overlong_text_is_shown_shortened():
    e = error(edit("  title: Chahal v. United Kingdom", "  title: " + "x" * 3000))
    assert e.message.startswith("expected at most 2000 characters, got 'xxx")
    assert len(str(e)) < 200


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n"])
def test_empty_file(text):
    e = error(text)
    assert e.line == 1 and "empty" in e.message


def test_top_level_list():
    assert "expected a mapping of case fields" in error("- a\n- b\n").message


def test_binary_data():
    assert "binary data" in error(bytes(range(256)) * 4).message


def test_nul_byte_in_utf8_text():
    e = error(CHAHAL.encode() + b"\x00")
    assert "NUL" in e.message


def test_too_large():
    assert "at most 2 MB" in error(b"a: " + b"x" * (3 * 2**20)).message


def test_alias_bomb_is_stopped_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    start = time.perf_counter()
    e = error("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 5
    assert "alias bomb" in e.message


def test_deep_nesting():
    assert "nested too deeply" in error("a: " + "[" * 20000 + "\n").message


@pytest.mark.parametrize(
    "tagged",
    [
        "case: !!python/object:argparse.Namespace {title: x}",
        "!!python/object:os.system {}",
        'case: !!python/object/apply:os.system ["echo pwned"]',
        "case: !!python/name:os.system",
        "case: !custom [a]",
        "case: !custom x",
        "case: !!set {a, b}",
    ],
)
def test_tags_are_refused(tagged):
    assert "expected plain YAML data" in error(tagged + "\n").message


def test_python_tag_names_line_and_path():
    text = edit("  title: Chahal v. United Kingdom", "  title: !!python/object/apply:os.system [id]")
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "title:"), "case.title")
    assert "!!python/object/apply:os.system" in e.message


def test_number_as_key_is_refused_not_converted():
    text = edit("  IND:\n", "  010:\n")  # YAML 1.2 would read 10 (and 0o10 would be 8)
    e = error(text)
    assert (e.line, e.path) == (line_of(text, "010:"), "states")
    assert e.message.startswith("expected a text key, got 10")


def test_newline_in_a_key_stays_on_one_line():
    text = 'case: {title: x}\nstates:\n  "A\\nB": {name: x, nmae: y}\n'
    e = error(text)
    assert e.path == "states.A\nB.nmae"
    assert "states.A\\nB.nmae" in str(e) and "\n" not in str(e)


def test_missing_file(tmp_path):
    with pytest.raises(CaseError, match="cannot read the file"):
        load(tmp_path / "nope.yaml")


def test_directory(tmp_path):
    with pytest.raises(CaseError, match="expected a regular file, got a directory"):
        load(tmp_path)


def test_reused_anchor_is_one_error_not_a_warning(recwarn):
    e = error("a: &x 1\nb: &x 2\n")
    assert (e.line, e.message) == (2, "invalid YAML: found duplicate anchor 'x'")
    assert not recwarn.list


@pytest.mark.parametrize("version", ["1.1", "1.3"])
def test_only_yaml_1_2(version):
    e = error(f"%YAML {version}\n---\n" + edit("  status: asylum_seeker ", "  child: yes\n  status: asylum_seeker "))
    assert (e.line, e.message) == (1, f"expected YAML 1.2, got a %YAML {version} directive")


def test_yaml_1_2_directive_is_accepted():
    assert loads("%YAML 1.2\n---\n" + CHAHAL).case.states.keys() == {"GBR", "IND"}


def test_multiple_documents():
    assert "expected one YAML document" in error(CHAHAL + "---\n" + CHAHAL).message
