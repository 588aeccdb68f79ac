"""The findings report for legal teams: one self-contained HTML file (or Markdown, or JSON).

HTML: a summary table (provider x topic x severity), a per-provider timeline of material
changes, then every finding with its old and new clause side by side, the changed words
highlighted, its summary, evidence and source links. Each finding has the anchor
`#finding-<id>` that alert messages link to.

Everything scraped is escaped with `html.escape` (a clause containing `<script>` shows as
text) and the page carries a Content-Security-Policy that allows no script at all, so even a
mistake in escaping could not run one. No external resources: the file works offline.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..records import SEVERITIES, TOPICS
from ..store.findings import FindingRow, list_findings
from .messages import DIRECTION_WORDS, finding_key, source_urls, word_ops

FORMATS = ("html", "md", "json")


def build_report(
    db: str | Path,
    *,
    since: date | datetime | None = None,
    provider: str | None = None,
    fmt: str = "html",
    base_url: str | None = None,
    now: datetime | None = None,
) -> str:
    """Render the findings (technical ones excluded) recorded since `since` as `fmt`.

    `base_url`: where the HTML report is published; JSON and Markdown then give each finding's
    permalink (`<base_url>#finding-<id>`).
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown report format {fmt!r}; expected one of {list(FORMATS)}")
    if isinstance(since, date) and not isinstance(since, datetime):
        since = datetime.combine(since, time(0), tzinfo=UTC)
    elif isinstance(since, datetime) and since.tzinfo is None:
        since = since.replace(tzinfo=UTC)  # dates on the command line are UTC
    findings = list_findings(db, since=since, provider=provider)
    now = now or datetime.now(UTC)
    base = base_url.split("#", 1)[0] if base_url else None
    filters = {"since": since.isoformat() if since else None, "provider": provider}
    if fmt == "json":
        return render_json(findings, filters, now, base)
    if fmt == "md":
        return render_markdown(findings, filters, now, base)
    return render_html(findings, filters, now)


