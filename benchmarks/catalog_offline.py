"""Offline check of the built-in catalog: run its selectors on real saved pages.

    python benchmarks/catalog_offline.py [SHARED_CORPUS_DIR] [--catalog FILE] [--cache DIR]
                                         [--json OUT] [--provider ID ...]

SHARED_CORPUS_DIR defaults to ../shared/corpus/ota-genai (relative to the repository root);
when it is absent the benchmark says so and exits 0. Open Terms Archive's snapshots are
unpacked once into --cache (shared with benchmarks/replay.py). Each catalog source is matched
by URL to the newest saved page fetched from that URL (the URL of a saved page comes from the
OTA declaration valid when it was fetched; URLs are compared without scheme, `www.`, query,
trailing slash and locale path segments such as `/en-us/`). The entry's selectors are then run
with the project's extractor and the script prints, per entry:

- the matched page(s), whether `select` matched, the text length;
- `in_ota`: share of our text's words found in OTA's recorded text of that page (low means
  our selectors let page chrome in);
- the topics found by `parsers.clauses.find_clauses` (training_use, retention, sharing).

An entry is `verified` when every source matched a saved page, the selectors matched, the
text has at least 500 characters, and either at least 90% of its words are in OTA's text or
(OTA having recorded only part of the page) it holds at least 95% of OTA's words and none of
the usual chrome words (cookie, login, menu, ...) that OTA's text lacks.
Data read here is never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpus import unpack  # benchmarks/corpus.py: scripts have their folder on sys.path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ota-genai"
DEFAULT_CACHE = Path("/tmp/clausewatch-bench")
MIN_LENGTH = 500
MIN_IN_OTA = 0.90
MIN_COVERS_OTA = 0.95
# words that, outside OTA's text, betray page chrome rather than more of the document
CHROME_WORDS = frozenset(
    ["cookie", "cookies", "login", "signin", "sign", "menu", "subscribe", "newsletter", "careers"]
)

if __package__ in (None, ""):  # run as a script: make `clausewatch` importable from the checkout
    try:
        import clausewatch  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO.parent))

from clausewatch.errors import ClauseWatchError  # noqa: E402
from clausewatch.parsers.extract import extract_text, normalize_text  # noqa: E402
from clausewatch.parsers.html import parse_html, select_elements  # noqa: E402
from clausewatch.records import DocumentSpec, Source  # noqa: E402
from clausewatch.watchers.catalog import load_catalog  # noqa: E402

try:
    from clausewatch.parsers.clauses import find_clauses
except ImportError:  # pragma: no cover - the clause finder is optional here
    find_clauses = None  # type: ignore[assignment]

KEYWORDS = {
    "training_use": re.compile(r"\b(train(ing|ed)?|improve (our|the) models?)\b", re.I),
    "retention": re.compile(r"\b(retain(ed|s)?|retention|delete[ds]?|deletion)\b", re.I),
    "sharing": re.compile(
        r"\b(share[ds]?|sharing|disclose[ds]?|sub-?processors?|third part)", re.I
    ),
}

# --------------------------------------------------------------------------- corpus


_LOCALE_RE = re.compile(r"^[a-z]{2}(?:[-_][a-z]{2,4})?$")


def normalize_url(url: str) -> str:
    """host/path without scheme, `www.`, query, fragment, trailing slash or locale segments."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s and not _LOCALE_RE.match(s.lower())]
    return host + "/" + "/".join(segments)


def _slug(url: str) -> str:
    """OTA's file suffix for one page of a combined document: the URL path, '/' -> '-'."""
    return urlsplit(url).path.strip("/").replace("/", "-")


def _urls(spec: dict[str, Any]) -> list[str]:
    if "combine" in spec:
        return [c["fetch"] for c in spec["combine"] if "fetch" in c]
    return [spec["fetch"]] if "fetch" in spec else []


@dataclass(frozen=True)
class SavedPage:
    url: str
    fetched_at: datetime
    file: Path
    source_file: str  # "Service/Document[ #page].html"
    version_commit: str


