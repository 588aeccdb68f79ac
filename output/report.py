"""The findings report for legal teams: one self-contained HTML file (or Markdown, or JSON).

HTML (templates/report.html.j2): a table of contents, a summary table (provider x topic x
severity) whose counts link to their findings, then one collapsible section per provider with
its findings ordered by severity then date (newest first), each with its old and new clause
side by side, the changed words marked, its summary, triage status, source links, and the
internal codes tucked into a details element. Each finding has the anchor `#finding-<id>` that
alert messages link to.

Filtering: the CLI filters server-side (`build_report(...)` arguments). In the page, a count or
a quick filter links to `#only-<key>`, and CSS (`:target` with `:has()`) shows only the findings
of that key: no script at all, so the Content-Security-Policy forbids every script and even a
mistake in escaping (Jinja2 autoescapes everything) could not run one. No external resources:
the file works offline.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import ConfigError
from ..records import SEVERITIES, TOPICS
from ..store.findings import FindingRow, list_findings
from .findings import DIRECTION_WORDS, finding_dict, finding_key, source_urls
from .tables import plain
from .worddiff import word_ops

FORMATS = ("html", "md", "json")
STATUSES = ("open", "acked", "dismissed")
DEFAULT_STATUSES = ("open", "acked")  # dismissed findings are not material: left out by default
# Where an imported version can be read: the Open Terms Archive GenAI collection on GitHub.
OTA_URL_TEMPLATE = (
    "https://github.com/OpenTermsArchive/genai-versions/blob/{commit}/{service}/{document}.md"
)
TOPIC_WORDS = {"training_use": "training use", "retention": "retention", "sharing": "sharing"}


@dataclass(frozen=True, slots=True)
class ReportFilters:
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    provider: str | None = None
    topic: str | None = None
    severity: str | None = None  # minimum
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    exclude_backfill: bool = False
    provider_name: str | None = None  # as people write it ("Claude.ai", not "claude-ai")

    def describe(self) -> list[str]:
        out = []
        if self.since:
            out.append(f"since {minute(self.since)}")
        if self.until:
            out.append(f"before {minute(self.until)}")
        if self.provider:
            out.append(f"provider {self.provider_name or self.provider}")
        if self.topic:
            out.append(f"topic {TOPIC_WORDS.get(self.topic, self.topic)}")
        if self.severity:
            worse = "" if self.severity == SEVERITIES[0] else " or worse"
            out.append(f"severity {self.severity}{worse}")
        if tuple(self.statuses) != STATUSES:
            out.append("status " + " or ".join(self.statuses))
        if self.exclude_backfill:
            out.append("imported history left out")
        return out


def build_report(
    db: str | Path,
    *,
    since: date | datetime | None = None,
    until: date | datetime | None = None,
    provider: str | None = None,
    topic: str | None = None,
    severity: str | None = None,
    statuses: Sequence[str] | None = DEFAULT_STATUSES,
    exclude_backfill: bool = False,
    fmt: str = "html",
    base_url: str | None = None,
    ota_url_template: str | None = OTA_URL_TEMPLATE,
    now: datetime | None = None,
) -> str:
    """Render the findings (technical ones excluded) that pass the filters as `fmt`.

    `until` is exclusive (a date means its midnight); `statuses` None means every status.
    `base_url`: where the HTML report is published; JSON and Markdown then give each finding's
    permalink (`<base_url>#finding-<id>`). `ota_url_template` links an imported finding to its
    version ({commit}, {service}, {document}); None for no such link.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; expected one of {list(FORMATS)}")
    wanted = tuple(statuses) if statuses else STATUSES
    bad = [s for s in wanted if s not in STATUSES]
    if bad:
        raise ConfigError(f"unknown status {bad[0]!r}; expected one of {list(STATUSES)}")
    check_ota_template(ota_url_template)
    filters = ReportFilters(
        _utc(since), _utc(until), provider, topic, severity, wanted, exclude_backfill
    )
    matching = list_findings(
        db,
        since=filters.since,
        until=filters.until,
        provider=provider,
        topic=topic,
        min_severity=severity,
        include_backfill=not exclude_backfill,
    )
    findings = sorted((f for f in matching if f.status in wanted), key=severity_then_newest)
    if provider:
        name = next((f.provider_name for f in matching if f.provider == provider), None)
        filters = replace(filters, provider_name=name)
    hidden = Counter(f.status for f in matching if f.status not in wanted)
    now = now or datetime.now(UTC)
    base = base_url.split("#", 1)[0] if base_url else None
    links = Links(ota_url_template)
    if fmt == "json":
        return render_json(findings, filters, now, base, links)
    if fmt == "md":
        return render_markdown(findings, filters, now, base, links)
    return render_html(findings, filters, now, links, hidden)


