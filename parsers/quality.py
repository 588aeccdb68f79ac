"""Is a snapshot a document, or something else in disguise? The one place that decides.

A fetch can succeed (HTTP 200) and still bring back a sign-in form, a bot check, a cookie
wall, a "page not found" or maintenance page, an empty JavaScript shell, an image, binary
junk or text that did not decode. Recording that as a version would raise a false alert that
the whole document changed, so each is refused with its own reason and a message that says
what was seen and what to do. Two stages:

- `check_body(body, content_type)`: before parsing: empty, binary, content_type, decode.
- `check_text(text)`: the extracted text: a wall (consent_wall, bot_check, soft_404,
  maintenance, login_wall, app_shell), decode, or empty. `diagnose_page` re-reads a refused
  page whole (banners and buttons included) so "empty" or "selector_miss" names the wall.

Anomaly detection (detection/compare.py) takes its vanish ratio and error-page phrases from
here too, so a capture is judged by one set of thresholds.
"""

from __future__ import annotations

import re

from clausewatch.errors import ExtractError
from clausewatch.records import PageText

MIN_CHARS = 200  # visible (non-space) characters
MIN_WORDS = 30
WALL_MAX_WORDS = 500  # a real legal document is longer; a wall page never is
WALL_MIN_DENSITY = 0.08  # share of the words that belong to wall phrases
STRONG_MAX_WORDS = 150  # a telltale phrase alone condemns only a page this short
CONSENT_MAX_WORDS = 120  # consent buttons alone condemn only a page this short
VANISHED_RATIO = 0.3  # a capture keeping less than this share of the words lost the document
REPLACEMENT_MAX_SHARE = 0.2  # share of U+FFFD among visible characters: it did not decode
CONTROL_MAX_SHARE = 0.03  # share of C0 control bytes: not text at all

# (reason, phrases that count toward the wall density, telltale phrases). Order breaks ties.
_KINDS: list[tuple[str, list[str], list[str]]] = [
    (
        "bot_check",
        [
            r"captcha",
            r"verify (?:that )?you are (?:a )?human",
            r"are you a robot",
            r"not a robot",
            r"checking (?:if the site connection is secure|your browser)",
            r"just a moment",
            r"attention required",
            r"ray id",
            r"ddos protection",
            r"unusual traffic",
            r"security check",
            r"access (?:is )?denied",
            r"permission denied",
            r"forbidden",
            r"request (?:was )?blocked",
            r"you have been blocked",
        ],
        [
            r"captcha",
            r"verify (?:that )?you are (?:a )?human",
            r"are you a robot",
            r"access (?:is )?denied",
            r"checking your browser",
            r"just a moment",
            r"you have been blocked",
            r"unusual traffic",
        ],
    ),
    (
        "app_shell",
        [
            r"enable javascript",
            r"javascript (?:is )?(?:disabled|required)",
            r"turn on javascript",
            r"requires javascript",
            r"enable cookies",
            r"cookies (?:are )?(?:disabled|required)",
        ],
        [r"enable javascript", r"requires javascript", r"javascript is (?:disabled|required)"],
    ),
    (
        "soft_404",
        [
            r"page not found",
            r"not found",
            r"404",
            r"this page (?:isn'?t|is not|isn’t) available",
            r"(?:this|the) page (?:does not|doesn'?t) exist",
            r"page you(?: are|'re|’re) looking for",
            r"page you requested",
            r"can(?:'|’)?t find (?:the|that|this) page",
            r"could not be found",
            r"no longer (?:exists|available)",
        ],
        [
            r"page not found",
            r"404 not found",
            r"error 404",
            r"page you(?: are|'re|’re) looking for",
            r"this page (?:does not|doesn'?t) exist",
        ],
    ),
    (
        "maintenance",
        [
            r"maintenance",
            r"temporarily unavailable",
            r"service unavailable",
            r"we(?:'|’)ll be back",
            r"be back (?:soon|shortly)",
            r"try again later",
        ],
        [r"down for maintenance", r"under maintenance", r"scheduled maintenance"],
    ),
    (
        "consent_wall",
        [
            r"we use cookies",
            r"cookies and similar technologies",
            r"accept (?:all )?cookies",
            r"accept all",
            r"reject all",
            r"decline all",
            r"cookie (?:settings|preferences)",
            r"manage (?:consent|preferences|cookies)",
            r"privacy (?:settings|preferences)",
            r"your privacy choices",
            r"we value your privacy",
            r"store and/or access information on a device",
        ],
        [],  # buttons: see _CONSENT_BUTTONS
    ),
    (
        "login_wall",
        [
            r"sign(?:ing)? ?in",
            r"log(?:ging)? ?in",
            r"sign ?up",
            r"create (?:an|your) account",
            r"forgot (?:your )?password",
            r"password",
            r"email address",
            r"continue with (?:google|apple|microsoft|email)",
            r"don'?t have an account",
            r"not authori[sz]ed",
            r"unauthori[sz]ed",
            r"session (?:has )?expired",
        ],
        [r"(?:sign|log) ?in to (?:continue|view)"],
    ),
]


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE) if phrases else None


