"""Turn an uploaded or on-disk readout (txt, md, html, pdf, docx) into plain text.

The returned text is the document that downstream stages keep character offsets into, so plain
text files are changed only by dropping a byte-order mark and turning CRLF / CR into LF. HTML, PDF
and DOCX are rendered to text (one paragraph per line) and that rendering is the document.

Decoding never guesses silently: text that is not UTF-8 / UTF-16 / UTF-32 (with a BOM) or
recognisably Korean CP949 / EUC-KR is accepted only when the reading is unambiguous, and otherwise
raises `FileReadError` asking for UTF-8. Parsers (bs4, pypdf, docx, charset_normalizer) are
imported inside the functions that need them so `import compare.io` stays light.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import logging
import os
import re
import stat
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import CompareError, EmptyTextError, FileReadError, FileTooLargeError
from .schema import MAX_CHARS
from .segment import holds_text

logger = logging.getLogger(__name__)

#: Size limit for one readout file, in bytes (5 MB). Readouts are a few pages; this leaves room
#: for PDFs and DOCX files with embedded images while keeping memory use bounded.
MAX_BYTES = 5_000_000
# Limits that apply while a document is read, so a small file cannot make reading it costly.
#: Inflated size of a .docx's main XML part, checked in the zip directory before inflating.
MAX_DOCX_XML_BYTES = 20_000_000
#: Inflated / compressed size of a .docx part (parts over 1 MB inflated): XML packs 5-20 times.
MAX_ZIP_RATIO = 100
_MIN_RATIO_CHECKED = 1_000_000
#: Paragraphs of a .docx (table cells included), counted as they are read.
MAX_PARAGRAPHS = 50_000
#: Nesting depth of HTML elements: libxml2's parser stops there (and this module says so).
MAX_HTML_DEPTH = 256
#: Pages of a PDF.
MAX_PDF_PAGES = 500
#: Content-stream operators of a PDF (pypdf reads about 10,000 a second), counted before each
#: page is parsed and while its text is extracted.
MAX_PDF_OPERATORS = 50_000

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")

_HTML_SUFFIXES = frozenset({".html", ".htm"})
# the names each kind of content `_kind_of` finds is expected under
_SUFFIXES = {"pdf": {".pdf"}, "docx": {".docx"}, "html": _HTML_SUFFIXES}

# Checked longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Control characters that ordinary text files contain.
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
# More than this share of other control characters means the "text" is really binary data;
# so few that a short readout with a terminal escape or two is still text are tolerated anyway.
_MAX_CONTROL_SHARE = 0.01
_MIN_CONTROLS = 8

# The Windows code pages a readout in a Latin, Cyrillic or Greek script may come in (Thai 874
# has letters where these have symbols, and a Thai readout is not read here anyway).
_WINDOWS_PAGES = tuple(f"cp{page}" for page in range(1250, 1259))


def _same_in_every_page(byte: int) -> bool:
    readings = set()
    for page in _WINDOWS_PAGES:
        try:
            readings.add(bytes([byte]).decode(page))
        except UnicodeDecodeError:
            return False
    return len(readings) == 1


# Bytes that mean the same character in every one of those pages: punctuation (… ‘ ’ “ ” • – —
# NBSP « » ·) and symbols (° § © ® ± ™ ¶). A file whose only non-ASCII bytes are these reads the
# same whichever page wrote it, so decoding it as cp1252 cannot produce mojibake; accented
# letters can ("é" in cp1252 is "й" in cp1251).
_WINDOWS_COMMON_BYTES = frozenset(b for b in range(0x80, 0x100) if _same_in_every_page(b))

# Multi-byte encodings whose byte structure makes charset_normalizer's answer trustworthy.
# Single-byte code pages are left out on purpose: every byte string is "valid" in all of them and
# the detector picks between cp1250 / cp1252 / cp775 by small margins (é vs č, ï vs ď).
# Korean encodings are left out because the CP949 step above is the authority for them.
_DETECTABLE_ENCODINGS = frozenset(
    {
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "big5hkscs",
        "cp950",
        "cp932",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
    }
)
_MAX_CHAOS = 0.1  # charset_normalizer "mess" ratio above which a match is not confident
_MIN_PRINTABLE_SHARE = 0.95
# UTF-16 without a BOM: NULs at one parity outnumber those at the other this many times
# (U+3000, U+0100 and the like put a few on the other side).
_UTF16_NUL_SKEW = 10
# the bytes of printable ASCII, tab and line breaks: the other half of an ASCII unit in UTF-16
_ASCII_TEXT = frozenset({0x09, 0x0A, 0x0D, *range(0x20, 0x7F)})
_SURROGATE = re.compile("[\ud800-\udfff]")

# WHATWG maps these HTML charset labels to supersets; strict decoding needs the superset.
_HTML_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
    "euc-kr": "cp949",
    "ks_c_5601-1987": "cp949",
    "windows-949": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "windows-31j": "cp932",
}

# HTML elements that are page furniture or not rendered as text.
_HTML_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "nav",
        "svg",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "button",
        "textarea",
    }
)
# Site header / footer are dropped, but an <article>'s own <header> holds its title.
_HTML_CHROME = frozenset({"header", "footer"})
_HTML_CONTENT = frozenset({"article", "main"})
_CHARSET_PRESCAN = 1_024
_DOCTYPE_SUBSET = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?<!DOCTYPE[^\[>]*\[[^\]]*\]\s*>", re.IGNORECASE
)
_HTML_BLOCKS = frozenset(
    """
    address article aside blockquote body caption center dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu ol
    p pre section summary table tbody td tfoot th thead tr ul
    """.split()
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none", re.IGNORECASE)
# HTML collapses runs of ASCII whitespace only; NBSP is content and is kept.
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def read_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Read a readout file from disk and return its plain text (see `read_bytes`)."""
    # A name that is not valid UTF-8 (bytes, or str with escaped bytes) is shown with U+FFFD.
    shown = replace_surrogates(os.fsdecode(path))
    try:
        info = os.stat(path)
    except ValueError:  # a NUL in the name, or a str name holding surrogates
        raise FileReadError(f"{shown}: not a usable file name") from None
    except (FileNotFoundError, NotADirectoryError):
        raise FileReadError(f"{shown}: no such file") from None
    except PermissionError:
        raise FileReadError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise FileReadError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileReadError(f"{shown} is a directory; give the path of a readout file")
    # Check the size before reading so a huge file is never loaded.
    if info.st_size > max_bytes:
        raise FileTooLargeError(_too_large_message(shown, info.st_size, max_bytes))
    try:
        with open(path, "rb") as handle:
            # Bounded read: pipes and devices report size 0 and may never end.
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise FileReadError(f"{shown} is a directory; give the path of a readout file") from None
    except PermissionError:
        raise FileReadError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise FileReadError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    # The path as given (not just its base name) keeps messages unambiguous for same-named files.
    return read_bytes(data, shown, max_bytes=max_bytes)