def write_report(path: str | Path, text: str) -> None:
    """Write atomically: a reader (or a web server) never sees half a report."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------- shared pieces


def _utc(value: date | datetime | None) -> datetime | None:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(0), tzinfo=UTC)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)  # dates on the command line are UTC
    return value


def anchor(finding_id: int) -> str:
    return f"finding-{finding_id}"


def minute(value: Any) -> str:
    """'2026-03-04 09:00 UTC': what a reader needs, not microseconds."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


def _iso_minute(value: Any) -> str:
    """An ISO time from the evidence JSON, to the minute (as it is, if it is not one)."""
    try:
        return minute(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def severity_then_newest(f: FindingRow) -> tuple:
    rank = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
    return (rank, -f.recorded_at.timestamp(), -f.id)


def check_ota_template(template: str | None) -> None:
    if not template:
        return
    try:
        url = template.format(commit="c", service="s", document="d")
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"--ota-url-template {template!r}: {exc}; it may use {{commit}}, {{service}} and "
            "{document}"
        ) from None
    if not _safe_href(url):
        raise ConfigError(f"--ota-url-template {template!r}: must start with https:// or http://")


@dataclass(frozen=True, slots=True)
class Links:
    """Where a finding can be read at its source."""

    ota_url_template: str | None = OTA_URL_TEMPLATE

    def sources(self, f: FindingRow) -> list[tuple[str, str | None]]:
        """(label, href or None) per source: the document's URLs, and for an imported
        version its page in the versions repository."""
        out: list[tuple[str, str | None]] = [(u, _safe_href(u)) for u in source_urls(f)]
        version = self.version_url(f)
        if version:
            out.append((f"imported version, commit {(f.commit or '')[:10]}", version))
        return out

    def version_url(self, f: FindingRow) -> str | None:
        if not (f.commit and self.ota_url_template):
            return None
        url = self.ota_url_template.format(
            commit=quote(f.commit, safe=""),
            service=quote(f.provider_name, safe=""),
            document=quote(f.document_name, safe=""),
        )
        return _safe_href(url)


def _safe_href(url: str) -> str | None:
    """Only web links become links (never javascript: or data: URLs from a page)."""
    return url if url.lower().startswith(("https://", "http://")) else None


def _ops(f: FindingRow) -> list[tuple[int, str]]:
    diff = f.diff
    if not diff and f.old_text and f.new_text:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        diff = dmp.diff_main(f.old_text, f.new_text)
        dmp.diff_cleanupSemantic(diff)
    return word_ops([(int(op), str(text)) for op, text in diff])


def summary_counts(findings: Sequence[FindingRow]) -> list[tuple[str, str, dict[str, int]]]:
    """(provider name, topic, {severity: count}) rows, providers and topics in a stable order."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for f in findings:
        counts[(f.provider_name, f.topic)][f.severity] += 1

    def order(key: tuple[str, str]) -> tuple[str, int]:
        return (key[0].lower(), TOPICS.index(key[1]) if key[1] in TOPICS else len(TOPICS))

    return [(p, t, dict(counts[(p, t)])) for p, t in sorted(counts, key=order)]


# --------------------------------------------------------------------------- HTML


@cache
def _environment():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(Path(__file__).with_name("templates")),
        autoescape=True,  # every value is escaped unless the template says otherwise
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _css_key(text: str) -> str:
    """A provider id as a fragment of ids and class names (letters, digits, dashes)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


@dataclass(slots=True)
class Card:
    """A finding as the template shows it."""

    f: FindingRow
    anchor: str
    keys: list[str]
    when: str
    when_iso: str
    topic: str
    direction: str
    old: list[tuple[str, str]]  # (tag: '' | 'del' | 'ins', text)
    new: list[tuple[str, str]]
    sources: list[tuple[str, str | None]]
    codes: list[tuple[str, str]]
    reviewed_at: str


@dataclass(slots=True)
class Section:
    key: str
    name: str
    cards: list[Card] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def _sides(f: FindingRow) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    if f.old_text and f.new_text:
        ops = _ops(f)
        old = [("" if op == 0 else "del", t) for op, t in ops if op != 1]
        new = [("" if op == 0 else "ins", t) for op, t in ops if op != -1]
        return old, new
    return ([("del", f.old_text)] if f.old_text else []), (
        [("ins", f.new_text)] if f.new_text else []
    )


