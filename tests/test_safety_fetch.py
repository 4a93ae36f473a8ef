"""Fetch safety against a hostile local server (tests/hostile/server.py) and the feed parsers:
only the source's hosts, no redirect off them, no file:/other schemes, no private or loopback
address unless a test opts in, size caps that hold after decompression, time caps, XML
entity bombs refused. `Fetcher.fetch` never raises."""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from flows.feeds import FeedError, feed_links, parse_sitemap
from flows.fetch import Fetcher
from flows.urlsafety import check_url, host_allowed, host_key
from tests.hostile import inputs as H
from tests.hostile.harness import count, deadline, hostile_summary  # noqa: F401 (fixture)
from tests.hostile.server import GZIP_BOMB_BYTES, REDIRECTS, HostileServer, _deflated

pytestmark = pytest.mark.usefixtures("hostile_summary")
REPO = Path(__file__).resolve().parent.parent
CAP = 5_000_000


@pytest.fixture(scope="module")
def srv():
    _deflated(GZIP_BOMB_BYTES, 31), _deflated(GZIP_BOMB_BYTES, 15)   # build the bombs before any timer runs
    _deflated(256 * 1024 * 1024, 31)
    with HostileServer() as s:
        yield s


def fetcher(**kw) -> Fetcher:
    opts = dict(allow_private=True, default_rate=1000, max_bytes=CAP, retries=0, timeout=2.0, max_seconds=3.0)
    return Fetcher(**{**opts, **kw})


def fetch(url: str, hosts: set[str], **kw):
    count("fetch: hostile response")
    with fetcher(**kw) as f, deadline(15, url):
        return f.fetch(url, allowed_hosts=hosts)


# -- size and time caps ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/bom/gzip-1g", "/bom/deflate-1g", "/bom/gzip-hai-lan"])
def test_compression_bomb_is_cut_at_the_cap(srv, path):
    """~1 MB on the wire inflating to 1 GB: refused once the inflated body passes the cap; memory
    stays near the cap (plus one inflated network chunk), nowhere near a gigabyte."""
    tracemalloc.start()
    try:
        started = time.monotonic()
        res = fetch(srv.url(path), {srv.host_key}, timeout=10.0, max_seconds=20.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert res.error_reason == "too_large" and res.item is None, res.error_message
    assert time.monotonic() - started < 10
    assert peak < CAP + 250_000_000, f"peak {peak / 1e6:.0f} MB for a {CAP / 1e6:.0f} MB cap"


def test_endless_body_is_cut_at_the_cap(srv):
    res = fetch(srv.url("/vo-tan"), {srv.host_key})
    assert res.error_reason == "too_large" and res.item is None


def test_dripping_body_hits_the_download_time_cap(srv):
    started = time.monotonic()
    res = fetch(srv.url("/nho-giot"), {srv.host_key}, timeout=1.0, max_seconds=2.0)
    assert res.error_reason == "timeout" and time.monotonic() - started < 5


def test_lying_content_length_reads_only_what_was_declared(srv):
    res = fetch(srv.url("/do-dai-noi-doi"), {srv.host_key})
    assert res.error_reason is not None or len(res.item.data) <= 100


def test_megabyte_of_headers_is_an_error_not_a_crash(srv):
    res = fetch(srv.url("/tieu-de-khong-lo"), {srv.host_key})
    assert res.error_reason in {"connect_error", "fetch_error", "http_error"} and res.item is None


# F5: one total deadline per request, from connect to the last byte, headers included ----------------
def test_f5_headers_dripped_a_byte_at_a_time_hit_the_total_deadline(srv):
    """Each byte comes well within the per-read timeout, so only a total deadline ends it; no
    retry starts once the time is up."""
    before = srv.count("/tieu-de-nho-giot")
    started = time.monotonic()
    res = fetch(srv.url("/tieu-de-nho-giot"), {srv.host_key}, timeout=2.0, max_seconds=3.0, retries=3)
    took = time.monotonic() - started
    assert res.error_reason == "timeout" and "3 s" in res.error_message, (res.error_reason, res.error_message)
    assert took < 6, f"{took:.1f} s"
    assert srv.count("/tieu-de-nho-giot") - before == 1, "retried after the deadline"


def test_f5_robots_txt_dripped_a_byte_at_a_time_ends_too():
    """robots.txt has its own total deadline; a host whose robots.txt never arrives gets that
    reason for its pages, at once for the next ones."""
    with HostileServer(drip_robots=True) as s, fetcher(timeout=2.0, max_seconds=3.0, retries=2) as f:
        count("fetch: hostile response", 2)
        started = time.monotonic()
        with deadline(15, "dripped robots.txt"):
            first = f.fetch(s.url("/bai.htm"), allowed_hosts={s.host_key})
            second = f.fetch(s.url("/bai.htm?lan=2"), allowed_hosts={s.host_key})
        assert first.error_reason == second.error_reason == "timeout", (first.error_message, second.error_message)
        assert time.monotonic() - started < 8
        assert s.count("/robots.txt") == 1 and s.count("/bai.htm") == 0


# F7, F14 and the revisit bound: what a source may fetch, and every refusal reported ----------------------
def _urls_source(path, name: str, urls: list[str], **fields) -> str:
    """A sources TOML with one `kind = "urls"` source (JSON strings and arrays are TOML too)."""
    lines = [f"name = {json.dumps(name)}", 'kind = "urls"', "rate_per_sec = 100", f"urls = {json.dumps(urls)}"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in fields.items()]
    path.write_text("[[source]]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("fields, pdfs_fetched", [({"max_new_per_run": 1, "exclude": [r"\.pdf$"]}, 0),
                                                  ({"max_new_per_run": 3}, 2)])