def read_stream(stream: BinaryIO, name: str = "stdin", *, max_bytes: int = MAX_BYTES) -> str:
    """Read a readout from a binary stream (standard input, a pipe) and return its plain text.

    At most `max_bytes` + 1 bytes are read, so an endless stream fails fast with the size
    error; the bytes are then read as `read_bytes` reads a file without a known suffix (by
    content: PDF, DOCX, HTML or text). A text stream's underlying binary buffer is used.
    """
    source = getattr(stream, "buffer", stream)
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= max_bytes:
            chunk = source.read(max_bytes + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise FileReadError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if size > max_bytes:
        raise FileTooLargeError(f"{name} is larger than {_format_size(max_bytes)}, the limit")
    return read_bytes(b"".join(chunks), name, max_bytes=max_bytes)


# Latin typographic ligatures (U+FB00-FB06: "ﬀ", "ﬁ", "ﬂ", ...), which PDF text extraction
# gives for the letters a font sets as one glyph: "Aﬀairs" is "Affairs" to a reader, and must be
# to the publisher's name and the word matching too
_LIGATURES = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}


def read_bytes(data: bytes, filename: str, *, max_bytes: int = MAX_BYTES) -> str:
    """Turn a file's bytes into plain text, choosing the parser by the file name's suffix.

    The text holds no lone surrogates (PDF fonts can map glyphs to them): each becomes U+FFFD,
    so every later stage can encode it as UTF-8; and no Latin ligature ("ﬁ" is read "fi").
    """
    name = replace_surrogates(filename or "<input>")
    data = bytes(data)
    if len(data) > max_bytes:
        raise FileTooLargeError(_too_large_message(name, len(data), max_bytes))
    if not data:
        raise EmptyTextError(f"{name} is empty")

    suffix = Path(filename).suffix.lower()
    kind = _kind_of(data)  # what the bytes are wins over what the name says
    if kind and suffix not in _SUFFIXES[kind]:
        logger.info("%s: the name says %s, the content is %s", name, suffix or "nothing", kind)
    if kind == "pdf" or not kind and suffix == ".pdf":
        text = _pdf_text(data, name)
    elif kind == "docx" or not kind and suffix == ".docx":
        text = _docx_text(data, name)
    elif kind == "html" or suffix in _HTML_SUFFIXES:
        text = _html_text(data, name)
    elif suffix in (".txt", ".md"):
        text = decode_text(data, name)
    else:
        text = _sniffed_text(data, name)

    if len(text) > MAX_CHARS:
        raise FileTooLargeError(
            f"{name} holds {len(text):,} characters of text; the limit is {MAX_CHARS:,}"
        )
    if not holds_text(text):  # blank, or only punctuation and zero-width characters
        raise EmptyTextError(f"{name} holds no text")
    return replace_surrogates(text.translate(_LIGATURES))


