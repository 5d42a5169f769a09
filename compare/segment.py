"""Cut a readout into statements, keeping character offsets into the original text.

Readouts are short, formal texts: numbered points ("1.", "(1)", "2)"), bullets ("°", "-", "□ ㅇ"),
attribution lines ("The below is attributable to Spokesperson ...") and many abbreviations
(U.S., Gen., Jan., a.m., No. 2397). Lines are cut first, then sentences inside each line; a line
never shares a statement with the next one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .errors import FileTooLargeError
from .lexicon import HANGUL, LIST_NUMBER, has_hangul
from .schema import Kind, SplitMode, Statement
from .text import STOPWORDS

# Words that end with a period without ending a sentence (lower-cased, no trailing period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof gen lt col maj sgt adm capt cmdr gov sen rep rev amb hon st jr sr messrs
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    no nos vol art para sec fig ch p pp vs approx est dept govt min
    inc co corp ltd bros
    """.split()
)

_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace or
# (web copies that lost the space: "talking.The ministry") a capital letter. The lookbehind and
# possessive quantifiers make a long run of dots one attempt, not one per dot.
_END = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s|[\u201c\u2018(\[]?[A-Z])")
_SPACE = re.compile(r"\s*")
# a sentence glued to the previous one starts with a capitalised word ("The"), a word in
# capitals ("KCNA", "I"), never with a dotted name ("U.S.", "Co.Kr")
_GLUED_START = re.compile(r"[\u201c\u2018(\[]?(?:[A-Z][a-z]+|[A-Z]+)(?!\w|\.[^\W\d_])")
# what may end the sentence before a glued one: "talking.", "2021.", "agreed.\u201d"
_GLUED_BEFORE = frozenset("\"'\u201d\u2019)]")
_URL_MARKS = ("/", "@", "www.", "://")
_DOTTED = re.compile(r"\.[^\W\d_]")
_DOMAIN_ENDINGS = frozenset("com org net gov edu int mil kr jp cn uk us ru de fr in au".split())
_WORD_PUNCT = frozenset("_.&'\u2019-")
# abbreviations, acronyms and initials are short: the word before a full stop is read this far
_LONGEST_WORD = 100
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")
# longest piece of one line given to kiwipiepy at once (see _korean_sentences)
_KOREAN_WINDOW = 4_000
#: Longest Korean text split into sentences, in characters. kiwipiepy reads 10-35 us per
#: character of Korean prose but up to 130 us on runs of one repeated syllable; this keeps the
#: worst case near 30 s. Real readouts are a few thousand characters.
MAX_KOREAN_CHARS = 200_000
# what may begin a sentence after a boundary
_STARTER = re.compile(
    r"[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u024f\u00b0\u2022\u25a1\u3147\u25cb\u25b2\-\u2013*]"
)
# leading list markers: a list number ("1.", "(1)", "1 The"), "a.", "II."
_LIST_MARKER = re.compile(rf"^\s*(?:{LIST_NUMBER}|\(?[a-zA-Z][.)]|[IVX]{{1,4}}\.)\s")

# "끝" (the end): the mark a Korean press release closes with ("끝.", "-끝-")
_KOREAN_END = "끝"
_NON_CONTENT = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:the (?:below|following|above) (?:is|are) attributable to\b.*|as stated by\b.*:)\s*$",
        r"^(?:the following|below) is (?:a|the) (?:readout|statement)\b.*:\s*$",
        r"^(?:the )?(?:overview|outline|summary|gist)(?: of the (?:\w+ )*?"
        r"(?:talks?|meeting|call|conversation|summit|teleconference)s?)? (?:is|are|was|were) "
        r"as follows\.?\s*$",
        r"^.{0,80}(?:대변인|장관|외교부).{0,20}(?:발표문|발표|언급)\s*[:：]?\s*$",
        r"^.{0,60}다음과 같이 (?:발표|언급|밝혔)\S*\.?\s*$",
        rf"^\s*[-–—]*\s*{_KOREAN_END}\s*[-–—]*\.?\s*$",
        r"^\s*(?:#{3,}|\*{3,}|-{3,})\s*$",
        # a line that is a web address, as a browser prints it above or below a page ("… 1/2")
        r"^\s*(?:https?://|www\.)\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?\s*$",
        r"^\s*\((?:end|yonhap|ap|afp|reuters)\)\s*$",
    )
]
# a reporter's turn in a press-conference transcript ("Reporter: …", "Q: …", "기자: …"): the
# question put to the government, not its account; every sentence of that line
_PRESS_TURN = re.compile(
    r"\s*(?:reporter|journalist|question|q|기자|질문|문)\s*[:：]\s*\S", re.IGNORECASE
)
# a title-case line without a full stop is a header up to this many words (press-office titles
# run long); a line ending in ":" is a page's label up to _LABEL_WORDS
_HEADER_WORDS = 24
_LABEL_WORDS = 3
_MINOR_WORDS = frozenset("a an the of and or for to in on at by with from vs".split())
_TERMINAL = re.compile(r"[.!?:;\"'\u201d\u2019)\]。다]\s*$")


