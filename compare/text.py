"""Word-level text normalisation shared by the align and label stages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from .lexicon import NORMAL_FORMS

# Phrases one government always uses and the other never does: not a difference of substance.
HOUSE_STYLE = frozenset(
    """
    linchpin ironclad unwavering steadfast watertight water-tight free open indo-pacific
    honorable excellency h.e. mr ms secretary minister foreign state affairs telephone phone call
    talk talks conversation spoke held today also two ministers leaders sides both side each other
    """.split()
)

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as into onto about over under than then
    that this these those there here it its it's they them their he she his her him we our us i my
    you your is are was were be been being has have had do does did will would shall should can
    could may might must not no nor so such very more most other another any all some each every
    which who whom whose what when where why how also just only own same too again further once
    while during before after above below between through up down out off s t d ll re ve m
    said says say stated noted added told expressed discussed yet
    """.split()
)


def opening_texts(pattern: str) -> tuple[str, ...] | None:
    """Strings one of which every match of `pattern` contains, as written (a pattern that
    ignores case matches them in any case): the letters each of its alternatives opens with
    ("\\bchina\\b|\\bprc\\b" -> "china", "prc"), read off the parsed pattern. None when the
    pattern shows none (it may match anything) or cannot be parsed here."""
    try:
        from re import _constants as sre  # the parser `re.compile` itself uses
        from re import _parser

        tree = _parser.parse(pattern)
    except (ImportError, AttributeError, re.error):
        return None
    zero_width = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)

    def openings(items: list) -> list[str] | None:
        k, letters = 0, ""
        while k < len(items) and items[k][0] in zero_width:  # \b, look-ahead, look-behind
            k += 1
        while k < len(items) and items[k][0] is sre.LITERAL:
            letters += chr(items[k][1])
            k += 1
        if k < len(items) and items[k][0] is sre.BRANCH:  # the parser's shared prefix, then a|b
            branches = [openings(list(branch)) for branch in items[k][1][1]]
            if all(branches):
                return [letters + rest for branch in branches for rest in branch]
        return [letters] if letters else None

    found = openings(list(tree))
    return tuple(dict.fromkeys(found)) if found else None


# The characters other than A-Z and a-z that re.IGNORECASE matches with an ASCII letter, and
# that lower() does not turn into it (found by trying every code point; the Kelvin sign, the
# fourth, lowers to k).
_CASE_LOOKALIKES = "\u0130\u0131\u017f"  # İ ı ſ


class Search:
    """A pattern that is only run on text holding one of `needs`: strings one of which its
    every match contains. Most searches of the text and label stages look for what few
    statements have (a country, a month, a unit, a verdict), and reading a text for a few
    strings costs a fraction of running the pattern over it.

    `needs` default to the pattern's `opening_texts`; given, they must come from the lists the
    pattern is built from. With re.IGNORECASE they are looked for in the lower-cased text, so
    they must be ASCII (a pattern whose openings are not is always run).
    """

    def __init__(self, pattern: str, flags: int = 0, needs: Iterable[str] | None = None) -> None:
        self.pattern = re.compile(pattern, flags)
        self.fold = bool(self.pattern.flags & re.IGNORECASE)
        found = opening_texts(pattern) if needs is None else tuple(needs)
        if needs is not None and (not found or self.fold and not all(n.isascii() for n in found)):
            raise ValueError(f"needs of {pattern!r} must be ASCII (ignoring case) and not empty")
        if found and self.fold:
            found = tuple(n.lower() for n in found) if all(n.isascii() for n in found) else None
        # a need holding another is found only where that one is ("cannot" holds "no")
        self.needs = found and tuple(n for n in found if not any(m in n for m in found if m != n))

    def may_match(self, text: str) -> bool:
        if self.needs is None:
            return True
        if self.fold:
            if not text.isascii() and any(map(text.__contains__, _CASE_LOOKALIKES)):
                return True
            text = text.lower()
        return any(map(text.__contains__, self.needs))

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.may_match(text) else iter(())

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text) if self.may_match(text) else None

    def sub(self, repl: str | Callable[[re.Match], str], text: str) -> str:
        return self.pattern.sub(repl, text) if self.may_match(text) else text


# Canonical forms so that "the United States" and "U.S." count as the same word (compare.lexicon);
# most statements name no country, so each form is looked for only where its opening is
_ALIASES = tuple((Search(p), repl) for p, repl in NORMAL_FORMS)


