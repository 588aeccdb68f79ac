"""Replay benchmark: run the text extractor on Open Terms Archive's saved snapshots.

    python benchmarks/replay.py [SHARED_CORPUS_DIR] [--cache DIR] [--worst N] [--dump DIR]

SHARED_CORPUS_DIR defaults to ../shared/corpus/ota-genai (relative to the repository root);
when it is absent the benchmark says so and exits 0. The snapshots are unpacked once into
--cache. Each version's snapshots are extracted with the selectors OTA declared for them
(the declaration valid on the snapshot's date), on one core, and the script prints:

- throughput of our extractor and of a bare lxml reference (parse, strip script/style,
  text_content) on the same pages in the same run, and their ratio;
- peak RSS;
- extraction errors by reason;
- agreement: share of versions whose text matches OTA's recorded text (word-bag similarity
  >= 0.98 once Markdown markup, link targets, case and whitespace are normalized away),
  with the worst mismatches to look at.

Data read here is never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ota-genai"
DEFAULT_CACHE = Path("/tmp/clausewatch-bench")
MATCH_THRESHOLD = 0.98
DUMP_BELOW = 0.995  # --dump writes near misses too: they show systematic differences

if __package__ in (None, ""):  # run as a script: make `clausewatch` importable from the checkout
    try:
        import clausewatch  # noqa: F401
    except ImportError:
        sys.path.insert(0, str(REPO.parent))

from corpus import unpack  # noqa: E402  (benchmarks/corpus.py; scripts have their folder on sys.path)
from lxml import etree, html  # noqa: E402

from clausewatch.errors import ExtractError  # noqa: E402
from clausewatch.parsers.extract import extract_document_text  # noqa: E402
from clausewatch.parsers.quality import check_text  # noqa: E402
from clausewatch.records import Source  # noqa: E402

# --------------------------------------------------------------------------- corpus


@dataclass
class Declarations:
    """OTA declarations of every service: current ones and dated earlier ones."""

    current: dict[tuple[str, str], dict[str, Any]]
    history: dict[tuple[str, str], list[dict[str, Any]]]

    @classmethod
    def load(cls, directory: Path) -> Declarations:
        current: dict[tuple[str, str], dict[str, Any]] = {}
        history: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for path in sorted(directory.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if path.name.endswith(".history.json"):
                service = path.name[: -len(".history.json")]
                for doc, entries in data.items():
                    history[(service, doc)] = sorted(entries, key=lambda e: e["validUntil"])
            else:
                service = path.name[: -len(".json")]
                for doc, decl in data.get("terms", {}).items():
                    current[(service, doc)] = decl
        return cls(current, history)

    def at(self, service: str, doc: str, when: str) -> dict[str, Any] | None:
        """The declaration in force at `when` (ISO-8601): the first history entry not expired."""
        for entry in self.history.get((service, doc), ()):
            if _utc(when) < _utc(entry["validUntil"]):
                return entry
        return self.current.get((service, doc))


def _utc(stamp: str) -> str:
    """Comparable UTC string: '2024-05-02T00:30:06Z' and '...+00:00' forms."""
    return stamp.replace("Z", "+00:00")[:19]


def _slug(url: str) -> str:
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-").lower()


@dataclass
class Notes:
    range_selectors: int = 0
    filters: int = 0
    unmatched_sources: int = 0
    no_declaration: int = 0


def source_for(
    decl: dict[str, Any], source_file: str, index: int, url_hint: str, notes: Notes
) -> Source:
    """The Source (URL + selectors) of one snapshot under a declaration (plain or `combine`)."""
    entry: dict[str, Any] = decl
    if "combine" in decl:
        parts = decl["combine"]
        tag = (
            source_file.rsplit(" #", 1)[1].rsplit(".", 1)[0].lower() if " #" in source_file else ""
        )
        tag_slug = re.sub(r"[^a-z0-9]+", "-", tag).strip("-")
        matched = [p for p in parts if tag_slug and _slug(p["fetch"]).endswith(tag_slug)]
        if matched:
            entry = {**decl, **matched[0]}
        elif index < len(parts):
            notes.unmatched_sources += 1
            entry = {**decl, **parts[index]}
        else:
            notes.unmatched_sources += 1
    if entry.get("filter"):
        notes.filters += 1
    return Source(
        url=entry.get("fetch", url_hint),
        select=_selectors(entry.get("select"), notes),
        remove=_selectors(entry.get("remove"), notes, dropping_ranges=True),
    )


def _selectors(value: Any, notes: Notes, *, dropping_ranges: bool = False) -> tuple[str, ...]:
    """CSS selectors of a declaration. OTA range selectors ({startBefore, endBefore}) have no
    catalog equivalent: a range to select is approximated by its start element, one to remove
    is ignored."""
    if value is None:
        return ()
    out = []
    for sel in value if isinstance(value, list) else [value]:
        if isinstance(sel, str):
            out.append(sel)
            continue
        notes.range_selectors += 1
        if not dropping_ranges:
            start = sel.get("startBefore") or sel.get("startAfter")
            if start:
                out.append(start)
    return tuple(out)


# --------------------------------------------------------------------------- comparison

_LINK_TARGET_RE = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~=])")
_NUMBERING_RE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]\s+", re.MULTILINE)
# A CJK character is a word: those scripts put no spaces between words.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")
# Canonical text drops images and their alt text on purpose (docs/canonical-text.md).
_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)  # turndown's line breaks inside table cells


def words(text: str) -> Counter[str]:
    """Bag of words of a Markdown text, with markup, link targets and list numbering dropped."""
    text = _LINK_TARGET_RE.sub("]", _BR_RE.sub(" ", _IMAGE_RE.sub(" ", text)))
    text = _ESCAPE_RE.sub(r"\1", text)
    text = _NUMBERING_RE.sub(" ", text.casefold())
    return Counter(_WORD_RE.findall(text))


def similarity(a: Counter[str], b: Counter[str]) -> float:
    """Dice coefficient on word multisets: order-blind, linear time, 1.0 for equal texts."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 1.0
    return 2 * sum((a & b).values()) / total


