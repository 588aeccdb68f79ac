"""HTML snapshot bytes -> canonical text (docs/canonical-text.md).

Speed matters: a re-extraction walks every stored snapshot. The page is parsed once with
lxml (UTF-8 bytes go to libxml2 as they are); CSS selectors are compiled to XPath once per
selector string and rewritten to walk the attribute axis; scripts, hidden blocks, banners
and inline tags are cut or merged by lxml in C; the only Python-level work is one
recursive walk over what is left of the selected subtrees (pages nested too deep for it, or
for libxml2, go through parsers/deep.py). On Open Terms Archive's saved
pages this runs at about half the speed of a bare lxml parse + text_content
(benchmarks/replay.py).

What is dropped: script, style, noscript, template, svg, iframe, form controls and small
forms, plain buttons, hidden blocks (hidden, aria-hidden) unless they are collapsed
accordion panels, navigation, and -- only when no `select` cut the document out of the
page -- header, footer, aside and cookie / consent banners.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from cssselect import HTMLTranslator, SelectorError
from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from clausewatch.errors import ExtractError
from clausewatch.parsers.deep import is_truncated_by_depth, parse_deep, render_flat
from clausewatch.records import PageText

# --------------------------------------------------------------------------- decoding + parsing

_UTF8 = "utf-8"
_local = threading.local()  # lxml parser objects must not be shared between threads


def _parser() -> etree.HTMLParser:
    parser = getattr(_local, "parser", None)
    if parser is None:
        # huge_tree lifts libxml2's nesting limit (256), which would silently cut the
        # text of deeply nested pages.
        parser = _local.parser = etree.HTMLParser(
            encoding=_UTF8, remove_comments=True, remove_pis=True, huge_tree=True
        )
    return parser


def detect_encoding(body: bytes, content_type: str = "") -> tuple[str | None, int]:
    """(encoding, BOM length): BOM, then the Content-Type charset, then <meta charset>.

    None when nothing declares one. w3lib follows the WHATWG rules (latin-1 means
    windows-1252, as in browsers).
    """
    bom_encoding, bom = read_bom(body)
    if bom_encoding is not None and bom is not None:
        return bom_encoding, len(bom)
    declared = http_content_type_encoding(content_type or None) or html_body_declared_encoding(body)
    return declared, 0


# Undeclared and not UTF-8: the most common legacy encoding of the web.
_FALLBACK_ENCODING = "cp1252"


def parse_html(body: bytes, content_type: str = "") -> etree._Element | None:
    """Parse into a plain lxml tree (no lxml.html element classes: their lookup slows the walk).

    UTF-8 pages (most of them) go to libxml2 as they are, with the encoding forced so that a
    stray <meta> cannot make it second-guess. Other encodings are decoded in Python and
    handed over as UTF-8. An undeclared page that turns out not to be UTF-8 is read as
    windows-1252, as browsers do.
    """
    encoding, skip = detect_encoding(body, content_type)
    if encoding is None and not body.isascii():
        try:
            body.decode(_UTF8)
        except UnicodeDecodeError:
            encoding = _FALLBACK_ENCODING
    if encoding in (None, _UTF8):
        data = body[skip:] if skip else body
    else:
        data = body[skip:].decode(encoding, "replace").encode(_UTF8, "surrogatepass")
    if not data or data.isspace():
        return None
    if b"\x00" in data:  # stray NULs (a body full of them is refused as binary): browsers drop them
        data = data.replace(b"\x00", b"")
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is not None and is_truncated_by_depth(parser):
        # libxml2 stopped at 2,048 levels and dropped the rest of the page.
        return parse_deep(data.decode(_UTF8, "replace"))
    if root is None:
        root = _parse_with_soup(data.decode(_UTF8, "replace"))
    return root


def _parse_with_soup(text: str) -> etree._Element | None:
    """Fallback for the rare page libxml2 gives up on: html.parser via BeautifulSoup."""
    try:
        from lxml.html import soupparser

        return soupparser.fromstring(text)
    except Exception:  # noqa: BLE001 - any failure here means "no usable tree"
        return None


# --------------------------------------------------------------------------- selectors

_TRANSLATOR = HTMLTranslator()

# cssselect writes `#x` as descendant-or-self::*[@id = 'x']: libxml2 then evaluates a
# predicate on every element, which costs ~0.5 us each on pages with long class lists.
# Walking the attribute axis instead (descendant-or-self::*/@id[. = 'x']/..) visits the
# same nodes several times faster and returns the same elements in the same order.
_STEP = r"((?:^|/|\| )(?:descendant-or-self::|descendant::)?(?:\*|[\w-]+))"
_END = r"(?=/|$| \|)"
_ATTR_EQ_RE = re.compile(_STEP + r"\[@([\w-]+) = ('[^']*')\]" + _END)
_CLASS_RE = re.compile(
    _STEP + r"\[@class and contains\(@class, ('[^']*')\) and "
    r"contains\(concat\(' ', normalize-space\(@class\), ' '\), ('[^']*')\)\]" + _END
)


@lru_cache(maxsize=512)
def _css_xpath(selector: str) -> str:
    try:
        xpath = _TRANSLATOR.css_to_xpath(selector)
    except SelectorError as exc:
        raise ExtractError(
            f"invalid CSS selector {selector!r}: {exc}; fix it in the catalog",
            reason="bad_selector",
        ) from exc
    xpath = _ATTR_EQ_RE.sub(r"\1/@\2[. = \3]/..", xpath)
    return _CLASS_RE.sub(
        r"\1/@class[contains(., \2) and contains(concat(' ', normalize-space(.), ' '), \3)]/..",
        xpath,
    )


@lru_cache(maxsize=512)
def _compiled(selector: str) -> etree.XPath:
    return etree.XPath(_css_xpath(selector))


_TAG_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$")


def _matches(root: etree._Element, selector: str) -> list[etree._Element]:
    selector = selector.strip()
    if _TAG_RE.match(selector):  # `main`, `article`: lxml's C iteration beats an XPath
        return list(root.iter(selector.lower()))
    return _compiled(selector)(root)  # type: ignore[return-value]


def select_elements(root: etree._Element, selectors: Sequence[str]) -> list[etree._Element]:
    """Matches of any selector, in document order, without elements nested in another match.

    Selectors are evaluated one by one: a libxml2 union of several costs more than the
    separate queries (it merges node-sets pairwise).
    """
    found = [m for m in (_matches(root, s) for s in selectors) if m]
    if not found:
        return []
    if len(found) == 1:
        matches = found[0]
    else:
        position = {el: i for i, el in enumerate(root.iter())}
        matches = sorted({el for m in found for el in m}, key=position.__getitem__)
    if len(matches) < 2:
        return list(matches)
    chosen = set(matches)
    out = []
    for el in matches:
        parent = el.getparent()
        while parent is not None and parent not in chosen:
            parent = parent.getparent()
        if parent is None:
            out.append(el)
    return out


_CLASS_SELECTOR_RE = re.compile(r"^\.(-?[_a-zA-Z][\w-]*)$")


def remove_elements(root: etree._Element, selectors: Sequence[str]) -> None:
    """Drop every match of the selectors (keeping the text that follows each one).

    Several bare class selectors (`.k`, `.bh`: atomic CSS pages list many) are matched in one
    pass over the elements: cheaper than one XPath per class once there are two or more.
    """
    classes = {m.group(1) for s in selectors if (m := _CLASS_SELECTOR_RE.match(s.strip()))}
    if len(classes) < 2:
        classes = set()
    doomed: list[etree._Element] = []
    if classes:
        for el in root.iter(etree.Element):
            value = el.get("class")
            if value and not classes.isdisjoint(value.split()):
                doomed.append(el)
    for selector in selectors:
        if not (classes and _CLASS_SELECTOR_RE.match(selector.strip())):
            doomed.extend(_matches(root, selector))
    for el in doomed:
        _drop(el)


def _drop(el: etree._Element) -> None:
    """Remove an element but keep its tail text (the text after it belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------- noise

# Never document text, wherever they are.
_NOISE_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "canvas",
    "audio",
    "video",
    "map",
    "head",
    "title",
    "meta",
    "link",
    "select",
    "input",
    "textarea",
    "option",
    "datalist",
    "dialog",
]