def decode_text(data: bytes, name: str) -> str:
    """Decode a plain-text file's bytes; only the BOM is dropped and CRLF / CR become LF."""
    return _normalise_newlines(_decode(bytes(data), name or "<input>"))


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate (not encodable as UTF-8) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _kind_of(data: bytes) -> str | None:
    """What a file's bytes are, when they say so at their start: 'pdf' ("%PDF-"), 'docx' (a
    ZIP archive), 'html' (a doctype or <html> first, in ASCII-compatible bytes); else None. A
    PDF saved as "readout.txt" is read as the PDF it is, not refused as binary."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:15].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _sniffed_text(data: bytes, name: str) -> str:
    """Read a file whose suffix says nothing (stdin, ".text", none) by its content."""
    if data.startswith(b"%PDF-"):
        logger.debug("%s: no known suffix, content is a PDF", name)
        return _pdf_text(data, name)
    if data.startswith(b"PK\x03\x04"):
        logger.debug("%s: no known suffix, content is a ZIP archive; trying DOCX", name)
        return _docx_text(data, name)
    text = decode_text(data, name)
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        logger.debug("%s: no known suffix, content is HTML", name)
        return _html_from_str(text, name)
    return text


def _decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode bytes to str without normalising; `declared` is an HTML / XML charset label."""
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise FileReadError(
                    f"{name} starts with a {label} byte-order mark but is not valid {label}; "
                    "save it as UTF-8"
                ) from None
            return _reject_binary(text, name)

    # Text without a BOM has no NUL bytes, except UTF-16 (ASCII characters are half NUL).
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise FileReadError(_binary_message(name))
        logger.debug("%s: decoded as UTF-16 without a byte-order mark", name)
        return _reject_binary(text, name)

    try:
        return _reject_binary(data.decode("utf-8"), name)
    except UnicodeDecodeError as err:
        unread = err.start  # the first byte UTF-8 cannot read, for the message if all fail

    if declared:
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            logger.debug("%s: declared charset %s does not fit the bytes", name, declared)
        else:
            logger.debug("%s: decoded with declared charset %s", name, declared)
            return _reject_binary(text, name)

    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_korean(text):
            logger.debug("%s: decoded as CP949 / EUC-KR", name)
            return _reject_binary(text, name)

    high = {b for b in data if b >= 0x80}
    if high <= _WINDOWS_COMMON_BYTES:
        logger.debug("%s: decoded as cp1252 (only code-page-neutral punctuation)", name)
        return _reject_binary(data.decode("cp1252"), name)

    detected = _detect_multibyte(data, name)
    if detected is not None:
        return _reject_binary(detected, name)

    raise FileReadError(
        f"{name}: cannot decode the text (not UTF-8, UTF-16 or CP949/EUC-KR)"
        f"{_unread_byte(data, unread)}; save it as UTF-8"
    )


def _unread_byte(data: bytes, at: int) -> str:
    """Where the first byte UTF-8 cannot read is, and what the usual code page makes of it: a
    Windows file is often one accented letter away from plain ASCII."""
    byte = data[at]
    line = data.count(b"\n", 0, at) + 1
    western = bytes([byte]).decode("cp1252", errors="replace")
    shown = western.isprintable() and western != "\ufffd"
    reading = f"'{western}' in Windows-1252 but " if shown else ""
    return f": line {line:,} has byte 0x{byte:02X}, {reading}another character in other code pages"