def _is_document(text: str) -> bool:
    try:
        check_text(text)
    except ExtractError:
        return False
    return True


def load_ota_texts(corpus: Path) -> dict[str, str]:
    import duckdb

    con = duckdb.connect()
    rows = con.execute(
        "select commit, text from read_parquet($path)",
        {"path": str(corpus / "genai-versions.parquet")},
    ).fetchall()
    con.close()
    return dict(rows)


# --------------------------------------------------------------------------- runs


def reference_text(body: bytes) -> str:
    """What a bare lxml extraction costs: parse, strip script/style, text_content."""
    try:
        root = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", with_tail=False)
    return root.text_content()


def _time_reference(loaded: list[tuple[bytes, str, Source]], clock: Any) -> float:
    t0 = clock()
    for body, _, _ in loaded:
        reference_text(body)
    return clock() - t0


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[0]})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--worst", type=int, default=10, help="mismatches to list")
    parser.add_argument(
        "--dump", type=Path, help="write our and OTA's texts of (near) mismatches here"
    )
    parser.add_argument("--only", help="restrict to document paths containing this string")
    args = parser.parse_args(argv)

    corpus: Path = args.corpus
    if not (corpus / "snapshots-manifest.json").exists():
        print(f"replay benchmark skipped: no corpus at {corpus}")
        return 0
    pin_one_core()
    snapshots_dir = unpack(corpus, args.cache)
    manifest = json.loads((corpus / "snapshots-manifest.json").read_text(encoding="utf-8"))
    declarations = Declarations.load(corpus / "declarations")
    notes = Notes()

    jobs = []  # (version entry, [(file path, Source)])
    for entry in manifest:
        if args.only and args.only not in entry["document_path"]:
            continue
        service, doc = entry["document_path"].rsplit(".md", 1)[0].split("/", 1)
        parts = []
        for i, snap in enumerate(entry["snapshots"]):
            decl = declarations.at(service, doc, snap["fetched_at"])
            if decl is None:
                notes.no_declaration += 1
                continue
            source = source_for(decl, snap["source_file"], i, "", notes)
            parts.append((snapshots_dir / snap["file"], source))
        jobs.append((entry, parts))

    # Our extractor, one version at a time, and the reference on the same pages next to it:
    # interleaving keeps both under the same machine load. Bodies are read untimed.
    texts: dict[str, str] = {}
    errors: Counter[str] = Counter()
    errors_by_commit: dict[str, str] = {}
    error_examples: dict[str, str] = {}
    total_bytes = 0
    elapsed = ref_elapsed = 0.0
    clock = time.process_time  # CPU time of this process: other processes don't count
    for number, (entry, parts) in enumerate(jobs):
        if not parts:
            continue
        loaded = [(path.read_bytes(), "", source) for path, source in parts]
        total_bytes += sum(len(b) for b, _, _ in loaded)
        # Alternate which one runs first: the second finds the page warm in the CPU cache.
        reference_first = number % 2 == 1
        if reference_first:
            ref_elapsed += _time_reference(loaded, clock)
        t0 = clock()
        try:
            texts[entry["version_commit"]] = extract_document_text(loaded)
        except ExtractError as exc:
            errors[exc.reason] += 1
            errors_by_commit[entry["version_commit"]] = exc.reason
            error_examples.setdefault(exc.reason, f"{entry['document_path']}: {exc}")
        elapsed += clock() - t0
        if not reference_first:
            ref_elapsed += _time_reference(loaded, clock)
        del loaded

    mb = total_bytes / 1e6
    ours = mb / elapsed if elapsed else 0.0
    ref = mb / ref_elapsed if ref_elapsed else 0.0
    print(f"pages: {sum(len(p) for _, p in jobs)} snapshots of {len(jobs)} versions, {mb:.1f} MB")
    print(f"seconds (CPU, one core): extractor {elapsed:.2f}, reference {ref_elapsed:.2f}")
    print(f"extractor: {ours:.1f} MB/s")
    print(f"reference lxml: {ref:.1f} MB/s")
    print(f"ratio: {ours / ref if ref else 0:.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")
    print(f"errors: {dict(errors.most_common()) or 'none'}")
    for reason, example in error_examples.items():
        print(f"  e.g. {reason}: {example[:300]}")
    print(
        f"declarations: {notes.range_selectors} range selectors approximated, "
        f"{notes.filters} snapshots with OTA filter functions (not replayed), "
        f"{notes.unmatched_sources} combined sources matched by position, "
        f"{notes.no_declaration} snapshots without declaration"
    )

    # Agreement with OTA's own versions.
    ota = load_ota_texts(corpus)
    scored = []
    both_refused = 0
    for entry, parts in jobs:
        commit = entry["version_commit"]
        if not parts or commit not in ota:
            continue
        ours_text = texts.get(commit)
        if ours_text is None:
            # OTA recorded some versions that are no document (a blank or a stub page):
            # refusing them, as the project wants, is agreement.
            sim = 0.0 if _is_document(ota[commit]) else 1.0
            both_refused += sim == 1.0
        else:
            sim = similarity(words(ours_text), words(ota[commit]))
        scored.append((sim, entry, ours_text))
    agree = sum(1 for sim, _, _ in scored if sim >= MATCH_THRESHOLD)
    share = 100 * agree / len(scored) if scored else 0.0
    print(
        f"agreement: {share:.0f}% ({agree}/{len(scored)} versions, similarity >= "
        f"{MATCH_THRESHOLD}; {both_refused} of them OTA stub texts we refuse too; "
        f"text-to-text only: {100 * (agree - both_refused) / len(scored) if scored else 0:.0f}%)"
    )
    scored.sort(key=lambda item: item[0])
    print(f"worst {args.worst} mismatches:")
    for sim, entry, ours_text in scored[: args.worst]:
        commit = entry["version_commit"]
        size = (
            errors_by_commit.get(commit, "error")
            if ours_text is None
            else f"{len(ours_text)} chars"
        )
        print(
            f"  {sim:.3f}  {entry['document_path'][:-3]}  {entry['recorded_at'][:10]}"
            f"  ours {size}, OTA {len(ota[entry['version_commit']])} chars"
        )
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for sim, entry, ours_text in scored:
            if sim >= DUMP_BELOW:
                continue
            name = re.sub(r"[^A-Za-z0-9]+", "_", entry["document_path"][:-3])
            stem = f"{sim:.3f}_{name}_{entry['version_commit'][:8]}"
            (args.dump / f"{stem}.ours.md").write_text(ours_text or "", encoding="utf-8")
            (args.dump / f"{stem}.ota.md").write_text(
                ota[entry["version_commit"]], encoding="utf-8"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