_WALLS = [(kind, _alternation(p), _alternation(s)) for kind, p, s in _KINDS]
_CONSENT_BUTTONS = re.compile(
    r"\b(accept all|accept cookies|reject all|decline all|manage (?:preferences|cookies|consent)"
    r"|cookie (?:settings|preferences))\b",
    re.IGNORECASE,
)

_ADVICE = {
    "bot_check": "the server answered with a bot check or block page; slow the crawl down, "
    "try `browser = true`, or ask the provider for access",
    "app_shell": "the page is rendered by JavaScript; set `browser = true` in the catalog",
    "soft_404": "the server says the page does not exist (with HTTP 200): the document may "
    "have moved; find its new URL and update the catalog",
    "maintenance": "the site is down for maintenance; the next run tries again",
    "consent_wall": "only a cookie-consent dialog came back; find a URL or selector that "
    "reaches the text, or set `browser = true`",
    "login_wall": "the page asks to sign in; it may need other selectors or the browser "
    "option, or cannot be fetched without an account",
}
_LABEL = {
    "bot_check": "a bot-check or block page",
    "app_shell": "a JavaScript app shell",
    "soft_404": "a 'page not found' page",
    "maintenance": "a maintenance page",
    "consent_wall": "a cookie-consent wall",
    "login_wall": "a sign-in page",
}
WALL_REASONS: frozenset[str] = frozenset(_LABEL)
# Reasons that mean "the page came back but holds no document" (catalog check: selectors ran).
TEXT_REASONS: frozenset[str] = WALL_REASONS | {"empty"}

# Words of an error page standing in for (part of) a document. Plain lower-case substrings:
# compare.detect_anomaly runs them over whole documents, where a regex would cost too much.
ERROR_PAGE_PHRASES = (
    "this page isn't available",
    "this page isn’t available",
    "this page is not available",
    "page not found",
    "something went wrong",
    "an error occurred while",
    "an error has occurred while",
    "checking your browser before",
    "enable javascript and cookies",
)

# A CJK ideograph or kana counts as a word: those scripts don't separate words with spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_WORD_RE = re.compile(f"[{_CJK}]|[^\\W_{_CJK}]+")


def count_words(text: str, limit: int | None = None) -> int:
    """Words in `text` (each CJK character counts as one).

    With `limit`, a count >= limit may be returned as soon as it is known: the checks only
    care about short texts, and a regex over a long text costs as much as parsing the page.
    """
    if limit is not None and len(text.split(None, limit)) > limit:
        return limit  # enough space-separated tokens: a C-level split that stops early
    return len(_WORD_RE.findall(text))


def error_page_phrase(text: str) -> str | None:
    """The first error-page phrase found in `text` (any case), or None."""
    low = text.lower()
    return next((s for s in ERROR_PAGE_PHRASES if s in low), None)


# --------------------------------------------------------------------------- walls