def _utf16_without_bom(data: bytes) -> str | None:
    """Decode UTF-16 without a BOM when the NUL bytes say which byte order it is, else None.

    In UTF-16-LE the ASCII characters of a text put their NUL byte at odd offsets, in BE at even
    ones; binary data has NULs at both. Only a NUL beside a printable ASCII byte counts: Hangul
    such as 가 (U+AC00), 관 and 대 put a NUL on the other side, and common ones are one Korean
    character in twenty. The reading must be valid and almost all printable.
    """
    if len(data) % 2:
        return None
    high, low = data[0::2], data[1::2]  # of each unit in BE; LE swaps them
    even = sum(1 for h, lo in zip(high, low, strict=True) if h == 0 and lo in _ASCII_TEXT)
    odd = sum(1 for h, lo in zip(high, low, strict=True) if lo == 0 and h in _ASCII_TEXT)
    if odd > _UTF16_NUL_SKEW * even:
        codec = "utf-16-le"
    elif even > _UTF16_NUL_SKEW * odd:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in _TEXT_CONTROLS)
    return text if printable >= _MIN_PRINTABLE_SHARE * len(text) else None


def _looks_korean(text: str) -> bool:
    """True if text decoded as CP949 reads as Korean rather than as mojibake of another encoding."""
    hangul = ksx = other_letters = 0
    for char, count in Counter(text).items():
        if char < "\x80":
            continue
        if _is_hangul(char):
            hangul += count
            encoded = char.encode("cp949", errors="ignore")
            # Real Korean text uses the 2,350 KS X 1001 syllables (both bytes >= 0xA1) almost
            # exclusively; cp1252 quotes before ASCII letters (’s) and Chinese GBK decode into the
            # rarely used UHC extension or into a mix of hanja, so both checks are needed.
            if len(encoded) == 2 and encoded[0] >= 0xA1 and encoded[1] >= 0xA1:
                ksx += count
        elif unicodedata.category(char).startswith("L"):
            other_letters += count
    return hangul > 0 and hangul >= 0.8 * (hangul + other_letters) and ksx >= 0.5 * hangul


def _is_hangul(char: str) -> bool:
    """Hangul syllables and jamo (conjoining and compatibility)."""
    code = ord(char)
    return 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F