def write_report(path: str | Path, text: str) -> None:
    """Write atomically: a reader (or a web server) never sees half a report."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


# --------------------------------------------------------------------------- shared pieces


def anchor(finding_id: int) -> str:
    return f"finding-{finding_id}"


def _day(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value or "")


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


def _safe_href(url: str) -> str | None:
    """Only web links become links (never javascript: or data: URLs from a page)."""
    return url if url.lower().startswith(("https://", "http://")) else None


# --------------------------------------------------------------------------- HTML

CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px} h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #d8dde3;padding-bottom:4px}
h3{font-size:16px;margin:0 0 6px}
.meta{color:#5b6570;font-size:13px}
table{border-collapse:collapse;background:#fff}
th,td{border:1px solid #d8dde3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.sev-critical{background:#8e1b1b}.sev-high{background:#c0392b}.sev-medium{background:#d68910}.sev-low{background:#5d6d7e}
.tag{display:inline-block;border:1px solid #aab4be;border-radius:3px;padding:0 5px;font-size:12px;margin-right:4px}
article.finding{background:#fff;border:1px solid #d8dde3;border-left:5px solid #5d6d7e;margin:14px 0;padding:12px 14px}
article.critical{border-left-color:#8e1b1b}article.high{border-left-color:#c0392b}article.medium{border-left-color:#d68910}
article.finding:target{outline:3px solid #2e86de}
table.clauses{width:100%;table-layout:fixed;margin:8px 0}
table.clauses td{white-space:pre-wrap;word-wrap:break-word;font-size:14px}
del{background:#fadbd8;color:#78281f;text-decoration:line-through}
ins{background:#d5f5e3;color:#145a32;text-decoration:none}
dl.evidence{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:8px 0 0}
dl.evidence dt{color:#5b6570} dl.evidence dd{margin:0;word-break:break-all}
ol.timeline{list-style:none;padding-left:0;border-left:2px solid #d8dde3;margin-left:6px}
ol.timeline li{position:relative;padding:2px 0 6px 14px}
ol.timeline li::before{content:"";position:absolute;left:-6px;top:8px;width:10px;height:10px;border-radius:50%;background:#5d6d7e}
ol.timeline li.critical::before,ol.timeline li.high::before{background:#c0392b}
ol.timeline time{font-variant-numeric:tabular-nums;color:#5b6570;margin-right:6px}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _badge(severity: str) -> str:
    return f'<span class="badge sev-{_e(severity)}">{_e(severity)}</span>'


def _side(ops: list[tuple[int, str]], keep: int, tag: str) -> str:
    out = []
    for op, text in ops:
        if op == 0:
            out.append(_e(text))
        elif op == keep:
            out.append(f"<{tag}>{_e(text)}</{tag}>")
    return "".join(out)


def _clauses_html(f: FindingRow) -> str:
    if f.old_text and f.new_text:
        ops = _ops(f)
        old, new = _side(ops, -1, "del"), _side(ops, 1, "ins")
    else:
        old = _e(f.old_text) if f.old_text else "<em>(not in the previous version)</em>"
        new = f"<ins>{_e(f.new_text)}</ins>" if f.new_text else "<em>(removed)</em>"
        if f.old_text and not f.new_text:
            old = f"<del>{_e(f.old_text)}</del>"
    return (
        '<table class="clauses"><thead><tr><th>Before</th><th>After</th></tr></thead>'
        f'<tbody><tr><td class="old">{old}</td><td class="new">{new}</td></tr></tbody></table>'
    )


def _evidence_html(f: FindingRow) -> str:
    ev = f.evidence if isinstance(f.evidence, dict) else {}
    items: list[tuple[str, str]] = [
        ("kind", _e(f.kind)),
        ("versions", f"{_e(f.old_version_id or '—')} → {_e(f.new_version_id)}"),
    ]
    if ev.get("old_seen"):
        items.append(("old version seen", " to ".join(_e(x) for x in ev["old_seen"])))
    if ev.get("new_first_seen"):
        items.append(("new version first seen", _e(ev["new_first_seen"])))
    for label, k in (("old snapshots", "old_snapshots"), ("new snapshots", "new_snapshots")):
        if ev.get(k):
            items.append((label, ", ".join(_e(str(h)[:12]) for h in ev[k])))
    if f.commit or ev.get("commit"):
        items.append(("commit", _e(f.commit or ev.get("commit"))))
    links = []
    for url in source_urls(f):
        href = _safe_href(url)
        links.append(
            f'<a href="{_e(href)}" rel="noopener noreferrer">{_e(url)}</a>' if href else _e(url)
        )
    if links:
        items.append(("source", "<br>".join(links)))
    items.append(("alert key", _e(finding_key(f))))
    return (
        '<dl class="evidence">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items) + "</dl>"
    )


def _finding_html(f: FindingRow) -> str:
    tags = [f'<span class="tag">{_e(f.document_type)}</span>']
    if f.backfill:
        tags.append('<span class="tag">backfill</span>')
    when = f"seen {_day(f.recorded_at)}"
    if f.effective_date:
        when += f", effective {_day(f.effective_date)}"
    return (
        f'<article class="finding {_e(f.severity)}" id="{anchor(f.id)}">'
        f"<h3>{_badge(f.severity)} {_e(f.provider_name)} — {_e(f.document_name)}: "
        f"{_e(f.topic.replace('_', ' '))} {_e(f.direction)}</h3>"
        f'<p class="meta">{"".join(tags)} {_e(when)} · '
        f"{_e(DIRECTION_WORDS.get(f.direction, f.direction))} · "
        f'<a href="#{anchor(f.id)}">#{anchor(f.id)}</a></p>'
        f'<p class="summary">{_e(f.summary)}</p>'
        f"{_clauses_html(f)}{_evidence_html(f)}</article>"
    )


def _summary_html(findings: Sequence[FindingRow]) -> str:
    head = "".join(f"<th>{s}</th>" for s in SEVERITIES)
    rows = []
    for provider, topic, counts in summary_counts(findings):
        cells = "".join(f'<td class="num">{counts.get(s, 0) or ""}</td>' for s in SEVERITIES)
        rows.append(
            f"<tr><td>{_e(provider)}</td><td>{_e(topic.replace('_', ' '))}</td>{cells}"
            f'<td class="num">{sum(counts.values())}</td></tr>'
        )
    total = Counter(f.severity for f in findings)
    cells = "".join(f'<td class="num">{total.get(s, 0) or ""}</td>' for s in SEVERITIES)
    rows.append(f'<tr><th colspan="2">All</th>{cells}<td class="num">{len(findings)}</td></tr>')
    return (
        '<table id="summary"><thead><tr><th>Provider</th><th>Topic</th>'
        f"{head}<th>Total</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _timeline_html(findings: Sequence[FindingRow]) -> str:
    by_provider: dict[str, list[FindingRow]] = defaultdict(list)
    for f in findings:
        by_provider[f.provider_name].append(f)
    parts = []
    for provider in sorted(by_provider, key=str.lower):
        items = []
        for f in sorted(by_provider[provider], key=lambda f: (f.recorded_at, f.id)):
            items.append(
                f'<li class="{_e(f.severity)}"><time>{_e(_day(f.recorded_at))}</time>'
                f'{_badge(f.severity)} <a href="#{anchor(f.id)}">{_e(f.document_name)}: '
                f"{_e(f.topic.replace('_', ' '))} {_e(f.direction)}</a> — {_e(f.summary)}"
                + (' <span class="tag">backfill</span>' if f.backfill else "")
                + "</li>"
            )
        parts.append(f'<h3>{_e(provider)}</h3><ol class="timeline">{"".join(items)}</ol>')
    return "".join(parts)


def render_html(findings: Sequence[FindingRow], filters: dict[str, Any], now: datetime) -> str:
    shown = ", ".join(f"{k} {v}" for k, v in filters.items() if v) or "all findings"
    newest_first = sorted(findings, key=lambda f: (f.recorded_at, f.id), reverse=True)
    body = (
        "<h1>clausewatch: material changes</h1>"
        f'<p class="meta">Generated {_e(now.astimezone(UTC).strftime("%Y-%m-%d %H:%M"))} UTC · '
        f"{_e(shown)} · {len(findings)} finding{'s' if len(findings) != 1 else ''}</p>"
    )
    if not findings:
        body += '<p id="empty">No material changes recorded for this selection.</p>'
    else:
        body += (
            f'<h2 id="by-provider">Summary</h2>{_summary_html(findings)}'
            f'<h2 id="timeline">Timeline by provider</h2>{_timeline_html(findings)}'
            '<h2 id="findings">Findings, newest first</h2>'
            + "".join(_finding_html(f) for f in newest_first)
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>clausewatch report</title>"
        f"<style>{CSS}</style></head><body><main>{body}</main></body></html>\n"
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
    findings: Sequence[FindingRow], filters: dict[str, Any], now: datetime, base: str | None
) -> str:
    shown = ", ".join(f"{k} {v}" for k, v in filters.items() if v) or "all findings"
    lines = [
        "# clausewatch: material changes",
        "",
        f"Generated {now.astimezone(UTC):%Y-%m-%d %H:%M} UTC · {shown} · {len(findings)} findings",
        "",
    ]
    if findings:
        lines += ["## Summary", "", "| Provider | Topic | " + " | ".join(SEVERITIES) + " | Total |"]
        lines.append("|" + " --- |" * (len(SEVERITIES) + 3))
        for provider, topic, counts in summary_counts(findings):
            cells = " | ".join(str(counts.get(s, 0)) for s in SEVERITIES)
            lines.append(f"| {_md(provider)} | {topic} | {cells} | {sum(counts.values())} |")
        lines += ["", "## Findings", ""]
    for f in sorted(findings, key=lambda f: (f.recorded_at, f.id), reverse=True):
        link = f"{base}#{anchor(f.id)}" if base else f"#{anchor(f.id)}"
        lines += [
            f'### <a id="{anchor(f.id)}"></a>[{f.severity}] {_md(f.provider_name)} — '
            f"{_md(f.document_name)}: {f.topic.replace('_', ' ')} {f.direction}",
            "",
            f"- seen {_day(f.recorded_at)}"
            + (f", effective {_day(f.effective_date)}" if f.effective_date else "")
            + (" · backfill" if f.backfill else ""),
            f"- {_md(f.summary)}",
            f"- permalink: {link}",
        ]
        lines += [f"- source: {_md(u)}" for u in source_urls(f)]
        lines += ["", "Before:", "", _md_quote(f.old_text), "", "After:", "", _md_quote(f.new_text)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- JSON


def render_json(
    findings: Sequence[FindingRow], filters: dict[str, Any], now: datetime, base: str | None
) -> str:
    def plain(v: Any) -> Any:
        return v.isoformat() if isinstance(v, date | datetime) else v

    items = []
    for f in findings:
        items.append(
            {
                "id": f.id,
                "anchor": anchor(f.id),
                "url": f"{base}#{anchor(f.id)}" if base else None,
                "provider": f.provider,
                "provider_name": f.provider_name,
                "document": f.document,
                "document_name": f.document_name,
                "document_type": f.document_type,
                "topic": f.topic,
                "direction": f.direction,
                "severity": f.severity,
                "kind": f.kind,
                "summary": f.summary,
                "old_text": f.old_text,
                "new_text": f.new_text,
                "diff": [[op, text] for op, text in f.diff],
                "recorded_at": plain(f.recorded_at),
                "effective_date": plain(f.effective_date),
                "backfill": f.backfill,
                "commit": f.commit,
                "sources": source_urls(f),
                "evidence": f.evidence,
                "alert_key": finding_key(f),
            }
        )
    summary = [
        {"provider": p, "topic": t, "severity": s, "count": n}
        for p, t, counts in summary_counts(findings)
        for s, n in sorted(counts.items(), key=lambda kv: SEVERITIES.index(kv[0]))
    ]
    doc = {
        "generated_at": now.astimezone(UTC).isoformat(),
        "filters": filters,
        "summary": summary,
        "findings": items,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, default=str) + "\n"