def find_wall(
    text: str, *, shrunk: bool = False, strong_max_words: int = STRONG_MAX_WORDS
) -> tuple[str, list[str]] | None:
    """(reason, phrases seen) when `text` reads as a wall page rather than a document.

    Only short texts are judged (a legal document that mentions "log in" is long). A wall is
    a text dense in wall phrases, a short one with a telltale phrase, a very short one with
    two consent buttons, or -- when the text shrank to a fraction of the last version -- any
    wall phrase at all.
    """
    words = count_words(text, WALL_MAX_WORDS)
    if not words or words >= WALL_MAX_WORDS:
        return None
    found: list[tuple[str, list[str], bool]] = []
    for kind, phrases, strong in _WALLS:
        hits = phrases.findall(text) if phrases else []
        if hits:
            telltale = strong is not None and bool(strong.search(text))
            found.append((kind, hits, telltale))
    buttons = {b.lower() for b in _CONSENT_BUTTONS.findall(text)}
    if not found:
        return None
    total = sum(len(h.split()) for _, hits, _ in found for h in hits)
    seen = [h.lower() for _, hits, _ in found for h in hits]
    if words < CONSENT_MAX_WORDS and len(buttons) >= 2:
        return "consent_wall", list(dict.fromkeys(seen))
    strong = [kind for kind, _, telltale in found if telltale]
    if words < strong_max_words and strong:
        return strong[0], list(dict.fromkeys(seen))
    if total / words >= WALL_MIN_DENSITY or (shrunk and words < MIN_WORDS * 5):
        heaviest = max(found, key=lambda f: sum(len(h.split()) for h in f[1]))
        return heaviest[0], list(dict.fromkeys(seen))
    return None


def _wall_error(kind: str, seen: list[str], words: int, where: str) -> ExtractError:
    return ExtractError(
        f"the page{where} is {_LABEL[kind]}, not the document ({words} words; saw: "
        f"{', '.join(seen[:8])}); {_ADVICE[kind]}",
        reason=kind,
    )


def _replacement_share(text: str) -> float:
    visible = len(text) - sum(text.count(c) for c in " \n\t")
    return text.count("\ufffd") / visible if visible else 0.0


def check_text(text: str, *, url: str = "", previous_length: int | None = None) -> None:
    """Raise ExtractError (a wall reason, "decode" or "empty") when `text` is not a document.

    `previous_length` (length of the last recorded version) makes the wall check stricter for a
    text that shrank to a fraction of it: then any wall phrase is enough.
    """
    where = f" at {url}" if url else ""
    shrunk = previous_length is not None and len(text) < VANISHED_RATIO * previous_length
    wall = find_wall(text, shrunk=shrunk)
    if wall:
        raise _wall_error(*wall, count_words(text, WALL_MAX_WORDS), where)
    share = _replacement_share(text)
    if share > REPLACEMENT_MAX_SHARE:
        raise ExtractError(
            f"the text{where} is {share:.0%} replacement characters (U+FFFD): the page did not "
            "decode in the charset it declares; check its Content-Type / <meta charset>",
            reason="decode",
        )
    words = count_words(text, MIN_WORDS)
    visible = len(text) - text.count(" ") - text.count("\n")
    if visible < MIN_CHARS or words < MIN_WORDS:
        words = count_words(text)
        raise ExtractError(
            f"no usable text{where} ({visible} characters, {words} words): check that "
            "`select` still matches the document, or whether the page needs a browser",
            reason="empty",
        )


def diagnose_page(page: PageText, *, url: str = "") -> ExtractError | None:
    """Why a page whose extracted text was refused is not a document, read from the whole page.

    The extraction drops buttons, dialogs, banners and <noscript>: exactly where consent walls
    and "enable JavaScript" notices live. None when the page shows nothing more specific.
    """
    where = f" at {url}" if url else ""
    # The whole page carries a <noscript> notice or a banner beside any real text: a telltale
    # phrase condemns it only when there is hardly anything else.
    wall = find_wall(page.text, strong_max_words=MIN_WORDS * 2)
    if wall:
        return _wall_error(*wall, count_words(page.text, WALL_MAX_WORDS), where)
    words = count_words(page.text, MIN_WORDS)
    if words < MIN_WORDS and page.scripts:
        return ExtractError(
            f"the page{where} is {_LABEL['app_shell']}: {words} words of text and "
            f"{page.scripts} scripts ({page.script_chars} characters inline); "
            f"{_ADVICE['app_shell']}",
            reason="app_shell",
        )
    if not words:
        return ExtractError(
            f"the page{where} holds no text at all; open it in a browser: if it shows the "
            "document, it may need `browser = true`",
            reason="empty",
        )
    return None


