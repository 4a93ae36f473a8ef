"""The test site server: a threaded http.server on 127.0.0.1 (free port) with a request log.

    with TestSite() as site:
        site.url("/feed.rss"); site.count("/robots.txt"); site.bump("/thay-doi/...htm")

Every 200 answer carries ETag and Last-Modified; If-None-Match / If-Modified-Since give 304."""
from __future__ import annotations

import functools
import gzip
import hashlib
import html
import os
import threading
import time
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.site import documents

HERE = os.path.dirname(__file__)
CONTENT = os.path.join(HERE, "content")
BASE_TIME = datetime(2025, 3, 16, 1, 0, 0, tzinfo=timezone.utc)

FLAKY_PATH = "/loi/tin-tam-thoi-loi-102250306.htm"
SLOW_PATH = "/cham/trang-cham.htm"
BIG_PATH = "/lon/tep-lon.htm"
BIG_UNSIZED_PATH = "/lon/khong-do-dai.htm"
GZIP_BOMB_PATH = "/lon/nen-gzip.htm"
TOO_MANY_PATH = "/gioi-han/429.htm"
PDF_PATH = "/van-ban/ke-hoach-45-kh-ubnd.pdf"
DOCX_PATH = "/van-ban/ke-hoach-45-kh-ubnd.docx"
BIG_SIZE = 3_000_000
GZIP_BOMB_SIZE = 30_000_000
# path → (status, Location template); {BASE} is this site, {PORT} its port
REDIRECTS = {
    "/chuyen-huong/cung-host.htm": (301, "/tin-tuc/so-noi-vu-dong-lam-don-nhan-huan-chuong-lao-dong-hang-nhi-102250301.htm"),
    "/chuyen-huong/sang-localhost.htm": (302, "http://localhost:{PORT}/tin-tuc/bo-nhiem-pho-giam-doc-so-tai-chinh-tinh-dong-lam-102250302.htm"),
    "/chuyen-huong/sang-127-0-0-2.htm": (302, "http://127.0.0.2:{PORT}/tin-tuc/bo-nhiem-pho-giam-doc-so-tai-chinh-tinh-dong-lam-102250302.htm"),
    "/chuyen-huong/sang-file.htm": (302, "file:///etc/passwd"),
    "/chuyen-huong/sang-robots-cam.htm": (302, "/private/bao-cao-noi-bo-khong-cong-bo-102250399.htm"),
    "/chuyen-huong/vong-lap.htm": (302, "/chuyen-huong/vong-lap.htm"),
}
LAYOUT_DATE = "%d/%m/%Y"


@dataclass
class Request:
    method: str
    path: str                 # with query string
    headers: dict[str, str]   # lowercase names
    at: float = field(default_factory=time.monotonic)


@dataclass
class Page:
    body_template: bytes      # may contain {{BASE}} / {{VERSION}} (text pages only)
    content_type: str
    templated: bool = True
    encoding: str = "utf-8"
    gzip_file: bool = False


@functools.cache
def _articles() -> dict[str, dict]:
    with open(os.path.join(CONTENT, "articles.toml"), "rb") as f:
        return {a["key"]: a for a in tomllib.load(f)["article"]}


@functools.cache
def _layout(name: str) -> str:
    with open(os.path.join(CONTENT, f"layout_{name}.html"), encoding="utf-8") as f:
        return f.read()


def vn_legacy_decompose(text: str) -> str:
    """Windows-1258 style NFD: tone marks as combining characters after the letter, letter
    shapes (â ê ô ă ơ ư) precomposed, since cp1258 has those letters but not their marks."""
    shape = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn
    out: list[str] = []
    base, tones = "", []
    for ch in unicodedata.normalize("NFD", text) + "\0":
        if unicodedata.combining(ch):
            if ch in shape:
                base = unicodedata.normalize("NFC", base + ch)
            else:
                tones.append(ch)
            continue
        out.append(base + "".join(tones))
        base, tones = ch, []
    return "".join(out)


def render_article(a: dict) -> str:
    arts = _articles()
    body = "\n".join(f"      <p>{html.escape(p, quote=False)}</p>" for p in a["body"])
    related = "\n".join(f'      <li><a href="{arts[k]["path"]}">{html.escape(arts[k]["title"])}</a></li>'
                        for k in a.get("related", []))
    day = datetime.strptime(a["date"], "%Y-%m-%d")
    subs = {"TITLE": html.escape(a["title"]), "SAPO": html.escape(a["sapo"]), "DATE": a["date"],
            "DATE_VN": day.strftime(LAYOUT_DATE), "AUTHOR": html.escape(a["author"]), "BODY": body,
            "RELATED": related, "PATH": a["path"], "CHARSET": a.get("charset", "utf-8")}
    out = _layout(a["layout"])
    for k, v in subs.items():
        out = out.replace("{{" + k + "}}", v)
    return out