# id/class fragments of cookie / consent banners. Deliberately compound ("cookie-banner", not
# "cookie") so a cookie *policy* section or a table of cookies is never taken for a banner.
_BANNER_RE = re.compile(
    r"cookie[-_]?(?:banner|consent|notice|bar|popup|modal|law|alert|disclaimer|wall)"
    r"|consent[-_]?(?:banner|manager|modal|popup|sdk)|gdpr[-_]?(?:banner|consent|cookie)"
    r"|onetrust|cookiebot|truste-consent|trustarc-banner|didomi|usercentrics|osano-cm"
    r"|qc-cmp|cmp-banner|cc-window|cc-banner",
    re.IGNORECASE,
)
_BANNER_MAX_CHARS = 3000  # a banner is short; a long match is content that happens to match
_FORM_MAX_CHARS = 1000  # a search or newsletter form; some CMSs wrap the whole page in a <form>
_CHROME_TAGS = ("header", "footer", "aside")


def _text_len(el: etree._Element) -> int:
    return len("".join(el.itertext()).strip())


# Hidden panels and banners are found on the attribute axis (fast in libxml2: no predicate
# evaluated on every element), then confirmed in Python on the few candidates.
_HIDDEN_XPATH = etree.XPath("descendant::*/@hidden/.. | descendant::*/@aria-hidden[. = 'true']/..")
# Where a hidden block is a whole part of the page (inline icons and labels are left alone).
_HIDDEN_CONTAINERS = frozenset(
    [
        "div",
        "section",
        "aside",
        "article",
        "details",
        "dialog",
        "form",
        "main",
        "header",
        "footer",
        "nav",
        "ul",
        "ol",
        "table",
        "dl",
        "figure",
        "blockquote",
        "p",
        "li",
    ]
)
_BANNER_HINTS = (
    "ookie",
    "onsent",
    "gdpr",
    "GDPR",
    "onetrust",
    "trust",
    "didomi",
    "usercentrics",
    "osano",
    "cmp",
    "cc-",
)
_HINT_TEST = " or ".join(f"contains(., '{hint}')" for hint in _BANNER_HINTS)
_BANNER_XPATH = etree.XPath(
    f"descendant::*/@class[{_HINT_TEST}]/.. | descendant::*/@id[{_HINT_TEST}]/.."
)


