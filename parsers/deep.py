"""Pages nested deeper than libxml2 and Python recursion allow: parsed and rendered without limits.

libxml2 stops an HTML parse at 2,048 nesting levels (even with huge_tree) and drops the rest of
the page; the Markdown renderer in html.py recurses once per level and gives up near 1,000.
Broken pages with thousands of unclosed tags exist, and losing their text silently would
record an "empty" or truncated version. So: a tree builder over Python's tokenizer (no depth
limit, a plain stack) and an iterative renderer (lxml's iterwalk) that keeps paragraphs,
headings and list items. Both are slower than the normal path and only used when it fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

from lxml import etree

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# A start tag of these closes an open element of the same tag (<p>a<p>b, <li>a<li>b).
_SELF_CLOSING_SIBLINGS = frozenset(["p", "li", "dt", "dd", "tr", "td", "th", "option"])
_NAME_RE = re.compile(r"^[A-Za-z_][\w.-]*$")


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tree = etree.TreeBuilder()
        self.tree.start("html", {})
        self.open: list[str] = ["html"]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" or not _NAME_RE.match(tag):
            return
        if tag in _SELF_CLOSING_SIBLINGS and self.open[-1] == tag:
            self._close(tag)
        self.tree.start(tag, {k: v or "" for k, v in attrs if _NAME_RE.match(k)})
        self.open.append(tag)
        if tag in _VOID:
            self._close(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.open[-1] == tag:
            self._close(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag != "html" and tag in self.open:  # a stray end tag is ignored, as browsers do
            while self.open[-1] != tag:
                self._close(self.open[-1])
            self._close(tag)

    def handle_data(self, data: str) -> None:
        self.tree.data(data)

    def _close(self, tag: str) -> None:
        self.tree.end(tag)
        self.open.pop()

    def finish(self) -> etree._Element:
        self.close()
        while len(self.open) > 1:
            self._close(self.open[-1])
        self.tree.end("html")
        return self.tree.close()


def parse_deep(text: str) -> etree._Element:
    """An lxml tree of any depth from HTML text (no libxml2 parser involved)."""
    builder = _Builder()
    builder.feed(text)
    return builder.finish()


def is_truncated_by_depth(parser: etree.HTMLParser) -> bool:
    """True when libxml2 stopped the last parse at its nesting limit (the rest is lost)."""
    error = parser.error_log.last_error
    return error is not None and "depth" in error.message.lower()


_HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def render_flat(roots: Iterable[etree._Element], block_tags: frozenset[str]) -> str:
    """Text of the trees with a blank line at every block boundary; headings get their '#'
    marks and list items a '- '. Iterative: any depth."""
    blocks: list[str] = []
    inline: list[str] = []
    prefix = ""

    def flush() -> None:
        nonlocal prefix
        line = " ".join("".join(inline).split())
        inline.clear()
        if line:
            blocks.append(prefix + line)
        prefix = ""

    for root in roots:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag if isinstance(el.tag, str) else ""
            breaks = tag in block_tags or tag in _HEADING_LEVELS or tag == "li" or tag == "br"
            if event == "start":
                if breaks:
                    flush()
                if tag in _HEADING_LEVELS:
                    prefix = "#" * _HEADING_LEVELS[tag] + " "
                elif tag == "li":
                    prefix = "- "
                if el.text and tag:
                    inline.append(el.text)
            else:
                if breaks:
                    flush()
                if el.tail and el is not root:
                    inline.append(el.tail)
        flush()
    return "\n\n".join(blocks)
