"""Fetch-level limits against a real 127.0.0.1 server: Retry-After, inflated size, cut bodies."""

from __future__ import annotations

import re
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from httpsite import FAST_SETTINGS, Page
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, ResponseDataLossError
from test_crawl import crawl, doc, page, write_catalog
from twisted.python.failure import Failure

from clausewatch.pipelines.run import run_once
from clausewatch.store.versions import list_versions
from clausewatch.watchers.backoff import parse_retry_after
from clausewatch.watchers.catalog import load_catalog
from clausewatch.watchers.spider import classify_failure


def _gzip_bomb(inflated: int) -> bytes:
    """A gzip body of about inflated/1000 bytes that inflates to `inflated` bytes of HTML."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = [packer.compress(b"<html><body><main><p>")]
    chunk = b"a" * 1_000_000
    for _ in range(inflated // len(chunk)):
        out.append(packer.compress(chunk))
    out.append(packer.compress(b"</p></main></body></html>") + packer.flush())
    return b"".join(out)


def _reasons(out) -> dict[str, str]:
    return {f.document.split("/")[1]: f.reason for f in out.failures}


# --------------------------------------------------------------------------- Retry-After


def test_parse_retry_after_seconds_and_http_date():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(" 0 ", now) == 0.0
    later = format_datetime(now + timedelta(hours=2), usegmt=True)
    assert parse_retry_after(later, now) == pytest.approx(7200)
    earlier = format_datetime(now - timedelta(hours=2), usegmt=True)
    assert parse_retry_after(earlier, now) == 0.0
    for bad in (None, "", "soon", "-5", "1.5e9"):
        assert parse_retry_after(bad, now) is None


def test_retry_after_within_the_cap_is_waited_for_then_retried(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    site.queue("/terms", Page(b"slow down", "text/plain", 429, {"Retry-After": "1"}))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    out = crawl(db, cat)
    assert out.ok, out.failures
    first, second = site.times_for("/terms")[:2]
    assert second - first >= 0.9  # the backoff base is 0.05 s: only Retry-After explains this
    assert len(list_versions(db)) == 1


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("form", ["seconds", "date"])
def test_retry_after_beyond_the_cap_is_a_fetch_error_without_retry(
    tmp_path, site, db, status, form
):
    when = datetime.now(UTC) + timedelta(hours=1)
    value = "3600" if form == "seconds" else format_datetime(when, usegmt=True)
    site.put_page("/terms", Page(b"busy", "text/plain", status, {"Retry-After": value}))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    for _ in range(2):  # a recrawl gives the same outcome
        before = len(site.requests_for("/terms"))
        out = crawl(db, cat)
        (failure,) = out.failures
        assert failure.reason == f"http_{status}" and failure.transient
        assert len(site.requests_for("/terms")) - before == 1  # not retried in this run
        assert "Retry-After" in failure.message and "RETRY_AFTER_MAX" in failure.message
        asked = int(re.search(r"asked to wait (\d+) s", failure.message).group(1))
        assert 3500 < asked <= 3600
    assert list_versions(db) == []


def test_the_retry_after_cap_is_a_setting(tmp_path, site, db):
    site.put("/terms", page("Terms"))
    site.queue("/terms", Page(b"busy", "text/plain", 503, {"Retry-After": "1"}))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    out = run_once(db, load_catalog(cat), settings={**FAST_SETTINGS, "RETRY_AFTER_MAX": 0.5})
    (failure,) = out.failures
    assert failure.reason == "http_503" and "longer than the 0.5 s" in failure.message
    assert len(site.requests_for("/terms")) == 1


# --------------------------------------------------------------------------- size and loss


def test_a_gzip_bomb_is_too_large_not_a_version(tmp_path, site, db):
    bomb = _gzip_bomb(60_000_000)
    assert len(bomb) < FAST_SETTINGS["DOWNLOAD_MAXSIZE"]  # small on the wire
    site.put_page("/terms", Page(bomb, headers={"Content-Encoding": "gzip"}))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    for _ in range(2):
        out = crawl(db, cat)
        (failure,) = out.failures
        assert failure.reason == "too_large", failure.message
        assert "decompress" in failure.message and "DOWNLOAD_MAXSIZE" in failure.message
        # inflating stopped near the limit: the bomb was never held in memory whole
        so_far = int(failure.message.split(" B decompressed so far")[0].rsplit(" ", 1)[-1])
        assert so_far < 2 * FAST_SETTINGS["DOWNLOAD_MAXSIZE"]
    assert list_versions(db) == []


def test_a_small_gzip_body_still_becomes_a_version(tmp_path, site, db):
    html = page("Terms").encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    site.put_page(
        "/terms",
        Page(packer.compress(html) + packer.flush(), headers={"Content-Encoding": "gzip"}),
    )
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    assert crawl(db, cat).ok and "thirty days" in list_versions(db)[0].text


def test_a_body_cut_short_is_data_loss_with_a_message(tmp_path, site, db):
    body = page("Terms").encode()
    site.put_page("/terms", Page(body, content_length=len(body) + 5000))
    cat = write_catalog(tmp_path, site, doc("Terms", "/terms"))
    for _ in range(2):
        (failure,) = crawl(db, cat).failures
        assert failure.reason == "data_loss" and failure.transient
        assert "closed the connection before the whole body arrived" in failure.message
    assert list_versions(db) == []


@pytest.mark.parametrize(
    "exc",
    [
        ResponseDataLossError(),
        DownloadCancelledError(),
        IgnoreRequest(),
        RuntimeError(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_no_failure_message_is_empty(exc):
    _, message, _, _ = classify_failure(Failure(exc))
    head, _, rest = message.partition(":")
    assert message.strip() and not message.rstrip().endswith(":")
    assert rest.strip() or not head.endswith(type(exc).__name__)
