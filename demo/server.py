"""A local web server for the demo: one release of the bundled Lumenforge AI documents.

Lumenforge AI is a fictional provider. Its documents ship in `documents/release-N/` and
are served at `/legal/<name>` (e.g. `/legal/terms` for `terms.html`), so a crawl can watch
them, the demo can `switch()` to the next release, and the next crawl sees real changes.
The server behaves like a careful production site: charset in Content-Type, ETag and
Last-Modified validators with 304 answers, and a robots.txt that allows everything.

    with DemoServer("release-1") as server:
        catalog = demo_catalog_text(server.base_url)
        ...
        server.switch("release-2")
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from importlib.resources.abc import Traversable
from types import TracebackType
from urllib.parse import urlsplit

from clausewatch.errors import ConfigError

log = logging.getLogger(__name__)

PACKAGE = "clausewatch.demo"
FOLDER = "documents"
DOCUMENT_PREFIX = "/legal/"
CATALOG_BASE = "http://127.0.0.1:{port}/"  # the placeholder base URL written in catalog.toml
HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
ROBOTS_TXT = b"User-agent: *\nDisallow:\n"


def _documents_root() -> Traversable:
    # importlib.resources rather than __file__: works from a wheel or a zip as well.
    return files(PACKAGE).joinpath(FOLDER)


def _release_key(name: str) -> tuple[int, str]:
    number = re.search(r"(\d+)$", name)
    return (int(number.group(1)) if number else 0, name)


def release_names() -> list[str]:
    """The bundled releases in order, e.g. ['release-1', 'release-2']."""
    names = [
        entry.name
        for entry in _documents_root().iterdir()
        if entry.is_dir() and entry.name.startswith("release-")
    ]
    return sorted(names, key=_release_key)


def demo_catalog_text(base_url: str) -> str:
    """The demo catalog (TOML) with its placeholder host replaced by `base_url`.

    >>> demo_catalog_text("http://127.0.0.1:8123")  # doctest: +SKIP
    """
    text = _documents_root().joinpath("catalog.toml").read_text(encoding="utf-8")
    return text.replace(CATALOG_BASE, base_url.rstrip("/") + "/")


@dataclass(frozen=True, slots=True)
class _Resource:
    body: bytes
    content_type: str
    etag: str  # quoted strong validator
    last_modified: int  # whole seconds since the epoch: HTTP dates have no finer grain

    @property
    def http_date(self) -> str:
        return formatdate(self.last_modified, usegmt=True)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _opaque_tag(tag: str) -> str:
    # If-None-Match uses the weak comparison (RFC 9110 13.1.2): W/ does not matter.
    tag = tag.strip()
    return tag[2:] if tag.startswith("W/") else tag


def _is_not_modified(
    if_none_match: str | None, if_modified_since: str | None, res: _Resource
) -> bool:
    if if_none_match is not None:
        # When If-None-Match is present, If-Modified-Since must be ignored (RFC 9110 13.2.2).
        tags = {_opaque_tag(tag) for tag in if_none_match.split(",")}
        return "*" in tags or res.etag in tags
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since).timestamp()
        except (TypeError, ValueError, IndexError):
            return False  # an unparsable date is ignored, as the RFC asks
        return res.last_modified <= since
    return False


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "LumenforgeDemo/1.0"
    timeout = 10  # idle keep-alive connections must not pin a thread forever
    _status = 0

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, *, send_body: bool) -> None:
        demo = self.server.demo
        path = urlsplit(self.path).path
        res = demo._lookup(path)
        if res is None:
            body = b"<!DOCTYPE html><title>Not found</title><h1>404 Not found</h1>\n"
            self._send(HTTPStatus.NOT_FOUND, body, HTML_TYPE, send_body=send_body)
        elif _is_not_modified(
            self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"), res
        ):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(res)
            self.end_headers()
        else:
            self._send(HTTPStatus.OK, res.body, res.content_type, send_body=send_body, res=res)
        demo._record(self.command, self.path, self._status)

    def _send(
        self,
        status: HTTPStatus,
        body: bytes,
        content_type: str,
        *,
        send_body: bool,
        res: _Resource | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if res is not None:
            self._validators(res)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _validators(self, res: _Resource) -> None:
        self.send_header("ETag", res.etag)
        self.send_header("Last-Modified", res.http_date)
        self.send_header("Cache-Control", "no-cache")  # always revalidate: that is the demo

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = int(code)
        super().send_response(code, message)

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s - %s", self.address_string(), format % args)  # never to stderr


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], demo: DemoServer) -> None:
        self.demo = demo
        super().__init__(address, _Handler)

    def handle_error(self, request: object, client_address: object) -> None:
        # A client hanging up mid-answer is normal; keep stderr quiet.
        log.debug("demo server: error answering %s", client_address, exc_info=True)


class DemoServer:
    """Serve one release of the demo documents on 127.0.0.1 (ephemeral port), in a thread.

    `request_log` lists (method, path, status) of every request answered, so a demo can show
    that a second crawl got 304s.
    """

    def __init__(self, release: str = "release-1", host: str = "127.0.0.1") -> None:
        self._host = host
        self._lock = threading.Lock()
        self._resources: dict[str, _Resource] = {}
        self._robots: _Resource | None = None
        self._last_stamp = 0
        self._release = ""
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        self.request_log: list[tuple[str, str, int]] = []
        self.switch(release)

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> DemoServer:
        if self._httpd is None:
            self._httpd = _Server((self._host, 0), self)
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.1},
                name="clausewatch-demo-server",
                daemon=True,
            )
            self._thread.start()
        return self

    def close(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._httpd = None
            self._thread = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------------ addresses

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started; use `with DemoServer() as server:`")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """'http://127.0.0.1:PORT/' (with the trailing slash)."""
        return f"http://{self._host}:{self.port}/"

    def url(self, document: str) -> str:
        """The URL of one document, e.g. url('terms') -> 'http://127.0.0.1:PORT/legal/terms'."""
        return self.base_url + DOCUMENT_PREFIX.lstrip("/") + document

    # ------------------------------------------------------------------ content

    @property
    def release(self) -> str:
        return self._release

    @property
    def documents(self) -> list[str]:
        """Names of the documents served by the current release, e.g. ['dpa', 'privacy', ...]."""
        with self._lock:
            return sorted(self._resources)

    def switch(self, release: str) -> None:
        """Serve `release` from now on. Requests see either the old or the new release, whole.

        Documents whose bytes do not change keep their ETag and Last-Modified; changed ones get
        a Last-Modified later than any given before, so If-Modified-Since stays truthful.
        """
        names = release_names()
        if release not in names:
            raise ConfigError(
                f"unknown demo release {release!r}: choose one of {', '.join(names) or '(none)'}"
            )
        folder = _documents_root().joinpath(release)
        bodies = {
            entry.name.removesuffix(".html"): entry.read_bytes()
            for entry in folder.iterdir()
            if entry.is_file() and entry.name.endswith(".html")
        }
        with self._lock:
            stamp = max(int(time.time()), self._last_stamp + 1)
            fresh: dict[str, _Resource] = {}
            for name, body in bodies.items():
                old = self._resources.get(name)
                etag = _etag(body)
                if old is not None and old.etag == etag:
                    fresh[name] = old
                else:
                    fresh[name] = _Resource(body, HTML_TYPE, etag, stamp)
            self._last_stamp = stamp
            self._resources = fresh  # one reference swap: the switch is atomic
            self._release = release
            if self._robots is None:
                self._robots = _Resource(ROBOTS_TXT, TEXT_TYPE, _etag(ROBOTS_TXT), stamp)

    def _lookup(self, path: str) -> _Resource | None:
        with self._lock:
            if path == "/robots.txt":
                return self._robots
            if path == "/":
                return self._index()
            if path.startswith(DOCUMENT_PREFIX):
                name = path[len(DOCUMENT_PREFIX) :].rstrip("/").removesuffix(".html")
                return self._resources.get(name)
            return None

    def _index(self) -> _Resource:
        # A small landing page for people who open the demo in a browser.
        items = "".join(
            f'<li><a href="{DOCUMENT_PREFIX}{escape(name)}">{escape(name)}</a></li>'
            for name in sorted(self._resources)
        )
        body = (
            "<!DOCTYPE html><meta charset='utf-8'><title>Lumenforge AI (demo)</title>"
            f"<h1>Lumenforge AI legal documents ({escape(self._release)})</h1><ul>{items}</ul>\n"
        ).encode()
        return _Resource(body, HTML_TYPE, _etag(body), self._last_stamp)

    def _record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.request_log.append((method, path, status))