def _detect_multibyte(data: bytes, name: str) -> str | None:
    """Ask charset_normalizer; accept only a confident, unambiguous multi-byte (CJK) answer."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    encodings = {best.encoding, *best.could_be_from_charset}
    if not encodings & _DETECTABLE_ENCODINGS or best.chaos > _MAX_CHAOS:
        logger.debug("%s: charset_normalizer guess %s not trusted", name, best.encoding)
        return None
    for other in results:
        if other.fingerprint != best.fingerprint and other.chaos - best.chaos < _MAX_CHAOS:
            logger.debug("%s: %s and %s both fit; refusing to guess", name, best, other.encoding)
            return None
    text = str(best)
    printable = sum(1 for c in text if c.isprintable() or c in _TEXT_CONTROLS)
    if printable < _MIN_PRINTABLE_SHARE * len(text):
        return None
    logger.info("%s: detected encoding %s", name, best.encoding)
    return text


def _reject_binary(text: str, name: str) -> str:
    """Raise if decoded text has NULs or many control characters, i.e. is binary data."""
    controls = sum(1 for c in text if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    if "\x00" in text or controls > max(_MIN_CONTROLS, _MAX_CONTROL_SHARE * len(text)):
        raise FileReadError(_binary_message(name))
    return text


def _binary_message(name: str) -> str:
    """Whatever the file is called: a .txt name on a binary file is the usual case."""
    return (
        f"{name} looks like a binary file, not text: save the readout as plain text, or give "
        f"the original file if it is one of {', '.join(SUPPORTED_SUFFIXES)} (its content is "
        "read, not its name)"
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_large_message(name: str, size: int, limit: int) -> str:
    shown_size, shown_limit = _format_size(size), _format_size(limit)
    if shown_size == shown_limit:  # e.g. 5,000,001 bytes would read "5.0 MB; the limit is 5.0 MB"
        shown_size, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"{name} is {shown_size}; the limit is {shown_limit}"


def _over_limit(name: str, limit: int, what: str, limit_name: str) -> str:
    return f"{name} holds more than {limit:,} {what}, the limit ({limit_name})"


def _format_size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} KB"
    return f"{size:,} bytes"


# --- HTML -------------------------------------------------------------------------------------


def _html_text(data: bytes, name: str) -> str:
    """Decode an HTML file (BOM, UTF-8, then its declared charset) and render it as lines."""
    from bs4.dammit import EncodingDetector

    # Browsers look for <meta charset> in the first 1,024 bytes; bs4's own search window (5 %
    # of the file) runs a backtracking regex that took a minute on 5 MB of "<meta ".
    head = data[:_CHARSET_PRESCAN]
    declared = EncodingDetector.find_declared_encoding(
        head, is_html=True, search_entire_document=True
    )
    text = _decode(data, name, declared=_html_codec(declared))
    return _html_from_str(_normalise_newlines(text), name)


def _html_codec(label: str | None) -> str | None:
    """Python codec for an HTML charset label, or None if unknown or not usable without a BOM."""
    if not label:
        return None
    label = label.strip().lower()
    label = _HTML_CHARSET_ALIASES.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    # A UTF-16/32 label on a page without a BOM is a known authoring error; browsers ignore it.
    if codec.startswith(("utf-16", "utf-32")):
        return None
    return codec


def _html_from_str(markup: str, name: str) -> str:
    """Render HTML to text: furniture dropped, each block element on its own line.

    The page is parsed by lxml's HTML parser (libxml2) and its tree walked directly. Python's
    html.parser rescans the rest of the page at every unclosed construct (minutes on 60 KB of
    "<a "), and building a BeautifulSoup tree cost 48 s on 5 MB of empty tags.
    """
    from lxml import etree

    # libxml2's HTML parser knows no DTD internal subset and would show its "]>" as text.
    doctype = _DOCTYPE_SUBSET.match(markup)
    if doctype:
        markup = markup[doctype.end() :]
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True
    )
    try:
        root = etree.fromstring(markup.encode("utf-8"), parser)
    except (etree.LxmlError, ValueError) as exc:
        logger.debug("%s: the HTML parser rejects it: %r", name, exc)
        raise FileReadError(
            f"{name} is not readable HTML; save the page's text as .txt instead"
        ) from exc
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        # libxml2 stops at its nesting limit and would drop the rest of the page silently
        raise FileTooLargeError(
            _over_limit(name, MAX_HTML_DEPTH, "levels of nested elements", "MAX_HTML_DEPTH")
        )
    if root is None:  # nothing but whitespace, comments or a doctype
        return ""
    focus = _html_focus(root)
    text = _html_render(root, focus)
    if focus and not text:  # an empty <main> (a page its scripts fill): the whole page
        text = _html_render(root, None)
    return text


def _html_focus(root: Any) -> str | None:
    """The element that holds a page's own text: "main" when the page has a <main> (or an
    element with role="main"), else "article" when it has an <article>, else None (the whole
    page). What lies outside it ("Skip to content", banners, related links) is not the
    readout."""
    if next(root.iter("main"), None) is not None or root.xpath("boolean(//*[@role='main'])"):
        return "main"
    if next(root.iter("article"), None) is not None:
        return "article"
    return None


def _html_render(root: Any, focus: str | None) -> str:
    """The text of the page, one block element per line; with `focus`, only what lies inside
    such an element."""
    parts: list[str] = []
    # inside <pre>; inside <article> or <main>; inside the focus element
    pre_depth = content_depth = focus_depth = 0
    # Iterative walk (deeply nested pages would overflow the recursion limit). An element's
    # text comes first, then its children, then ("end", focused, tag) undoes what opening it
    # did, then its tail, which belongs to the parent.
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if focus is None or focus_depth:
                parts.append(node if pre_depth else _HTML_SPACE.sub(" ", node))
            continue
        if isinstance(node, tuple):
            _, focused, closed = node
            pre_depth -= closed == "pre"
            content_depth -= closed in _HTML_CONTENT
            focus_depth -= focused
            if closed in _HTML_BLOCKS:
                parts.append("\n")
            continue
        if node.tail:
            stack.append(node.tail)
        tag = node.tag if isinstance(node.tag, str) else ""  # "" for comments and entities
        if not tag or _html_skipped(node, tag, in_content=content_depth > 0):
            continue
        if tag == "br":
            parts.append("\n")
            continue
        if tag in _HTML_BLOCKS:
            parts.append("\n")
        focused = focus is not None and (
            tag == focus or focus == "main" and node.get("role") == "main"
        )
        pre_depth += tag == "pre"
        content_depth += tag in _HTML_CONTENT
        focus_depth += focused
        stack.append(("end", focused, tag))
        stack.extend(reversed(node))
        if node.text:
            stack.append(node.text)
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _html_skipped(element: Any, tag: str, *, in_content: bool) -> bool:
    """True for elements that are not part of the readout's visible text."""
    if tag in _HTML_DROP:
        return True
    if tag in _HTML_CHROME and not in_content:
        return True
    if element.get("hidden") is not None:
        return True
    return bool(_DISPLAY_NONE.search(element.get("style") or ""))


