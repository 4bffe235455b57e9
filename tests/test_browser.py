"""The HTML report in a real browser (Playwright driving Debian's chromium): it opens offline,
its trees expand, search finds steps in the tree and the graph, a click on the graph shows the
step in the tree, a click on the variant matrix shows the contrast, and printing opens every branch.

`.ci/run` installs chromium and sets NONREF_REQUIRE_BROWSER, so there these tests cannot be
skipped; elsewhere, without chromium, they are skipped with that reason (pytest -rs shows it)."""

import os
import shutil
from pathlib import Path

import pytest
from nonref.explain.report import report

CASES = Path(__file__).parent.parent / "cases"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As Debian's chromium needs them in a container with a closed network (no sandbox as root, no background calls).
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

if CHROMIUM is None and os.environ.get("NONREF_REQUIRE_BROWSER"):
    raise RuntimeError("the browser tests need Debian's chromium (apt-get install chromium); .ci/run installs it")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name in ("chahal-v-uk", "mss-v-belgium-and-greece", "hypothetical-assurances-unknown-scrutiny"):
        out[name] = folder / f"{name}.html"
        out[name].write_text(report(CASES / f"{name}.yaml"), encoding="utf-8")
    return out


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, requests


@pytest.mark.parametrize("name", ["chahal-v-uk", "mss-v-belgium-and-greece", "hypothetical-assurances-unknown-scrutiny"])
def test_the_report_opens_offline_with_every_removal(browser, pages, name):
    page, requests = _open(browser, pages[name])
    assert [u for u in requests if not u.startswith("file:")] == []  # nothing fetched from the network
    sections = page.locator("section[data-removal]")
    assert sections.count() >= 1
    assert page.locator("section[data-removal] .graph-box svg").count() == sections.count()
    assert page.locator("td.prohibited, td.permitted, td.undetermined").count() >= sections.count()
    page.close()


def test_a_branch_of_the_tree_expands(browser, pages):
    page, _ = _open(browser, pages["chahal-v-uk"])
    closed = page.locator("section[data-removal=deportation] .tree details:not([open])").first.element_handle()
    closed.query_selector("summary").click()
    assert closed.evaluate("d => d.open")
    page.close()


def test_search_finds_steps_in_the_tree_and_the_graph(browser, pages):
    page, _ = _open(browser, pages["chahal-v-uk"])
    page.fill("#search", "substantial grounds")
    assert page.inner_text("#hits").endswith("found") and not page.inner_text("#hits").startswith("0 ")
    assert page.locator(".tree .hit").count() >= 1 and page.locator("g.g-node.hit").count() >= 1
    assert page.locator(".tree .hit").first.is_visible()  # its branch was opened
    page.fill("#search", "")
    assert page.locator(".hit").count() == 0
    page.close()


def test_a_click_on_the_graph_shows_the_step_in_the_tree(browser, pages):
    page, _ = _open(browser, pages["chahal-v-uk"])
    node = page.locator("section[data-removal=deportation] g.g-node").nth(5)
    name = node.get_attribute("data-name")
    node.click()
    focused = page.locator(".focused")
    assert focused.count() == 1 and name in focused.get_attribute("data-names").split()
    assert focused.is_visible()
    page.close()


def test_the_graph_pans_and_zooms(browser, pages):
    page, _ = _open(browser, pages["chahal-v-uk"])
    box = page.locator("section[data-removal=deportation] .graph-box")
    before = box.locator("svg").evaluate("s => s.viewBox.baseVal.width")
    box.hover()
    page.mouse.wheel(0, -400)
    after = box.locator("svg").evaluate("s => s.viewBox.baseVal.width")
    assert after < before  # zoomed in
    page.close()


def test_a_click_on_the_variant_matrix_shows_the_contrast(browser, pages):
    page, _ = _open(browser, pages["hypothetical-assurances-unknown-scrutiny"])
    cell = page.locator("td.cell[data-contrast^=contrast]").first
    cell.click()
    text = page.inner_text("#contrast")
    assert page.locator("#contrast").is_visible() and "under" in text and "removal" in text
    page.close()


def test_printing_opens_every_branch(browser, pages):
    page, _ = _open(browser, pages["chahal-v-uk"])
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.close()


# --- nonref serve: the live app ------------------------------------------------------------------


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    import socket
    import threading
    import time

    import uvicorn
    from nonref.explain.app import create_app

    folder = tmp_path_factory.mktemp("served")
    shutil.copy(CASES / "chahal-v-uk.yaml", folder / "chahal-v-uk.yaml")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(folder), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/", folder
    server.should_exit = True
    thread.join(5)


def test_the_app_answers_as_you_type_and_shows_a_bad_edit_at_its_line(browser, app_url):
    url, folder = app_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_selector("td.prohibited")
    assert page.locator("#graph svg").count() == 1
    editor = page.locator("#editor")
    text = editor.input_value()
    editor.fill(text.replace("evidence: substantial_grounds", "evidence: mere_possibility"))
    page.wait_for_selector("td.permitted")  # the verdict follows the edit
    editor.fill(text.replace("status: asylum_seeker", "status: tourist"))
    page.wait_for_selector("#error:not([hidden])")
    assert "person.status" in page.inner_text("#error")
    start = page.evaluate("document.getElementById('editor').selectionStart")
    assert (
        page.evaluate("document.getElementById('editor').value").count("\n", 0, start) + 1
        == text[: text.index("status: asylum_seeker")].count("\n") + 1
    )
    page.close()


def test_the_app_switches_variants_and_saves_with_comments_kept(browser, app_url):
    url, folder = app_url
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_selector("td.prohibited")
    page.select_option("select[data-path=status]", "jus_cogens")
    page.wait_for_function(
        "document.querySelector('select[data-path=status]').value === 'jus_cogens' && document.getElementById('status').textContent === 'answered'"
    )
    editor = page.locator("#editor")
    edited = "# a note of mine\n" + editor.input_value()
    editor.fill(edited)
    page.click("#save")
    page.wait_for_function("document.getElementById('status').textContent.startsWith('saved')")
    assert (folder / "chahal-v-uk.yaml").read_text(encoding="utf-8") == edited
    page.close()
