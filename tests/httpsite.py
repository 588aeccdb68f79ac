"""A real HTTP server on 127.0.0.1 for crawl tests, with routes for every failure we handle.

Pages are held in memory so that a test can change a page between two crawls. Responses carry
an ETag and honour If-None-Match, so conditional GET is exercised for real.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Fast, still-real crawler settings for tests: no politeness delays, short timeouts.
FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_TIMEOUT": 1.5,
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0.05,
    "DOWNLOAD_MAXSIZE": 300_000,
    "REDIRECT_MAX_TIMES": 4,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
}


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # extra ones: Retry-After, ...
    content_length: int | None = None  # a lying Content-Length (the body is cut short)


@dataclass
class Site:
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    base_url: str = ""
    queued: dict[str, list[Page]] = field(default_factory=dict)  # served once each, first
    request_times: list[tuple[str, float]] = field(default_factory=list)  # (path, monotonic)

    def put(self, path: str, html: str | bytes, content_type: str = "text/html; charset=utf-8"):
        body = html.encode("utf-8") if isinstance(html, str) else html
        self.pages[path] = Page(body, content_type)

    def put_page(self, path: str, page: Page) -> None:
        self.pages[path] = page

    def queue(self, path: str, *pages: Page) -> None:
        """Responses served (once each, in order) before the page at `path`."""
        self.queued.setdefault(path, []).extend(pages)

    def times_for(self, path: str) -> list[float]:
        return [t for p, t in self.request_times if p == path]

    def url(self, path: str) -> str:
        return self.base_url + path

    def requests_for(self, path: str) -> list[dict[str, str]]:
        return [h for p, h in self.requests if p == path]


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep test output clean
            pass

        def _send(
            self,
            status: int,
            body: bytes = b"",
            headers: dict[str, str] | None = None,
            length: int | None = None,
        ):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body) if length is None else length))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            if length is not None and length > len(body):
                self.close_connection = True  # the client sees the body cut short

        def _send_page(self, page: Page, extra: dict[str, str] | None = None):
            headers = {"Content-Type": page.content_type, **page.headers, **(extra or {})}
            return self._send(page.status, page.body, headers, page.content_length)

        def do_GET(self):  # noqa: N802
            path = self.path
            site.requests.append((path, dict(self.headers.items())))
            site.request_times.append((path, time.monotonic()))
            if site.queued.get(path):
                return self._send_page(site.queued[path].pop(0))
            if path == "/robots.txt":
                return self._send(
                    200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}
                )
            if path == "/status/500":
                return self._send(500, b"oops", {"Content-Type": "text/plain"})
            if path.startswith("/slow"):
                time.sleep(3)
                return self._send(200, b"<p>late</p>", {"Content-Type": "text/html"})
            if path.startswith("/loop"):
                return self._send(
                    302, b"", {"Location": "/loop-back" if path == "/loop" else "/loop"}
                )
            if path == "/huge":
                body = b"<html><body>" + b"<p>" + b"x" * 1_000_000 + b"</p></body></html>"
                return self._send(200, body, {"Content-Type": "text/html"})
            page = site.pages.get(path)
            if page is None:
                return self._send(404, b"not found", {"Content-Type": "text/plain"})
            etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, b"", {"ETag": etag})
            return self._send_page(page, {"ETag": etag})

    return Handler


class SiteServer:
    def __init__(self) -> None:
        self.site = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.httpd.daemon_threads = True
        self.site.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def make_pdf(paragraphs: list[str]) -> bytes:
    """A minimal, valid one-page PDF with one line of Helvetica text per paragraph."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    lines = ["BT /F1 10 Tf 40 800 Td 14 TL"]
    for p in paragraphs:
        lines.append(f"({esc(p)}) Tj T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