# --- PDF --------------------------------------------------------------------------------------


def _pdf_text(data: bytes, name: str) -> str:
    """Extract the text of each page with pypdf; pages are joined by a line break.

    Limits apply while reading: the pages (`MAX_PDF_PAGES`) before any is parsed, the
    content-stream operators (`MAX_PDF_OPERATORS`) before each page is parsed and while it
    runs, and the characters extracted so far (`MAX_CHARS`). pypdf's warnings go to this
    module's debug log, never to the terminal.
    """
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, WrongPasswordError

    unreadable = f"{name} is not a readable PDF (damaged or not a PDF); export it again"
    with _pypdf_logs_to_debug():
        try:
            # pypdf opens PDFs encrypted with an empty user password by itself.
            reader = PdfReader(io.BytesIO(data))
            count = len(reader.pages)
        except (FileNotDecryptedError, WrongPasswordError):
            raise FileReadError(_pdf_password_message(name)) from None
        except Exception as exc:  # pypdf raises many exception types on malformed input
            logger.debug("%s: pypdf cannot open it: %r", name, exc)
            raise FileReadError(unreadable) from exc
        if count > MAX_PDF_PAGES:
            raise FileTooLargeError(
                f"{name} has {count:,} pages; the limit is {MAX_PDF_PAGES:,} (MAX_PDF_PAGES)"
            )
        budget = _PdfBudget(name)
        texts: list[str] = []
        for number in range(1, count + 1):
            try:
                page = reader.pages[number - 1]
                budget.check_streams(page)
                page_text = page.extract_text(
                    visitor_operand_before=budget.operator, visitor_text=budget.text
                )
            except (FileNotDecryptedError, WrongPasswordError):
                raise FileReadError(_pdf_password_message(name)) from None
            except _PdfLimitReached:
                raise FileTooLargeError(budget.over) from None
            except Exception as exc:
                logger.debug("%s: pypdf cannot extract page %d: %r", name, number, exc)
                # Skipping the page would silently compare an incomplete readout.
                raise FileReadError(
                    f"{name}: page {number} cannot be read; export the PDF again or save it as .txt"
                ) from exc
            if budget.over:  # reached inside a form XObject, whose errors pypdf only logs
                raise FileTooLargeError(budget.over)
            texts.append(_normalise_newlines(page_text or "").strip("\n"))

    text = unwrap_lines("\n".join(t for t in texts if t.strip()))
    if not text.strip():
        raise FileReadError(
            f"{name} has no extractable text (scanned image?); "
            "paste its text into a .txt file instead"
        )
    return text


# Literal and hex strings are dropped before operators are counted: their words are text.
_PDF_STRINGS = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f\s]*>")
# An operator: a token of letters (or ' " *) after a space or a delimiter; names follow a "/".
_PDF_OPERATOR = re.compile(rb"(?<![^\s\[\]()<>{}])[A-Za-z'\"][A-Za-z0-9*'\"]*")
_PDF_MAX_FORM_DEPTH = 8


class _PdfLimitReached(Exception):
    """Raised from pypdf's visitors to stop extraction once a limit is reached."""