def index_saved_pages(corpus: Path, snapshots: Path) -> dict[str, list[SavedPage]]:
    """normalized URL -> saved pages fetched from it (any date)."""
    declarations: dict[str, dict[str, list[tuple[str | None, list[str]]]]] = {}
    for path in sorted((corpus / "declarations").glob("*.json")):
        if path.name.endswith(".history.json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        docs = data.get("documents") or data.get("terms") or {}
        service: dict[str, list[tuple[str | None, list[str]]]] = {
            doc: [(None, _urls(spec))] for doc, spec in docs.items()
        }
        history = path.with_name(path.stem + ".history.json")
        if history.exists():
            for doc, entries in json.loads(history.read_text(encoding="utf-8")).items():
                for entry in entries:
                    service.setdefault(doc, []).append((entry.get("validUntil"), _urls(entry)))
        declarations[path.stem] = service
        declarations.setdefault(data.get("name", path.stem), service)

    def urls_at(service: str, doc: str, when: str) -> list[str]:
        dated = sorted(
            declarations.get(service, {}).get(doc, []),
            key=lambda e: e[0] or "9999",
        )
        for valid_until, urls in dated:
            if valid_until is None or when < valid_until:
                return urls
        return []

    index: dict[str, list[SavedPage]] = {}
    manifest = json.loads((corpus / "snapshots-manifest.json").read_text(encoding="utf-8"))
    for version in manifest:
        for snap in version["snapshots"]:
            source = snap["source_file"]
            service, _, rest = source.partition("/")
            doc, _, page = rest.removesuffix(".html").partition(" #")
            urls = urls_at(service, doc, snap["fetched_at"])
            url = next((u for u in urls if _slug(u) == page), None) if page else None
            if not page and len(urls) == 1:
                url = urls[0]
            if url is None:
                continue
            file = snapshots / snap["file"]
            if file.exists():
                index.setdefault(normalize_url(url), []).append(
                    SavedPage(
                        url=url,
                        fetched_at=datetime.fromisoformat(snap["fetched_at"]),
                        file=file,
                        source_file=source,
                        version_commit=version["version_commit"],
                    )
                )
    return index


def ota_texts(corpus: Path) -> dict[str, str]:
    """version commit -> OTA's recorded text (for the `in_ota` share)."""
    try:
        import duckdb
    except ImportError:  # pragma: no cover
        return {}
    rows = duckdb.sql(
        f"select commit, text from '{corpus / 'genai-versions.parquet'}' where not deleted"
    ).fetchall()
    return {commit: text or "" for commit, text in rows}


# --------------------------------------------------------------------------- checks

_WORD_RE = re.compile(r"[a-z0-9]+")


def words(text: str) -> Counter[str]:
    return Counter(_WORD_RE.findall(text.lower()))


def topics_of(text: str) -> list[str]:
    if find_clauses is not None:
        found = {t for clause in find_clauses(text) for t in clause.topics}
        return [t for t in ("training_use", "retention", "sharing") if t in found]
    return [t for t, rx in KEYWORDS.items() if rx.search(text)]


@dataclass
class Result:
    key: str
    pages: list[str]
    matched: bool  # every source has a saved page
    selectors: str  # "yes", "no", "n/a", "-"
    length: int
    in_ota: float | None
    topics: list[str]
    error: str = ""
    covers_ota: float | None = None  # share of OTA's words that our text has
    chrome: list[str] | None = None  # chrome words in our text that OTA's lacks

    @property
    def clean(self) -> bool:
        """Our text is the document: mostly OTA's words, or all of them and no chrome."""
        if self.in_ota is None:
            return True
        if self.in_ota >= MIN_IN_OTA:
            return True
        return (self.covers_ota or 0) >= MIN_COVERS_OTA and not self.chrome

    @property
    def verified(self) -> bool:
        return (
            self.matched
            and self.selectors in ("yes", "n/a")
            and not self.error
            and self.length >= MIN_LENGTH
            and self.clean
        )


def check_entry(
    doc: DocumentSpec, index: dict[str, list[SavedPage]], texts: dict[str, str]
) -> Result:
    pages = [
        max(index.get(normalize_url(s.url), []), key=lambda p: p.fetched_at, default=None)
        for s in doc.sources
    ]
    if any(p is None for p in pages):
        return Result(doc.key, [], False, "-", 0, None, [])
    parts: list[str] = []
    hits: list[bool] = []
    error = ""
    for source, page in zip(doc.sources, pages, strict=True):
        assert page is not None
        body = page.file.read_bytes()
        if source.select:
            root = parse_html(body)
            hits.append(root is not None and bool(select_elements(root, source.select)))
        try:
            parts.append(
                extract_text(body, "text/html", Source(page.url, source.select, source.remove))
            )
        except ClauseWatchError as exc:
            error = str(exc).split(";")[0]
    text = normalize_text("\n\n".join(p.strip("\n") for p in parts if p.strip()))
    ours = words(text)
    ota = Counter[str]()
    for page in pages:
        assert page is not None
        ota |= words(texts.get(page.version_commit, ""))
    common = sum((ours & ota).values())
    in_ota = common / max(sum(ours.values()), 1) if ota else None
    covers_ota = common / max(sum(ota.values()), 1) if ota else None
    chrome = sorted(set(ours - ota) & CHROME_WORDS)
    selectors = "n/a" if not hits else ("yes" if all(hits) else "no")
    return Result(
        doc.key,
        [f"{p.source_file} ({p.fetched_at:%Y-%m-%d})" for p in pages if p],
        True,
        selectors,
        len(text),
        in_ota,
        topics_of(text) if text else [],
        error,
        covers_ota,
        chrome,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--catalog", type=Path, default=None, help="default: the built-in one")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--json", type=Path, default=None, help="write per-entry results here")
    parser.add_argument("--provider", action="append", default=[], help="only these providers")
    parser.add_argument("--all", action="store_true", help="also list entries with no saved page")
    args = parser.parse_args(argv)

    if not (args.corpus / "snapshots.tar.zst").exists():
        print(f"corpus not found at {args.corpus}: skipping the offline catalog check")
        return 0
    catalog = load_catalog(args.catalog)
    snapshots = unpack(args.corpus, args.cache)
    index = index_saved_pages(args.corpus, snapshots)
    texts = ota_texts(args.corpus)
    docs = [d for d in catalog.documents if not args.provider or d.provider in args.provider]
    results = [check_entry(d, index, texts) for d in docs]

    shown = [r for r in results if r.matched or args.all]
    print("| entry | matched page | selectors | length | in_ota | covers_ota | topics | verified |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in shown:
        in_ota = f"{r.in_ota:.0%}" if r.in_ota is not None else "-"
        covers = f"{r.covers_ota:.0%}" if r.covers_ota is not None else "-"
        page = "; ".join(r.pages) or "no saved page"
        topics = ", ".join(r.topics) or "-"
        extra = f" ({r.error})" if r.error else ""
        print(
            f"| {r.key} | {page} | {r.selectors}{extra} | {r.length} | {in_ota} | {covers} | {topics} "
            f"| {'yes' if r.verified else 'no'} |"
        )
    matched = sum(r.matched for r in results)
    verified = sum(r.verified for r in results)
    print(
        f"\n{len(results)} entries, {matched} with saved pages, {verified} verified, "
        f"{len(results) - matched} not verifiable offline (no saved page)"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                [dict(vars(r), verified=r.verified) for r in results], indent=1, default=str
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
