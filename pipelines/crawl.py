"""Crawl: catalog -> Scrapy -> snapshots -> versions in DuckDB.

Twisted's reactor cannot be restarted within a process, yet the demo crawls twice and the
scheduler daemon crawls forever. So `run_crawl` runs each Scrapy crawl in a child process
(multiprocessing, fork server) that writes each document's result straight to the store, and the
parent reads the run's outcome back from the store. A crash of the child loses at most the
documents not yet written; every written one is a complete transaction.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import ExtractError, describe_failure
from ..faults import adopt as adopt_faults
from ..faults import checkpoint
from ..faults import inherited as inherited_faults
from ..records import Catalog, DocumentSpec, FetchFailure, Snapshot
from ..store import db as store_db
from ..store import versions as store
from ..watchers.browser import browser_unavailable, find_chromium

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CrawlOutcome:
    run: store.RunSummary
    failures: list[FetchFailure]
    new_version_ids: list[int] = field(default_factory=list)
    finding_ids: list[int] = field(default_factory=list)
    anomalies: list[tuple[str, int, str]] = field(default_factory=list)
    delivery: Any = None  # alerting.delivery.DeliveryReport, once alerts ran
    errors: list[str] = field(default_factory=list)  # unexpected analysis or alert failures

    @property
    def ok(self) -> bool:
        """Every document fetched and analyzed, and every due alert delivered."""
        return not self.failures and not self.errors and (self.delivery is None or self.delivery.ok)

    def summary(self) -> str:
        """The run's one line for the CLI and the scheduler's log."""
        from ..alerting.delivery import brief_alerts

        n = len(self.finding_ids)
        return (
            f"run {self.run.id}: {self.run.documents} documents, {self.run.new_versions} new "
            f"versions, {len(self.failures)} fetch errors, {n} finding{'' if n == 1 else 's'}, "
            f"{brief_alerts(self.delivery)}"
            + (f", {len(self.errors)} analysis or alert errors" if self.errors else "")
        )


# --------------------------------------------------------------------------- item pipeline


class RecordPipeline:
    """Scrapy item pipeline: groups a document's parts, extracts its text, records the result.

    Every document of the run ends with a version or a fetch error: an unexpected exception
    becomes an `internal_error` (with its stage and frames), a write that fails is tried once
    more when the crawl ends, and a document that got no response at all is `incomplete`.
    """

    def __init__(
        self,
        db: str,
        run_id: int,
        documents: Sequence[DocumentSpec],
        progress: bool,
        crawler=None,
        fallback: bool = False,
    ):
        self.db = db
        self.run_id = run_id
        self.specs = {d.key: d for d in documents}
        self.parts: dict[str, dict[int, Snapshot | FetchFailure]] = {}
        self.crawler = crawler
        self.fallback = fallback  # a browser is set up: refetch app shells and bot checks
        self.done: set[str] = set()
        self.retry: list[tuple[DocumentSpec, list[Snapshot | FetchFailure]]] = []
        self.bar = None
        if progress:
            from tqdm import tqdm

            self.bar = tqdm(total=len(self.specs), unit="doc", desc="crawl", file=sys.stderr)

    @classmethod
    def from_crawler(cls, crawler) -> RecordPipeline:
        s = crawler.settings
        return cls(
            s.get("CLAUSEWATCH_DB"),
            s.getint("CLAUSEWATCH_RUN_ID"),
            s.get("CLAUSEWATCH_DOCUMENTS"),
            s.getbool("CLAUSEWATCH_PROGRESS"),
            crawler,
            s.getbool("CLAUSEWATCH_BROWSER") and s.getbool("CLAUSEWATCH_BROWSER_FALLBACK", True),
        )

    def process_item(self, item: dict[str, Any], spider=None) -> dict[str, Any]:
        record = item["record"]
        got = self.parts.setdefault(record.document, {})
        got[item["part"]] = record
        spec = self.specs[record.document]
        if len(got) == len(spec.sources):
            del self.parts[record.document]  # the browser fallback may ask for them again
            self.handle_document(spec, [got[i] for i in range(len(spec.sources))], retry=True)
            if record.document not in self.parts:  # not fetched again with the browser
                self.done.add(spec.key)
                if self.bar is not None:
                    self.bar.update(1)
        return item

    def close_spider(self, spider=None) -> None:
        for spec, parts in self.retry:  # writes that failed during the crawl, once more
            self.handle_document(spec, parts, retry=False)
        # Parts that never arrived (the engine stopped early): an error, never a partial text.
        for key, spec in self.specs.items():
            if key in self.done:
                continue
            got = self.parts.get(key, {})
            missing = [s.url for i, s in enumerate(spec.sources) if i not in got]
            self.write_failure(
                FetchFailure(key, missing[0], "incomplete", f"no response for {missing}")
            )
        if self.bar is not None:
            self.bar.close()

    def handle_document(
        self, spec: DocumentSpec, parts: list[Snapshot | FetchFailure], *, retry: bool
    ) -> None:
        """Record one document's result; whatever goes wrong is recorded as its error."""
        stage = "extract"
        try:
            text = self.extract(spec, parts)
            stage = "store"
            if text is not None:
                self.record(spec, parts, text)
        except Exception as exc:  # noqa: BLE001 - one document's bug must not lose the others
            log.error("%s: unexpected error (%s): %s", spec.key, stage, describe_failure(exc))
            log.debug("traceback", exc_info=True)
            if stage == "store" and retry:
                self.retry.append((spec, parts))
                return
            snapshots = [p for p in parts if isinstance(p, Snapshot)]
            failure = FetchFailure.internal(
                spec.key, parts[0].url, stage, exc, fetched_at=datetime.now(UTC)
            )
            self.write_failure(failure, snapshots if stage == "extract" else ())

    def write_failure(self, failure: FetchFailure, snapshots: Sequence[Snapshot] = ()) -> None:
        try:
            store.record_failure(self.db, failure, self.run_id, snapshots)
        except Exception as exc:  # noqa: BLE001 - the store itself fails: the parent records it
            log.error("%s: cannot record its fetch error: %s", failure.document, exc)
            UNRECORDED.append(failure.document)

    def extract(self, spec: DocumentSpec, parts: list[Snapshot | FetchFailure]) -> str | None:
        """The document's text, or None once its fetch error is recorded."""
        from ..parsers.extract import extract_document_text

        log.debug("finishing %s", spec.key)
        failures = [p for p in parts if isinstance(p, FetchFailure)]
        snapshots = [p for p in parts if isinstance(p, Snapshot)]
        if failures:
            for failure in failures:
                log.info("%s: %s", spec.key, failure.message)  # reported at the end of the run
                self.write_failure(failure)
            return None
        bodies = []
        for snap, source in zip(snapshots, spec.sources, strict=True):
            body = snap.body
            if snap.not_modified:
                body = store.load_cached_body(self.db, snap.url) or b""
            bodies.append((body, snap.content_type, source))
        checkpoint("extract", spec.key)
        try:
            return extract_document_text(bodies)
        except ExtractError as exc:
            if self._fall_back_to_browser(spec, snapshots, exc.reason):
                return
            log.info("%s: %s", spec.key, exc)
            rendered = any(s.fetcher == "browser" for s in snapshots)
            failure = FetchFailure(
                spec.key,
                snapshots[0].url,
                exc.reason,
                f"{exc} (the page was rendered in Chromium)" if rendered else str(exc),
                snapshots[0].status,
                fetched_at=snapshots[0].fetched_at,
            )
            self.write_failure(failure, snapshots)
            return None

    def record(self, spec: DocumentSpec, parts: list[Snapshot | FetchFailure], text: str) -> None:
        from ..parsers.extract import PARSER_VERSION

        snapshots = [p for p in parts if isinstance(p, Snapshot)]
        checkpoint("store", spec.key)
        result = store.record_version(
            self.db,
            spec.key,
            snapshots,
            text,
            parser_version=PARSER_VERSION,
            run_id=self.run_id,
            seen_at=max(s.fetched_at for s in snapshots),
        )
        log.info("%s: %s", spec.key, "new version" if result.created else "unchanged")

    def _fall_back_to_browser(self, spec: DocumentSpec, snapshots: list[Snapshot], reason: str):
        """Fetch the document again with the browser, in this run, when a plain fetch brought
        back an app shell or bot check. True when the requests are on their way."""
        from ..watchers.browser import FALLBACK_REASONS

        if not self.fallback or reason not in FALLBACK_REASONS or self.crawler is None:
            return False
        if any(s.fetcher == "browser" for s in snapshots):
            return False  # the browser saw it too: record the refusal
        log.info("%s: plain fetch gave %s; fetching it again with the browser", spec.key, reason)
        self.parts[spec.key] = {}
        spider = self.crawler.spider
        for part in range(len(spec.sources)):
            request = spider.request_for(spec, part, browser=True, fallback_from=reason)
            self.crawler.engine.crawl(request)
        return True


