"""Cut a readout into statements, keeping character offsets into the original text.

Readouts are short, formal texts: numbered points ("1.", "(1)", "2)"), bullets ("°", "-", "□ ㅇ"),
attribution lines ("The below is attributable to Spokesperson ...") and many abbreviations
(U.S., Gen., Jan., a.m., No. 2397). Lines are cut first, then sentences inside each line; a line
never shares a statement with the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .schema import Kind, SplitMode, Statement

# Words that end with a period without ending a sentence (lower-cased, no trailing period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj sgt adm capt cmdr gov sen rep rev amb hon st jr sr messrs
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol art para sec fig ch p pp vs approx est dept govt min
    inc co corp ltd bros
    """.split()
)

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_LETTER = re.compile(r"[^\W\d_]")
# candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
# what may begin a sentence after a boundary
_STARTER = re.compile(
    r"[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f\u00b0\u2022\u25a1\u3147\u25cb\u25b2\-\u2013*]"
)
# leading list markers: "1.", "1)", "(1)", "1 " before a capital, "a.", "II."
_LIST_MARKER = re.compile(
    r"^\s*(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\d{1,3}(?=\s+[A-Z])|\(?[a-zA-Z][.)]|[IVX]{1,4}\.)\s"
)

_NON_CONTENT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:the (?:below|following|above) (?:is|are) attributable to\b.*|as stated by\b.*:)\s*$",
        r"^(?:the following|below) is (?:a|the) (?:readout|statement)\b.*:\s*$",
        r"^(?:the )?(?:overview|outline|summary|gist) of the (?:\w+ )*?"
        r"(?:talks?|meeting|call|conversation|summit|teleconference)s? (?:is|are|was|were) as follows\.?\s*$",
        r"^.{0,80}(?:대변인|장관|외교부).{0,20}(?:발표문|발표|언급)\s*[:：]?\s*$",
        r"^.{0,60}다음과 같이 (?:발표|언급|밝혔)\S*\.?\s*$",
        r"^\s*[-–—]*\s*끝\s*[-–—]*\.?\s*$",
        r"^\s*(?:#{3,}|\*{3,}|-{3,})\s*$",
        r"^\s*\((?:end|yonhap|ap|afp|reuters)\)\s*$",
    )
]
_MINOR_WORDS = frozenset("a an the of and or for to in on at by with from vs".split())
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]。다]\s*$")


def detect_language(text: str) -> str:
    """'ko' when Hangul makes up at least a third of the letters, else 'en'."""
    letters = _LETTER.findall(text)
    if not letters:
        return "en"
    hangul = sum(1 for ch in letters if _HANGUL.match(ch))
    return "ko" if hangul / len(letters) >= 1 / 3 else "en"


def segment(
    text: str,
    side: str,
    *,
    split: SplitMode | str = SplitMode.SENTENCES,
    language: str | None = None,
) -> tuple[Statement, ...]:
    """Cut `text` into statements of `side` ('a' or 'b'); `split='lines'` takes one per line."""
    split = SplitMode.parse(split)
    language = language or detect_language(text)
    spans: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if split is SplitMode.LINES:
            spans.append((start, end))
        elif language == "ko":
            spans.extend(_korean_sentences(text, start, end))
        else:
            spans.extend(_sentences(text, start, end))
    statements = []
    for index, (start, end) in enumerate(spans):
        chunk = text[start:end]
        kind = (
            Kind.NON_CONTENT
            if is_non_content(chunk, whole_line=_is_whole_line(text, start, end))
            else Kind.CONTENT
        )
        statements.append(Statement(side, index, start, end, chunk, kind))
    return tuple(statements)


def is_non_content(statement: str, *, whole_line: bool = True) -> bool:
    """Attribution lines, 'the overview is as follows', end marks and bare headers."""
    s = statement.strip()
    if not _LETTER.search(s):
        return True
    if any(p.match(s) for p in _NON_CONTENT):
        return True
    # a bare header: a short whole line with no sentence-final punctuation, in title case
    # ("Readout of the Call") or, in Korean, a short line without a sentence ending
    if not whole_line or _TERMINAL.search(s) or s.endswith(","):
        return False
    words = s.split()
    if _HANGUL.search(s):
        return len(words) <= 8
    capitalised = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR_WORDS]
    return len(words) <= 12 and all(w[:1].isupper() for w in capitalised)


def _is_whole_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end), surrounding whitespace trimmed."""
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.span()
        chunk = m.group()
        stripped = chunk.strip()
        if not stripped:
            continue
        start += len(chunk) - len(chunk.lstrip())
        end -= len(chunk) - len(chunk.rstrip())
        yield start, end


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line of English-like text."""
    line = text[start:end]
    marker = _LIST_MARKER.match(line)
    skip_to = marker.end() if marker else 0
    cut = 0
    for m in _END.finditer(line):
        if m.start() < skip_to:
            continue
        nxt = line[m.end() :].lstrip()
        if not nxt or not _STARTER.match(nxt):
            continue
        if _is_abbreviation(line, m.start(), nxt):
            continue
        if _inside_quote(line[cut : m.end()]):
            continue
        yield from _trimmed(start + cut, start + m.end(), text)
        cut = m.end()
    yield from _trimmed(start + cut, end, text)


def _trimmed(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.strip():
        yield start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


def _is_abbreviation(line: str, dot: int, following: str) -> bool:
    """Is the period at `dot` part of an abbreviation rather than a sentence end?"""
    if line[dot] != ".":
        return False
    word = re.search(r"[\w.&'\u2019-]*$", line[:dot]).group()
    bare = re.split(r"[-\u2013]", word)[-1].rstrip(".").lower()  # "Japan-U.S." -> "u.s"
    if not bare:
        return False
    if bare == "no":  # "No. 2397" but "said no. The ..."
        return following[:1].isdigit()
    if bare in ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", bare):  # U.S, U.N, H.E, a.m, p.m, e.g, i.e
        # "a.m. The ..." can end a sentence; acronyms before a capital word rarely do in readouts
        return bare not in {"a.m", "p.m"} or not following[:1].isupper()
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():  # initials: "Antony J. Blinken"
        return True
    return False


def _inside_quote(chunk: str) -> bool:
    """Is the end of `chunk` inside an open quotation?"""
    opened = chunk.count("\u201c") - chunk.count("\u201d")
    if opened > 0:
        return True
    return chunk.count('"') % 2 == 1


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi  # lazy: loading the model takes about a second

    return Kiwi()


def _korean_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line of Korean text (kiwipiepy)."""
    line = text[start:end]
    for sent in _kiwi().split_into_sents(line):
        yield from _trimmed(start + sent.start, start + sent.end, text)
