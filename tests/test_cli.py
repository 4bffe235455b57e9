"""The `nonref` command line: happy paths, and the bad-input rule.

Every error in a case file gives ONE line on stderr, `file:line: field.path: expected …, got …`,
exit code 2, and never a traceback. Checked in-process with click's runner on `nonref.cli.cli`,
and a few times through the installed console script, for the real exit code and stderr.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from nonref.cli import cli

CASES = Path(__file__).parent.parent / "cases"
CHAHAL = CASES / "chahal-v-uk.yaml"
CHAHAL_TEXT = CHAHAL.read_text(encoding="utf-8")

SCRIPT = Path(sys.executable).parent / "nonref"
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "nonref.cli"]


def invoke(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def subprocess_run(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(COMMAND + [str(a) for a in args], capture_output=True, text=True, timeout=120)


def write(tmp_path: Path, text: str | bytes, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def edit(old: str, new: str) -> str:
    assert old in CHAHAL_TEXT, f"{old!r} is not in the Chahal case any more"
    return CHAHAL_TEXT.replace(old, new)


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def one_error(exit_code: int, stdout: str, stderr: str, file: Path | str | None = None, line: int | None = None, path: str | None = None) -> str:
    """Assert the bad-input rule and return the single error line."""
    assert exit_code == 2, (exit_code, stdout, stderr)
    assert stdout == ""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    message = lines[0]
    if file is not None:
        where = re.escape(f"{file}:{line}" if line is not None else str(file))
        column = r"(:\d+)?" if line is not None else ""  # errors in the text itself also give the column
        assert re.match(f"{where}{column}: " + (re.escape(f"{path}: ") if path else ""), message), message
    return message


def cli_error(*args, **where) -> str:
    result = invoke(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return one_error(result.exit_code, result.stdout, result.stderr, **where)


def script_error(*args, **where) -> str:
    p = subprocess_run(*args)
    return one_error(p.returncode, p.stdout, p.stderr, **where)


# --- the ten kinds of bad input ---------------------------------------------------------


def test_invalid_yaml_syntax(tmp_path):
    text = edit("    kind: deportation", "    kind: deportation: now")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "deportation: now"))
    assert "invalid YAML: mapping values are not allowed" in message
    assert script_error("run", f) == message


@pytest.mark.parametrize(
    "old, new, path, got",
    [
        ("  status: asylum_seeker ", "  child: yes\n  status: asylum_seeker ", "person.child", "expected a valid boolean, got 'yes'"),
        ("  title: Chahal v. United Kingdom", "  title: 42", "case.title", "expected a valid string, got 42"),
        ("    to: IND", "    to: 356", "removals[0].to", "expected a valid string, got 356"),
        ("    danger_to_security: true", "    danger_to_security: 1", "person.conduct.danger_to_security", "got 1"),
        ("    bound_by: [iccpr]", "    bound_by: iccpr", "states.IND.bound_by", "expected a valid list, got 'iccpr'"),
    ],
)
def test_wrong_type(tmp_path, old, new, path, got):
    text = edit(old, new)
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, new.strip().splitlines()[0]), path=path)
    assert got in message


def test_typo_gets_a_hint(tmp_path):
    text = edit("    exposure: personal", "    exposre: personal")
    f = write(tmp_path, text)
    message = cli_error("check", f, file=f, line=line_of(text, "exposre"), path="risks[0].exposre")
    assert message.endswith("unknown field (did you mean 'exposure'?)")


def test_unknown_top_level_field_lists_the_fields(tmp_path):
    f = write(tmp_path, CHAHAL_TEXT + "\nremoval: []\n")
    message = cli_error("run", f, file=f, line=len(CHAHAL_TEXT.splitlines()) + 2, path="removal")
    assert "did you mean 'removals'?" in message


def test_duplicate_key(tmp_path):
    text = edit("    kind: deportation\n", "    kind: deportation\n    kind: extradition\n")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "kind: extradition"))
    assert 'duplicate key "kind"' in message


def test_duplicate_state_code(tmp_path):
    text = edit("  IND:\n    name: India\n", "  IND:\n    name: India\n  IND:\n    name: India again\n")
    f = write(tmp_path, text)
    assert 'duplicate key "IND"' in cli_error("run", f, file=f, line=line_of(text, "India again") - 1)


def test_undeclared_state_in_a_removal(tmp_path):
    text = edit("    by: GBR", "    by: FRA")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "by: FRA"), path="removals[0].by")
    assert message.endswith("expected a declared state (GBR, IND), got 'FRA'")
    assert script_error("run", f) == message


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing yet\n", "---\n"])
def test_empty_file(tmp_path, text):
    f = write(tmp_path, text)
    assert "the file is empty" in cli_error("run", f, file=f, line=1)


def test_binary_file(tmp_path):
    f = write(tmp_path, bytes(range(256)) * 64, "case.bin")
    assert "binary data" in cli_error("run", f, file=f, line=2)  # the first byte that is not UTF-8: line 2, column 118
    assert "binary data" in script_error("check", f, file=f, line=2)


def test_fifty_megabyte_file(tmp_path):
    f = tmp_path / "huge.yaml"
    with f.open("w") as out:
        out.write("case:\n  title: huge\n  summary: ")
        chunk = "a" * 2**20
        for _ in range(50):
            out.write(chunk)
        out.write("\n")
    assert f.stat().st_size > 50 * 10**6
    assert "at most 2 MB" in cli_error("run", f, file=f)
    assert "at most 2 MB" in script_error("run", f, file=f)


def test_alias_bomb(tmp_path):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    f = write(tmp_path, "\n".join(lines) + "\n")
    assert "alias bomb" in script_error("run", f, file=f, line=6)  # where the count passes the bound


def test_injection_in_a_state_code_is_data(tmp_path):
    code = "x). #show. y("
    f = write(tmp_path, CHAHAL_TEXT.replace("IND", f'"{code}"'))
    result = invoke("run", f, "--format", "json")
    assert result.exit_code == 0, result.output
    removal = json.loads(result.stdout)["removals"][0]
    assert removal["to"] == code
    assert removal["outcome"] == "prohibited"
    assert {b["article"] for b in removal["bases"] if b["prohibits"]} == {"echr_3"}  # the ECtHR's question (forum)
    assert "cat_3" in removal["outside_forum"]
    assert {b["place"] for b in removal["bases"]} == {code}

    p = subprocess_run("run", f)
    assert p.returncode == 0 and p.stderr == ""
    assert code in p.stdout and "PROHIBITED" in p.stdout


def test_injection_in_ids_and_text_is_data(tmp_path):
    rid = 'de"). prohibited("x'
    text = edit("- id: deportation", f"- id: '{rid}'").replace("\n  deportation:", f"\n  '{rid}':")
    text = text.replace("torture-punjab-police", '"r). #false."')
    f = write(tmp_path, text)
    result = invoke("run", f, "--format", "json")
    assert result.exit_code == 0, result.output
    removal = json.loads(result.stdout)["removals"][0]
    assert (removal["id"], removal["outcome"]) == (rid, "prohibited")
    assert {b["risk"] for b in removal["bases"]} == {"r). #false."}


@pytest.mark.parametrize("tag", ["!!python/object:os.system {}", '!!python/object/apply:os.system ["echo pwned"]'])
def test_python_object_tag_is_refused(tmp_path, tag):
    text = edit("  title: Chahal v. United Kingdom", f"  title: {tag}")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "title:"), path="case.title")
    assert "expected plain YAML data, got a value tagged !!python/object" in message
    assert "pwned" not in message
    assert script_error("run", f) == message


# --- further bad input ------------------------------------------------------------------


def test_missing_file(tmp_path):
    f = tmp_path / "no-such-case.yaml"
    assert "cannot read the file" in cli_error("run", f, file=f)
    assert "cannot read the file" in script_error("check", f, file=f)


def test_directory_instead_of_file(tmp_path):
    assert "expected a regular file, got a directory" in cli_error("run", tmp_path, file=tmp_path)


def test_missing_required_field(tmp_path):
    text = edit("    kind: deportation\n", "")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "- id: deportation"), path="removals[0].kind")
    assert message.endswith("expected this required field, got nothing")


def test_unknown_removal_id_in_expected(tmp_path):
    text = edit("\n  deportation:\n", "\n  expulsion:\n")
    f = write(tmp_path, text)
    message = cli_error("run", f, file=f, line=line_of(text, "  expulsion:"), path="expected.expulsion")
    assert message.endswith("expected the id of a removal (deportation), got 'expulsion'")


@pytest.mark.parametrize(
    "option, words",
    [
        ("status=sometimes", "expected one of treaty_only, customary, jus_cogens, got 'sometimes'"),
        ("colour=red", "unknown variant axis 'colour'"),
        ("jus_cogens", "expected axis=value"),
    ],
)
def test_bad_variant(option, words):
    message = cli_error("run", CHAHAL, "--variant", option)
    assert message.startswith("error: ") and words in message


def test_bad_variant_in_the_case_file(tmp_path):
    f = write(tmp_path, CHAHAL_TEXT + "\nvariants:\n  status: sometimes\n")
    assert "expected one of" in cli_error("check", f)


@pytest.mark.parametrize("args", [["run"], ["run", "x.yaml", "--format", "xml"], ["bogus"], ["run", "x.yaml", "--nope"]])
def test_bad_command_line_is_one_line(args):
    assert cli_error(*args).startswith("error: ")


# --- valid input ------------------------------------------------------------------------


def test_no_is_norway(tmp_path):
    f = write(tmp_path, CHAHAL_TEXT.replace("IND", "NO"))
    result = invoke("run", f, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["removals"][0]["to"] == "NO"


def test_quoted_iso_date(tmp_path):
    f = write(tmp_path, edit("decided: 1996-11-15", 'decided: "1996-11-15"'))
    result = invoke("run", f, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["assessed_on"] == "1996-11-15"


def test_run_text():
    result = invoke("run", CHAHAL)
    assert result.exit_code == 0, result.output
    assert "Chahal v. United Kingdom" in result.stdout
    assert re.search(r"deportation\s+United Kingdom \(GBR\)\s+PROHIBITED", result.stdout)  # the state's name beside its code
    assert "→ India (IND)" in result.stdout
    assert "ECHR art. 3" in result.stdout
    assert result.stderr == ""


def test_run_text_leaves_rule_codes_out_unless_asked():
    plain = invoke("run", CHAHAL).stdout
    assert "(C2)" not in plain and "must admit the person" in plain
    assert "(C2)" in invoke("run", CHAHAL, "--codes").stdout
    footer = [line.strip() for line in plain.splitlines()[-5:]]
    assert any(line.startswith("assessed on") for line in footer) and footer[-1].startswith("nonref ")  # the stamp on lines of its own


def test_explain_opens_on_the_summary():
    short = invoke("explain", CHAHAL)
    assert short.exit_code == 0, short.output
    lines = short.stdout.splitlines()
    assert lines[0].startswith("Chahal v. United Kingdom") and lines[1] == "removal deportation (GBR → IND): PROHIBITED"
    assert "decisive steps:" in lines and any(line.lstrip().startswith("R1.1") for line in lines)
    assert "--full" in lines[-1] and len(lines) < 60
    full = invoke("explain", CHAHAL, "--full").stdout
    assert len(full.splitlines()) > 4 * len(lines)
    data = json.loads(invoke("explain", CHAHAL, "--format", "json").stdout)
    assert data["summary"]["outcome"] == "prohibited" and {s["rule"] for s in data["summary"]["steps"]} >= {"C1.4", "R1.1"}


def test_run_json_schema_fields():
    result = invoke("run", CHAHAL, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out.keys() >= {"schema", "title", "citation", "forum", "file", "assessed_on", "variants", "removals", "stamp"}
    assert out["schema"] == 2
    assert out["title"] == "Chahal v. United Kingdom"
    assert out["assessed_on"] == "1996-11-15"
    assert out["file"] == str(CHAHAL)
    assert set(out["variants"]) == {
        "status",
        "risk_standard",
        "territorial_scope",
        "assurances",
        "art33_reading",
        "cat_actors",
        "custom_exclusion",
        "derogation_reach",
        "third_country_test",
    }
    assert set(out["stamp"]) == {"nonref", "rules", "case", "variants"}
    (removal,) = out["removals"]
    assert removal.keys() >= {
        "id",
        "person",
        "by",
        "from",
        "to",
        "kind",
        "outcome",
        "bases",
        "refugee_law",
        "conduct_irrelevant",
        "obligations",
        "outside_forum",
    }
    assert (removal["id"], removal["by"], removal["from"], removal["to"]) == ("deportation", "GBR", "GBR", "IND")
    assert removal["outcome"] == "prohibited"
    assert removal["refugee_law"] in ("applies", "lifted", "undetermined", "not_applicable", "outside_forum")
    for basis in removal["bases"]:
        assert basis.keys() == {"article", "label", "harm", "place", "risk", "absolute", "prohibits", "lifted_by"}
    assert "echr_3" in {b["article"] for b in removal["bases"] if b["prohibits"]}


def test_run_variant_option():
    result = invoke("run", CHAHAL, "--format", "json", "--variant", "status=jus_cogens")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["variants"]["status"] == "jus_cogens"
    assert "status=jus_cogens" in out["stamp"]["variants"]


def test_run_through_the_console_script():
    p = subprocess_run("run", CHAHAL, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["removals"][0]["outcome"] == "prohibited"


def test_check():
    result = invoke("check", CHAHAL)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{CHAHAL}: ok — 2 states, 1 risks, 1 removals"


def test_new_template_passes_check_and_run(tmp_path):
    result = invoke("new")
    assert result.exit_code == 0
    f = write(tmp_path, result.stdout, "mine.yaml")
    checked = invoke("check", f)
    assert checked.exit_code == 0, checked.output
    ran = invoke("run", f, "--format", "json")
    assert ran.exit_code == 0, ran.output
    assert [r["id"] for r in json.loads(ran.stdout)["removals"]] == ["deportation"]


def test_schema():
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "removals" in schema["properties"]
    assert {"case", "states", "removals"} <= set(schema["required"])
    assert {"person", "persons", "forum"} <= set(schema["properties"])


def test_rules():
    result = invoke("rules")
    assert result.exit_code == 0, result.output
    assert re.search(r"\b[A-Z]\d+\.\d+\b", result.stdout)
    listed = json.loads(invoke("rules", "--format", "json").stdout)
    assert listed and {"id", "reads", "source", "file", "line"} <= listed[0].keys()
    assert {r["id"][0] for r in json.loads(invoke("rules", "--family", "h", "--format", "json").stdout)} == {"H"}


def test_variants_list():
    result = invoke("variants-list")
    assert result.exit_code == 0
    assert result.stdout.startswith("status: ")


def test_help_and_version():
    import tomllib

    from nonref import __version__

    assert invoke("--help").exit_code == 0
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
    assert __version__ == project["version"]
    assert invoke("--version").stdout.strip() == f"nonref, version {__version__}"
    assert invoke("run", "--help").exit_code == 0
