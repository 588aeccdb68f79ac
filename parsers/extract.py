"""Snapshot parts of one document -> its canonical text (docs/canonical-text.md)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from clausewatch.errors import ExtractError
from clausewatch.parsers.html import extract_html_text, page_text
from clausewatch.parsers.pdf import extract_pdf_text
from clausewatch.parsers.quality import check_body, check_text, diagnose_page
from clausewatch.parsers.version import PARSER_VERSION  # noqa: F401  (re-exported)
from clausewatch.records import Source

_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES_RE = re.compile(r"\n{3,}")


def is_pdf(body: bytes, content_type: str = "") -> bool:
    """By magic number first: servers label PDFs application/octet-stream or even text/html."""
    if b"%PDF-" in body[:1024]:
        return True
    return "pdf" in content_type.lower()


def extract_text(body: bytes, content_type: str, source: Source) -> str:
    """Text of one snapshot of a document (not yet checked for emptiness or walls)."""
    if is_pdf(body, content_type):
        return extract_pdf_text(body, url=source.url)
    return extract_html_text(
        body,
        select=source.select,
        remove=source.remove,
        content_type=content_type,
        url=source.url,
    )


def normalize_text(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, a single final newline."""
    # Each pass is guarded by a plain substring test: the regexes are slow on long texts,
    # and extract_html_text's output rarely needs them.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if " \n" in text or "\t" in text or text.endswith(" "):
        text = _TRAILING_SPACE_RE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_LINES_RE.sub("\n\n", text)
    text = text.strip("\n")
    return text + "\n" if text else ""


def extract_document_text(
    parts: Sequence[tuple[bytes, str, Source]], *, previous_length: int | None = None
) -> str:
    """Canonical text of a document from its (body, content_type, source) parts, in catalog order.

    Each body is checked first (parsers.quality.check_body: empty, binary, wrong type, not
    decodable), parts are joined with one blank line, then the text is checked (check_text).
    A refused text or a selector miss is re-read on the whole page, so that a consent wall,
    bot check or app shell is reported as such. Raises ExtractError with the reason.
    """
    if not parts:
        raise ExtractError("no snapshot to extract text from", reason="empty")
    texts = []
    for body, content_type, source in parts:
        check_body(body, content_type, url=source.url)
        try:
            texts.append(extract_text(body, content_type, source))
        except ExtractError as exc:
            if exc.reason == "selector_miss":
                raise _diagnose(body, content_type, source) or exc from None
            raise
    text = normalize_text("\n\n".join(t.strip("\n") for t in texts if t.strip()))
    urls = ", ".join(source.url for _, _, source in parts)
    try:
        check_text(text, url=urls, previous_length=previous_length)
    except ExtractError as exc:
        if exc.reason == "empty":
            for body, content_type, source in parts:
                found = _diagnose(body, content_type, source)
                if found is not None and found.reason != "empty":
                    raise found from None
        raise
    return text


def _diagnose(body: bytes, content_type: str, source: Source) -> ExtractError | None:
    if is_pdf(body, content_type):
        return None
    return diagnose_page(page_text(body, content_type), url=source.url)