def detect_language(text: str) -> str:
    """'ko' when Hangul makes up at least a third of the letters, else 'en'."""
    letters = _LETTER.findall(text)
    if not letters:
        return "en"
    hangul = sum(1 for ch in letters if HANGUL.match(ch))
    return "ko" if hangul / len(letters) >= 1 / 3 else "en"


# Kana (Japanese) and CJK ideographs (Chinese, or Japanese without kana)
_KANA = re.compile(r"[\u3040-\u30ff]")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
# English prose is a quarter or more function words ("the", "of", "with"; 0.28 to 0.45 over the
# dev, sample and Korean material's English sides); French, Spanish or German prose has under
# 0.05 of them. A text this short is not judged.
_MIN_ENGLISH_SHARE = 0.10
_MIN_WORDS_JUDGED = 20


def unsupported_language(text: str, language: str | None = None) -> str | None:
    """What `text` reads as when it is neither English nor Korean ('Japanese', 'Chinese', 'a
    language other than English: 2 of 96 words are common English words'), else None. The
    segmenter, the word evidence and the labels read English and Korean only. `language`: what
    `detect_language` already said of `text`."""
    if (language or detect_language(text)) == "ko":
        return None
    letters = _LETTER.findall(text)
    kana = sum(1 for ch in letters if _KANA.match(ch))
    ideographs = sum(1 for ch in letters if _IDEOGRAPH.match(ch))
    if letters and (kana + ideographs) / len(letters) >= 1 / 3:
        return "Japanese" if kana else "Chinese"
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    common = sum(w in STOPWORDS for w in words)
    if len(words) >= _MIN_WORDS_JUDGED and common / len(words) < _MIN_ENGLISH_SHARE:
        return (
            f"a language other than English: {common} of {len(words)} words are common "
            "English words"
        )
    return None


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
    if language == "ko" and split is SplitMode.SENTENCES and len(text) > MAX_KOREAN_CHARS:
        raise FileTooLargeError(
            f"side {side.upper()} is Korean text of {len(text):,} characters; Korean sentence "
            f"splitting is limited to {MAX_KOREAN_CHARS:,} characters (MAX_KOREAN_CHARS); "
            "give it in smaller parts, or one statement per line (split: lines)"
        )
    # (start, end, whether it is the whole line, whether its line is a reporter's turn)
    spans: list[tuple[int, int, bool, bool]] = []
    lines = _lines(text)
    if split is SplitMode.SENTENCES:
        lines = _unwrapped(text, lines, korean=language == "ko")
    for line in lines:
        if split is SplitMode.LINES:
            pieces: Iterable[tuple[int, int]] = [line]
        elif language == "ko":
            pieces = _korean_sentences(text, *line)
        else:
            pieces = _sentences(text, *line)
        press = _PRESS_TURN.match(text, *line) is not None
        pieces = _join_fragments(text, pieces)
        spans.extend((start, end, (start, end) == line, press) for start, end in pieces)
    statements = []
    for index, (start, end, whole_line, press) in enumerate(spans):
        chunk = text[start:end]
        non_content = press or is_non_content(chunk, whole_line=whole_line)
        kind = Kind.NON_CONTENT if non_content else Kind.CONTENT
        statements.append(Statement(side, index, start, end, chunk, kind))
    return tuple(statements)