def test_f7_linked_documents_obey_the_sources_cap_and_rules(vn, tmp_path, fields, pdfs_fetched):
    with HostileServer() as s:
        toml = _urls_source(tmp_path / "s.toml", "nhieu-pdf", [s.url("/trang-nhieu-pdf.htm")], **fields)
        count("fetch: page linking 500 PDFs")
        res = vn.ingest("--sources", toml, "--db", "p.duckdb", "--allow-private")
        fetched = [p for p in s.requests if p.startswith("/tai-lieu/")]
    assert s.count("/trang-nhieu-pdf.htm") == 1
    assert len(fetched) == pdfs_fetched, fetched[:5]
    c = res["counts"]
    if "exclude" in fields:
        assert c["filtered"] == 500 and c["deferred"] == 0
    else:
        assert c["deferred"] == 500 - pdfs_fetched and c["filtered"] == 0
    assert vn.query("p.duckdb", "SELECT count(*) FROM document_urls")[0][0] == 1 + pdfs_fetched  # same PDF bytes: aliases


def test_f14_refused_urls_of_a_url_list_are_quarantined_not_dropped(vn, tmp_path):
    with HostileServer(robots=b"User-agent: *\nDisallow: /cam/\n") as s:
        urls = [s.url("/bai.htm"), s.url("/cam/bai.htm")]
        toml = _urls_source(tmp_path / "s.toml", "danh-sach", urls)
        count("fetch: refused URL", 2)
        # without --allow-private a loopback address is refused before any request
        first = vn.ingest("--sources", toml, "--db", "r.duckdb")
        assert s.requests == []
        assert dict(vn.query("r.duckdb", "SELECT uri, reason FROM quarantine")) == \
            {u: "private_address" for u in urls}
        assert first["counts"]["quarantined"] == 2
        # allowed to reach 127.0.0.1: robots.txt refuses one URL (never requested), the other loads
        second = vn.ingest("--sources", toml, "--db", "r.duckdb", "--allow-private")
        assert s.count("/cam/bai.htm") == 0 and s.count("/bai.htm") == 1
    open_rows = vn.query("r.duckdb", "SELECT uri, reason FROM quarantine WHERE resolved_at IS NULL")
    assert (urls[1], "robots_disallowed") in open_rows and all(u == urls[1] for u, _ in open_rows), open_rows
    assert second["counts"]["quarantined"] == 1
    assert vn.query("r.duckdb", "SELECT doc_key FROM documents") == [(urls[0],)]


def test_known_urls_are_rechecked_within_max_revisit_per_run(vn, tmp_path):
    """A long feed costs the same each night: at most max_revisit_per_run conditional GETs of
    URLs already seen, the least recently checked first, so every URL gets its turn."""
    with HostileServer() as s:
        urls = [s.url(f"/bai-{i}.htm") for i in range(6)]
        toml = _urls_source(tmp_path / "s.toml", "dai", urls, max_revisit_per_run=2)
        first = vn.ingest("--sources", toml, "--db", "v.duckdb", "--allow-private")
        assert first["counts"]["stored"] == 6
        rechecked = []
        for _ in range(3):
            s.requests.clear()
            run = vn.ingest("--sources", toml, "--db", "v.duckdb", "--allow-private")
            pages = sorted(p for p in s.requests if p.startswith("/bai-"))
            assert len(pages) == 2 and run["counts"]["deferred"] == 4, (pages, run["counts"])
            rechecked += pages
    assert sorted(rechecked) == sorted(f"/bai-{i}.htm" for i in range(6))   # each once in three runs


# -- hosts, schemes, redirects ----------------------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(REDIRECTS))
def test_redirects_off_the_source_are_refused(srv, path):
    res = fetch(srv.url(path), {srv.host_key})
    assert res.item is None
    assert res.error_reason in {"redirect_refused", "invalid_url"}, (res.error_reason, res.error_message)
    assert srv.count("/bai.htm") == 0          # localhost / [::1] / 2130706433 reach this server: never asked


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "gopher://127.0.0.1:70/_x",
                                 "data:text/html,<p>x</p>", "javascript:alert(1)", "/tuong-doi.htm", "http:///x",
                                 "http://127.0.0.1:99999/x", "http://[::1/x"])
def test_non_http_and_malformed_urls_are_refused(srv, url):
    res = fetch(url, {"127.0.0.1", srv.host_key})
    assert res.item is None
    assert res.error_reason in {"unsupported_scheme", "invalid_url"}, (res.error_reason, res.error_message)


