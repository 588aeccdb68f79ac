"""A 127.0.0.1 server of bad responses (and genuine pages in awkward shapes) for the fault suite.

Every route is a small function that writes the response itself, so that a route can lie
about its length, stall, drip, reset the connection or stream without end. `FAULTS` is the
table the suite crawls in one run: each entry says which document the crawl must record
(`text`: a phrase the version contains) or which fetch error (`reason`). Routes marked
`turns_bad` serve a genuine document first and a bad page once `phase` is 2, so the suite can
check that a document going bad never becomes a version nor a "clause deleted" finding.

All text here is written for these tests.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from httpsite import make_pdf

# The fault suite's crawler settings: real middlewares, small limits, short waits.
FAULT_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "DOWNLOAD_TIMEOUT": 2.0,  # the timeout and drip routes stall far longer
    "RETRY_TIMES": 1,
    "RETRY_BACKOFF_BASE": 0.05,
    "RETRY_AFTER_MAX": 2.0,
    "DOWNLOAD_MAXSIZE": 4_000_000,  # the multi-megabyte genuine page fits, the monsters don't
    "DOWNLOAD_WARNSIZE": 0,
    "REDIRECT_MAX_TIMES": 4,
    "CONCURRENT_REQUESTS": 64,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 64,
}
MAXSIZE = int(FAULT_SETTINGS["DOWNLOAD_MAXSIZE"])
INFLATED = 200_000_000  # what each compression bomb inflates to (50x the limit)

PARAGRAPHS = [
    "Fernhollow Analytics explains here how it treats the questions, files and recordings "
    "that customers send to its forecasting service during an ordinary working week.",
    "We use customer content only to run the service for that customer, and we never use it "
    "to train or improve shared models unless the workspace owner opts in.",
    "Request logs are kept for fourteen days to investigate abuse and outages; after that "
    "they are erased from primary systems and from backups within another month.",
]


def document(marker: str, *, charset: str = "utf-8", head: str = "", wrap=None) -> str:
    """A genuine policy page whose text contains `marker`."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + f"<p>{marker}</p>"
    if wrap is not None:
        body = wrap(body)
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!doctype html><html><head>{meta}<title>Data policy</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav><main><h1>Data policy</h1>{body}</main>"
        "<footer>Fernhollow Analytics</footer></body></html>"
    )


# --------------------------------------------------------------------------- walls

WALLS = {
    "consent": "<html><body><div class='dialog'><h2>We value your privacy</h2><p>We use "
    "cookies and similar technologies to store and/or access information on a device.</p>"
    "<button>Accept all</button><button>Reject all</button><button>Manage preferences"
    "</button></div></body></html>",
    "login": "<html><body><main><h1>Sign in to continue</h1><form><label>Email address"
    "</label><input><label>Password</label><input type=password><a>Forgot your password?</a>"
    "<p>Don't have an account? Sign up</p></form></main></body></html>",
    "botcheck": "<html><head><title>Just a moment...</title></head><body><main><h1>Checking "
    "your browser before accessing the site</h1><p>Please verify you are a human. This "
    "security check is automatic. Ray ID: 81c0ffee.</p></main></body></html>",
    "soft404": "<html><body><main><h1>Page not found</h1><p>Sorry, the page you are looking "
    "for does not exist or has moved. Go back to the home page.</p></main></body></html>",
    "maintenance": "<html><body><main><h1>Down for maintenance</h1><p>The site is "
    "temporarily unavailable during scheduled maintenance. We'll be back soon; please try "
    "again later.</p></main></body></html>",
    "appshell": '<!doctype html><html><head><script src="/static/app.4f2a.js" defer></script>'
    '<script>window.__STATE__={"route":"/policy"}</script></head><body><div id="root"></div>'
    "<noscript>You need to enable JavaScript to run this app.</noscript></body></html>",
}


# --------------------------------------------------------------------------- bodies


