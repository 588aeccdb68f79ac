"""Quality checks, PDF text and whole-document extraction, on fictional texts and files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from clausewatch.errors import ExtractError
from clausewatch.parsers.extract import (
    PARSER_VERSION,
    extract_document_text,
    extract_text,
    normalize_text,
)
from clausewatch.parsers.pdf import extract_pdf_text
from clausewatch.parsers.quality import check_text, is_vanished
from clausewatch.records import Source

PAGES = Path(__file__).parent / "pages_parser"

LEGAL_PARAGRAPH = (
    "Quillfeather AI keeps the drafts you write for thirty days after you close them, "
    "then deletes them from its systems. You can log in to your account settings at any "
    "time to export or delete a draft sooner. We do not sell your drafts and we share them "
    "only with the hosting providers listed in section 9, under written contracts. "
)


def reason(text: str, **kwargs: object) -> str | None:
    try:
        check_text(text, **kwargs)  # type: ignore[arg-type]
    except ExtractError as exc:
        return exc.reason
    return None


# --------------------------------------------------------------------------- quality


def test_empty_and_near_empty_texts_are_refused() -> None:
    assert reason("") == "empty"
    assert reason("# Terms\n\nComing soon.\n") == "empty"
    assert reason("word " * 25) == "empty"  # fewer than ~30 words
    assert reason("x" * 150 + " " + "y" * 30) == "empty"  # few characters


def test_a_real_document_passes() -> None:
    assert reason(LEGAL_PARAGRAPH * 3) is None


def test_sign_in_page_is_a_login_wall() -> None:
    text = extract_text(
        (PAGES / "login.html").read_bytes(), "text/html", Source("https://q.example/terms")
    )
    with pytest.raises(ExtractError) as info:
        check_text(text, url="https://q.example/terms")
    assert info.value.reason == "login_wall"
    assert "https://q.example/terms" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "Just a moment... Checking your browser before accessing q.example. "
        "This process is automatic. Your browser will redirect shortly. Ray ID: 7f3a9c.",
        "You need to enable JavaScript to run this app.",
        "Access denied. You don't have permission to access this page on this server. "
        "Reference #18.2f7e.",
        "We use cookies to make our site work. Accept all cookies or manage preferences. "
        "Reject all. Cookie settings.",
    ],
)
def test_bot_checks_script_shells_and_consent_pages_are_walls(text: str) -> None:
    assert reason(text) == "login_wall"


def test_long_legal_text_that_mentions_log_in_passes() -> None:
    text = LEGAL_PARAGRAPH * 20 + "To log in, use your email address and password."
    assert reason(text) is None


def test_short_text_with_one_wall_phrase_is_a_wall_only_when_it_shrank() -> None:
    text = LEGAL_PARAGRAPH * 2  # 110 words, mentions "log in" once
    assert reason(text) is None
    assert reason(text, previous_length=50_000) == "login_wall"
    assert reason(text, previous_length=len(text)) is None


def test_is_vanished() -> None:
    old = LEGAL_PARAGRAPH * 10
    assert is_vanished(old, old[: len(old) // 3])
    assert not is_vanished(old, old[: len(old) // 2])
    assert not is_vanished(old, old + "More.")


# --------------------------------------------------------------------------- PDF


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with one text line per item, Helvetica, written by hand."""

    def escape(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 72 740 Td 14 TL " + " ".join(f"({escape(x)}) '" for x in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


PDF_LINES = [
    "1. Retention",
    "Quillfeather keeps the drafts you write in its service for a period of thirty",
    "days, after which they are deleted from all of our systems and the infor-",
    "mation cannot be recovered.",
    "2. Training",
    "We never use drafts to train models.",
]
PDF_TEXT = (
    "1. Retention\n\n"
    "Quillfeather keeps the drafts you write in its service for a period of thirty days, "
    "after which they are deleted from all of our systems and the information cannot be "
    "recovered.\n\n"
    "2. Training\n\n"
    "We never use drafts to train models."
)


def test_pdf_paragraphs_and_hyphenation() -> None:
    assert extract_pdf_text(make_pdf(PDF_LINES)) == PDF_TEXT


def test_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PDF_LINES))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ExtractError) as info:
        extract_pdf_text(buffer.getvalue(), url="https://q.example/dpa.pdf")
    assert info.value.reason == "pdf_encrypted"
    assert "https://q.example/dpa.pdf" in str(info.value)


def test_unreadable_pdf_is_refused() -> None:
    with pytest.raises(ExtractError) as info:
        extract_pdf_text(b"%PDF-1.7\nthis file was cut short")
    assert info.value.reason == "pdf_unreadable"


# --------------------------------------------------------------------------- documents


def test_parts_are_dispatched_and_joined_with_one_blank_line() -> None:
    terms = (PAGES / "terms.html").read_bytes()
    parts = [
        (terms, "text/html; charset=utf-8", Source("https://q.example/terms", ("main",))),
        # A PDF served with a misleading type is recognised by its magic number.
        (make_pdf(PDF_LINES), "application/octet-stream", Source("https://q.example/a.pdf")),
    ]
    text = extract_document_text(parts)
    html_text = extract_text(terms, "text/html", Source("https://q.example/terms", ("main",)))
    assert text == html_text + "\n\n" + PDF_TEXT + "\n"
    assert text.startswith("# Terms of Service\n\n")


def test_document_errors_propagate() -> None:
    terms = (PAGES / "terms.html").read_bytes()
    with pytest.raises(ExtractError) as info:
        extract_document_text([(terms, "text/html", Source("https://q.example/t", ("#gone",)))])
    assert info.value.reason == "selector_miss"
    login = (PAGES / "login.html").read_bytes()
    with pytest.raises(ExtractError) as info:
        extract_document_text([(login, "text/html", Source("https://q.example/t"))])
    assert info.value.reason == "login_wall"
    with pytest.raises(ExtractError) as info:
        extract_document_text([(b"<html><body></body></html>", "", Source("https://q.example/t"))])
    assert info.value.reason == "empty"


def test_normalize_text() -> None:
    assert normalize_text("\n\n# A  \r\n\n\n\nb\t\n") == "# A\n\nb\n"
    assert normalize_text("  \n") == ""
    assert PARSER_VERSION == "1"


def test_a_short_policy_quoting_a_strong_phrase_passes() -> None:
    text = LEGAL_PARAGRAPH * 3 + "If access is denied to an account, its drafts stay kept."
    assert reason(text) is None