class _PdfBudget:
    """Counts a PDF's operators and extracted characters against the limits as pages are read."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parsed = 0  # operators in the content streams about to be parsed
        self.run = 0  # operators executed (a form XObject counts each time it is drawn)
        self.chars = 0
        self.seen: set[int] = set()
        self.over = ""  # the error message once a limit is passed

    def check_streams(self, page: Any) -> None:
        """Count the operators of a page's content and its form XObjects before pypdf parses them."""
        contents = page.get_contents()
        if contents is not None:
            self._count(contents.get_data())
        self._count_forms(page.get("/Resources"), 0)
        if self.over:
            raise _PdfLimitReached

    def _count_forms(self, resources: Any, depth: int) -> None:
        resources = resources.get_object() if resources is not None else None
        xobjects = resources.get("/XObject") if hasattr(resources, "get") else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not hasattr(xobjects, "values") or depth > _PDF_MAX_FORM_DEPTH:
            return
        for ref in xobjects.values():
            form = ref.get_object()
            if id(form) in self.seen or form.get("/Subtype") != "/Form":
                continue
            self.seen.add(id(form))
            self._count(form.get_data())
            self._count_forms(form.get("/Resources"), depth + 1)

    def _count(self, stream: bytes) -> None:
        left = MAX_PDF_OPERATORS - self.parsed
        bare = _PDF_STRINGS.sub(b"()", stream)
        self.parsed += sum(1 for _ in itertools.islice(_PDF_OPERATOR.finditer(bare), left + 1))
        if self.parsed > MAX_PDF_OPERATORS:
            self._stop(MAX_PDF_OPERATORS, "content-stream operators", "MAX_PDF_OPERATORS")

    def operator(self, *_: Any) -> None:
        self.run += 1
        if self.run > MAX_PDF_OPERATORS:
            self._stop(MAX_PDF_OPERATORS, "content-stream operators", "MAX_PDF_OPERATORS")
        if self.over:
            raise _PdfLimitReached

    def text(self, text: str, *_: Any) -> None:
        self.chars += len(text)
        if self.chars > MAX_CHARS:
            self._stop(MAX_CHARS, "characters of text", "MAX_CHARS")
            raise _PdfLimitReached

    def _stop(self, limit: int, what: str, limit_name: str) -> None:
        self.over = self.over or _over_limit(self.name, limit, what, limit_name)


class _PypdfToDebug(logging.Handler):
    """While this thread reads a PDF, pypdf's records become debug lines of this module.

    Other records (another thread, or pypdf used outside this module) go on to the root
    logger's handlers, as they would without this handler.
    """

    active = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(self.active, "depth", 0):
            logger.debug("%s: %s", record.name, record.getMessage())
        else:
            logging.getLogger().handle(record)


_PYPDF_LOG_LOCK = threading.Lock()


@contextlib.contextmanager
def _pypdf_logs_to_debug() -> Iterator[None]:
    pypdf_logger = logging.getLogger("pypdf")
    with _PYPDF_LOG_LOCK:
        if not any(isinstance(h, _PypdfToDebug) for h in pypdf_logger.handlers):
            pypdf_logger.addHandler(_PypdfToDebug())
            pypdf_logger.propagate = False
    _PypdfToDebug.active.depth = getattr(_PypdfToDebug.active, "depth", 0) + 1
    try:
        yield
    finally:
        _PypdfToDebug.active.depth -= 1


def unwrap_lines(text: str) -> str:
    """Join the visual lines of a PDF back into paragraphs where a line break falls inside a
    sentence (`segment.line_wrapped`), so that the text reads as it was written."""
    from .segment import line_wrapped

    lines = text.split("\n")
    out = [lines[0]]
    # each break is judged by the two lines around it
    for previous, line in itertools.pairwise(lines):
        if line_wrapped(previous, line):
            out[-1] = out[-1].rstrip() + " " + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _pdf_password_message(name: str) -> str:
    return f"{name} is password-protected; save a copy without a password"


# --- DOCX -------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAIN_DOCUMENT_TYPE = "/officeDocument"
# A paragraph's text is in its runs; these hold runs (links, tracked insertions, content
# controls, fields) and are read through. Anything else in a paragraph (properties, deleted
# text, drawings with their text boxes, which Word also writes twice) is not running text.
_DOCX_RUN_HOLDERS = frozenset(
    _W + tag for tag in "hyperlink ins moveTo smartTag customXml fldSimple sdt sdtContent".split()
)
# Paragraphs of the body, of table cells and of block content controls; not those of text boxes.
_DOCX_BLOCK_PARENTS = frozenset({_W + "body", _W + "tc", _W + "sdtContent"})
_DOCX_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_text(data: bytes, name: str) -> str:
    """Paragraph texts of a .docx in document order, including paragraphs inside tables.

    The main document part is parsed as a stream and each paragraph is dropped once read, so
    memory stays small, and every limit applies while reading: the part's inflated size and
    compression ratio before inflating (`MAX_DOCX_XML_BYTES`, `MAX_ZIP_RATIO`), the paragraphs
    (`MAX_PARAGRAPHS`) and characters (`MAX_CHARS`) read so far. Entities are never expanded;
    an entity reference left in the text is kept as written ("&name;").
    """
    import zipfile
    import zlib

    from lxml import etree

    unreadable = (
        f"{name} is not a readable .docx file (damaged, or an old .doc renamed); "
        "save it again as .docx"
    )
    lines: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = _docx_main_part(archive, name)
            with archive.open(info) as stream:
                _docx_collect(stream, lines, name)
    except CompareError:
        raise
    except (zipfile.BadZipFile, KeyError, etree.LxmlError, zlib.error, EOFError, OSError) as exc:
        logger.debug("%s: cannot read it as .docx: %r", name, exc)
        raise FileReadError(unreadable) from exc
    except (ValueError, NotImplementedError, RuntimeError) as exc:  # e.g. an encrypted entry
        logger.debug("%s: cannot read it as .docx: %r", name, exc)
        raise FileReadError(unreadable) from exc
    return _normalise_newlines("\n".join(lines))


