"""HTML -> canonical text (docs/canonical-text.md), on fictional pages written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausewatch.errors import ExtractError
from clausewatch.parsers.extract import extract_document_text
from clausewatch.parsers.html import extract_html_text
from clausewatch.records import Source

PAGES = Path(__file__).parent / "pages_parser"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def html(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


TERMS_TEXT = """\
# Terms of Service

Last updated: March 3, 2031

These terms govern your use of the Quillfeather writing assistant. By using it you agree to them.

## 1. Your content

You keep all rights in the drafts you write.
We only process them to run the service.

- Drafts are stored for 30 days.
- Shared drafts:
  - are visible to your workspace;
  - can be revoked at any time.
- Deleted drafts are gone within 7 days.

### 1.1 Model improvement

3. We do not train models on your drafts.
4. You may opt in from the settings page.

| Data | Kept for |
| --- | --- |
| Drafts | 30 days |
| Billing records | 7 years |"""


def test_whole_page_renders_light_markdown_without_page_chrome() -> None:
    assert extract_html_text(page("terms.html")) == TERMS_TEXT


def test_selected_area_keeps_its_own_aside() -> None:
    text = extract_html_text(page("terms.html"), select=["main"])
    assert text == TERMS_TEXT + "\n\nShare this page"


@pytest.mark.parametrize(
    "noise",
    [
        "tracking call",  # script
        "font-family",  # style
        "Pricing",  # header
        "Careers",  # nav
        "We use cookies",  # consent banner
        "Accept all",  # button
        "Upgrade to Quillfeather Pro",  # hidden
        "Decorative duplicate",  # aria-hidden
        "Search the help center",  # form
        "enable JavaScript",  # noscript
        "chart label",  # svg
        "All rights reserved",  # footer
        "Fictional page",  # comment
    ],
)
def test_what_is_not_the_document_is_dropped(noise: str) -> None:
    assert noise not in extract_html_text(page("terms.html"))


def test_links_keep_their_text_and_never_their_target() -> None:
    text = extract_html_text(
        html('<p>Read the <a href="https://x.example/policy?utm=1">privacy policy</a> now.</p>')
    )
    assert text == "Read the privacy policy now."


def test_header_and_footer_inside_the_selected_area_stay() -> None:
    body = (
        "<header>Site menu</header><main><header><h1>Privacy Policy</h1><p>Effective 2031</p>"
        "</header><p>We keep little.</p><footer>Questions: privacy@q.example</footer></main>"
    )
    text = extract_html_text(html(body), select=["main"])
    assert text == (
        "# Privacy Policy\n\nEffective 2031\n\nWe keep little.\n\nQuestions: privacy@q.example"
    )


def test_select_is_a_union_in_page_order_without_nested_duplicates() -> None:
    body = (
        '<p class="x">Second selector, first in page</p>'
        '<div id="a"><p class="x">Inside a</p><p>Also inside a</p></div>'
        '<p class="x">Last</p><p>Not selected</p>'
    )
    text = extract_html_text(html(body), select=["#a", "p.x"])
    assert text == "Second selector, first in page\n\nInside a\n\nAlso inside a\n\nLast"


def test_remove_is_applied_before_select() -> None:
    body = '<main><p>Kept clause.</p><div class="ad"><p>Buy now</p></div>Tail text.</main>'
    # With .ad removed first, the selected main still has its trailing text.
    text = extract_html_text(html(body), select=["main"], remove=[".ad"])
    assert text == "Kept clause.\n\nTail text."
    # A structural selector sees the page after removal (as Open Terms Archive does).
    body = '<ul><li class="ad">Ad</li><li>First</li><li>Second</li></ul>'
    text = extract_html_text(html(body), select=["li:nth-child(2)"], remove=[".ad"])
    assert text == "- Second"


def test_selector_miss_names_selector_and_url() -> None:
    with pytest.raises(ExtractError) as info:
        extract_html_text(page("terms.html"), select=["#terms-body"], url="https://q.example/terms")
    assert info.value.reason == "selector_miss"
    assert "#terms-body" in str(info.value)
    assert "https://q.example/terms" in str(info.value)


def test_invalid_selector_is_reported() -> None:
    with pytest.raises(ExtractError) as info:
        extract_html_text(html("<p>x</p>"), select=["main >> p["])
    assert info.value.reason == "bad_selector"


FRENCH = "<p>Les données sont conservées pendant trente jours, à compter de la clôture.</p>"
FRENCH_TEXT = "Les données sont conservées pendant trente jours, à compter de la clôture."


def test_charset_from_content_type_header() -> None:
    body = f"<html><body>{FRENCH}</body></html>".encode("windows-1252")
    text = extract_html_text(body, content_type="text/html; charset=windows-1252")
    assert text == FRENCH_TEXT


def test_charset_from_meta() -> None:
    body = html(
        FRENCH, head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    )
    body = body.decode().encode("iso-8859-1")
    assert extract_html_text(body) == FRENCH_TEXT


def test_header_charset_wins_over_meta() -> None:
    body = html(FRENCH, head='<meta charset="utf-8">').decode().encode("windows-1252")
    assert extract_html_text(body, content_type="text/html; charset=cp1252") == FRENCH_TEXT


def test_shift_jis_from_meta() -> None:
    japanese = "データは三十日間保存されます。"
    body = html(f"<p>{japanese}</p>", head='<meta charset="shift_jis">').decode()
    assert extract_html_text(body.encode("shift_jis")) == japanese


def test_undeclared_legacy_encoding_is_detected() -> None:
    body = f"<html><body>{FRENCH}</body></html>".encode("windows-1252")
    assert extract_html_text(body) == FRENCH_TEXT


def test_utf16_with_bom() -> None:
    body = f"<html><body>{FRENCH}</body></html>".encode("utf-16")
    assert extract_html_text(body) == FRENCH_TEXT


def test_line_breaks_and_paragraph_breaks() -> None:
    body = "<p>Quillfeather AI<br>12 Harbour Road<br><br>Contact: legal@q.example</p>"
    assert extract_html_text(html(body)) == (
        "Quillfeather AI\n12 Harbour Road\n\nContact: legal@q.example"
    )


def test_whitespace_and_invisible_characters_are_normalized() -> None:
    body = "<p>  Data&nbsp;is\n\n   kept\u200b for <b>30</b>&#8203; days. </p><p>\t</p>"
    assert extract_html_text(html(body)) == "Data is kept for 30 days."


def test_list_items_with_paragraphs_and_ordered_types() -> None:
    body = (
        '<ol type="a"><li><p>First point.</p><p>More on it.</p></li><li>Second point.</li></ol>'
        "<ul><li><ol><li>Nested first</li></ol></li></ul>"
    )
    assert extract_html_text(html(body)) == (
        "a. First point.\n  More on it.\nb. Second point.\n\n  1. Nested first"
    )


def test_table_without_header_and_layout_table() -> None:
    data = "<table><tr><td>Name</td><td>Quill | Co</td></tr><tr><td></td><td></td></tr></table>"
    assert extract_html_text(html(data)) == "| Name | Quill \\| Co |"
    layout = "<table><tr><td><h2>Section</h2><p>Body text.</p></td></tr></table>"
    assert extract_html_text(html(layout)) == "## Section\n\nBody text."


def test_images_are_dropped_with_their_alt_text() -> None:
    body = '<p>Logo <img src="l.png" alt="Quillfeather logo"> here.</p>'
    assert extract_html_text(html(body)) == "Logo here."


def test_empty_input() -> None:
    assert extract_html_text(b"") == ""
    assert extract_html_text(b"   ") == ""
    # Not a selector miss: nothing was there to select from (parsers.quality says "empty").
    assert extract_html_text(b"", select=["main"]) == ""
    with pytest.raises(ExtractError):
        extract_html_text(b"<p>text</p>", select=["main"])


def test_collapsed_accordion_sections_are_document_text() -> None:
    body = (
        "<main><h2>Data FAQ</h2>"
        '<div><button aria-expanded="false" aria-controls="a1"><h3>Do you train on my drafts?'
        '</h3></button><div id="a1" aria-hidden="true"><p>No, never by default.</p></div></div>'
        '<div><button aria-expanded="false"><h3>How long are drafts kept?</h3></button>'
        '<div hidden="until-found"><p>Thirty days.</p></div></div>'
        '<button type="button">Print this page</button>'
        '<div aria-hidden="true">Decorative</div></main>'
    )
    assert extract_html_text(html(body), select=["main"]) == (
        "## Data FAQ\n\n### Do you train on my drafts?\n\nNo, never by default.\n\n"
        "### How long are drafts kept?\n\nThirty days."
    )


def test_a_page_hidden_behind_a_modal_is_kept() -> None:
    long_text = "Quillfeather keeps drafts for thirty days. " * 60
    body = f'<div id="root" aria-hidden="true"><p>{long_text}</p></div><div role="dialog">Hi</div>'
    assert extract_html_text(html(body)).startswith("Quillfeather keeps drafts")


def test_several_class_selectors_are_removed_in_one_pass() -> None:
    body = (
        '<main><p class="k x">Menu</p><p class="keep">Clause one.</p>'
        '<div class="bh"><p>Share</p></div><p class="l">Footer</p><p>Clause two.</p></main>'
    )
    text = extract_html_text(html(body), select=["main"], remove=[".k", ".bh", ".l", "p.x"])
    assert text == "Clause one.\n\nClause two."


def test_broken_pages_still_give_their_words() -> None:
    assert (
        extract_html_text(b"<p>Data\x16 is kept\x04 for <b>30 days") == "Data is kept for 30 days"
    )
    deep = ("<div>" * 1500 + "<p>Deeply nested clause.</p>" + "</div>" * 1500).encode()
    assert extract_html_text(deep) == "Deeply nested clause."


def test_table_of_contents_nav_inside_the_selection_is_dropped() -> None:
    body = (
        '<main><h1>Privacy</h1><nav aria-label="On this page"><ul><li><a href="#a">1. Data</a>'
        '</li></ul></nav><h2 id="a">1. Data</h2><p>We collect little.</p></main>'
    )
    text = extract_html_text(html(body), select=["main"])
    assert text == "# Privacy\n\n## 1. Data\n\nWe collect little."


# --------------------------------------------------------------------------- deep markup

DEEP_PARA = "<p>" + "We keep your prompts for thirty days and never sell them to anyone. " * 4


def _deep_page(levels: int, *, closed: bool = True, wrapper: str = "div") -> bytes:
    inner = (
        "<h2>Deep section</h2>"
        + DEEP_PARA.replace("thirty", "ninety")
        + "</p><ul><li>first item</li><li>second item</li></ul>"
    )
    close = f"</{wrapper}>" * levels if closed else ""
    after = DEEP_PARA.replace("thirty", "sixty") + "</p>" if closed else ""
    return (
        "<html><body><main><h1>Terms</h1>" + DEEP_PARA + "</p>"
        f"{f'<{wrapper}>' * levels}{inner}{close}{after}</main></body></html>"
    ).encode()


@pytest.mark.parametrize("levels", [1_500, 5_000])
@pytest.mark.parametrize("wrapper", ["div", "span"])
def test_text_nested_thousands_of_levels_deep_is_kept(levels: int, wrapper: str) -> None:
    for select in ((), ("main",)):
        text = extract_html_text(_deep_page(levels, wrapper=wrapper), select=select)
        assert text.startswith("# Terms\n\n")
        assert "## Deep section" in text and "for ninety days" in text
        assert "- first item\n\n- second item" in text or "- first item\n- second item" in text
        assert text.rstrip().endswith("never sell them to anyone.")  # what follows the depth
        assert "sixty days" in text


def test_unclosed_tags_5000_deep_keep_their_text_and_pass_the_quality_check() -> None:
    body = _deep_page(5_000, closed=False)
    text = extract_document_text([(body, "text/html", Source("https://q.example/t", ("main",)))])
    assert "for ninety days" in text and "second item" in text


def test_a_page_past_libxml2s_depth_limit_is_parsed_whole() -> None:
    from clausewatch.parsers.html import parse_html

    root = parse_html(_deep_page(5_000))
    assert root is not None
    deepest = max(sum(1 for _ in el.iterancestors()) for el in root.iter("li"))
    assert deepest > 5_000
    assert [el.text for el in root.iter("li")] == ["first item", "second item"]
