"""The demo server: real HTTP on 127.0.0.1 with urllib, and the bundled documents it serves."""

from __future__ import annotations

import threading
import tomllib
import urllib.robotparser
from collections.abc import Iterator
from email.message import Message
from email.utils import formatdate
from urllib.error import HTTPError
from urllib.request import ProxyHandler, Request, build_opener

import pytest
from bs4 import BeautifulSoup

from clausewatch.demo.server import DemoServer, demo_catalog_text, release_names
from clausewatch.errors import ConfigError

# No proxy from the environment: these requests must stay on 127.0.0.1.
_opener = build_opener(ProxyHandler({}))

DOCUMENTS = ["data-and-training", "dpa", "privacy", "terms"]


def fetch(
    url: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, Message, bytes]:
    request = Request(url, headers=headers or {}, method=method)
    try:
        with _opener.open(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except HTTPError as error:  # urllib raises for 304 and 404 alike
        with error:
            return error.code, error.headers, error.read()


def main_text(html: bytes) -> str:
    """What the catalog's select/remove keep: <main> without the cookie banner."""
    main = BeautifulSoup(html, "lxml").select_one("main")
    assert main is not None
    for banner in main.select(".cookie-consent"):
        banner.decompose()
    return " ".join(main.get_text(" ").split())


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer("release-1") as demo:
        yield demo


def test_release_names() -> None:
    assert release_names() == ["release-1", "release-2"]


def test_serves_release_1_with_charset_and_validators(server: DemoServer) -> None:
    assert server.base_url == f"http://127.0.0.1:{server.port}/"
    assert server.port > 0
    assert server.documents == DOCUMENTS
    status, headers, body = fetch(server.url("terms"))
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert int(headers["Content-Length"]) == len(body)
    assert headers["ETag"].startswith('"') and headers["Last-Modified"].endswith("GMT")
    assert "We do not use your API inputs or outputs to train our models unless you opt in" in (
        main_text(body)
    )


def test_switch_changes_content_etag_and_last_modified(server: DemoServer) -> None:
    _, old_headers, old_body = fetch(server.url("data-and-training"))
    server.switch("release-2")
    assert server.release == "release-2"
    status, new_headers, new_body = fetch(server.url("data-and-training"))
    assert status == 200
    assert new_body != old_body
    assert "unless you opt out" in main_text(new_body)
    assert new_headers["ETag"] != old_headers["ETag"]
    assert new_headers["Last-Modified"] != old_headers["Last-Modified"]
    # The old validator no longer matches: a conditional GET now gets the new body.
    status, _, body = fetch(server.url("data-and-training"), {"If-None-Match": old_headers["ETag"]})
    assert (status, body) == (200, new_body)
    # Switching back serves release 1 again, with a fresh (later) Last-Modified.
    server.switch("release-1")
    _, back_headers, back_body = fetch(server.url("data-and-training"))
    assert back_body == old_body and back_headers["ETag"] == old_headers["ETag"]


def test_switch_to_the_same_release_keeps_validators(server: DemoServer) -> None:
    _, before, _ = fetch(server.url("dpa"))
    server.switch("release-1")
    _, after, _ = fetch(server.url("dpa"))
    assert (after["ETag"], after["Last-Modified"]) == (before["ETag"], before["Last-Modified"])


def test_conditional_get_answers_304(server: DemoServer) -> None:
    url = server.url("privacy")
    _, headers, _ = fetch(url)
    etag = headers["ETag"]
    status, headers_304, body = fetch(url, {"If-None-Match": etag})
    assert (status, body) == (304, b"")
    assert headers_304["ETag"] == etag
    assert fetch(url, {"If-None-Match": f'"other", W/{etag}'})[0] == 304  # weak comparison
    assert fetch(url, {"If-None-Match": "*"})[0] == 304
    assert fetch(url, {"If-None-Match": '"something-else"'})[0] == 200
    # If-Modified-Since: same date -> 304, an older one -> 200, garbage is ignored.
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": formatdate(0, usegmt=True)})[0] == 200
    assert fetch(url, {"If-Modified-Since": "yesterday-ish"})[0] == 200
    # If-None-Match wins over If-Modified-Since.
    both = {"If-None-Match": '"nope"', "If-Modified-Since": headers["Last-Modified"]}
    assert fetch(url, both)[0] == 200
    assert ("GET", "/legal/privacy", 304) in server.request_log


def test_head_sends_headers_only(server: DemoServer) -> None:
    _, get_headers, body = fetch(server.url("terms"))
    status, headers, head_body = fetch(server.url("terms"), method="HEAD")
    assert (status, head_body) == (200, b"")
    assert headers["Content-Length"] == str(len(body))
    assert headers["ETag"] == get_headers["ETag"]


def test_robots_txt_allows_everything(server: DemoServer) -> None:
    status, headers, body = fetch(server.base_url + "robots.txt")
    assert status == 200
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(body.decode().splitlines())
    assert robots.can_fetch("clausewatch", server.url("terms"))
    assert robots.can_fetch("*", server.base_url + "anything/at/all")


def test_unknown_paths_are_404(server: DemoServer) -> None:
    for path in ("nope", "legal/nope", "legal/", "terms.html", "legal/../etc/passwd"):
        status, headers, _ = fetch(server.base_url + path)
        assert status == 404, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
    # Query strings (tracking tokens) and a .html suffix still find the document.
    assert fetch(server.url("dpa") + "?utm_source=terms&lf_tk=1")[0] == 200
    assert fetch(server.url("dpa") + ".html")[0] == 200
    assert fetch(server.base_url)[0] == 200  # landing page


def test_unknown_release_is_a_config_error(server: DemoServer) -> None:
    with pytest.raises(ConfigError, match="release-1, release-2"):
        server.switch("release-9")
    assert server.release == "release-1"
    with pytest.raises(ConfigError):
        DemoServer("nope")


def test_not_started_has_no_port() -> None:
    with pytest.raises(RuntimeError):
        _ = DemoServer().port


def test_switch_is_atomic_under_concurrent_reads(server: DemoServer) -> None:
    url = server.url("terms")
    bodies = {fetch(url)[2]}
    server.switch("release-2")
    bodies.add(fetch(url)[2])
    assert len(bodies) == 2
    seen: list[bytes] = []
    stop = threading.Event()

    def toggle() -> None:
        while not stop.is_set():
            for release in release_names():
                server.switch(release)

    toggler = threading.Thread(target=toggle)
    toggler.start()
    try:
        seen = [fetch(url)[2] for _ in range(40)]
    finally:
        stop.set()
        toggler.join()
    assert set(seen) <= bodies


def test_logging_stays_off_stderr(server: DemoServer, capfd: pytest.CaptureFixture[str]) -> None:
    fetch(server.url("terms"))
    fetch(server.base_url + "missing")
    assert capfd.readouterr().err == ""


def test_demo_catalog_points_at_the_server(server: DemoServer) -> None:
    text = demo_catalog_text(server.base_url)
    assert "{port}" not in text
    assert demo_catalog_text(server.base_url.rstrip("/")) == text
    catalog = tomllib.loads(text)
    documents = catalog["providers"]["lumenforge"]["documents"]
    assert sorted(doc["id"] for doc in documents) == DOCUMENTS
    for doc in documents:
        assert doc["url"] == server.url(doc["id"])
        assert doc["select"] == "main" and doc["remove"] == [".cookie-consent"]
        assert fetch(doc["url"])[0] == 200


@pytest.mark.parametrize("release", ["release-1", "release-2"])
def test_documents_are_realistic(server: DemoServer, release: str) -> None:
    server.switch(release)
    for name in DOCUMENTS:
        html = fetch(server.url(name))[2]
        soup = BeautifulSoup(html, "lxml")
        for chrome in ("nav", "script", "footer", "main .cookie-consent", "main h2", "main table"):
            assert soup.select(chrome), (release, name, chrome)
        assert 600 <= len(main_text(html).split()) <= 1500, (release, name)


def test_release_2_carries_the_planned_edits(server: DemoServer) -> None:
    server.switch("release-2")
    text = {name: main_text(fetch(server.url(name))[2]) for name in DOCUMENTS}
    assert "Effective: March 1, 2026" in text["terms"]
    assert "train and improve our models unless you opt out" in text["terms"]
    assert "unless you opt in" not in text["terms"] + text["data-and-training"]
    assert "Corvane Compute, Inc. Model hosting and inference capacity" in text["dpa"]
    assert "unless Customer has opted out" in text["dpa"]
    assert "erased from backups within 7 days" in text["dpa"]
    assert (
        "for up to 5 years" in text["privacy"] and "for up to 5 years" in text["data-and-training"]
    )
    # Non-material: the footer stamp and the banner change, but are outside what is kept.
    assert "2026-01-29" not in " ".join(text.values())
    assert "partners use cookies" not in " ".join(text.values())
