"""The app in a real browser: upload a sample pair, compare, download alignments.csv; reset the
settings; review a comparison (re-pair a statement, set a label, add a note) and download it.

Runs `streamlit run app.py` on a free port and drives Debian's /usr/bin/chromium with Playwright.
Screenshots go to test-artifacts/. With READOUT_COMPARE_DOCS=1 the key findings test also
writes the README's picture, docs/app.png.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, row_ids

from compare import compare_texts
from compare.export import alignments_csv, download_name
from compare.io import read_bytes
from compare.review import Move, Review, SetLabel, SetNote, apply_review, load_session, row_key
from compare.schema import Config, Label

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
DOCS_PICTURE = ROOT / "docs" / "app.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} not healthy after {timeout}s")


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_timeout(300)  # let a rerun triggered by the last action start
    page.wait_for_selector(IDLE, timeout=timeout)


def parse_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture
def server():
    if not CHROMIUM.exists():
        pytest.fail(
            "/usr/bin/chromium is not installed: run scripts/setup --test (the README's test command does)"
        )
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "streamlit-server.log", "wb")  # noqa: SIM115 (closed in finally)
    streamlit = Path(sys.executable).with_name("streamlit")
    proc = subprocess.Popen(
        [
            str(streamlit),
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


@pytest.fixture
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(60_000)
            page.goto(server)
            page.get_by_role("button", name="Compare").wait_for()
            wait_idle(page)
            yield page
        finally:
            browser.close()


def sample_texts(folder: Path) -> tuple[str, str]:
    return tuple(read_bytes((folder / f"{s}.txt").read_bytes(), f"{s}.txt") for s in "ab")


def source_names(page) -> tuple[str, str]:
    return (
        page.get_by_label("Source A name").input_value(),
        page.get_by_label("Source B name").input_value(),
    )


def page_rows(page) -> list[tuple[str, str, str, str]]:
    """(label, group, A ids, B ids) of every row of the side-by-side view."""
    return [
        tuple(r.get_attribute(f"data-{k}") for k in ("label", "group", "a", "b"))
        for r in page.locator(".rc-row[data-label]").all()
    ]


def download(page, name: str, comparison) -> bytes:
    button = page.locator("[data-testid=stDownloadButton]").filter(has_text=name)
    with page.expect_download() as info:
        button.locator("button").first.click()  # a button with help holds its tooltip's too
    # named after the pair's sources, so several pairs' downloads keep apart
    assert info.value.suggested_filename == download_name(name, comparison)
    assert comparison.a.name.split()[0] in info.value.suggested_filename
    return Path(info.value.path()).read_bytes()


def widget(page, testid: str, label: str):
    """The Streamlit widget of that kind whose label is `label`."""
    return page.locator(f"[data-testid={testid}]").filter(has=page.get_by_text(label, exact=True))


def choose(page, label: str, typed: str) -> None:
    """Pick the option of a selectbox by typing the start of it (the list is filtered)."""
    from playwright.sync_api import expect

    box = widget(page, "stSelectbox", label)
    box.locator("input").click()
    page.keyboard.type(typed)
    page.get_by_role("option").filter(has_text=typed).first.click()
    wait_idle(page)
    expect(box.get_by_role("combobox")).to_have_value(re.compile("^" + re.escape(typed)))


def click(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    wait_idle(page, timeout=240_000)


def slider_value(page, label: str) -> float:
    return float(widget(page, "stSlider", label).locator("input[type=range]").input_value())


def compare_and_wait(page) -> None:
    click(page, "Compare")
    page.locator(".rc-row[data-label]").first.wait_for(timeout=240_000)
    wait_idle(page, timeout=240_000)


def full_page_screenshot(page, path: Path) -> None:
    # Streamlit scrolls inside its main container: grow the viewport to the content
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12_000)})
    page.wait_for_timeout(500)
    path.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_upload_compare_download(page):
    from playwright.sync_api import expect

    folder = SAMPLES[0]
    files = {side: folder / f"{side}.txt" for side in "ab"}
    texts = sample_texts(folder)

    page.get_by_text("Upload files", exact=True).click()
    wait_idle(page)
    inputs = page.locator("[data-testid=stFileUploaderDropzoneInput]")
    expect(inputs).to_have_count(2)
    for n, side in enumerate("ab"):
        inputs.nth(n).set_input_files(str(files[side]))
        page.get_by_text(f"Loaded {side}.txt:").wait_for()
        wait_idle(page)

    expected = compare_texts(*texts, names=source_names(page))
    assert any(r.label.value in ("partial", "diverge") for r in expected.alignments)
    compare_and_wait(page)
    expect(page.locator(".rc-row[data-label]")).to_have_count(len(expected.alignments))
    assert page_rows(page) == row_ids(expected)
    highlighted = page.locator(
        ".rc-row[data-label=partial] .rc-diff, .rc-row[data-label=diverge] .rc-diff"
    )
    assert highlighted.count() > 0
    expect(highlighted.first).to_be_visible()
    # label colours really apply: a partial row is not rendered with the default grey
    colour = page.locator(".rc-row[data-label]").first.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert colour not in ("rgba(0, 0, 0, 0)", "rgb(246, 246, 246)")

    got = parse_csv(download(page, "alignments.csv", expected))
    assert got == parse_csv(alignments_csv(expected))
    assert len(got) == len(expected.alignments)
    full_page_screenshot(page, ARTIFACTS / "browser-compare.png")


def test_reset_restores_the_defaults_and_compare_keeps_them(page):
    page.get_by_text("Expert settings", exact=True).click()
    label = Config.settings()[1].label  # the match threshold
    assert Config.settings()[1].name == "link_threshold"
    widget(page, "stSlider", label).locator("input[type=range]").press("End")  # one step to 1.0
    wait_idle(page)
    assert slider_value(page, label) == 1.0
    expect_preset(page, "Custom")

    click(page, "Reset to defaults")
    assert slider_value(page, label) == pytest.approx(Config().link_threshold)
    expect_preset(page, "Default")
    compare_and_wait(page)
    # the browser must not send the old value back with the next rerun
    assert slider_value(page, label) == pytest.approx(Config().link_threshold)
    assert page_rows(page) == row_ids(
        compare_texts(*sample_texts(SAMPLES[0]), names=source_names(page))
    )


def edits_shown(page, n: int) -> None:
    """Wait for the review panel to list `n` edits (a click is only counted once it is kept)."""
    page.get_by_text(f"Your edits ({n})").wait_for()
    wait_idle(page)


def expect_preset(page, title: str) -> None:
    from playwright.sync_api import expect

    radio = widget(page, "stRadio", "Matching")
    expect(radio.get_by_role("radio", name=title)).to_be_checked()


def test_review_repair_relabel_note_and_download(page):
    compare_and_wait(page)
    expected = compare_texts(*sample_texts(SAMPLES[0]), names=source_names(page))
    # re-pair: a B statement goes to another group (an only-B one, or one of a group's two)
    source = next((r for r in expected.alignments if r.label is Label.ONLY_B), None)
    source = source or next(r for r in expected.alignments if len(r.b) >= 2)
    moving = f"b{source.b[-1]}"
    group = next(r for r in expected.alignments if r.group_id and r is not source)
    other = Label.DIVERGE if group.label is not Label.DIVERGE else Label.AGREE
    note = "Checked against the ministry's Korean text."

    page.get_by_text("Review mode", exact=False).first.click()
    wait_idle(page)
    choose(page, "Row to correct", f"{row_key(source)} ·")
    choose(page, "Statement", moving)
    choose(page, "Move it to", f"{group.group_id} ·")
    click(page, "Move")
    edits_shown(page, 1)
    # label and note on the group (the panel now shows the row the statement went to)
    choose(page, "Row to correct", f"{group.group_id} ·")
    choose(page, "Label", other.value)
    click(page, "Set label")
    edits_shown(page, 2)
    area = widget(page, "stTextArea", "Note").locator("textarea")
    area.fill(note)
    area.press("Control+Enter")
    wait_idle(page)
    click(page, "Save note")
    edits_shown(page, 3)
    assert not page.locator("[data-testid=stAlert]").filter(has_text="does not apply").count()

    review = Review(
        (
            Move(moving, to=group.group_id),
            SetLabel(group.group_id, other),
            SetNote(group.group_id, note),
        )
    )
    want = apply_review(expected, review)
    assert page_rows(page) == row_ids(want)

    got = parse_csv(download(page, "alignments.csv", want))
    assert got == parse_csv(alignments_csv(want))
    mine = next(r for r in got if r["group_id"] == group.group_id)
    assert (mine["label"], mine["auto_label"], mine["note"]) == (
        other.value,
        next(r for r in want.alignments if r.group_id == group.group_id).auto_label.value,
        note,
    )
    assert moving in mine["b_ids"].split(";")
    # the saved review holds the edits: it is made when clicked, away from the page's state
    saved = load_session(download(page, "session.json", want))
    assert saved.review == review
    assert saved.texts == (expected.a.text, expected.b.text)

    page.locator("[data-testid=stMain]").evaluate("e => e.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "browser-review-top.png"))
    full_page_screenshot(page, ARTIFACTS / "browser-review.png")


KOREAN_SAMPLE = next(p for p in SAMPLES if p.name.startswith("ko-en"))


@pytest.mark.parametrize("folder", [SAMPLES[0], KOREAN_SAMPLE], ids=["seed", "korean"])
def test_key_findings_panel_links_to_its_rows(page, folder):
    from playwright.sync_api import expect

    from compare.report import key_findings

    if folder != SAMPLES[0]:
        choose(page, "Sample pair", folder.name)
    compare_and_wait(page)
    expected = compare_texts(*sample_texts(folder), names=source_names(page))
    found = key_findings(expected)
    assert found
    panel = page.locator(".rc-findings")
    expect(panel).to_have_count(1)
    links = panel.locator("a.rc-flink")
    expect(links).to_have_count(min(len(found), 8))
    # the panel stands above the table
    assert panel.bounding_box()["y"] < page.locator(".rc-table").bounding_box()["y"]
    # the pictures first: after a link is followed, its row stays outlined as the page's target
    summary = page.get_by_role("heading", name="Summary")
    summary.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    name = "seed" if folder == SAMPLES[0] else "korean"
    ARTIFACTS.mkdir(exist_ok=True)
    panel.screenshot(path=str(ARTIFACTS / f"browser-findings-{name}.png"))
    page.screenshot(path=str(ARTIFACTS / f"browser-summary-{name}.png"))
    if name == "seed" and os.environ.get("READOUT_COMPARE_DOCS") == "1":
        page.screenshot(path=str(DOCS_PICTURE))
    # a finding's link brings its row into view
    last = links.last
    target = last.get_attribute("href").removeprefix("#")
    assert target == found[min(len(found), 8) - 1].anchor
    last.click()
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()


def rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[k : k + 2], 16) for k in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_label_filter_chips_wear_their_label_colours(page):
    from compare.report import LABEL_COLOURS, label_title

    compare_and_wait(page)
    seen = set()
    for label, (background, accent) in LABEL_COLOURS.items():
        title = label_title(label, ("A", "B"))
        chip = page.locator(f'.st-key-filter_labels [data-tag][aria-label="{title}"]')
        colours = chip.evaluate(
            "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]"
        )
        assert colours == [rgb(background), rgb(accent)], title
        seen.add(tuple(colours))
    assert len(seen) == len(LABEL_COLOURS)
    page.locator(".st-key-filter_labels").screenshot(path=str(ARTIFACTS / "browser-chips.png"))