def _codes(f: FindingRow) -> list[tuple[str, str]]:
    """What a lawyer does not need to read but an engineer does: kind, rules, provenance."""
    ev = f.evidence if isinstance(f.evidence, dict) else {}
    codes = [("finding", str(f.id)), ("kind", f.kind)]
    if f.rule_ids:
        codes.append(("rules", ", ".join(f.rule_ids)))
    codes.append(("versions", f"{f.old_version_id or '—'} → {f.new_version_id}"))
    if ev.get("old_seen"):
        codes.append(("old version seen", " to ".join(_iso_minute(x) for x in ev["old_seen"])))
    if ev.get("new_first_seen"):
        codes.append(("new version first seen", _iso_minute(ev["new_first_seen"])))
    for label, k in (("old snapshots", "old_snapshots"), ("new snapshots", "new_snapshots")):
        if ev.get(k):
            codes.append((label, ", ".join(str(h)[:12] for h in ev[k])))
    if f.commit or ev.get("commit"):
        codes.append(("commit", str(f.commit or ev.get("commit"))))
    codes.append(("document", f.document))
    codes.append(("alert key", finding_key(f)))
    return codes


def _card(f: FindingRow, provider_key: str, links: Links) -> Card:
    old, new = _sides(f)
    pt = f"{provider_key}-{f.topic}"
    keys = [provider_key, pt, f"{pt}-{f.severity}", f"s-{f.severity}", f"t-{f.topic}"]
    keys += [f"st-{f.status}", "history" if f.backfill else "live"]
    return Card(
        f=f,
        anchor=anchor(f.id),
        keys=keys,
        when=minute(f.recorded_at),
        when_iso=f.recorded_at.astimezone(UTC).isoformat(timespec="minutes"),
        topic=TOPIC_WORDS.get(f.topic, f.topic.replace("_", " ")),
        direction=DIRECTION_WORDS.get(f.direction, f.direction),
        old=old,
        new=new,
        sources=links.sources(f),
        codes=_codes(f),
        reviewed_at=minute(f.reviewed_at) if f.reviewed_at else "",
    )


def _filter_keys(sections: Sequence[Section], cards: Sequence[Card]) -> list[tuple[str, str]]:
    """(key, label) of every `#only-<key>` link the page has, for the CSS and the notes."""
    names = {s.key: s.name for s in sections}
    seen: dict[str, str] = {}
    for c in cards:
        p = c.keys[0]
        topic, sev = c.topic, c.f.severity
        for key, label in (
            (c.keys[1], f"{names[p]} · {topic}"),
            (c.keys[2], f"{names[p]} · {topic} · {sev}"),
            (c.keys[3], f"severity {sev}"),
            (c.keys[4], f"topic {topic}"),
            (c.keys[5], f"status {c.f.status}"),
            (
                c.keys[6],
                "imported history" if c.f.backfill else "new changes (no imported history)",
            ),
        ):
            seen.setdefault(key, label)
    return sorted(seen.items())


def render_html(
    findings: Sequence[FindingRow],
    filters: ReportFilters,
    now: datetime,
    links: Links | None = None,
    hidden: Counter[str] | None = None,
) -> str:
    links = links or Links()
    sections: dict[str, Section] = {}
    used: dict[str, str] = {}  # provider id -> css key, unique
    for f in findings:  # already ordered by severity then date
        if f.provider not in used:
            key = _css_key(f.provider)
            while key in used.values():
                key += "-x"
            used[f.provider] = key
            sections[f.provider] = Section(key, f.provider_name)
        s = sections[f.provider]
        s.cards.append(_card(f, used[f.provider], links))
        s.counts[f.severity] += 1
    ordered = sorted(sections.values(), key=lambda s: s.name.lower())
    cards = [c for s in ordered for c in s.cards]
    rows = []  # (provider name or '' under the first row, its row span, key, topic, ...)
    key_of = {f.provider_name: used[f.provider] for f in findings}
    counted = summary_counts(findings)
    spans = Counter(p for p, _, _ in counted)
    for i, (provider, topic, counts) in enumerate(counted):
        first = i == 0 or counted[i - 1][0] != provider
        rows.append(
            (
                provider if first else "",
                spans[provider],
                key_of[provider],
                topic,
                TOPIC_WORDS.get(topic, topic),
                counts,
            )
        )
    statuses = Counter(f.status for f in findings)
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            now=minute(now),
            filters=filters.describe(),
            total=len(findings),
            sections=ordered,
            rows=rows,
            totals=Counter(f.severity for f in findings),
            severities=SEVERITIES,
            topics=[(t, TOPIC_WORDS[t]) for t in TOPICS if any(f.topic == t for f in findings)],
            statuses=[(s, statuses[s]) for s in STATUSES if statuses[s]],
            hidden=[(s, hidden[s]) for s in STATUSES if hidden and hidden[s]],
            backfill=sum(1 for f in findings if f.backfill),
            filter_keys=_filter_keys(ordered, cards),
            key_counts=Counter(k for c in cards for k in c.keys),
        )
    )