def is_vanished(old_text: str, new_text: str) -> bool:
    """True when most of the document disappeared (a capture glitch more often than a change)."""
    return count_words(new_text) < VANISHED_RATIO * count_words(old_text)


# --------------------------------------------------------------------------- bodies

# Leading bytes of formats that are never a legal page (PDF is handled by parsers/pdf.py).
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"PK\x03\x04", "ZIP archive (or an Office file)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00asm", "WebAssembly module"),
]
_PDF_MAGIC = b"%PDF-"
_TEXT_MIMES = frozenset(
    [
        "application/xhtml+xml",
        "application/xml",
        "application/pdf",
        "application/x-pdf",
        "application/octet-stream",  # servers label PDFs and pages this way: sniffed instead
        "binary/octet-stream",
    ]
)
_NOT_DOCUMENT_TEXT = frozenset(["text/css", "text/javascript", "text/csv"])
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])


def _sniff(body: bytes) -> str | None:
    head = body[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "MP4 media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "RIFF media (WebP, WAV or AVI)"
    return None


def check_body(body: bytes, content_type: str = "", *, url: str = "") -> None:
    """Raise ExtractError ("empty", "content_type", "binary", "decode") for a body that cannot
    hold a document, whatever its HTTP status said."""
    from clausewatch.parsers.html import detect_encoding  # parsers/html parses; no cycle

    where = f" at {url}" if url else ""
    served = content_type or "no Content-Type"
    if not body.strip():
        raise ExtractError(
            f"the server sent an empty body{where} ({len(body)} bytes"
            f"{', only whitespace' if body else ''}, {served}): there is nothing to extract; "
            "open the URL in a browser: if it shows the document, it may need `browser = true`",
            reason="empty",
        )
    if body[:1024].find(_PDF_MAGIC) >= 0:
        return
    kind = _sniff(body)
    mime = content_type.split(";", 1)[0].strip().lower()
    if kind is None and mime:
        major = mime.split("/", 1)[0]
        media = major in ("image", "audio", "video", "font", "model")
        other_app = major == "application" and mime not in _TEXT_MIMES
        if media or mime in _NOT_DOCUMENT_TEXT or (other_app and not mime.endswith("+xml")):
            kind = mime
    if kind is not None:
        raise ExtractError(
            f"the body{where} is {kind}, not an HTML page or PDF (served as {served}, "
            f"starts with {body[:8]!r}); check the URL in the catalog",
            reason="content_type",
        )
    encoding, _ = detect_encoding(body, content_type)
    sample = body[:65536]
    if not (encoding or "").lower().replace("_", "-").startswith(("utf-16", "utf-32")):
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if controls > CONTROL_MAX_SHARE * len(sample):
            nuls = sample.count(0)
            raise ExtractError(
                f"the body{where} is binary, not text ({controls} control bytes, {nuls} NUL, "
                f"in the first {len(sample)}; served as {served}); check the URL, or whether "
                "the server sends a compressed or corrupt body",
                reason="binary",
            )
    if (encoding or "").lower().replace("_", "-") in ("utf-8", "utf8"):  # declared, not guessed
        share = _replacement_share(sample.decode("utf-8", "replace"))
        if share > REPLACEMENT_MAX_SHARE:
            raise ExtractError(
                f"the body{where} is declared UTF-8 but {share:.0%} of it does not decode "
                f"(U+FFFD soup; served as {served}); the server mislabels its charset or sends "
                "corrupt bytes",
                reason="decode",
            )