# Documents whose result, not even as an error, could be written (the store itself failed):
# the crawler child then exits non-zero and the parent records them.
UNRECORDED: list[str] = []


# --------------------------------------------------------------------------- the child process


def _crawl_child(
    db: str,
    run_id: int,
    documents: list[DocumentSpec],
    validators: dict,
    overrides: dict[str, Any],
    progress: bool,
    log_level: str = "WARNING",
    chromium: str | None = None,
    fault_settings: dict[str, str] | None = None,
) -> None:
    from scrapy.crawler import CrawlerProcess

    adopt_faults(fault_settings or {})

    from ..watchers.browser import browser_settings
    from ..watchers.settings import SETTINGS
    from ..watchers.spider import CatalogSpider

    settings: dict[str, Any] = dict(SETTINGS)
    settings["LOG_LEVEL"] = log_level
    settings.update(overrides)
    if chromium:
        settings = {**browser_settings(chromium, float(settings["DOWNLOAD_TIMEOUT"])), **settings}
    settings.update(
        {
            "CLAUSEWATCH_BROWSER": bool(chromium),
            "ITEM_PIPELINES": {"clausewatch.pipelines.crawl.RecordPipeline": 300},
            "CLAUSEWATCH_DB": db,
            "CLAUSEWATCH_RUN_ID": run_id,
            "CLAUSEWATCH_DOCUMENTS": documents,
            "CLAUSEWATCH_PROGRESS": progress,
        }
    )
    process = CrawlerProcess(settings)
    if log_level != "DEBUG":
        # A robots.txt that cannot be fetched is logged with a traceback; the page request
        # that follows fails too and is reported once, as a fetch error, by the pipeline.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    process.crawl(CatalogSpider, documents=documents, validators=validators, browser=bool(chromium))
    process.start()
    log.debug("crawler process done")
    checkpoint("crawl.child_done")
    # Every result is committed and every connection closed by now. Skip interpreter
    # teardown (Twisted's thread pools take over a second to wind down).
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(3 if UNRECORDED else 0)


