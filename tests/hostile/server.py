"""A hostile HTTP server on 127.0.0.1 (free port) for fetch-safety tests: compression bombs,
endless and dripping bodies, headers dripped a byte at a time (robots.txt too, on request),
lying Content-Length, huge headers, redirects to other hosts, schemes and private addresses,
a page linking hundreds of PDFs.

    with HostileServer() as srv:
        srv.url("/bom/gzip-1g"); srv.count("/bom/gzip-1g")"""
from __future__ import annotations

import functools
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GZIP_BOMB_BYTES = 1024 * 1024 * 1024         # what /bom/gzip-1g inflates to
DRIP_SECONDS = 0.5                            # between the bytes of a dripped header
LINKED_PDFS = 500                             # PDF links on /trang-nhieu-pdf.htm
ROBOTS = b"User-agent: *\nAllow: /\n"
ARTICLE = ("<html><head><meta charset='utf-8'><title>Tin thử</title></head><body><article><p>Ngày 2/3/2024, "
           "Sở Nội vụ tỉnh Đông Lâm tổ chức hội nghị tổng kết công tác thi đua, khen thưởng.</p></article>"
           "</body></html>").encode()


@functools.cache
def _deflated(size: int, wbits: int) -> bytes:
    """`size` zero bytes compressed (gzip: wbits 31, zlib: 15), built in chunks."""
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = b"\0" * (1024 * 1024)
    parts = [c.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(c.flush())
    return b"".join(parts)


# path → (status, Location) ; {PORT} is this server's port
REDIRECTS = {
    "/chuyen/giao-thuc-tuong-doi": (302, "//evil.example.com/tin.htm"),
    "/chuyen/host-khac": (301, "http://evil.example.com/tin.htm"),
    "/chuyen/userinfo": (302, "http://127.0.0.1:{PORT}@evil.example.com/tin.htm"),
    "/chuyen/ipv6-loopback": (307, "http://[::1]:{PORT}/bai.htm"),
    "/chuyen/so-nguyen": (302, "http://2130706433:{PORT}/bai.htm"),
    "/chuyen/metadata": (302, "http://169.254.169.254/latest/meta-data/"),
    "/chuyen/file": (302, "file:///etc/passwd"),
    "/chuyen/ftp": (302, "ftp://127.0.0.1/etc/passwd"),
    "/chuyen/data": (302, "data:text/html,<p>x</p>"),
    "/chuyen/javascript": (302, "javascript:alert(1)"),
    "/chuyen/gopher": (302, "gopher://127.0.0.1:6379/_FLUSHALL"),
    "/chuyen/localhost": (308, "http://localhost:{PORT}/bai.htm"),
}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        srv = self.server.owner
        path = self.path.split("?")[0]
        srv._log(path)
        try:
            self._route(srv, path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None, length: int | None = None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _drip_headers(self, srv: "HostileServer") -> None:
        """A status line and headers one byte every DRIP_SECONDS, never finished."""
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + b"X-Cham: " + b"z" * 100_000
        for byte in head:
            if srv.stopping.is_set():
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(DRIP_SECONDS)

    def _route(self, srv: "HostileServer", path: str) -> None:
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            if srv.drip_robots:
                return self._drip_headers(srv)
            return self._send(200, srv.robots, {"Content-Type": "text/plain"})
        if path == "/bai.htm":
            return self._send(200, ARTICLE, html)
        if path == "/tieu-de-nho-giot":       # response headers, one byte at a time
            return self._drip_headers(srv)
        if path.startswith("/bai-") and path.endswith(".htm"):   # /bai-N.htm: distinct articles
            return self._send(200, ARTICLE.replace(b"</p>", f" (bài {path[5:-4]})</p>".encode()), html)
        if path == "/trang-nhieu-pdf.htm":    # one page linking LINKED_PDFS documents
            links = "".join(f'<li><a href="/tai-lieu/{i}.pdf">Văn bản {i}</a></li>' for i in range(LINKED_PDFS))
            return self._send(200, ARTICLE.replace(b"</article>", f"<ul>{links}</ul></article>".encode()), html)
        if path.startswith("/tai-lieu/") and path.endswith(".pdf"):
            from tests.hostile.inputs import pdf_bytes
            return self._send(200, pdf_bytes(), {"Content-Type": "application/pdf"})
        if path in REDIRECTS:
            status, loc = REDIRECTS[path]
            return self._send(status, b"", {"Location": loc.replace("{PORT}", str(srv.port))})
        if path == "/bom/gzip-1g":
            return self._send(200, _deflated(GZIP_BOMB_BYTES, 31), {**html, "Content-Encoding": "gzip"})
        if path == "/bom/deflate-1g":
            return self._send(200, _deflated(GZIP_BOMB_BYTES, 15), {**html, "Content-Encoding": "deflate"})
        if path == "/bom/gzip-hai-lan":       # gzip of gzip, declared as such
            inner = _deflated(256 * 1024 * 1024, 31)
            c = zlib.compressobj(9, zlib.DEFLATED, 31)
            return self._send(200, c.compress(inner) + c.flush(), {**html, "Content-Encoding": "gzip, gzip"})
        if path == "/vo-tan":                 # chunked, never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            block = b"<p>" + b"x" * 65_000 + b"</p>"
            while not srv.stopping.is_set():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
            return
        if path == "/nho-giot":               # one byte every 0.1 s, for 60 s
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "600")
            self.end_headers()
            for _ in range(600):
                if srv.stopping.is_set():
                    return
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if path == "/do-dai-noi-doi":         # says 100 bytes, sends 5 MB
            return self._send(200, b"<p>" + b"y" * 5_000_000, html, length=100)
        if path == "/tieu-de-khong-lo":       # 1 MB of response headers
            self.send_response(200)
            for i in range(1000):
                self.send_header(f"X-Rac-{i}", "z" * 1000)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")
            return
        return self._send(404, b"khong co", {"Content-Type": "text/plain"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: "HostileServer"

    def handle_error(self, request, client_address):   # clients hanging up at a cap are expected
        pass


class HostileServer:
    __test__ = False

    def __init__(self, robots: bytes = ROBOTS, drip_robots: bool = False):
        self.requests: list[str] = []
        self.robots, self.drip_robots = robots, drip_robots
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: _Server | None = None

    def __enter__(self) -> "HostileServer":
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def host_key(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _log(self, path: str) -> None:
        with self._lock:
            self.requests.append(path)

    def count(self, path: str) -> int:
        with self._lock:
            return self.requests.count(path)
