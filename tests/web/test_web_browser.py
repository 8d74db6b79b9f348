"""End to end in a real browser: Debian's chromium, headless, driven by Playwright.

The page is served by uvicorn on loopback; every request the browser makes to any other host is
blocked and counted (the page must work with no internet). Choose a policy, run, see the fan
charts drawn and the claims table filled, filter the event browser, take a screenshot.
Set FLASHPOINT_SCREENSHOT_DIR to keep the screenshot.
"""
import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from flashpoint.web import Limits, create_app

# whichever of the two names `make browser` accepted
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent (apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    uvicorn = pytest.importorskip("uvicorn")
    app = create_app(tmp_path_factory.mktemp("browser-data"), limits=Limits(max_runs=2000, max_jobs=2))
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def test_choose_a_policy_run_and_see_the_chart(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1360, "height": 2400})
    external, problems = [], []

    def only_loopback(route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(str(exc)))

    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    assert page.locator("#policy-list input[value=historical]").is_checked()
    page.check("#policy-list input[value=restraint]")
    page.fill("#runs", "60")
    page.fill("#seed", "7")
    page.click("#run-button")

    page.wait_for_selector("#charts[data-drawn=true]", timeout=120_000)
    charts = page.locator("#charts .chart")
    assert charts.count() == 2
    assert [charts.nth(i).get_attribute("data-policy") for i in range(2)] == ["historical", "restraint"]
    # Plotly drew the bands, the median and the record's counts as SVG paths
    assert page.locator("#charts .chart .main-svg").count() >= 2
    assert page.locator("#charts .chart .scatterlayer .trace").count() >= 2 * 6
    assert page.locator("#totals tbody tr").count() == 2
    assert "done" in page.inner_text("#job-compare .job-text")

    page.wait_for_selector("#claims-table tr[data-claim]", timeout=120_000)
    rows = page.locator("#claims-table tr[data-claim]")
    assert rows.count() >= 6
    verdicts = {page.locator("#claims-table .verdict").nth(i).inner_text() for i in range(rows.count())}
    assert verdicts <= {"supported", "not supported", "undecided"}

    # another indicator redraws the charts
    page.select_option("#indicator", "attacks_on_foreign_forces.indirect_fire")
    page.wait_for_selector("#charts[data-indicator='attacks_on_foreign_forces.indirect_fire'][data-drawn=true]")

    # the event browser filters
    page.select_option("#ev-actor", "kh")
    page.click("#ev-apply")
    sides = page.locator("#events-table tbody tr td:nth-child(2)")
    deadline = time.monotonic() + 30   # polled from here: the page's CSP forbids evaluating strings in it
    while not (sides.count() and all("kh" in t for t in sides.all_inner_texts())):
        assert time.monotonic() < deadline, sides.all_inner_texts()
        time.sleep(0.1)

    page.select_option("#indicator", "attacks_on_foreign_forces")
    page.wait_for_selector("#charts[data-indicator='attacks_on_foreign_forces'][data-drawn=true]")
    shot = tmp_path / "flashpoint-page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    keep = os.environ.get("FLASHPOINT_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)

    assert external == [], f"the page tried to reach the internet: {external}"
    assert problems == [], f"errors in the browser console: {problems}"
    page.close()


def test_bad_input_is_shown_not_thrown(server, browser):
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=60_000)
    page.fill("#runs", "999999")
    page.click("#run-button")
    page.wait_for_selector("#form-error:not([hidden])", timeout=30_000)
    assert "runs" in page.inner_text("#form-error")
    page.close()