def _join_fragments(text: str, pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """A piece of a line that is one Hangul syllable and punctuation after a sentence
    ("…고 했다.다.") is a slip of the text, not a statement: it joins the sentence before it;
    "끝." (the end) does not, and is set aside as the end mark it is.
    (A one-letter piece in Latin script may be a list mark: "a.", "I.")"""
    joined: list[tuple[int, int]] = []
    for start, end in pieces:
        letters = _LETTER.findall(text, start, end)
        if joined and len(letters) == 1 and HANGUL.match(letters[0]) and letters[0] != _KOREAN_END:
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def holds_text(text: str) -> bool:
    """Does `text` hold a letter or a digit? Spaces, punctuation and zero-width characters alone
    make no statement, so such a readout "holds no text"."""
    return _LETTER_OR_DIGIT.search(text) is not None


def is_non_content(statement: str, *, whole_line: bool = True) -> bool:
    """Attribution lines, 'the overview is as follows', end marks and bare headers."""
    s = statement.strip()
    if not _LETTER.search(s):
        return True
    if any(p.match(s) for p in _NON_CONTENT):
        return True
    if not whole_line:
        return False
    words = s.split()
    # a page's label line: "Share:", "Tags:", "Media Contact:"
    if s.endswith(":") and len(words) <= _LABEL_WORDS and not has_hangul(s):
        return True
    # a bare header: a whole line with no sentence-final punctuation, in title case ("Readout
    # of the Call", "President Xi Jinping Speaks with Japanese Prime Minister Fumio Kishida on
    # the Phone") or, in Korean, a short line without a sentence ending
    if _TERMINAL.search(s) or s.endswith(","):
        return False
    if has_hangul(s):
        return len(words) <= 8
    capitalised = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR_WORDS]
    return len(words) <= _HEADER_WORDS and all(w[:1].isupper() for w in capitalised)


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


# a line that opens a list item or a bullet: never the rest of the line before it
_ITEM_START = re.compile(
    rf"^\s*(?:[-\u2013\u2022\u00b0*\u25a1\u3147\u25cb]|o\s|(?:{LIST_NUMBER})\s)"  # "o ": a bullet
)
_FULL_STOP = re.compile(r"[.!?\u3002]\s*$")
# a line this long with no sentence end is body text running on, not a heading
_MIN_WRAPPED = 40
# text is wrapped when 1 in this many of its line breaks that end no sentence is a certain wrap
_WRAPPED_SHARE = 3


def line_wrapped(previous: str, following: str, *, wrapped_text: bool = True) -> bool:
    """Does the line break between these two lines fall inside a sentence: a hard wrap, as a
    PDF, an e-mail or a terminal wraps text? `wrapped_text`: the text is known to be wrapped (a
    PDF's lines are visual lines), so a long line running on to a capital is a wrap too."""
    return _joins(_wrap(previous, following), wrapped_text)


_CERTAIN, _LONG = "certain", "long"


def _joins(kind: str | None, wrapped_text: bool) -> bool:
    """Does a break that reads as `kind` (`_wrap`) join its lines, in text wrapped or not?"""
    return kind == _CERTAIN or (kind == _LONG and wrapped_text)


def _wrap(previous: str, following: str) -> str | None:
    """How the break between two lines reads. Not a wrap when the next line opens a list item
    or the first ends a sentence (a period after "Mr." or an initial ends none, nor one after
    "U.S." before a lower-case word). Certainly a wrap when the next line opens in lower case
    (no English sentence does), or the first ends in a word no sentence ends in ("… the defense
    of" / "Japan …") or in a title or an initial ("… Mr." / "Shinzo Abe …"). A wrap in wrapped
    text when the first is long and no heading (body text running on to a capital)."""
    previous, following = previous.strip(), following.strip()
    if not previous or not following or _ITEM_START.match(following):
        return None
    last = previous.rsplit(None, 1)[-1]
    if last.endswith(".") and _title_or_initial(last[:-1]):  # "… Mr." / "Shinzo Abe …"
        return _CERTAIN
    if following[0].islower():  # after "(PRC)", a quote or "U.S." too, not after a full stop
        dot = len(previous) - 1
        if not _FULL_STOP.search(previous) or _is_abbreviation(previous, dot, following[0]):
            return _CERTAIN
        return None
    if _TERMINAL.search(previous):
        return None
    if last.lower() in STOPWORDS:
        return _CERTAIN
    # a heading is short, or in title case with no sentence ending inside it
    heading = is_non_content(previous, whole_line=True) and not _END.search(previous)
    return _LONG if len(previous) >= _MIN_WRAPPED and not heading else None