def test_only_the_sources_hosts(srv):
    before = srv.count("/robots.txt") + srv.count("/bai.htm")
    res = fetch(srv.url("/bai.htm"), {"baochinhphu.vn", "*.chinhphu.vn"})
    assert res.error_reason == "host_not_allowed" and srv.count("/robots.txt") + srv.count("/bai.htm") == before
    assert host_allowed("https://xaydungchinhsach.chinhphu.vn/a", {"*.chinhphu.vn"})
    for evil in ("https://chinhphu.vn.evil.example/a", "https://evilchinhphu.vn/a", "https://chinhphu.vn:8443/a",
                 "https://chinhphu.vn@evil.example/a"):
        assert not host_allowed(evil, {"*.chinhphu.vn"}), evil


PRIVATE = ["http://127.0.0.1/", "http://localhost/", "http://LOCALHOST/", "http://[::1]/", "http://0.0.0.0/",
           "http://0/", "http://127.1/", "http://2130706433/", "http://0x7f000001/", "http://017700000001/",
           "http://[::ffff:127.0.0.1]/", "http://10.1.2.3/", "http://172.16.0.1/", "http://192.168.1.1/",
           "http://169.254.169.254/", "http://100.64.0.1/", "http://[fe80::1]/", "http://[fc00::1]/",
           "http://224.0.0.1/"]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_and_loopback_addresses_refused_without_opt_in(url):
    count("fetch: private address")
    refusal = check_url(url, {host_key(url)})
    assert refusal is not None and refusal.reason == "private_address", url
    assert check_url(url, {host_key(url)}, allow_private=True) is None


def test_loopback_server_is_never_contacted_without_opt_in(srv):
    robots, page = srv.count("/robots.txt"), srv.count("/bai.htm")
    for host in ("127.0.0.1", "localhost"):
        with Fetcher(default_rate=1000, retries=0) as f:
            res = f.fetch(f"http://{host}:{srv.port}/bai.htm", allowed_hosts={f"{host}:{srv.port}"})
            assert res.error_reason == "private_address"
            assert not f.robots_allowed(f"http://{host}:{srv.port}/bai.htm", {f"{host}:{srv.port}"})
    assert (srv.count("/robots.txt"), srv.count("/bai.htm")) == (robots, page)
    with fetcher() as f:                       # the opt-in reaches it
        assert f.fetch(srv.url("/bai.htm"), allowed_hosts={srv.host_key}).ok


def test_cli_extract_refuses_loopback_unless_opted_in(srv, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "VNARCHIVE_ALLOW_PRIVATE"}
    cmd = [sys.executable, "-m", "flows.cli", "extract", srv.url("/bai.htm")]
    refused = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "private_address" in refused.stderr and not refused.stdout
    assert "Traceback" not in refused.stderr
    allowed = subprocess.run(cmd, cwd=REPO, env={**env, "VNARCHIVE_ALLOW_PRIVATE": "1"}, capture_output=True,
                             text=True, timeout=60)
    assert allowed.returncode == 0 and '"source"' in allowed.stdout, allowed.stderr


# -- XML feeds and sitemaps -------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [H.billion_laughs, H.quadratic_blowup, H.external_entity, H.parameter_entity],
                         ids=["billion-laughs", "quadratic-blowup", "external-entity", "parameter-entity"])
@pytest.mark.parametrize("root", ["rss", "urlset", "feed"])
def test_xml_entity_bombs_are_refused_not_expanded(make, root):
    count("feeds: XML bomb")
    data = make(root=root)
    with deadline(5, make.__name__):
        for parse in (feed_links, parse_sitemap):
            tracemalloc.start()
            try:
                with pytest.raises(FeedError) as e:
                    parse(data, "https://dong-lam.example.vn/")
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
            assert e.value.reason == "xml_unsafe", e.value
            assert peak < 5_000_000, f"{peak / 1e6:.0f} MB"     # nothing was expanded
            with pytest.raises(FeedError) as e:       # gzipped, as sitemaps often are
                parse(gzip.compress(data), "https://dong-lam.example.vn/")
            assert e.value.reason == "xml_unsafe"


def test_gzipped_sitemap_bomb_is_cut_off():
    count("feeds: XML bomb")
    bomb = gzip.compress(b"<urlset>" + b" " * 60_000_000 + b"</urlset>", compresslevel=9)
    with deadline(10, "sitemap gzip bomb"), pytest.raises(FeedError) as e:
        parse_sitemap(bomb, "https://dong-lam.example.vn/")
    assert e.value.reason == "too_large"


@pytest.mark.parametrize("data", [b"", b"\0" * 100, b"<rss", b"<?xml version='1.0' encoding='no-such'?><rss/>",
                                  b"<html><body>not a feed</body></html>", b"\x1f\x8b\x08garbage"])
def test_broken_feeds_raise_feed_error_only(data):
    count("feeds: broken")
    for parse in (feed_links, parse_sitemap):
        with pytest.raises(FeedError):
            parse(data, "https://dong-lam.example.vn/")
