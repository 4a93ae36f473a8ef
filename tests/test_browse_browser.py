"""A real browser on `vnarchive browse`: headless Chromium (Debian's `chromium` package, driven
by playwright) opens the person page, the document page with its highlights and the faceted
awards page of the sample archive, checks what a reader sees, and takes screenshots.

Screenshots go to the test's temporary folder, or to $VNARCHIVE_SCREENSHOTS (`make screenshots`
writes docs/img/ for docs/browse.md)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.browse_support import copy_archive, duck

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


def _why_no_browser() -> str | None:
    if not CHROMIUM.exists():
        return ("Debian's chromium is not installed at /usr/bin/chromium: .ci/run installs it with apt-get where "
                "it runs as root with apt-get available (by hand: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (make setup installs it from requirements.lock)"
    return None


pytestmark = pytest.mark.skipif(_why_no_browser() is not None, reason=_why_no_browser() or "")


@pytest.fixture(scope="module")
def site(sample_archive, tmp_path_factory):
    """`vnarchive browse` on a copy of the sample archive, as a user starts it."""
    db = copy_archive(sample_archive, tmp_path_factory.mktemp("browser"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "browse", "--db", str(db), "--port", str(port)],
                            cwd=REPO, env={**os.environ, "PYTHONUNBUFFERED": "1"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(base + "/", timeout=5)
            break
        except httpx.ConnectError:
            time.sleep(0.1)
    yield base, db
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 860})
        yield pg
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("VNARCHIVE_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_person_page_in_a_browser(site, page, shots):
    base, db = site
    pid, name = duck(db, "SELECT person_id, person_name FROM person_timeline WHERE person_id IS NOT NULL GROUP BY ALL "
                         "ORDER BY count(DISTINCT title) DESC, count(*) DESC, person_id LIMIT 1")[0]
    page.goto(f"{base}/person/{pid}")
    body = page.inner_text("body")
    assert name in body and "Offices over time" in body and "Documents naming the person" in body
    titles = [t for (t,) in duck(db, "SELECT DISTINCT title FROM person_timeline WHERE person_id = ?", [pid])]
    assert all(t in body for t in titles)
    page.screenshot(path=str(shots / "browse-person.png"))
    # the arrow after an evidence sentence opens its document at the fact
    doc, s, e, text = duck(db, "SELECT t.document_id, t.span_start, t.span_end, d.text FROM person_timeline t "
                               "JOIN documents_latest d USING (document_id) WHERE t.person_id = ? "
                               "ORDER BY t.observed_on, t.title LIMIT 1", [pid])[0]
    page.click(f'a.vn-at[href="/document/{doc}#s{s}-{e}"] >> nth=0')
    page.wait_for_url(f"**/document/{doc}#s{s}-{e}")
    target = page.locator(f'[id="s{s}-{e}"] + mark')
    assert target.first.is_visible() and text[s:e].startswith(target.first.inner_text())


def test_document_page_highlights_in_a_browser(site, page, shots):
    base, db = site
    doc, title = duck(db, "SELECT d.document_id, d.title FROM documents_latest d JOIN awards a USING (document_id) "
                          "GROUP BY ALL ORDER BY count(*) DESC, d.document_id LIMIT 1")[0]
    page.goto(f"{base}/document/{doc}")
    body = page.inner_text("body")
    assert title in body and "Facts read from this document" in body and "hover a highlight" in body
    marks = page.locator(".vn-text mark.vn-f")
    assert marks.count() >= 10
    award, recipient = duck(db, "SELECT award, recipient FROM awards WHERE document_id = ? ORDER BY ordinal LIMIT 1",
                            [doc])[0]
    award_mark = page.locator(".vn-text mark.k-award").first
    award_mark.hover()
    assert award_mark.inner_text() == award
    assert f"award: {award}" in award_mark.get_attribute("title") and (recipient or "") in award_mark.get_attribute(
        "title")
    colour = award_mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")      # the highlight is painted
    page.set_viewport_size({"width": 900, "height": 860})
    award_mark.evaluate("m => m.scrollIntoView({block: 'center'})")
    page.screenshot(path=str(shots / "browse-document.png"))
    page.set_viewport_size({"width": 1280, "height": 860})


def test_faceted_awards_page_in_a_browser(site, page, shots):
    base, db = site
    page.goto(f"{base}/vnarchive/awards_by_year")
    facets = page.inner_text(".facet-results")
    for col in ("year", "award", "award_class", "grantor", "recipient_kind"):
        assert col in facets
    page.evaluate("document.querySelector('.facet-results').scrollIntoView()")
    page.evaluate("window.scrollBy(0, -60)")
    page.screenshot(path=str(shots / "browse-awards.png"))
    year, n = duck(db, "SELECT year, count(*) FROM awards_by_year WHERE year IS NOT NULL GROUP BY ALL "
                       "ORDER BY count(*) DESC, year DESC LIMIT 1")[0]
    page.click(f'.facet-info[data-column="year"] a[href*="year={year}"]')
    page.wait_for_url(f"**year={year}**")
    assert f"{n} row" in page.inner_text("h3")