def _title_or_initial(word: str) -> bool:
    """A word whose period never ends a sentence at a line's end: a title or a month ("Mr",
    "Gen", "Jan"), or an initial ("J"). An acronym ("U.S.") often ends one, and is not."""
    bare = word.rsplit("-", 1)[-1]
    if bare.lower() in ABBREVIATIONS and bare.lower() != "no":
        return True
    return len(bare) == 1 and bare.isupper()


def _unwrapped(
    text: str, lines: Iterable[tuple[int, int]], *, korean: bool = False
) -> Iterator[tuple[int, int]]:
    """Lines with a hard wrap inside a sentence (`line_wrapped`) joined into one span, which
    keeps the line break inside it, so offsets still point into `text`. A long line runs on to
    a capital only in text that shows it is wrapped: a third or more of its line breaks that
    end no sentence are certain wraps. A list whose items have no full stop shows none, and
    keeps its lines. Korean has no case to show it, and ends its sentences in 다 or a full
    stop: a long Korean line that ends neither runs on, as in a PDF."""
    lines = list(lines)
    if not lines:
        return
    breaks = [  # the single line breaks, each with how it reads
        _wrap(text[p[0] : p[1]], text[n[0] : n[1]]) if text.count("\n", p[1], n[0]) == 1 else None
        for p, n in itertools.pairwise(lines)
    ]
    certain = breaks.count(_CERTAIN)
    wrapped_text = korean or (
        certain > 0 and certain * _WRAPPED_SHARE >= certain + breaks.count(_LONG)
    )
    current = lines[0]
    for line, kind in zip(lines[1:], breaks, strict=True):
        if _joins(kind, wrapped_text):
            current = (current[0], line[1])
        else:
            yield current
            current = line
    yield current


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line of English-like text.

    One pass over the line: each candidate end looks only at the word before it and the
    character after it, and quote balance is counted incrementally, so time is linear in the
    line's length (a rescan of the line so far at every full stop made long lines quadratic).
    """
    line = text[start:end]
    marker = _LIST_MARKER.match(line)
    skip_to = marker.end() if marker else 0
    cut = 0
    quotes = _QuoteBalance()
    for m in _END.finditer(line, skip_to):
        following = _SPACE.match(line, m.end()).end()
        if following == len(line):
            continue
        if following == m.end():  # no space: a sentence glued to this one, or "U.S.The"
            if not _glued_end(line, cut, m.start(), following):
                continue
        elif not _STARTER.match(line, following):
            continue
        if _is_abbreviation(line, m.start(), line[following]):
            continue
        if quotes.open_after(line, m.end()):
            continue
        yield from _trimmed(start + cut, start + m.end(), text)
        cut = m.end()
        quotes = _QuoteBalance(cut)
    yield from _trimmed(start + cut, end, text)


def _trimmed(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    if chunk.strip():
        yield start + len(chunk) - len(chunk.lstrip()), end - (len(chunk) - len(chunk.rstrip()))


def _glued_end(line: str, cut: int, dot: int, following: int) -> bool:
    """Does the punctuation at `dot`, directly followed by a capital, end a sentence?

    Only after a word, a number or a closing quote, before a capitalised word or one in
    capitals (after a capital only a capitalised word: "CNN.Sources" but "ROK.US" stays whole),
    never inside a dotted name, a domain, a URL or an e-mail address, and once the sentence so
    far holds a letter ("2.The" after a list number stays whole).
    """
    before = line[dot - 1] if dot else ""
    start = _GLUED_START.match(line, following)
    if start is None or not (before.isalnum() or before in _GLUED_BEFORE):
        return False
    word = start.group().lstrip("\u201c\u2018([")
    if before.isupper() and not word[1:].islower():
        return False
    if not _LETTER.search(line, cut, dot) or word.lower() in _DOMAIN_ENDINGS:  # "WhiteHouse.Gov"
        return False
    # the characters around the stop up to the nearest spaces, read no further than a long word
    left = line[max(0, dot - _LONGEST_WORD) : dot].rsplit(None, 1)[-1]
    right = line[dot : following + _LONGEST_WORD].split(None, 1)[0]
    # a URL, an address, or a dotted name: "Yonhap.Co.Kr", "U.S.The", "J.R.R.Tolkien"
    return not (any(mark in left + right for mark in _URL_MARKS) or _DOTTED.search(left))


def _word_before(line: str, dot: int) -> str:
    """The run of word characters, periods, '&', apostrophes and hyphens that ends at `dot`.

    Read back at most `_LONGEST_WORD` characters, so a long run of dotted words costs no more
    than a short one at each of its full stops; a longer word is no abbreviation and reads "".
    """
    begin = dot
    stop = dot - _LONGEST_WORD
    while begin > 0 and (line[begin - 1].isalnum() or line[begin - 1] in _WORD_PUNCT):
        begin -= 1
        if begin < stop:
            return ""
    return line[begin:dot]


def _is_abbreviation(line: str, dot: int, following: str) -> bool:
    """Is the period at `dot` part of an abbreviation rather than a sentence end?

    `following` is the first character after the candidate end and the whitespace after it.
    """
    if line[dot] != ".":
        return False
    word = _word_before(line, dot)
    bare = re.split(r"[-\u2013]", word)[-1].rstrip(".").lower()  # "Japan-U.S." -> "u.s"
    if not bare:
        return False
    if bare == "no":  # "No. 2397" but "said no. The ..."
        return following.isdigit()
    if bare in ABBREVIATIONS:
        return True
    if _ACRONYM.fullmatch(bare):  # U.S, U.N, H.E, a.m, p.m, e.g, i.e
        # "a.m. The ..." can end a sentence; acronyms before a capital word rarely do in readouts
        return bare not in {"a.m", "p.m"} or not following.isupper()
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():  # initials: "Antony J. Blinken"
        return True
    return False


class _QuoteBalance:
    """Counts quotation marks from a sentence's start, extending the count as the scan moves on."""

    def __init__(self, start: int = 0) -> None:
        self.counted_to = start
        self.curly = 0  # opening minus closing curly double quotes
        self.straight = 0

    def open_after(self, line: str, pos: int) -> bool:
        """Is `line[pos]` inside an open quotation begun since the sentence's start?"""
        self.curly += line.count("\u201c", self.counted_to, pos)
        self.curly -= line.count("\u201d", self.counted_to, pos)
        self.straight += line.count('"', self.counted_to, pos)
        self.counted_to = pos
        return self.curly > 0 or self.straight % 2 == 1


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi  # lazy: loading the model takes about a second

    return Kiwi()