_CONTROLS_XPATH = etree.XPath("descendant-or-self::*/@aria-controls")
_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_HIDDEN_KEEP_CHARS = 2000  # hidden yet this long: the page behind a modal, not a decoration


def _hidden(root: etree._Element) -> list[etree._Element]:
    """Hidden elements that are not document text.

    Collapsed accordion panels are hidden too, and they hold the document (FAQ answers,
    policy sections): a panel that a trigger controls (aria-controls / aria-labelledby),
    hidden="until-found", or a long hidden block is kept.
    """
    candidates = _HIDDEN_XPATH(root)
    if not candidates:
        return []
    controlled = {i for ids in _CONTROLS_XPATH(root) for i in ids.split()}
    out = []
    for el in candidates:
        if el.tag not in _HIDDEN_CONTAINERS:
            continue
        if el.get("aria-hidden") != "true" and el.get("hidden") == "until-found":
            continue
        if el.get("aria-labelledby") is not None or el.get("id") in controlled:
            continue
        if _text_len(el) > _HIDDEN_KEEP_CHARS:
            continue
        out.append(el)
    return out


def _is_plain_button(el: etree._Element) -> bool:
    """Not a disclosure trigger: an accordion's button holds its section's title."""
    return (
        el.get("aria-expanded") is None
        and el.get("aria-controls") is None
        and next(el.iter(*_HEADING_TAGS), None) is None
    )


