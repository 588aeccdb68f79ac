"""PDF snapshot bytes -> canonical text: paragraphs separated by blank lines.

pypdf gives lines; the paragraphs are rebuilt from them: a line well short of the page's
usual line width ends a paragraph, a list marker starts one, and a word hyphenated across a
line break is joined again.
"""

from __future__ import annotations

import io
import logging
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from clausewatch.errors import ExtractError

_BULLET_RE = re.compile(r"^(?:[•●▪◦‣∙·*\-–]\s+|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,5})[.)]\s+)")
_BULLET_SIGN_RE = re.compile(r"^[•●▪◦‣∙·*–]\s+")
_SENTENCE_END = (".", ":", ";", "!", "?", "。")
_HYPHENATED_RE = re.compile(r"(\w)-$")


def extract_pdf_text(body: bytes, url: str = "") -> str:
    """Text of every page, in order. Raises ExtractError for encrypted or unreadable files."""
    where = f" at {url}" if url else ""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # pypdf warns loudly on sloppy files
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only files open with ""
            except Exception as exc:  # noqa: BLE001 - crypto backends raise their own types
                raise ExtractError(
                    f"the PDF{where} is encrypted ({exc}); it cannot be watched",
                    reason="pdf_encrypted",
                ) from exc
            if not opened:
                raise ExtractError(
                    f"the PDF{where} is encrypted with a password; it cannot be watched",
                    reason="pdf_encrypted",
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ExtractError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise ExtractError(
            f"unreadable PDF{where}: {exc}; the file may be truncated or not a PDF",
            reason="pdf_unreadable",
        ) from exc
    if not any(page.strip() for page in pages):
        # Not a selector problem (the "empty" advice): the file holds pictures of text.
        raise ExtractError(
            f"the PDF{where} has {len(pages)} page{'' if len(pages) == 1 else 's'} but no text "
            "layer (a scan, or text drawn as images); clausewatch reads text, not images: "
            "watch an HTML or text version of the document instead",
            reason="pdf_no_text",
        )
    paragraphs: list[str] = []
    for page in pages:
        paragraphs.extend(_paragraphs(page))
    return "\n\n".join(paragraphs)


def _paragraphs(page_text: str) -> list[str]:
    lines = [" ".join(ln.split()) for ln in page_text.splitlines()]
    widths = sorted(len(ln) for ln in lines if ln)
    if not widths:
        return []
    full = widths[int(len(widths) * 0.9)] if len(widths) > 4 else widths[-1]
    out: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                out.append(current)
                current = ""
            continue
        if current and _BULLET_RE.match(line):
            out.append(current)
            current = ""
        if not current:
            current = _BULLET_SIGN_RE.sub("- ", line)
        elif _HYPHENATED_RE.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = current + " " + line
        # Text wraps at the full width: a line well short of it was broken on purpose
        # (the end of a paragraph, a heading, a list item).
        short = len(line) < 0.75 * full or (line.endswith(_SENTENCE_END) and len(line) < 0.9 * full)
        if short and not line.endswith("-"):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out