@functools.cache
def _static_pages() -> dict[str, Page]:
    pages: dict[str, Page] = {}
    with open(os.path.join(HERE, "routes.toml"), "rb") as f:
        for r in tomllib.load(f)["route"]:
            with open(os.path.join(CONTENT, r["file"]), "rb") as fh:
                pages[r["path"]] = Page(fh.read(), r["type"], gzip_file=r.get("gzip_file", False))
    for a in _articles().values():
        cs = a.get("charset", "utf-8")
        pages[a["path"]] = Page(render_article(a).encode("utf-8"), f"text/html; charset={cs}", encoding=cs)
    pages[PDF_PATH] = Page(b"", "application/pdf", templated=False)
    pages[DOCX_PATH] = Page(b"", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            templated=False)
    return pages


@functools.cache
def _gzip_bomb() -> bytes:
    return gzip.compress(b"<p>" + b" " * GZIP_BOMB_SIZE + b"</p>", compresslevel=9)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    site: "TestSite"

    def handle_error(self, request, client_address):
        """Clients that hang up early (size caps, timeouts) are expected; other errors are printed."""
        import sys
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True   # headers and body are separate writes: avoid 40 ms ACK stalls
    server: _Server

    def log_message(self, format, *args):  # quiet
        pass

    def do_HEAD(self):
        self._handle(head=True)

    def do_GET(self):
        self._handle(head=False)

    def do_POST(self):
        self._handle(head=False)

    def _handle(self, head: bool) -> None:
        site = self.server.site
        site._log(Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}))
        try:
            site._serve(self, head)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send_body(self, status: int, body: bytes, headers: dict[str, str], head: bool = False) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)


