"""Each input that once crashed, hung or was silently changed, kept as a fixture: it must now give
one line `file:line[:column]: …` and exit code 2 (or, for a valid case, an answer in time)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from test_cli import CHAHAL_TEXT, COMMAND, cli_error, edit, invoke, line_of, write

DECIDED = "decided: 1996-11-15"


# --- 1. dates: invalid or not written YYYY-MM-DD -----------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "2010-02-30",  # day out of range
        "2010-13-01",  # month 13
        "0000-01-01",  # year 0
        "2010-01-01T24:00:00",  # hour 24
        "2010-01-01T10:61:00",  # minute 61
        "2010-01-01T10:00:00+24:00",  # offset out of range
        '"2010W011"',  # an ISO week date: would become 2010-01-04
        "20100101",  # basic format: read as a number, or as a date
        '"20100101"',
    ],
)
def test_a_date_not_written_yyyy_mm_dd_is_one_line(tmp_path, written):
    text = edit(DECIDED, f"decided: {written}")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "decided:"), path="case.decided")
    assert "expected a" in message and "date written YYYY-MM-DD" in message


# --- 2. errors in the text itself name the line and the column ----------------------------------


@pytest.mark.parametrize(
    "data, line, column, words",
    [
        (b"case:\n  title: \xff\xfe\n", 2, 10, "binary data"),
        (b"case:\n  title: a\x1fb\n", 2, 11, "unacceptable character #x001f"),
        (("a: " + "[" * 60 + "]" * 60 + "\n").encode(), 1, 54, "nested too deeply"),
    ],
)
def test_an_error_in_the_text_names_line_and_column(tmp_path, data, line, column, words):
    f = write(tmp_path, data)
    message = cli_error("run", f, file=f, line=line)
    assert message.startswith(f"{f}:{line}:{column}: ") and words in message


# --- 3. a time limit on every command ----------------------------------------------------------


def chain_case(n: int = 100) -> str:
    """The fuzzing find: n states in one chain of onward transfers, every asylum procedure unknown,
    one torture risk of unknown evidence at the end, n - 1 removals (33 s before the fix)."""
    lines = ["case: {title: chain, assessed_on: 2020-01-01}", "states:"]
    lines += [f"  S{i}: {{name: S{i}, bound_by: [cat, echr], asylum_procedure: unknown}}" for i in range(n)]
    lines += [
        f"person: {{nationality: S{n - 1}, status: asylum_seeker, location: {{place: territory, state: S0}}}}",
        "risks:",
        f"  - {{id: r, harm: torture, in: S{n - 1}, source: state, exposure: personal, evidence: unknown}}",
        "onward_transfers:",
    ]
    lines += [f"  - {{from: S{i}, to: S{i + 1}, because: readmission_agreement}}" for i in range(1, n - 1)]
    lines += ["removals:"] + [f"  - {{id: r{i}, by: S0, to: S{i}, kind: deportation}}" for i in range(1, n)]
    return "\n".join(lines) + "\n"


def test_a_long_case_is_stopped_cleanly_at_its_time_limit(tmp_path):
    f = write(tmp_path, chain_case())
    message = cli_error("run", f, "--timeout", "0.001", file=f)
    assert "stopped after 0.001 s (--timeout)" in message
    assert "99 removal(s), 100 state(s), 98 onward transfer(s) and 101 unknown fact(s)" in message


def test_near_the_limit_the_outcomes_come_without_all_their_deciding_facts(tmp_path):
    """The outcomes are cheap; the facts that decide each undetermined removal are looked for in
    half the time left, and the removals left over say so."""
    f = write(tmp_path, chain_case())
    result = invoke("run", f, "--format", "json", "--timeout", "0.5")
    assert result.exit_code == 0, result.output
    removals = json.loads(result.output)["removals"]
    assert {r["outcome"] for r in removals} == {"undetermined"}
    assert not all(r["deciding_complete"] for r in removals)
    assert all(r["deciding"] == {} for r in removals if not r["deciding_complete"])


def test_the_long_chain_is_answered_well_within_the_default_limit(tmp_path):
    f = write(tmp_path, chain_case())
    result = invoke("run", f, "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"outcome": "undetermined"' in result.output


@pytest.mark.parametrize("command", [["run"], ["explain"], ["graph", "-o", "x.dot"], ["variants"], ["check"]])
def test_every_command_takes_a_time_limit(command):
    result = invoke(*command[:1], "--help")
    assert "--timeout SECONDS" in result.output


# --- 4. anything but a regular file is refused before it is opened -----------------------------


def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    p = subprocess.run([*COMMAND, "run", str(fifo)], capture_output=True, text=True, timeout=30)
    assert p.returncode == 2 and p.stderr == f"{fifo}: expected a regular file, got a named pipe\n"


# --- 5. an output path that cannot be written ----------------------------------------------------


def test_an_unwritable_output_path_is_one_line(tmp_path):
    f = write(tmp_path, CHAHAL_TEXT)
    message = cli_error("graph", f, "-o", tmp_path / "missing" / "x.dot")
    assert message == f"error: cannot write '{tmp_path / 'missing' / 'x.dot'}': No such file or directory"


# --- 6. nothing the user wrote is silently changed ------------------------------------------------


@pytest.mark.parametrize(
    "old, new, where, words",
    [
        (
            "    danger_to_security: true",
            "    <<: {danger_to_security: false}\n    danger_to_security: true",
            "<<:",
            "merge key (<<)",
        ),
        ("    danger_to_security: true", "    danger_to_security: !!bool true", "!!bool", "tagged !!bool"),
        (DECIDED, "decided: !!timestamp 1996-11-15", "!!timestamp", "tagged !!timestamp"),
        ("  IND:\n    name: India", "  IND:\n    name: !!str India", "!!str", "tagged !!str"),
    ],
)
def test_yaml_features_that_would_change_the_data_are_refused(tmp_path, old, new, where, words):
    text = edit(old, new)
    f = write(tmp_path, text)
    assert words in cli_error("run", f, file=f, line=line_of(text, where))


def test_a_tag_directive_is_refused(tmp_path):
    f = write(tmp_path, "%TAG !e! tag:example.com,2000:\n---\n" + CHAHAL_TEXT)
    assert "%TAG directive" in cli_error("run", f, file=f, line=1)


@pytest.mark.parametrize(
    "old, new, at, path, words",
    [
        ("    kind: deportation", "    from: IND\n    kind: deportation", "from: IND", "removals[0].from", "expected where the person is (GBR)"),
        ("  status: asylum_seeker", "  status: stateless", "nationality:", "person.nationality", "expected no nationality for a stateless person"),
        ("    bound_by: [iccpr]", "    bound_by: [iccpr, iccpr]", "[iccpr, iccpr]", "states.IND.bound_by[1]", "expected each item once"),
    ],
)
def test_contradictions_and_duplicates_are_refused(tmp_path, old, new, at, path, words):
    text = edit(old, new)
    f = write(tmp_path, text)
    assert words in cli_error("run", f, file=f, line=line_of(text, at), path=path)


def test_text_of_the_case_is_printed_as_written_never_as_terminal_markup(tmp_path):
    """A title like `[/x]` once crashed the table (rich read it as a closing tag) and `[bold]` was
    swallowed."""
    title = "[/x] a [bold]title[/bold]"
    f = write(tmp_path, edit("title: Chahal v. United Kingdom", f'title: "{title}"'))
    for command in (["run"], ["explain"], ["variants"]):
        result = invoke(*command, f)
        assert result.exit_code == 0, result.output
        assert title in result.output or command != ["run"]