def _context() -> multiprocessing.context.ForkServerContext:
    """A fork server that has imported Scrapy once, so each crawl starts in milliseconds.

    Plain fork is unsafe once the parent runs threads (the scheduler daemon does); spawn
    re-imports everything for each crawl.
    """
    ctx = multiprocessing.get_context("forkserver")
    # The browser handler too, when its extra is installed (the fork server skips a module
    # that does not import): importing Playwright costs each crawl otherwise.
    ctx.set_forkserver_preload(
        [
            "scrapy.crawler",
            "clausewatch.watchers.spider",
            "clausewatch.pipelines.crawl",
            "clausewatch.watchers.playwright_handler",
        ]
    )
    return ctx


def _log_level() -> str:
    """The child logs at the parent's level (so `-q` under cron keeps Scrapy quiet too)."""
    level = logging.getLogger().getEffectiveLevel()
    return logging.getLevelName(max(level, logging.DEBUG))


def run_crawl(
    db: str | Path,
    catalog: Catalog,
    documents: Sequence[DocumentSpec] | None = None,
    *,
    settings: dict[str, Any] | None = None,
    progress: bool = False,
    kind: str = "crawl",
) -> CrawlOutcome:
    """Fetch `documents` (default: the whole catalog) once and record the results."""
    db = str(db)
    documents = list(catalog.documents if documents is None else documents)
    store_db.migrate(db)
    store.sync_catalog(db, catalog)
    run_id = store.start_run(db, kind)
    checkpoint("crawl.run_started")
    validators = store.load_validators(db, (s.url for d in documents for s in d.sources))
    # Decided here, not in the child: the fork server's environment is that of its start.
    why_not = browser_unavailable()
    chromium = None if why_not else find_chromium()
    needing = [d.key for d in documents if d.browser]
    if needing and why_not:
        log.warning(
            "%d documents need a browser (%s) but %s; fetching them without one",
            len(needing),
            ", ".join(needing[:3]) + (", ..." if len(needing) > 3 else ""),
            why_not,
        )
    child = _context().Process(
        target=_crawl_child,
        args=(
            db,
            run_id,
            documents,
            validators,
            settings or {},
            progress,
            _log_level(),
            chromium,
            inherited_faults(),
        ),
        name="clausewatch-crawl",
    )
    child.start()
    child.join()
    log.debug("crawler process joined (exit code %s)", child.exitcode)
    detail = None
    if child.exitcode != 0:
        detail = f"crawler process exited with code {child.exitcode}"
        log.error(detail)
        done = {f.document for f in store.run_failures(db, run_id)} | store.run_documents(
            db, run_id
        )
        for spec in documents:
            if spec.key not in done:
                store.record_failure(
                    db,
                    FetchFailure(
                        spec.key,
                        spec.sources[0].url,
                        "crawler_crashed",
                        detail,
                        fetched_at=datetime.now(UTC),
                    ),
                    run_id,
                )
    failures = store.run_failures(db, run_id)
    status = "ok" if not failures else ("failed" if detail else "partial")
    run = store.finish_run(db, run_id, status, detail)
    return CrawlOutcome(run, failures, store.run_version_ids(db, run_id))