class TestSite:
    """Start with `with TestSite() as site:` (or .start()/.stop())."""

    __test__ = False  # not a pytest test class

    def __init__(self, *, slow_seconds: float = 5.0, fail_times: int = 2, host: str = "127.0.0.1"):
        self.host = host
        self.slow_seconds = slow_seconds
        self.fail_times = fail_times
        self.requests: list[Request] = []
        self._versions: dict[str, int] = {}
        self._hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> "TestSite":
        self._server = _Server((self.host, 0), _Handler)
        self._server.site = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01},
                                        name=f"test-site-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "TestSite":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- addresses ---------------------------------------------------------------------
    @property
    def port(self) -> int:
        assert self._server is not None, "site not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def host_key(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def article_path(self, key: str) -> str:
        return _articles()[key]["path"]

    def article_url(self, key: str) -> str:
        return self.url(self.article_path(key))

    # -- request log -------------------------------------------------------------------
    def _log(self, req: Request) -> None:
        with self._lock:
            self.requests.append(req)

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def count(self, path: str) -> int:
        """Requests for `path` (query included if given; without a query, any query matches)."""
        return sum(1 for p in self.paths() if p == path or ("?" not in path and p.split("?")[0] == path))

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path or r.path.split("?")[0] == path]

    def clear_log(self) -> None:
        with self._lock:
            self.requests.clear()

    def reset(self) -> None:
        """Forget the log, the flaky/429 counters and bumped versions."""
        with self._lock:
            self.requests.clear()
            self._hits.clear()
            self._versions.clear()

    # -- changing content --------------------------------------------------------------
    def bump(self, path: str) -> int:
        """Change the page at `path` (new content, ETag and Last-Modified); returns its version."""
        with self._lock:
            self._versions[path] = self._versions.get(path, 1) + 1
            return self._versions[path]

    def version(self, path: str) -> int:
        return self._versions.get(path, 1)

    # -- sources file ------------------------------------------------------------------
    def sources_toml(self) -> str:
        b, hk = self.base_url, self.host_key
        return f'''# Sources of the local test site on {hk} (generated by tests/site/server.py).
[[source]]
name = "site-rss"
kind = "rss"
url = "{b}/feed.rss"
rate_per_sec = 100
profile = "dong-lam"

[[source]]
name = "site-atom"
kind = "rss"
url = "{b}/feed.atom"
rate_per_sec = 100
profile = "song-may"

[[source]]
name = "site-sitemap"
kind = "sitemap"
url = "{b}/sitemap_index.xml"
exclude = ['\\.pdf$']
rate_per_sec = 100

[[source]]
name = "site-listing"
kind = "listing"
url = "{b}/danh-muc/thi-dua-khen-thuong.htm"
rate_per_sec = 100
max_pages = 5

[[source]]
name = "site-urls"
kind = "urls"
urls = ["{b}{self.article_path('cp1258')}", "{b}{PDF_PATH}", "{b}{DOCX_PATH}"]
rate_per_sec = 100
'''

    def write_sources(self, directory: str) -> str:
        path = os.path.join(directory, "sources.toml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.sources_toml())
        return path

    # -- serving -----------------------------------------------------------------------
    def _hit(self, path: str) -> int:
        with self._lock:
            self._hits[path] = self._hits.get(path, 0) + 1
            return self._hits[path]

    def _serve(self, h: _Handler, head: bool) -> None:
        full = h.path
        path = full.split("?")[0]
        if path in REDIRECTS:
            status, loc = REDIRECTS[path]
            loc = loc.replace("{PORT}", str(self.port)).replace("{BASE}", self.base_url)
            return h.send_body(status, b"", {"Location": loc}, head)
        if path == FLAKY_PATH and self._hit(path) <= self.fail_times:
            return h.send_body(500, "Lỗi máy chủ tạm thời".encode(), {"Content-Type": "text/plain; charset=utf-8"}, head)
        if path == TOO_MANY_PATH:
            if self._hit(path) == 1:
                return h.send_body(429, b"", {"Retry-After": "1"}, head)
            return self._send_page(h, full, "<html><body><p>Đã hết giới hạn.</p></body></html>".encode(),
                                   "text/html; charset=utf-8", head)
        if path == SLOW_PATH:
            self._stop.wait(self.slow_seconds)
            return self._send_page(h, full, "<html><body><p>Trang chậm.</p></body></html>".encode(),
                                   "text/html; charset=utf-8", head)
        if path == BIG_PATH:
            return self._send_page(h, full, b"<html><body>" + b"x" * BIG_SIZE + b"</body></html>",
                                   "text/html; charset=utf-8", head)
        if path == BIG_UNSIZED_PATH:
            return self._send_unsized(h, BIG_SIZE)
        if path == GZIP_BOMB_PATH:
            return self._send_page(h, full, _gzip_bomb(), "text/html; charset=utf-8", head,
                                   extra={"Content-Encoding": "gzip"})
        pages = _static_pages()
        page = pages.get(full) or pages.get(path)
        if page is None:
            body = "<html><body><h1>404</h1><p>Không tìm thấy trang.</p></body></html>".encode()
            return h.send_body(404, body, {"Content-Type": "text/html; charset=utf-8"}, head)
        return self._send_page(h, full, self._render(path, page), page.content_type, head)

    def _render(self, path: str, page: Page) -> bytes:
        if path == PDF_PATH:
            return documents.plan_pdf()
        if path == DOCX_PATH:
            return documents.plan_docx()
        text = page.body_template.decode("utf-8").replace("{{BASE}}", self.base_url)
        v = self.version(path)
        if "{{VERSION}}" in text:
            text = text.replace("{{VERSION}}", str(v))
        elif v > 1:
            text += f"\n<!-- phiên bản {v} -->\n"
        if page.encoding.lower() in ("windows-1258", "cp1258"):
            return vn_legacy_decompose(text).encode("cp1258")
        data = text.encode("utf-8")
        return gzip.compress(data, mtime=0) if page.gzip_file else data

    def _send_page(self, h: _Handler, full: str, body: bytes, ctype: str, head: bool,
                   extra: dict[str, str] | None = None) -> None:
        path = full.split("?")[0]
        v = self.version(path)
        etag = '"' + hashlib.sha1(body + str(v).encode()).hexdigest()[:20] + '"'
        modified = BASE_TIME + timedelta(days=v - 1)
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True),
                   "Cache-Control": "no-cache", **(extra or {})}
        inm = h.headers.get("If-None-Match")
        ims = h.headers.get("If-Modified-Since")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            if etag in tags or "*" in tags:
                return h.send_body(304, b"", {"ETag": etag, "Last-Modified": headers["Last-Modified"]}, head)
        elif ims is not None:
            try:
                if modified <= parsedate_to_datetime(ims):
                    return h.send_body(304, b"", {"ETag": etag, "Last-Modified": headers["Last-Modified"]}, head)
            except (TypeError, ValueError):
                pass
        h.send_body(200, body, headers, head)

    def _send_unsized(self, h: _Handler, size: int) -> None:
        """A body with no Content-Length, sent in chunks until the connection closes."""
        h.close_connection = True
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"y" * 65536
        sent = 0
        while sent < size and not self._stop.is_set():
            h.wfile.write(chunk)
            sent += len(chunk)