def _banners(root: etree._Element) -> list[etree._Element]:
    found = []
    for el in _BANNER_XPATH(root):
        ident = f"{el.get('id') or ''} {el.get('class') or ''}"
        if _BANNER_RE.search(ident) and _text_len(el) <= _BANNER_MAX_CHARS:
            found.append(el)
    return found


def _strip_noise(root: etree._Element, *, whole_page: bool) -> None:
    """Cut out what is never document text.

    lxml's tag-filtered iter() and attribute-axis XPaths run in C: much cheaper than a
    predicate evaluated on every element. Banners and page chrome are looked for only when
    no selector cut the document out of the page (a selected area rarely holds them, and the
    search costs as much as a tenth of the parse).
    """
    doomed = []
    # One C-level pass for every tag-based rule.
    for el in root.iter(*_NOISE_TAGS, "nav", "button", "form"):
        if el is root:
            continue
        tag = el.tag
        if tag == "button":
            if _is_plain_button(el):
                doomed.append(el)
        elif tag == "form":
            if _text_len(el) <= _FORM_MAX_CHARS:
                doomed.append(el)
        else:
            # Navigation is never the document, even inside the selected area (a table of
            # contents repeats the headings); header and footer are, there.
            doomed.append(el)
    doomed.extend(_hidden(root))
    if whole_page:
        doomed.extend(_banners(root))
        # Page chrome; a header inside an article or main holds the title and the date.
        for el in root.iter(*_CHROME_TAGS):
            if el.tag in ("header", "footer") and any(
                a.tag in ("article", "main") for a in el.iterancestors()
            ):
                continue
            doomed.append(el)
    for el in doomed:
        _drop(el)


# --------------------------------------------------------------------------- rendering

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frameset",
        "header",
        "hgroup",
        "html",
        "legend",
        "main",
        "menu",
        "nav",
        "noframes",
        "output",
        "p",
        "search",
        "section",
        "summary",
    ]
)
_INLINE_TAGS = [
    "a",
    "abbr",
    "acronym",
    "b",
    "bdi",
    "bdo",
    "big",
    "cite",
    "code",
    "data",
    "del",
    "dfn",
    "em",
    "font",
    "i",
    "ins",
    "kbd",
    "label",
    "mark",
    "nobr",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
]
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Characters that are invisible yet churn between captures.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANK_LINES_RE = re.compile(r"\n(?:[ \t]*\n)+")


