"""`clausewatch demo`: the whole watch job, offline, on a fictional provider.

It serves release 1 of the bundled Lumenforge AI documents on 127.0.0.1, crawls them, switches
the server to release 2 (training on API data becomes on-by-default, a sub-processor is added,
chat retention goes from 30 days to 5 years, plus edits that must NOT alert: renumbering,
dates, typo fixes, tracking tokens) and crawls again, like any scheduled run would.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..alerting.config import AlertConfig
from ..pipelines.crawl import CrawlOutcome
from ..pipelines.run import run_once
from ..store.findings import FindingRow, list_findings
from ..watchers.catalog import load_catalog
from .server import DemoServer

log = logging.getLogger(__name__)

# Our own server on loopback: no politeness delays needed.
DEMO_SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "DOWNLOAD_TIMEOUT": 10}


@dataclass(slots=True)
class DemoResult:
    db: str
    first: CrawlOutcome
    second: CrawlOutcome
    findings: list[FindingRow]


def run_demo(
    db: str | None = None,
    *,
    progress: bool = False,
    say: Callable[[str], None] = print,
    workdir: str | None = None,
    alerts: AlertConfig | None = None,
) -> DemoResult:
    """Crawl release 1, then release 2, of the demo provider; return what changed."""
    tmp = tempfile.mkdtemp(prefix="clausewatch-demo-", dir=workdir)
    db = db or str(Path(tmp) / "demo.duckdb")
    with DemoServer("release-1") as server:
        catalog_path = Path(tmp) / "demo-catalog.toml"
        from .server import demo_catalog_text

        catalog_path.write_text(demo_catalog_text(server.base_url))
        catalog = load_catalog(catalog_path)
        say(f"Serving the fictional provider 'Lumenforge AI' (release 1) at {server.base_url}")
        say(f"Database: {db}")
        first = run_once(
            db, catalog, settings=DEMO_SETTINGS, progress=progress, kind="demo", alerts=alerts
        )
        say(
            f"Crawl 1: {first.run.documents} documents, {first.run.new_versions} new versions, "
            f"{len(first.failures)} fetch errors"
        )
        server.switch("release-2")
        say("The provider publishes release 2 of its documents. Crawling again...")
        second = run_once(
            db, catalog, settings=DEMO_SETTINGS, progress=progress, kind="demo", alerts=alerts
        )
        say(
            f"Crawl 2: {second.run.new_versions} new versions, {len(second.finding_ids)} material "
            f"findings, {len(second.failures)} fetch errors"
        )
    findings = list_findings(db, ids=second.finding_ids) if second.finding_ids else []
    return DemoResult(db, first, second, findings)
