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
from clausewatch.parsers.quality import check_body, check_text, is_vanished
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
    "text,expected",
    [
        (
            "Just a moment... Checking your browser before accessing q.example. "
            "This process is automatic. Your browser will redirect shortly. Ray ID: 7f3a9c.",
            "bot_check",
        ),
        ("You need to enable JavaScript to run this app.", "app_shell"),
        (
            "Access denied. You don't have permission to access this page on this server. "
            "Reference #18.2f7e.",
            "bot_check",
        ),
        (
            "We use cookies to make our site work. Accept all cookies or manage preferences. "
            "Reject all. Cookie settings.",
            "consent_wall",
        ),
        (
            "404. Page not found. The page you are looking for might have been removed, had "
            "its name changed or is temporarily unavailable. Go to the home page.",
            "soft_404",
        ),
        (
            "Quillfeather is down for maintenance. We'll be back shortly; thank you for your "
            "patience while we upgrade our systems.",
            "maintenance",
        ),
        ("Please sign in to continue. Email address. Password. Forgot password?", "login_wall"),
    ],
)
def test_each_kind_of_wall_has_its_reason(text: str, expected: str) -> None:
    with pytest.raises(ExtractError) as info:
        check_text(text, url="https://q.example/terms")
    assert info.value.reason == expected
    message = str(info.value)
    assert "https://q.example/terms" in message and "saw:" in message and "; " in message


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
    assert is_vanished(old, old[: len(old) // 4])
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


def test_the_parser_version_is_a_hash_of_the_extraction_code(tmp_path) -> None:
    import shutil

    from clausewatch.parsers import version

    for name in version._SOURCES:
        shutil.copy(version._HERE / name, tmp_path / name)
    assert version.parser_version(tmp_path) == PARSER_VERSION
    html = tmp_path / "html.py"
    html.write_text(html.read_text() + "\n# a change in how pages are read\n")
    assert version.parser_version(tmp_path) != PARSER_VERSION


def test_a_short_policy_quoting_a_strong_phrase_passes() -> None:
    text = LEGAL_PARAGRAPH * 3 + "If access is denied to an account, its drafts stay kept."
    assert reason(text) is None


# --------------------------------------------------------------------------- not a document

CONSENT_ONLY = b"""<!doctype html><html><head><title>Privacy choices</title></head><body>
<div role="dialog" class="consent-layer"><h2>We value your privacy</h2>
<p>We and our partners use cookies and similar technologies to store and/or access information
on a device, for personalised ads and content, measurement and audience insights.</p>
<button>Accept all</button> <button>Reject all</button> <button>Manage preferences</button>
</div></body></html>"""

POLICY_WITH_BANNER = (
    b"<!doctype html><html><body>"
    b'<div id="cookie-banner">We use cookies. <button>Accept all</button>'
    b"<button>Reject all</button><button>Manage preferences</button></div>"
    b"<main><h1>Privacy Policy</h1>"
    + b"".join(
        b"<p>" + LEGAL_PARAGRAPH.encode() + b"We use cookies only to keep you signed in and "
        b"you can manage preferences for optional cookies in the settings.</p>"
        for _ in range(8)
    )
    + b"</main></body></html>"
)

APP_SHELL = (
    b'<!doctype html><html><head><script src="/static/app.js"></script></head><body>'
    b'<div id="root"></div><script>window.__STATE__ = {"route": "/terms"};</script>'
    b"</body></html>"
)


def document_reason(body: bytes, content_type: str = "text/html", select=()) -> str | None:
    try:
        extract_document_text([(body, content_type, Source("https://q.example/p", tuple(select)))])
    except ExtractError as exc:
        assert str(exc).strip() and not str(exc).rstrip().endswith(":")
        return exc.reason
    return None


@pytest.mark.parametrize("select", [(), ("main",)])
def test_a_consent_dialog_alone_is_a_consent_wall(select) -> None:
    assert document_reason(CONSENT_ONLY, select=select) == "consent_wall"


def test_a_policy_beside_a_consent_banner_is_a_document() -> None:
    for select in ((), ("main",)):
        text = extract_document_text(
            [(POLICY_WITH_BANNER, "text/html", Source("https://q.example/p", select))]
        )
        assert text.startswith("# Privacy Policy") and "Reject all" not in text
    # The banner kept in the text (no class to recognise it by) does not condemn it either.
    unmarked = POLICY_WITH_BANNER.replace(b'id="cookie-banner"', b'class="x1"')
    assert document_reason(unmarked.replace(b"<button>", b"<span>")) is None


@pytest.mark.parametrize(
    "body,expected",
    [
        (APP_SHELL, "app_shell"),
        (
            b"<html><body><noscript>You need to enable JavaScript to run this app.</noscript>"
            b'<div id="app"></div></body></html>',
            "app_shell",
        ),
        (
            b"<html><head><title>Just a moment...</title></head><body><h1>Checking your "
            b"browser before accessing q.example</h1><p>Ray ID: 7f3a9c</p></body></html>",
            "bot_check",
        ),
        (b"<html><body><h1>404</h1><p>Page not found.</p></body></html>", "soft_404"),
        (
            b"<html><body><h1>Down for maintenance</h1><p>We'll be back soon.</p></body></html>",
            "maintenance",
        ),
        (b"<html><body>   </body></html>", "empty"),
    ],
)
def test_walls_hidden_by_extraction_are_named_from_the_whole_page(body, expected) -> None:
    assert document_reason(body) == expected
    # a selector that matches nothing on such a page is not the diagnosis either
    if expected != "empty":
        assert document_reason(body, select=["article.terms"]) == expected


def test_a_layout_change_stays_a_selector_miss() -> None:
    terms = (PAGES / "terms.html").read_bytes()
    assert document_reason(terms, select=["#gone"]) == "selector_miss"


@pytest.mark.parametrize(
    "body,content_type,expected",
    [
        (b"", "text/html", "empty"),
        (b" \n\t\r\n  ", "text/html; charset=utf-8", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 20, "image/png", "content_type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 20, "text/html", "content_type"),
        (b"GIF89a" + b"\x01" * 100, "application/octet-stream", "content_type"),
        (b"<html><body>" + b"<p>words</p>" * 50, "image/jpeg", "content_type"),
        (b'{"terms": "see the website"}', "application/json", "content_type"),
        (bytes(range(256)) * 40, "text/html", "binary"),
        (b"\x00" * 5000, "text/html; charset=utf-8", "binary"),
        (b"<html><body>" + b"\x00" * 800 + b"<p>hi</p>" * 200, "text/html", "binary"),
        (bytes(range(0x80, 0x100)) * 40, "text/html; charset=utf-8", "decode"),
        ("\ufffd" * 2000, "text/html; charset=utf-8", "decode"),
        (b'<meta charset="utf-8"><p>' + b"\xff\xfe\xfd\xfc " * 400, "text/html", "decode"),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "",
)
def test_bodies_that_cannot_hold_a_document(body, content_type, expected) -> None:
    if isinstance(body, str):
        body = body.encode("utf-8")
    with pytest.raises(ExtractError) as info:
        check_body(body, content_type, url="https://q.example/p")
    assert info.value.reason == expected
    assert "https://q.example/p" in str(info.value)
    assert document_reason(body, content_type) == expected


@pytest.mark.parametrize(
    "body,content_type",
    [
        ((PAGES / "terms.html").read_bytes(), "text/html; charset=utf-8"),
        ("<p>" + "Données conservées à Zürich. " * 40 + "</p>", "text/html; charset=iso-8859-1"),
        ("<p>" + "データは三十日間保存されます。" * 40 + "</p>", "text/html; charset=utf-8"),
        ("<p>" + "Terms of use. " * 50 + "</p>", "text/html; charset=utf-16"),
        (LEGAL_PARAGRAPH * 3, "text/plain"),
        (LEGAL_PARAGRAPH * 3, "application/xhtml+xml"),
        (LEGAL_PARAGRAPH * 3, ""),
    ],
)
def test_real_bodies_pass_the_body_check(body, content_type) -> None:
    if isinstance(body, str):
        charset = content_type.partition("charset=")[2] or "utf-8"
        body = body.encode(charset)
    check_body(body, content_type)
    assert document_reason(body, content_type) is None


def test_a_pdf_labelled_anything_passes_the_body_check() -> None:
    check_body(make_pdf(PDF_LINES), "image/png")
    check_body(make_pdf(PDF_LINES), "application/octet-stream")


def test_replacement_soup_in_extracted_text_is_decode() -> None:
    assert reason("\ufffd\ufffd\ufffd word " * 100) == "decode"
    assert reason(LEGAL_PARAGRAPH * 3 + "\ufffd" * 5) is None


def test_soft_404_needs_more_than_a_number() -> None:
    text = LEGAL_PARAGRAPH * 2 + "Requests are handled under section 404 of the agreement."
    assert reason(text) is None