class _Renderer:
    """Accumulates inline text and emits Markdown blocks; one instance per extraction."""

    __slots__ = ("inline", "lines", "parts", "lists", "marker", "group", "last_group", "groups")

    def __init__(self) -> None:
        self.inline: list[str] = []  # text fragments of the current line
        self.lines: list[str] = []  # finished lines of the current paragraph (<br>)
        self.parts: list[str] = []  # separator, block, separator, block...
        self.lists: list[list] = []  # [ordered, next number, type] per open list
        self.marker: str | None = None  # marker of the list item waiting for its first text
        self.group: int | None = None  # list or table being rendered: its lines are tight
        self.last_group: int | None = None
        self.groups = 0

    # -- output

    def emit(self, text: str) -> None:
        group = self.group
        tight = group is not None and group == self.last_group
        self.parts.append("\n" if tight else "\n\n")
        self.parts.append(text)
        self.last_group = group

    def flush(self) -> None:
        """Turn the pending inline text into a block. Called at every block boundary: the
        plain-paragraph case is kept inline here (no further calls)."""
        if self.lines:
            self._flush_lines()
            return
        inline = self.inline
        if not inline:
            return
        line = " ".join("".join(inline).split())
        inline.clear()
        if not line:
            return
        if self.lists:
            self._emit_text(line)
        elif self.group is None:
            self.parts.append("\n\n")
            self.parts.append(line)
            self.last_group = None
        else:
            self.emit(line)

    def _flush_lines(self) -> None:
        """A paragraph with <br> line breaks; an empty line (<br><br>) splits paragraphs."""
        inline = self.inline
        lines = self.lines
        lines.append(" ".join("".join(inline).split()))
        inline.clear()
        self.lines = []
        paragraph: list[str] = []
        for ln in lines:
            if ln:
                paragraph.append(ln)
            elif paragraph:
                self._emit_text("\n".join(paragraph))
                paragraph = []
        if paragraph:
            self._emit_text("\n".join(paragraph))

    def _emit_text(self, text: str) -> None:
        if self.lists:
            indent = "  " * (len(self.lists) - 1)
            if "\n" in text:
                text = text.replace("\n", "\n" + indent + "  ")
            if self.marker is not None:
                text = indent + self.marker + text
                self.marker = None
            else:
                text = indent + "  " + text
        self.emit(text)

    def text(self) -> str:
        self.flush()
        text = "".join(self.parts[1:])
        if _CONTROL_RE.search(text):  # stray C0 controls from broken pages: never text
            text = _CONTROL_RE.sub("", text)
        if any(ch in text for ch in _INVISIBLE_CHARS):
            # Zero-width characters are not whitespace to str.split(): removing them can
            # leave trailing spaces and empty blocks behind.
            text = _INVISIBLE_RE.sub("", text)
            text = _TRAILING_SPACE_RE.sub("", text)
            text = _BLANK_LINES_RE.sub("\n\n", text).strip("\n")
        return text

    # -- walking

    def walk(self, el: etree._Element) -> None:
        # The hot loop: every element of the document passes here once. Plain blocks and
        # inline elements are handled inline (no method call); the rest go to a handler.
        inline = self.inline
        append = inline.append
        handlers = _HANDLERS
        for child in el:
            handler = handlers.get(child.tag)
            if handler is None:  # inline element: a, span, em, strong, custom tags...
                text = child.text
                if text:
                    append(text)
                if len(child):
                    self.walk(child)
            elif handler is _BLOCK:
                if inline or self.lines:
                    self.flush()
                text = child.text
                if text:
                    append(text)
                if len(child):
                    self.walk(child)
                if inline or self.lines:
                    self.flush()
            else:
                handler(self, child)
            tail = child.tail
            if tail:
                append(tail)

    def block(self, el: etree._Element) -> None:
        self.flush()
        if el.text:
            self.inline.append(el.text)
        self.walk(el)
        self.flush()

    def br(self, el: etree._Element) -> None:
        if self.lists or self.group is not None:
            self.inline.append(" ")
            return
        inline = self.inline
        self.lines.append(" ".join("".join(inline).split()))
        inline.clear()

    def skip(self, el: etree._Element) -> None:
        """Images, and comments left by the BeautifulSoup fallback parser."""

    def heading(self, el: etree._Element) -> None:
        self.flush()
        text = flat_text(el)
        if text:
            if self.lists:
                self._emit_text(text)
            else:
                self.emit("#" * _HEADINGS[el.tag] + " " + text)

    def pre(self, el: etree._Element) -> None:
        self.flush()
        raw = "".join(el.itertext())
        lines = [ln.rstrip() for ln in raw.replace("\t", "    ").splitlines()]
        text = "\n".join(lines).strip("\n")
        if text:
            self._emit_text(text)

    def list(self, el: etree._Element) -> None:
        if self.inline or self.lines:
            self.flush()
        ordered = el.tag == "ol"
        start = 1
        if ordered:
            start = _int(el.get("start"), 1)
        outer = self.group
        if outer is None:
            self.groups += 1
            self.group = self.groups
        # <li><ul>...: a parent item with no text of its own gets no line of its own.
        self.marker = None
        self.lists.append([ordered, start, el.get("type") or ""])
        if el.text:
            self.inline.append(el.text)
        self.walk(el)
        if self.inline or self.lines:
            self.flush()
        self.lists.pop()
        self.marker = None
        self.group = outer

    def item(self, el: etree._Element) -> None:
        if self.inline or self.lines:
            self.flush()
        lists = self.lists
        if not lists:  # <li> outside any list: render as a bullet anyway
            lists.append([False, 1, ""])
            self.item(el)
            lists.pop()
            return
        state = lists[-1]
        if state[0]:
            number = _int(el.get("value"), state[1])
            state[1] = number + 1
            marker = _number(number, state[2]) + ". "
        else:
            marker = "- "
        text = el.text
        if not len(el):  # a leaf item (most are, once inline tags are merged): no walk
            if text:
                line = " ".join(text.split())
                if line:
                    self.emit("  " * (len(lists) - 1) + marker + line)
            return
        self.marker = marker
        if text:
            self.inline.append(text)
        self.walk(el)
        if self.inline or self.lines:
            self.flush()
        self.marker = None

    def table(self, el: etree._Element) -> None:
        self.flush()
        rows = _table_rows(el)
        if rows is None:  # a layout table: render its cells as ordinary blocks
            cells = (c for tr in _own_rows(el) for c in tr if c.tag in ("td", "th"))
            for cell in cells:
                if cell.text:
                    self.inline.append(cell.text)
                self.walk(cell)
                self.flush()
            return
        outer = self.group
        if outer is None:
            self.groups += 1
            self.group = self.groups
        for i, (header, cells) in enumerate(rows):
            self._emit_text("| " + " | ".join(cells) + " |")
            if i == 0 and header:
                self._emit_text("|" + " --- |" * len(cells))
        self.group = outer


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _number(n: int, kind: str) -> str:
    if kind in ("a", "A") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if kind == "A" else letter
    if kind in ("i", "I") and 1 <= n < 40:
        roman = _roman(n)
        return roman.upper() if kind == "I" else roman
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, digits in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