def _docx_main_part(archive: Any, name: str) -> Any:
    """The ZipInfo of the main document part, checked against the size and ratio limits."""
    from lxml import etree

    target = "word/document.xml"
    try:
        rels = archive.getinfo("_rels/.rels")
    except KeyError:
        rels = None
    if rels is not None:
        _check_zip_entry(rels, name)
        root = etree.fromstring(archive.read(rels), _xml_parser())
        for rel in root:
            if str(rel.get("Type", "")).endswith(_MAIN_DOCUMENT_TYPE) and rel.get("Target"):
                target = str(rel.get("Target")).lstrip("/")
                break
    info = archive.getinfo(target)  # KeyError: no document part, not a .docx
    _check_zip_entry(info, name)
    return info


def _check_zip_entry(info: Any, name: str) -> None:
    """Refuse a zip entry whose declared inflated size or compression ratio is over the limit.

    zipfile never inflates an entry past the size its directory declares (and then fails the
    CRC check), so checking the declared size bounds what reading it can cost.
    """
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise FileTooLargeError(
            f"{name}: its part {info.filename} inflates to {_format_size(info.file_size)}; "
            f"the limit is {_format_size(MAX_DOCX_XML_BYTES)} (MAX_DOCX_XML_BYTES)"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _MIN_RATIO_CHECKED and ratio > MAX_ZIP_RATIO:
        raise FileTooLargeError(
            f"{name}: its part {info.filename} inflates {ratio:,.0f} times; "
            f"the limit is {MAX_ZIP_RATIO} times (MAX_ZIP_RATIO)"
        )


def _xml_parser() -> Any:
    """An lxml parser that never expands entities, loads a DTD or touches the network."""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, remove_comments=True
    )


def _docx_collect(stream: Any, lines: list[str], name: str) -> None:
    """Append the text of each block paragraph of a WordprocessingML stream to `lines`."""
    from lxml import etree

    paragraphs = chars = 0
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=(_W + "p", _W + "tr", _W + "tbl"),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
    )
    for _, element in events:
        parent = element.getparent()
        if element.tag == _W + "p":
            paragraphs += 1
            if paragraphs > MAX_PARAGRAPHS:
                raise FileTooLargeError(
                    _over_limit(name, MAX_PARAGRAPHS, "paragraphs", "MAX_PARAGRAPHS")
                )
            if parent is None or parent.tag not in _DOCX_BLOCK_PARENTS:
                continue  # a text box paragraph: read with nothing, dropped with its drawing
            text = _docx_paragraph_text(element)
            lines.append(text)
            chars += len(text) + 1
            if chars > MAX_CHARS:
                raise FileTooLargeError(
                    _over_limit(name, MAX_CHARS, "characters of text", "MAX_CHARS")
                )
        # Drop what has been read: the element and the siblings before it.
        element.clear(keep_tail=False)
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _docx_paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: runs' text, tabs and line breaks."""
    parts: list[str] = []
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        if node.tag == _W + "r":
            for item in node:
                if item.tag == _W + "t":
                    parts.append("".join(item.itertext()))  # with any entity kept as written
                elif item.tag == _W + "br":
                    parts.append("" if item.get(_W + "type") in ("page", "column") else "\n")
                else:
                    parts.append(_DOCX_RUN_TEXT.get(item.tag, ""))
        elif node.tag in _DOCX_RUN_HOLDERS:
            stack.extend(reversed(node))
    return "".join(parts)
