"""The app in a real browser: upload a sample pair, compare, download alignments.csv.

Runs `streamlit run app.py` on a free port and drives Debian's /usr/bin/chromium with Playwright.
A full-page screenshot is saved to test-artifacts/browser-compare.png.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, row_ids

from compare import compare_texts
from compare.export import alignments_csv
from compare.io import read_bytes

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
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
        pytest.skip("/usr/bin/chromium is not installed (scripts/setup --test installs it)")
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


def test_upload_compare_download(server):
    from playwright.sync_api import expect, sync_playwright

    folder = SAMPLES[0]
    files = {side: folder / f"{side}.txt" for side in "ab"}
    texts = {side: read_bytes(path.read_bytes(), path.name) for side, path in files.items()}

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
            page.set_default_timeout(60_000)
            page.goto(server)
            page.get_by_role("button", name="Compare").wait_for()
            wait_idle(page)

            page.get_by_text("Upload files", exact=True).click()
            wait_idle(page)
            inputs = page.locator("[data-testid=stFileUploaderDropzoneInput]")
            expect(inputs).to_have_count(2)
            for n, side in enumerate("ab"):
                inputs.nth(n).set_input_files(str(files[side]))
                page.get_by_text(f"Loaded {side}.txt:").wait_for()
                wait_idle(page)

            names = (
                page.get_by_label("Source A name").input_value(),
                page.get_by_label("Source B name").input_value(),
            )
            expected = compare_texts(texts["a"], texts["b"], names=names)
            assert any(r.label.value in ("partial", "diverge") for r in expected.alignments)

            page.get_by_role("button", name="Compare").click()
            rows = page.locator(".rc-row[data-label]")
            rows.first.wait_for(timeout=240_000)
            wait_idle(page, timeout=240_000)
            expect(rows).to_have_count(len(expected.alignments))
            shown = [
                (
                    r.get_attribute("data-label"),
                    r.get_attribute("data-group"),
                    r.get_attribute("data-a"),
                    r.get_attribute("data-b"),
                )
                for r in rows.all()
            ]
            assert shown == row_ids(expected)
            highlighted = page.locator(
                ".rc-row[data-label=partial] .rc-diff, .rc-row[data-label=diverge] .rc-diff"
            )
            assert highlighted.count() > 0
            expect(highlighted.first).to_be_visible()
            # label colours really apply: a partial row is not rendered with the default grey
            colour = rows.first.evaluate("e => getComputedStyle(e).backgroundColor")
            assert colour not in ("rgba(0, 0, 0, 0)", "rgb(246, 246, 246)")

            button = page.locator("[data-testid=stDownloadButton]").filter(
                has_text="alignments.csv"
            )
            with page.expect_download() as info:
                button.locator("button").click()
            download = info.value
            assert download.suggested_filename == "alignments.csv"
            got = parse_csv(Path(download.path()).read_bytes())
            assert got == parse_csv(alignments_csv(expected))
            assert len(got) == len(expected.alignments)

            # Streamlit scrolls inside its main container: grow the viewport to the content
            height = page.evaluate(
                "() => document.querySelector('[data-testid=stMain]').scrollHeight"
            )
            page.set_viewport_size({"width": 1400, "height": min(int(height) + 40, 12_000)})
            page.wait_for_timeout(500)
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "browser-compare.png"), full_page=True)
        finally:
            browser.close()