# --------------------------------------------------------------------------- Markdown


def _md(value: Any) -> str:
    """Scraped text shown as text by Markdown renderers: no raw HTML, no table breaks."""
    return html.escape("" if value is None else str(value), quote=False).replace("|", "\\|")


def _md_quote(text: str | None) -> str:
    if not text:
        return "> _(none)_"
    return "\n".join("> " + _md(line) if line else ">" for line in text.splitlines())


def render_markdown(
    findings: Sequence[FindingRow],
    filters: ReportFilters,
    now: datetime,
    base: str | None,
    links: Links | None = None,
) -> str:
    links = links or Links()
    shown = ", ".join(filters.describe()) or "all findings"
    lines = [
        "# clausewatch: material changes",
        "",
        f"Generated {minute(now)} · {shown} · {len(findings)} findings",
        "",
    ]
    if findings:
        lines += ["## Summary", "", "| Provider | Topic | " + " | ".join(SEVERITIES) + " | Total |"]
        lines.append("|" + " --- |" * (len(SEVERITIES) + 3))
        for provider, topic, counts in summary_counts(findings):
            cells = " | ".join(str(counts.get(s, 0)) for s in SEVERITIES)
            lines.append(f"| {_md(provider)} | {topic} | {cells} | {sum(counts.values())} |")
    by_provider: dict[str, list[FindingRow]] = defaultdict(list)
    for f in findings:
        by_provider[f.provider_name].append(f)
    for provider in sorted(by_provider, key=str.lower):
        lines += ["", f"## {_md(provider)}", ""]
        for f in by_provider[provider]:
            link = f"{base}#{anchor(f.id)}" if base else f"#{anchor(f.id)}"
            status = "" if f.status == "open" else f" · {f.status}"
            lines += [
                f'### <a id="{anchor(f.id)}"></a>[{f.severity}] {_md(f.document_name)}: '
                f"{TOPIC_WORDS.get(f.topic, f.topic)} {f.direction}",
                "",
                f"- seen {minute(f.recorded_at)}"
                + (f", effective {minute(f.effective_date)}" if f.effective_date else "")
                + (" · backfill" if f.backfill else "")
                + status,
                f"- {_md(f.summary)}",
            ]
            if f.review_note:
                lines.append(f"- review note: {_md(f.review_note)}")
            lines.append(f"- permalink: {link}")
            lines += [f"- source: {_md(href or label)}" for label, href in links.sources(f)]
            lines += ["", "Before:", "", _md_quote(f.old_text), "", "After:", ""]
            lines += [_md_quote(f.new_text), ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- JSON


def render_json(
    findings: Sequence[FindingRow],
    filters: ReportFilters,
    now: datetime,
    base: str | None,
    links: Links | None = None,
) -> str:
    links = links or Links()
    # the finding's fields are the one serializer's (same names as `findings --format jsonl`);
    # the report adds where the finding is shown and its word diff
    items = [
        finding_dict(f)
        | {
            "anchor": anchor(f.id),
            "url": f"{base}#{anchor(f.id)}" if base else None,
            "version_url": links.version_url(f),
            "diff": [[op, text] for op, text in f.diff],
        }
        for f in findings
    ]
    summary = [
        {"provider": p, "topic": t, "severity": s, "count": n}
        for p, t, counts in summary_counts(findings)
        for s, n in sorted(counts.items(), key=lambda kv: SEVERITIES.index(kv[0]))
    ]
    doc = {
        "generated_at": now.astimezone(UTC).isoformat(),
        "filters": {
            "since": plain(filters.since),
            "until": plain(filters.until),
            "provider": filters.provider,
            "topic": filters.topic,
            "severity": filters.severity,
            "statuses": list(filters.statuses),
            "exclude_backfill": filters.exclude_backfill,
        },
        "summary": summary,
        "findings": items,
    }
    return json.dumps(plain(doc), indent=2, ensure_ascii=False) + "\n"