def normalise(text: str) -> str:
    """Lower-case text with country names and acronyms mapped to one form each."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    for search, repl in _ALIASES:
        text = search.sub(repl, text)
    return text


def stem(word: str) -> str:
    """A crude stem: enough to match support/supported/supports, talks/talk, and words ending
    in e or y with their inflections (agree/agreed, resume/resuming, policy/policies)."""
    word = word.removesuffix("'s")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly"):
        if suffix == "s" and word.endswith("ss"):  # discuss, progress: no plural to strip
            break
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    if word[-1:] in ("e", "y") and len(word) >= 5:  # close/closely, agree/agreed
        word = word[:-1]
    return word[:7]


# Korean particles and endings cut off a word so that 장관은 / 장관이 / 장관과 meet as 장관.
_KO_SUFFIX = re.compile(
    r"(?:에서는|에서|에게|으로는|으로|로는|이라고|라고|하였습니다|했습니다|하였다|했다|하기로|하고|"
    r"은|는|이|가|을|를|의|에|와|과|로|도|만|께서)$"
)
_KO_STOPWORDS = frozenset(
    "양 및 등 것 수 이번 대한 통해 위해 관련 있는 있다 하는 했다 한다 이날".split()
)


_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]|[\uac00-\ud7a3]+")


@lru_cache(maxsize=65536)
def _content_word(word: str) -> tuple[str, str] | None:
    """(stem, surface form) of a word of normalised text; None for a stop word or a short one."""
    word = word.strip("'-")
    if "\uac00" <= word[0] <= "\ud7a3":
        word = _KO_SUFFIX.sub("", word) if len(word) > 2 else word
        return (word, word) if len(word) >= 2 and word not in _KO_STOPWORDS else None
    if len(word) < 3 or word in STOPWORDS or word in HOUSE_STYLE:
        return None
    return stem(word), word


def is_content_word(word: str) -> bool:
    """Is `word` (lower case) a content word, not a stop word or a short one?"""
    return _content_word(word) is not None


def content_words(text: str) -> dict[str, str]:
    """Content words of `text` (English and Korean) as stem -> first surface form."""
    return dict(_content_words(text))


@lru_cache(maxsize=65536)
def _content_words(text: str) -> tuple[tuple[str, str], ...]:
    """`content_words` remembered: every stage asks it of the same statements again and again."""
    out: dict[str, str] = {}
    for word in _WORD.findall(normalise(text)):
        found = _content_word(word)
        if found is not None:
            out.setdefault(*found)
    return tuple(out.items())


def content_word_spans(text: str) -> list[tuple[int, int, str]]:
    """Where each content word of `text` is: (start, end, stem), offsets into `text` itself.

    The same words as `content_words`, read in context ("North Korea" is one word, dprk, and
    the "Korean" of "Korean Peninsula" stays korean), so a view can mark them in the text.
    """
    normal, starts, ends = _normalise_tracked(text)
    out = []
    for m in _WORD.finditer(normal):
        found = _content_word(m.group())
        if found is not None:
            out.append((starts[m.start()], ends[m.end() - 1], found[0]))
    return out


def _normalise_tracked(text: str) -> tuple[str, list[int], list[int]]:
    """`normalise(text)` with, for each of its characters, the span of `text` it comes from."""
    normal = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    if len(normal) != len(text):  # lower() can grow a character ("İ"): fall back to one span
        return normalise(text), *_whole(text, len(normalise(text)))
    starts, ends = list(range(len(text))), list(range(1, len(text) + 1))
    for search, repl in _ALIASES:
        if not search.may_match(normal):
            continue
        parts, new_starts, new_ends, last = [], [], [], 0
        for m in search.pattern.finditer(normal):
            parts.append(normal[last : m.start()])
            new_starts += starts[last : m.start()]
            new_ends += ends[last : m.start()]
            if m.end() > m.start():
                span_start, span_end = starts[m.start()], ends[m.end() - 1]
            else:  # an empty match takes the place of the character it stands before
                span_start = span_end = starts[m.start()] if m.start() < len(starts) else len(text)
            parts.append(repl)
            new_starts += [span_start] * len(repl)
            new_ends += [span_end] * len(repl)
            last = m.end()
        parts.append(normal[last:])
        new_starts += starts[last:]
        new_ends += ends[last:]
        normal, starts, ends = "".join(parts), new_starts, new_ends
    return normal, starts, ends


def _whole(text: str, n: int) -> tuple[list[int], list[int]]:
    return [0] * n, [len(text)] * n


def anchors(text: str) -> set[str]:
    """What a reader can match across scripts: numbers and words written in Latin letters."""
    found = {n.lstrip("0") or "0" for n in re.findall(r"\d+", text)}
    found |= {
        stem(w)
        for w in re.findall(r"[a-z][a-z-]*[a-z]", normalise(text))
        if w not in STOPWORDS and w not in HOUSE_STYLE
    }
    return found


# A statement that goes on with the previous one's topic: "He added ...", "In response, ...",
# "Secretary Blinken responded that ...", "The two leaders shared these recognitions".
_CONTINUATION = re.compile(
    r"^\W*(?:\d{1,3}[.)]?\s+)?(?:(?:he|she|it)\b|in (?:response|reply)\b|(?:also|further|moreover)\b)"
    r"|\b(?:responded|replied|went on to|added that|in response|these|the same)\b",
    re.I,
)


def continues_previous(text: str) -> bool:
    """Does this statement read as the continuation of the one before it?"""
    return bool(_CONTINUATION.search(text))