def _korean_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line of Korean text (kiwipiepy).

    kiwipiepy slows down more than linearly on long inputs (22 us per character at 66,000
    characters, 10 us up to 4,000), so a long line goes to it in windows of about
    `_KOREAN_WINDOW` characters. A window's last sentence may run on past the window, so the
    next window starts at it, unless that would advance by less than half a window; then the
    window is kept whole and a sentence longer than half a window is cut at a space.
    """
    pos = start
    while pos < end:
        if end - pos <= _KOREAN_WINDOW:
            window_end = end
        else:
            space = text.rfind(" ", pos + _KOREAN_WINDOW // 2, pos + _KOREAN_WINDOW)
            window_end = space if space > pos else pos + _KOREAN_WINDOW
        sentences = _kiwi().split_into_sents(text[pos:window_end])
        resume = window_end
        if window_end < end and len(sentences) > 1:
            last_start = pos + sentences[-1].start
            if last_start - pos >= _KOREAN_WINDOW // 2:
                sentences, resume = sentences[:-1], last_start
        yield from _covering(text, pos, resume, [(pos + s.start, pos + s.end) for s in sentences])
        pos = resume


def _covering(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> Iterator[tuple[int, int]]:
    """`spans` trimmed, plus any text between them that the splitter left out, up to `end`."""
    covered = start
    for span_start, span_end in spans:
        if span_start > covered:
            yield from _trimmed(covered, span_start, text)
        yield from _trimmed(max(span_start, covered), span_end, text)
        covered = max(covered, span_end)
    yield from _trimmed(covered, end, text)