# Blocks inside a heading or a table cell become spaces, not line breaks.
_FLAT_BREAKS = _BLOCK_TAGS | {"br", "li", "ul", "ol", "tr", "td", "th", "table", "p", "hr"}


def flat_text(el: etree._Element) -> str:
    """Text of an element on one line: block boundaries become spaces, whitespace collapsed."""
    out: list[str] = []
    _flat(el, out)
    return " ".join("".join(out).split()).replace("\u00a0", " ")


def _flat(el: etree._Element, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag.__class__ is str:
            if tag in _FLAT_BREAKS or tag in _HEADINGS:
                out.append(" ")
                _flat(child, out)
                out.append(" ")
            else:
                _flat(child, out)
        if child.tail:
            out.append(child.tail)


_LAYOUT_MARKERS = frozenset(("table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol"))


def _table_rows(table: etree._Element) -> list[tuple[bool, list[str]]] | None:
    """(is_header, cell texts) per row, or None when the table only lays out the page."""
    rows: list[tuple[bool, list[str]]] = []
    widest = 0
    for tr in _own_rows(table):
        cells = [c for c in tr if c.tag in ("td", "th")]
        if not cells:
            continue
        for cell in cells:
            for sub in cell.iter():
                if sub is not cell and sub.tag in _LAYOUT_MARKERS:
                    return None
        texts = [flat_text(c).replace("|", "\\|") for c in cells]
        if not any(texts):
            continue
        widest = max(widest, len(cells))
        in_head = tr.getparent() is not None and tr.getparent().tag == "thead"
        rows.append((in_head or all(c.tag == "th" for c in cells), texts))
    if widest < 2:
        return None
    return rows


def _own_rows(table: etree._Element) -> Iterable[etree._Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if tr.tag == "tr")


_BLOCK = _Renderer.block
_SKIP = _Renderer.skip

_HANDLERS: dict[object, Callable[[_Renderer, etree._Element], None]] = {
    etree.Comment: _Renderer.skip,
    etree.ProcessingInstruction: _Renderer.skip,
    etree.Entity: _Renderer.skip,
    **dict.fromkeys(_BLOCK_TAGS, _Renderer.block),
    **dict.fromkeys(_HEADINGS, _Renderer.heading),
    "ul": _Renderer.list,
    "ol": _Renderer.list,
    "li": _Renderer.item,
    "table": _Renderer.table,
    "pre": _Renderer.pre,
    "br": _Renderer.br,
    "hr": _Renderer.block,
    "img": _Renderer.skip,
    "picture": _Renderer.skip,
    # loose table parts outside a <table>: treat as blocks
    "tr": _Renderer.block,
    "td": _Renderer.block,
    "th": _Renderer.block,
    "thead": _Renderer.block,
    "tbody": _Renderer.block,
    "tfoot": _Renderer.block,
    "caption": _Renderer.block,
}


# --------------------------------------------------------------------------- entry point

_NBSP_RE = re.compile("[\u00a0\u2007\u202f]")


def extract_html_text(
    body: bytes,
    *,
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
    content_type: str = "",
    url: str = "",
) -> str:
    """HTML bytes -> canonical text of the document cut out by `select` minus `remove`.

    `remove` is applied to the whole page first, then `select` picks the union of its matches
    in page order. Without `select` the whole body is taken minus navigation, header and footer.
    Raises ExtractError(reason="selector_miss") when `select` matches nothing in a page that
    parsed. The result is not judged here: parsers.quality decides whether it is a document.
    """
    if isinstance(select, str):  # a lone selector given as a string, not a sequence of them
        select = (select,)
    if isinstance(remove, str):
        remove = (remove,)
    root = parse_html(body, content_type)
    if root is None:  # an empty body: parsers.quality names it, not a selector miss
        return ""
    if remove:
        remove_elements(root, remove)
    if select:
        roots = select_elements(root, select)
        if not roots:
            raise _selector_miss(select, url)
    else:
        body_el = root.find("body")
        roots = [body_el if body_el is not None else root]

    renderer = _Renderer()
    for el in roots:
        _strip_noise(el, whole_page=not select)
        # Inline tags only wrap text: merging them away in C spares the Python walk a
        # third of the elements it would visit.
        etree.strip_tags(el, *_INLINE_TAGS)
    try:
        for el in roots:
            handler = _HANDLERS.get(el.tag)  # a selected <li> or <table> renders as one
            if handler is None or handler is _SKIP:
                handler = _BLOCK
            handler(renderer, el)
        text = renderer.text()
    except RecursionError:
        # Thousands of nested elements (unclosed tags on a broken page): the recursive walk
        # gives up; an iterative one keeps the paragraphs, headings and list items.
        text = render_flat(roots, _BLOCK_TAGS | _FLAT_BREAKS)
    if "\u00a0" in text or "\u2007" in text or "\u202f" in text:  # only <pre> keeps them
        text = _NBSP_RE.sub(" ", text)
    return text


_NEVER_VISIBLE = ("script", "style", "template", "svg", "math")


def page_text(body: bytes, content_type: str = "") -> PageText:
    """Every visible word of the page, including what extraction drops as noise (buttons,
    dialogs, banners, <noscript>, the title): the words that tell a wall from a document."""
    root = parse_html(body, content_type)
    if root is None:
        return PageText("")
    scripts = list(root.iter("script"))
    script_chars = sum(len(el.text or "") for el in scripts)
    etree.strip_elements(root, *_NEVER_VISIBLE, with_tail=False)
    text = " ".join(" ".join(root.itertext()).split())
    return PageText(text, len(scripts), script_chars)


def _selector_miss(select: Sequence[str], url: str) -> ExtractError:
    where = f" at {url}" if url else ""
    return ExtractError(
        f"selector {', '.join(map(repr, select))} matches nothing in the page{where}; "
        "the page layout may have changed: update `select` in the catalog",
        reason="selector_miss",
    )