@cache
def bomb(encoding: str) -> bytes:
    """INFLATED bytes of HTML, compressed with `encoding` (gzip, deflate, br, zstd)."""
    chunk = b"<p>" + b"a" * 999_993 + b"</p>\n"
    if encoding in ("gzip", "deflate"):
        packer = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
        out = [packer.compress(b"<html><body><main>")]
        out += [packer.compress(chunk) for _ in range(INFLATED // len(chunk))]
        return b"".join(out) + packer.compress(b"</main></body></html>") + packer.flush()
    if encoding == "br":
        import brotli

        return brotli.compress(b"<html><body>" + chunk * (INFLATED // len(chunk)), quality=5)
    if encoding == "zstd":
        import zstandard

        packer = zstandard.ZstdCompressor(level=3).compressobj()
        out = [packer.compress(chunk) for _ in range(INFLATED // len(chunk))]
        return b"".join(out) + packer.flush()
    raise ValueError(encoding)


def have_brotli() -> bool:
    try:
        import brotli  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def utf16_page(marker: str) -> bytes:
    return b"\xff\xfe" + document(marker, charset="").encode("utf-16-le")


@cache
def cp1252_meta_page(marker: str) -> bytes:
    return document(marker, charset="windows-1252").encode("cp1252")


@cache
def one_line_page(marker: str) -> bytes:
    """A minified page: one 3 MB line, mostly a JSON blob for the app, the policy inside."""
    state = '{"items":[' + ",".join(f'{{"id":{i},"v":"x{i:07d}"}}' for i in range(110_000))
    head = f"<script>window.__DATA__={state}]}}</script>"
    return document(marker, head=head).replace("\n", " ").encode()


@cache
def deep_page(marker: str, depth: int = 5000) -> bytes:
    return document(marker, wrap=lambda b: "<div>" * depth + b + "</div>" * depth).encode()


@cache
def textless_pdf() -> bytes:
    """A valid PDF whose only page draws a rectangle: a scan without a text layer."""
    pdf = make_pdf(["placeholder"])
    start = pdf.index(b"BT")
    end = pdf.index(b"ET", start) + 2
    stream = b"0 0 1 rg 40 40 200 200 re f".ljust(end - start)
    return pdf[:start] + stream + pdf[end:]


@cache
def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 64 for _ in range(64))
    ihdr = struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


# --------------------------------------------------------------------------- the table


@dataclass(frozen=True)
class Fault:
    name: str  # also the path: /<name>
    kind: str  # what is wrong, for the report
    reason: str | None = None  # the expected fetch error, or None for a version
    text: str | None = None  # a phrase the expected version contains
    turns_bad: bool = False  # genuine in phase 1, this fault in phase 2


def _mark(name: str) -> str:
    return f"Marker phrase for {name.replace('-', ' ')} holds."


_F = Fault
FAULTS: list[Fault] = [
    # HTTP statuses
    _F("s401", "HTTP 401", "http_401"),
    _F("s403", "HTTP 403", "http_403"),
    _F("s404", "HTTP 404", "http_404"),
    _F("s410", "HTTP 410 Gone", "http_410"),
    _F("s429", "HTTP 429 without Retry-After", "http_429"),
    _F("s429-long", "HTTP 429, Retry-After 3600 s (beyond the cap)", "http_429"),
    _F("s429-short", "HTTP 429, Retry-After 1 s, every time", "http_429"),
    _F("s429-once", "HTTP 429, Retry-After 1 s, then the page", text=_mark("s429-once")),
    _F("s500", "HTTP 500", "http_500"),
    _F("s503", "HTTP 503", "http_503"),
    _F("s503-date", "HTTP 503, Retry-After as a date in an hour", "http_503"),
    _F("s204", "HTTP 204 No Content", "empty"),
    _F("s999", "HTTP 999 (non-standard)", "http_999"),
    # redirects
    _F("loop", "redirect loop (A -> B -> A)", "redirect_loop"),
    _F("chain", "redirect chain of 12 hops", "redirect_loop"),
    _F("chain-ok", "redirect chain of 3 hops to the page", text=_mark("chain-ok")),
    _F("to404", "redirect to a 404", "http_404"),
    _F("nolocation", "302 without Location", "http_302"),
    _F("meta-loop", "meta-refresh loop", "redirect_loop"),
    # walls
    _F("consent", "cookie-consent wall", "consent_wall"),
    _F("login", "sign-in wall", "login_wall"),
    _F("botcheck", "bot check", "bot_check"),
    _F("soft404", "soft 404 (HTTP 200)", "soft_404"),
    _F("maintenance", "maintenance page (HTTP 200)", "maintenance"),
    _F("appshell", "JavaScript app shell", "app_shell"),
    # bodies
    _F("empty", "empty body", "empty"),
    _F("blank", "whitespace-only body", "empty"),
    _F("soup", "declared UTF-8, U+FFFD soup", "decode"),
    _F("binary", "random bytes as text/html", "binary"),
    _F("nul", "NUL bytes as text/html", "binary"),
    _F("png-html", "PNG served as text/html", "content_type"),
    _F("png", "PNG served as image/png", "content_type"),
    _F("pdf-notext", "PDF without a text layer", "pdf_no_text"),
    _F("pdf-cut", "PDF cut in half", "pdf_unreadable"),
    _F("deep", "genuine page nested 5,000 levels deep", text=_mark("deep")),
    _F("stray-nul", "genuine page with stray NUL bytes", text=_mark("stray-nul")),
    # transport
    _F("timeout", "no response before the timeout", "timeout"),
    _F("drip", "slow drip, one byte at a time", "timeout"),
    _F("reset", "connection reset before the response", "connection_lost"),
    _F("reset-body", "connection reset in the body", "data_loss"),
    _F("short", "Content-Length larger than the body", "data_loss"),
    _F("garbage", "not HTTP at all", "bad_response"),
    _F("badgzip", "Content-Encoding gzip on a plain body", "decode"),
    # size
    _F("big", "oversized body with Content-Length", "too_large"),
    _F("big-chunked", "oversized body, chunked, no Content-Length", "too_large"),
    _F("big-close", "oversized body ended by close, no Content-Length", "too_large"),
    _F("gzip-bomb", "gzip bomb (200 MB inflated)", "too_large"),
    _F("deflate-bomb", "deflate bomb (200 MB inflated)", "too_large"),
    _F("zstd-bomb", "zstd bomb (200 MB inflated)", "too_large"),
    *([_F("br-bomb", "brotli bomb (200 MB inflated)", "too_large")] if have_brotli() else []),
    # genuine pages in awkward shapes
    _F("cp1252-meta", "windows-1252 declared only in <meta>", text="café’s “quoted” terms"),
    _F("bom8", "UTF-8 with BOM, no charset anywhere", text="naïve façade"),
    _F("utf16", "UTF-16 with BOM", text="Zürich office"),
    _F("oneline", "3 MB single-line minified page", text=_mark("oneline")),
    _F("gzip-ok", "genuine gzip-encoded page", text=_mark("gzip-ok")),
    _F("octet", "genuine page as application/octet-stream", text=_mark("octet")),
    _F("pdf", "genuine PDF", text="Fernhollow keeps PDF records"),
    # documents that go bad on the second crawl
    _F("bad-consent", "good page, then a consent wall", "consent_wall", turns_bad=True),
    _F("bad-empty", "good page, then an empty body", "empty", turns_bad=True),
    _F("bad-410", "good page, then HTTP 410", "http_410", turns_bad=True),
    _F("bad-shell", "good page, then an app shell", "app_shell", turns_bad=True),
    _F("bad-short", "good page, then a cut body", "data_loss", turns_bad=True),
]
SIZE_FAULTS = [f.name for f in FAULTS if f.reason == "too_large"]


# --------------------------------------------------------------------------- the server


class FaultSite:
    def __init__(self) -> None:
        self.base_url = ""
        self.phase = 1
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def url(self, path: str) -> str:
        return self.base_url + path

    def hit(self, path: str) -> int:
        with self.lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            return self.hits[path]


Route = Callable[[BaseHTTPRequestHandler, FaultSite], None]


def _send(h, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **kw):
    length = kw.pop("length", len(body))
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    for k, v in kw.pop("headers", {}).items():
        h.send_header(k, v)
    if length is not None:
        h.send_header("Content-Length", str(length))
    h.end_headers()
    h.wfile.write(body)
    if length is None or length != len(body):
        h.close_connection = True


def _html(h, text: str | bytes, ctype: str = "text/html; charset=utf-8", **kw):
    body = text.encode() if isinstance(text, str) else text
    _send(h, 200, body, ctype, **kw)


def _reset(h) -> None:
    """Close with RST (SO_LINGER 0): the client sees 'connection reset', not a clean close."""
    h.wfile.flush()
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def _stream(h, framing: str) -> None:
    """Write up to 40 MB in 64 KB pieces, until the client hangs up.

    framing: "length" (an honest Content-Length), "chunked", or "close" (neither).
    """
    piece = b"<p>" + b"z" * 65_529 + b"</p>"
    pieces = 40_000_000 // len(piece)
    chunked = framing == "chunked"
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    if framing == "length":
        h.send_header("Content-Length", str(pieces * len(piece)))
    elif chunked:
        h.send_header("Transfer-Encoding", "chunked")
    else:
        h.send_header("Connection", "close")
    h.end_headers()
    try:
        for _ in range(pieces):
            h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        if chunked:
            h.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass  # the crawler gave up: that is the point
    h.close_connection = True


def _drip(h, site) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    try:
        for _ in range(50):  # 10 s at most, well past the crawler's timeout
            h.wfile.write(b"<")
            h.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass
    h.close_connection = True


def _status(code: int, headers: dict[str, str] | None = None) -> Route:
    return lambda h, s: _send(h, code, b"<p>no</p>", headers=headers or {})


def _turns_bad(bad: Route) -> Route:
    def route(h, s):
        if s.phase == 1:
            return _html(h, document(_mark(h.path.strip("/"))))
        return bad(h, s)

    return route


def _page(text: str) -> Route:
    return lambda h, s: _html(h, text)


def _once_429(h, s) -> None:
    if s.hit(h.path) % 2:  # every odd request of the path: wait a second, then come again
        return _send(h, 429, b"slow down", "text/plain", headers={"Retry-After": "1"})
    return _html(h, document(_mark("s429-once")), headers={"ETag": '"once-1"'})


def _hop(h, s) -> None:
    # /chain/<n> -> /chain/<n+1>; /chain-ok/3 is the page
    prefix, n = h.path.rsplit("/", 1)
    n = int(n or 0)
    if prefix == "/chain-ok" and n == 3:
        return _html(h, document(_mark("chain-ok")))
    if prefix == "/chain" and n == 12:
        return _html(h, document("end of the long chain"))
    _send(h, 302, headers={"Location": f"{prefix}/{n + 1}"})


def _in_an_hour() -> str:
    from email.utils import formatdate

    return formatdate(time.time() + 3600, usegmt=True)


@cache
def _pdf_text() -> bytes:
    return make_pdf(
        [
            *PARAGRAPHS[0:1],
            "Fernhollow keeps PDF records of every policy it publishes, and "
            "customers may ask for a copy of any earlier one at no charge.",
            *PARAGRAPHS[1:],
        ]
    )


def _gzip_ok(h, s) -> None:
    body = gzip.compress(document(_mark("gzip-ok")).encode())
    _html(h, body, headers={"Content-Encoding": "gzip"})


def _garbage(h, s) -> None:
    h.wfile.write(b"SSH-2.0-OpenSSH_9.6\r\n\x00\x01\x02 not a status line at all\r\n\r\n")
    h.close_connection = True


ROUTES: dict[str, Route] = {
    "/s401": _status(401, {"WWW-Authenticate": 'Basic realm="policies"'}),
    "/s403": _status(403),
    "/s404": _status(404),
    "/s410": _status(410),
    "/s429": _status(429),
    "/s429-long": _status(429, {"Retry-After": "3600"}),
    "/s429-short": _status(429, {"Retry-After": "1"}),
    "/s429-once": _once_429,
    "/s500": _status(500),
    "/s503": _status(503),
    "/s503-date": lambda h, s: _send(h, 503, b"busy", headers={"Retry-After": _in_an_hour()}),
    "/s204": lambda h, s: _send(h, 204, length=None),
    "/s999": _status(999),
    "/loop": lambda h, s: _send(h, 301, headers={"Location": "/loop-b"}),
    "/loop-b": lambda h, s: _send(h, 302, headers={"Location": "/loop"}),
    "/chain": lambda h, s: _send(h, 302, headers={"Location": "/chain/1"}),
    "/chain-ok": lambda h, s: _send(h, 302, headers={"Location": "/chain-ok/1"}),
    "/to404": lambda h, s: _send(h, 307, headers={"Location": "/nowhere"}),
    "/nolocation": lambda h, s: _send(h, 302, b"moved somewhere"),
    "/meta-loop": lambda h, s: _html(
        h, '<html><head><meta http-equiv="refresh" content="0; url=/meta-b"></head></html>'
    ),
    "/meta-b": lambda h, s: _html(
        h, '<html><head><meta http-equiv="refresh" content="0;URL=\'/meta-loop\'"></head></html>'
    ),
    **{f"/{name}": _page(text) for name, text in WALLS.items()},
    "/empty": lambda h, s: _html(h, b""),
    "/blank": lambda h, s: _html(h, b" \r\n\t \n  \n"),
    "/soup": lambda h, s: _html(h, "<html><body><main><p>" + "\ufffd" * 5000 + "</p></main>"),
    "/binary": lambda h, s: _html(h, bytes((i * 7919) % 256 for i in range(20_000)), "text/html"),
    "/nul": lambda h, s: _html(h, b"\x00" * 8000),
    "/png-html": lambda h, s: _html(h, png(), "text/html"),
    "/png": lambda h, s: _html(h, png(), "image/png"),
    "/pdf-notext": lambda h, s: _html(h, textless_pdf(), "application/pdf"),
    "/pdf-cut": lambda h, s: _html(h, _pdf_text()[:300], "application/pdf"),
    "/deep": lambda h, s: _html(h, deep_page(_mark("deep"))),
    "/stray-nul": lambda h, s: _html(
        h, document(_mark("stray-nul")).replace("<p>We use", "<p>\x00We\x00 use").encode()
    ),
    "/timeout": lambda h, s: (time.sleep(6), _html(h, document("too late"))),
    "/drip": _drip,
    "/reset": lambda h, s: _reset(h),
    "/reset-body": lambda h, s: (
        h.send_response(200),
        h.send_header("Content-Type", "text/html"),
        h.send_header("Transfer-Encoding", "chunked"),
        h.end_headers(),
        h.wfile.write(b"400\r\n<html><body><main>" + b"p" * 1000),
        _reset(h),
    ),
    "/short": lambda h, s: _send(h, 200, document("cut short").encode()[:200], length=50_000),
    "/garbage": _garbage,
    "/badgzip": lambda h, s: _html(
        h, document("not really gzip"), headers={"Content-Encoding": "gzip"}
    ),
    "/big": lambda h, s: _stream(h, "length"),
    "/big-chunked": lambda h, s: _stream(h, "chunked"),
    "/big-close": lambda h, s: _stream(h, "close"),
    "/gzip-bomb": lambda h, s: _html(h, bomb("gzip"), headers={"Content-Encoding": "gzip"}),
    "/deflate-bomb": lambda h, s: _html(
        h, bomb("deflate"), headers={"Content-Encoding": "deflate"}
    ),
    "/zstd-bomb": lambda h, s: _html(h, bomb("zstd"), headers={"Content-Encoding": "zstd"}),
    "/br-bomb": lambda h, s: _html(h, bomb("br"), headers={"Content-Encoding": "br"}),
    "/cp1252-meta": lambda h, s: _html(h, cp1252_meta_page("café’s “quoted” terms"), "text/html"),
    "/bom8": lambda h, s: _html(
        h, b"\xef\xbb\xbf" + document("naïve façade", charset="").encode(), "text/html"
    ),
    "/utf16": lambda h, s: _html(h, utf16_page("Zürich office"), "text/html"),
    "/oneline": lambda h, s: _html(h, one_line_page(_mark("oneline"))),
    "/gzip-ok": _gzip_ok,
    "/octet": lambda h, s: _html(h, document(_mark("octet")), "application/octet-stream"),
    "/pdf": lambda h, s: _html(h, _pdf_text(), "application/pdf"),
    "/bad-consent": _turns_bad(lambda h, s: _html(h, WALLS["consent"])),
    "/bad-empty": _turns_bad(lambda h, s: _html(h, b"")),
    "/bad-410": _turns_bad(_status(410)),
    "/bad-shell": _turns_bad(lambda h, s: _html(h, WALLS["appshell"])),
    "/bad-short": _turns_bad(
        lambda h, s: _send(h, 200, document("half").encode()[:300], length=20_000)
    ),
    "/robots.txt": lambda h, s: _send(h, 200, b"User-agent: *\nAllow: /\n", "text/plain"),
}


def _route(path: str) -> Route | None:
    if path in ROUTES:
        return ROUTES[path]
    if path.startswith(("/chain/", "/chain-ok/")):
        return _hop
    if path.startswith("/ok/"):  # genuine pages, as many as asked for (benchmark reference)
        return lambda h, s: _html(h, document(f"Reference page {path[4:]}."))
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: FaultSite

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):  # noqa: N802
        self.site.hit(self.path)
        route = _route(self.path)
        if route is None:
            return _send(self, 404, b"not found", "text/plain")
        try:
            route(self, self.site)
        except OSError:
            self.close_connection = True  # the client hung up on a slow route


class _Server(ThreadingHTTPServer):
    # The crawl opens one connection per fault at once; the default backlog of 5 would make
    # the kernel drop SYNs and the crawler time out on pages that are not at fault.
    request_queue_size = 256

    def handle_error(self, request, client_address) -> None:
        pass  # resets and hang-ups are what this server is for


class FaultServer:
    """`with FaultServer() as site:` serves the fault routes on 127.0.0.1 in a thread."""

    def __init__(self) -> None:
        self.site = FaultSite()
        handler = type("Handler", (_Handler,), {"site": self.site})
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.site.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultSite:
        for name in ("gzip", "deflate", "zstd", *(["br"] if have_brotli() else [])):
            bomb(name)  # compressed once, before the crawl's clock starts
        self.thread.start()
        return self.site

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def catalog_toml(site: FaultSite, faults: list[Fault] = FAULTS, *, genuine: int = 0) -> str:
    """A catalog with one document per fault (or `genuine` good pages), in one provider."""
    paths = [f.name for f in faults] if not genuine else [f"ok/{i}" for i in range(genuine)]
    out = ['[providers.fern]\nname = "Fernhollow Analytics"\n']
    for path in paths:
        out.append(
            f'\n[[providers.fern.documents]]\nname = "{path.replace("/", "-")}"\n'
            f'type = "privacy_policy"\nurl = "{site.url("/" + path)}"\n'
        )
    return "".join(out)
