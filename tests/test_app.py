"""`nonref serve` (explain/app.py): the local app's answers, errors and saving, through its HTTP API."""

import json
import shutil
from pathlib import Path

import pytest
from nonref.explain.app import answer, create_app
from starlette.testclient import TestClient

CASES = Path(__file__).parent.parent / "cases"
CHAHAL = (CASES / "chahal-v-uk.yaml").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    for name in ("chahal-v-uk.yaml", "hypothetical-assurances-unknown-scrutiny.yaml"):
        shutil.copy(CASES / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def client(folder):
    return TestClient(create_app(folder))


def test_the_files_of_a_folder_and_their_text(client):
    assert client.get("/api/files").json()["files"] == ["chahal-v-uk.yaml", "hypothetical-assurances-unknown-scrutiny.yaml"]
    got = client.get("/api/file", params={"name": "chahal-v-uk.yaml"}).json()
    assert got["text"] == CHAHAL and len(got["hash"]) == 64
    assert client.get("/api/file", params={"name": "../../etc/passwd"}).status_code == 404  # only the files served
    assert "<textarea" in client.get("/").text


def test_the_answer_follows_the_text(client):
    first = client.post("/api/analyse", json={"text": CHAHAL, "name": "chahal-v-uk.yaml"}).json()
    assert first["ok"] and first["summary"]["outcome"] == "prohibited" and "<svg" in first["svg"]
    weaker = CHAHAL.replace("evidence: substantial_grounds", "evidence: mere_possibility")
    second = client.post("/api/analyse", json={"text": weaker, "name": "chahal-v-uk.yaml"}).json()
    assert second["ok"] and second["analysis"]["removals"][0]["outcome"] == "permitted"


def test_a_bad_edit_is_an_answer_with_its_line(client):
    bad = CHAHAL.replace("status: asylum_seeker", "status: tourist")
    got = client.post("/api/analyse", json={"text": bad, "name": "chahal-v-uk.yaml"}).json()
    assert not got["ok"] and got["error"]["line"] == CHAHAL[: CHAHAL.index("status: asylum_seeker")].count("\n") + 1
    assert "person.status" in got["error"]["message"]
    for body in ("not json", json.dumps([1, 2])):
        assert client.post("/api/analyse", content=body).status_code == 400
    assert client.post("/api/analyse", json={"text": "x" * (1 << 21)}).status_code == 413
    assert client.post("/api/analyse", json={"text": CHAHAL, "variants": {"status": "nonsense"}}).json()["error"]["message"].startswith("error:")


def test_variants_as_of_and_supposed_unknown_facts(client, folder):
    text = (folder / "hypothetical-assurances-unknown-scrutiny.yaml").read_text(encoding="utf-8")
    got = client.post("/api/analyse", json={"text": text}).json()
    assert got["ok"] and got["unknown"], "the case has unknown facts"
    path, values = got["unknown"][0]["path"], got["unknown"][0]["values"]
    outcomes = {client.post("/api/analyse", json={"text": text, "assumed": {path: v}}).json()["analysis"]["removals"][0]["outcome"] for v in values}
    assert outcomes <= {"prohibited", "permitted", "undetermined"} and len(outcomes) >= 1
    dated = client.post("/api/analyse", json={"text": CHAHAL, "as_of": "1990-01-01"}).json()
    assert dated["analysis"]["assessed_on"] == "1990-01-01"
    varied = client.post("/api/analyse", json={"text": CHAHAL, "variants": {"status": "jus_cogens"}}).json()
    assert varied["variants"]["status"] == "jus_cogens"


def test_saving_writes_the_text_as_typed_and_never_over_a_change_on_disk(client, folder):
    opened = client.get("/api/file", params={"name": "chahal-v-uk.yaml"}).json()
    edited = opened["text"].replace("# Chahal", "# my note, kept\n# Chahal", 1)
    saved = client.post("/api/save", json={"name": "chahal-v-uk.yaml", "text": edited, "hash": opened["hash"]})
    assert saved.status_code == 200 and (folder / "chahal-v-uk.yaml").read_text(encoding="utf-8") == edited  # comments and layout kept
    stale = client.post("/api/save", json={"name": "chahal-v-uk.yaml", "text": "case: {}", "hash": opened["hash"]})
    assert stale.status_code == 409 and "changed on disk" in stale.json()["error"]
    assert (folder / "chahal-v-uk.yaml").read_text(encoding="utf-8") == edited
    assert client.post("/api/save", json={"name": "../x.yaml", "text": "", "hash": ""}).status_code == 404


def test_answer_never_raises_on_bad_input():
    for text in ("", "case: [", "- a list", "case: {title: T}\nstates: {}\nremovals: []\n", "\x00"):
        got = answer(text, "x.yaml", {}, None, {}, None)
        assert got["ok"] is False and got["error"]["message"]
    assert answer(CHAHAL, "c.yaml", {}, "not a date", {}, None)["ok"] is False


def test_serve_refuses_a_host_that_is_not_loopback():
    from click.testing import CliRunner
    from nonref.cli import cli

    result = CliRunner().invoke(cli, ["serve", str(CASES), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "loopback" in result.output
