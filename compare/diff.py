"""The phrase-level difference inside one row, as a split diff shows it.

Shared wording stays quiet; what one side says and the other does not is marked; what the
sides contradict each other on (a number, a date, a negation, a stance verb, who asked for the
call) is marked as a conflict, and a hedge or a differing speaker has a mark of its own.

Everything marked is what the label stage recorded in the row's `Evidence`, found back in the
text it was read from: this module decides nothing, it only says where the evidence is. Two
refinements are a view's: a word is not shown as one-sided when the other side uses an
inflection of it ("discuss" / "discussed", which the content-word filter can split), and across
languages the glossary (compare.glossary) names the terms each side uses.

    from compare.diff import row_diff
    diff = row_diff(comparison, row)
    diff.a[0].spans        # (Span(41, 47, Mark.ONE_SIDED), Span(60, 62, Mark.CONFLICT, 'number', '15'))
    diff.phrases("a")      # ('agreed to hold it in April',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from .glossary import (
    TermComparison,
    TermKind,
    common_concepts,
    compare_terms,
    find_terms,
    kind_of,
)
from .lexicon import CANONICAL_NAMES, has_hangul
from .review import auto_label
from .schema import Alignment, Comparison, Evidence, Label
from .text import STOPWORDS, content_word_spans, normalise
from .values import WHEN_UNITS, is_relative, locate


class Mark(StrEnum):
    """What a marked stretch of a statement is; the value is its CSS class (rc-<value>)."""

    ONE_SIDED = "diff"  # said on this side only
    CONFLICT = "conflict"  # contradicted by the other side
    SOFTENED = "hedge"  # a hedge the other side does not make
    SPEAKER = "speaker"  # who this side says spoke, when the sides name different speakers
    TERM = "term"  # across languages: a glossary term both sides name


@dataclass(frozen=True)
class Span:
    """A marked stretch of one statement: offsets into its text.

    `topic` says what a conflict is about (number, date, negation, stance, requester) or, for a
    glossary term, its English gloss; `value` is the evidence value the span renders ("aug 5").
    """

    start: int
    end: int
    mark: Mark
    topic: str = ""
    value: str = ""

    @property
    def css(self) -> str:
        shown = self.mark is Mark.CONFLICT or self.topic == "name"
        extra = f" rc-{self.topic}" if shown and self.topic else ""
        return f"rc-{self.mark.value}{extra}"


@dataclass(frozen=True)
class TextDiff:
    """One statement's text with its marks, in text order and never overlapping."""

    text: str
    spans: tuple[Span, ...]

    def marked(self, *marks: Mark) -> list[str]:
        """The text of the spans with these marks (all marks when none is given)."""
        return [self.text[s.start : s.end] for s in self.spans if not marks or s.mark in marks]


@dataclass(frozen=True)
class RowDiff:
    """The marks of every statement of both sides of one row."""

    a: tuple[TextDiff, ...]
    b: tuple[TextDiff, ...]
    # across languages: the glossary terms each side names
    terms: TermComparison | None = None
    # one-sided bare numbers each side writes only inside a glossary term ("3국", trilateral):
    # part of a word, not a number, so neither marked nor reported
    term_numbers: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    def side(self, side: str) -> tuple[TextDiff, ...]:
        return self.a if side == "a" else self.b

    def numbers(self, side: str, values: Sequence[str]) -> list[str]:
        """The evidence's one-sided numbers of `side` that are numbers in its text."""
        inside = self.term_numbers[0 if side == "a" else 1]
        return [v for v in values if v not in inside]

    def context(self, side: str, value: str, *, words: int = 3) -> str | None:
        """Where `side` writes the number `value`, with up to `words` words either side within
        its clause, as written ("send 500 ventilators to"); None when it is not marked."""
        for text in self.side(side):
            for span in text.spans:
                if span.value == value and span.topic == "number":
                    return _around(text.text, span.start, span.end, words)
        return None

    def written(self, side: str, value: str) -> str | None:
        """How `side` writes an evidence value ("aug 5" -> "Aug. 5"), if it was found."""
        for text in self.side(side):
            for span in text.spans:
                if span.value == value:
                    return text.text[span.start : span.end]
        return None

    def phrases(self, side: str, *, limit: int = 2, max_words: int = 16) -> tuple[str, ...]:
        """The longest stretches of one-sided wording on `side`, as written, in text order."""
        found: list[tuple[int, int, int, str]] = []  # (-marked words, statement, start, phrase)
        for n, text in enumerate(self.side(side)):
            for run in _runs(text):
                if all(s.topic in ("number", "date") for s in run):
                    continue  # a bare number or date: the reason lists it as one
                words = text.text[_clause_start(text.text, run[0].start) : run[-1].end].split()
                phrase = " ".join(words[:max_words]) + (" \u2026" if len(words) > max_words else "")
                found.append((-len(run), n, run[0].start, phrase.strip(" ,;:")))
        if any(_substantive(p) for *_, p in found):
            found = [f for f in found if _substantive(f[3])]
        best = sorted(found)[:limit]
        return tuple(p for *_, p in sorted(best, key=lambda f: (f[1], f[2])))


def row_diff(comparison: Comparison, row: Alignment) -> RowDiff:
    """The marks of one row of `comparison`, read from the row's evidence as the label stage
    labelled it: an analyst's label (review mode) changes no mark."""
    a = [comparison.a.statements[i].text for i in row.a]
    b = [comparison.b.statements[j].text for j in row.b]
    common: frozenset[str] = frozenset()
    if row.evidence is not None and row.evidence.crosslingual:
        common = _common(tuple(s.text for s in comparison.a.content + comparison.b.content))
    return diff_texts(a, b, auto_label(row), row.evidence, common=common)


@lru_cache(maxsize=8)
def _common(texts: tuple[str, ...]) -> frozenset[str]:
    """`common_concepts`, once per comparison: every cross-language row asks."""
    return common_concepts(texts)


def diff_texts(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    label: Label,
    evidence: Evidence | None,
    *,
    common: frozenset[str] = frozenset(),
) -> RowDiff:
    """The marks of a row whose sides say `a_texts` and `b_texts` and whose label stage found
    `evidence`. An agree row marks only the numbers and dates one side adds (the call's
    length, its date), and an only-A / only-B row nothing: it is one-sided as a whole."""
    if evidence is None or label in (Label.ONLY_A, Label.ONLY_B):
        return RowDiff(_plain(a_texts), _plain(b_texts))
    in_terms = (
        _term_numbers(a_texts, evidence.only_a_numbers),
        _term_numbers(b_texts, evidence.only_b_numbers),
    )
    numbers = (
        [v for v in evidence.only_a_numbers if v not in in_terms[0]],
        [v for v in evidence.only_b_numbers if v not in in_terms[1]],
    )
    if label is Label.AGREE and not own_part(evidence):
        return RowDiff(
            tuple(_numbers_only(t, numbers[0]) for t in a_texts),
            tuple(_numbers_only(t, numbers[1]) for t in b_texts),
            term_numbers=in_terms,
        )
    terms = compare_terms(a_texts, b_texts, common=common) if evidence.crosslingual else None
    sides = []
    for n, (side, texts, other) in enumerate((("a", a_texts, b_texts), ("b", b_texts, a_texts))):
        sides.append(tuple(_marks(side, t, other, evidence, terms, numbers[n]) for t in texts))
    return RowDiff(sides[0], sides[1], terms, in_terms)


# Agree tolerates up to `agree_max_extra` (70%) of a side's content words being its own; from
# half, that side's own wording is marked and named on the agree row, so a point only it makes
# is not hidden under "same point" (the label stays agree)
OWN_PART_SHARE = 0.5


def own_part(evidence: Evidence) -> bool:
    """Does one side of an agree row word half or more of its content its own way (beyond the
    logistics an opening adds)?"""
    if evidence.crosslingual or evidence.trivial_extras:
        return False
    return max(evidence.a_extra_share, evidence.b_extra_share) >= OWN_PART_SHARE


def _plain(texts: Sequence[str]) -> tuple[TextDiff, ...]:
    return tuple(TextDiff(t, ()) for t in texts)


def _numbers_only(text: str, numbers: Sequence[str]) -> TextDiff:
    spans = [s for values in numbers for s in _values(text, values, Mark.ONE_SIDED, "number")]
    spans = [s for n, s in enumerate(spans) if not any(_overlap(s, t) for t in spans[:n])]
    return TextDiff(text, tuple(sorted(spans, key=lambda s: s.start)))


def _overlap(x: Span, y: Span) -> bool:
    return x.start < y.end and y.start < x.end


def _marks(
    side: str,
    text: str,
    other: Sequence[str],
    ev: Evidence,
    terms: TermComparison | None,
    numbers: Sequence[str],
) -> TextDiff:
    """The marks of one statement, strongest first: conflicts, hedges, speakers, one-sided."""
    i = 0 if side == "a" else 1
    spans: list[Span] = []

    def add(found: Iterable[Span]) -> None:
        for span in found:
            if span.end > span.start and not any(_overlap(span, s) for s in spans):
                spans.append(span)

    for pair, topic in ((ev.number_conflicts, "number"), (ev.date_conflicts, "date")):
        for values in pair:
            add(_values(text, values[i], Mark.CONFLICT, topic))
    for values in ev.time_zones:
        add(_values(text, values[i], Mark.ONE_SIDED, "date"))
    if ev.negation:
        add(_negation(text, side, ev.negation))
    for verbs in ev.opposites:
        add(_first_word(text, verbs[i], Mark.CONFLICT, "stance"))
    if ev.requesters:
        add(_requester(text))
    if ev.hedge and ev.hedge[0].lower() == side:
        add(_first_word(text, ev.hedge[1], Mark.SOFTENED, "hedge"))
    if ev.speakers:
        add(_speaker(text, ev.speakers[i]))
    for values in numbers:
        add(_values(text, values, Mark.ONE_SIDED, "number"))
    if terms is not None:
        add(_terms(text, terms, side))
    else:
        own = ev.only_a_stems if side == "a" else ev.only_b_stems
        add(_one_sided(text, own, _inflections(other)))
    return TextDiff(text, tuple(sorted(spans, key=lambda s: s.start)))


_BARE_VALUE = re.compile(r"\d+(?:\.\d+)?")
# a full stop is left out: "the U.S. will provide 500 ventilators" is one clause
_CLAUSE_END = re.compile(r"[;:!?,()\[\]\u2014\u201c\u201d\"]")


def _term_numbers(texts: Sequence[str], values: Sequence[str]) -> frozenset[str]:
    """The bare numbers of `values` that `texts` write only inside a glossary term: "3국"
    (trilateral), "COVID-19"."""
    out = set()
    for value in values:
        if not _BARE_VALUE.fullmatch(value):
            continue
        found = [(text, v) for text in texts for v in locate(text, value)]
        if found and all(
            any(t.start <= v.start and v.end <= t.end for t in find_terms(text))
            for text, v in found
        ):
            out.add(value)
    return frozenset(out)


def _around(text: str, start: int, end: int, words: int) -> str:
    """text[start:end] with up to `words` words before and after it, not past a clause end."""
    before = _CLAUSE_END.split(text[:start])[-1].split()
    after = _CLAUSE_END.split(text[end:])[0].split()
    left = " ".join(before[-words:]) if before else ""
    right = " ".join(after[:words]) if after else ""
    # "3국" stays one word: no space where the text has none
    gap_left = " " if left and text[:start][-1:].isspace() else ""
    gap_right = " " if right and text[end:][:1].isspace() else ""
    return f"{left}{gap_left}{text[start:end]}{gap_right}{right}".strip()


# --- one-sided words ---------------------------------------------------------------------------


def _inflections(texts: Sequence[str]) -> set[str]:
    """The base forms of every word of `texts`, stop words included: an inflection of a word
    on the other side ("discussed" for "discuss") means the word is not this side's own."""
    words = re.findall(r"[a-z][a-z'-]*[a-z]", normalise(" ".join(texts)))
    return {base for w in words for base in _bases(w)}


def _bases(word: str) -> set[str]:
    """What an English word may be an inflection of: discussed -> discuss, policies -> policy,
    making -> mak(e); matched against the other side's words by set intersection."""
    out = {word}
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)] + repl)
    return {w[:-1] if w.endswith("e") else w for w in out}


def _one_sided(text: str, own: frozenset[str], other: set[str]) -> list[Span]:
    """The content words of `text` the evidence lists as this side's own; a capitalised one
    past the first word is a name, shown quieter (topic "name")."""
    out = []
    first = re.search(r"[^\W\d_]", text)
    for start, end, key in content_word_spans(text):
        surface = normalise(text[start:end]).strip()
        if key in own and not _bases(surface) & other:
            name = text[start].isupper() and (first is None or start > first.start())
            out.append(Span(start, end, Mark.ONE_SIDED, "name" if name else ""))
    return out


def _terms(text: str, terms: TermComparison, side: str) -> list[Span]:
    shared = {t.gloss for t in terms.shared}
    own = {t.gloss for t in (terms.only_a if side == "a" else terms.only_b)}
    out = []
    for t in find_terms(text):
        if kind_of(t.gloss) is TermKind.TITLE:
            continue  # every readout names ministers: marking them is noise
        if t.gloss in shared:
            out.append(Span(t.start, t.end, Mark.TERM, t.gloss))
        elif t.gloss in own:
            out.append(Span(t.start, t.end, Mark.ONE_SIDED, t.gloss))
    return out


# --- where an evidence value is written --------------------------------------------------------


def _values(text: str, values: str, mark: Mark, topic: str) -> list[Span]:
    """Where `text` writes the evidence values `values` ("15 minutes", "aug 5, aug 6")."""
    out = []
    for value in values.split(", "):
        for v in locate(text, value):
            kind = "date" if v.unit in WHEN_UNITS else topic
            out.append(Span(v.start, v.end, mark, kind, value))
    return out


# --- conflicts, hedges and speakers ------------------------------------------------------------

_QUOTE = re.compile(r"^([AB]) says '(.+)'$")
# a negating word and the word it needs to negate ("failed to", "no longer")
_TWO_WORD_CUE = re.compile(r"^\S+\s+(?:to|longer)\b", re.I)
_REQUEST = re.compile(r"\brequest(?:s|ed)?\b", re.I)
_PARTIES = frozenset(CANONICAL_NAMES) - {"un", "unsc"}


def _negation(text: str, side: str, negation: str) -> list[Span]:
    """The negating word(s) of the quote `negation` ("B says 'did not discuss the trade'")."""
    m = _QUOTE.match(negation)
    if not m or m.group(1).lower() != side:
        return []
    quote = m.group(2)
    at = text.find(quote)
    if at < 0:
        return []
    if has_hangul(quote):  # a negated Korean predicate, marked whole: "논의하지 않았고"
        return [Span(at, at + len(quote), Mark.CONFLICT, "negation")]
    # the quote starts with the negating word: "not discuss the trade", "failed to agree"
    cue = (_TWO_WORD_CUE.match(quote) or re.match(r"\S+", quote)).group().rstrip(".,;:")
    return [Span(at, at + len(cue), Mark.CONFLICT, "negation")]


def _first_word(text: str, word: str, mark: Mark, topic: str) -> list[Span]:
    m = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I)
    return [Span(m.start(), m.end(), mark, topic)] if m else []


def _requester(text: str) -> list[Span]:
    """'request' and the countries named near it: who each side says asked for the call."""
    out = []
    for m in _REQUEST.finditer(text):
        out.append(Span(m.start(), m.end(), Mark.CONFLICT, "requester"))
        window = (max(0, m.start() - 40), m.end() + 40)
        for start, end, key in content_word_spans(text[window[0] : window[1]]):
            if key in _PARTIES:
                out.append(
                    Span(window[0] + start, window[0] + end, Mark.CONFLICT, "requester", key)
                )
    return out


# how far into a statement its speaker may start: after a list number and "In response,"
_SPEAKER_AT = 20


def _speaker(text: str, who: str) -> list[Span]:
    at = text.find(who)
    return [Span(at, at + len(who), Mark.SPEAKER)] if 0 <= at <= _SPEAKER_AT else []


# --- phrases -----------------------------------------------------------------------------------

# unmarked words that may sit inside one phrase: a few small words, and at most one shared word
# ("hold the next round of talks in April")
_BRIDGE_WORDS = 3
_BRIDGE_SHARED = 1


def _runs(text: TextDiff) -> list[list[Span]]:
    """One-sided spans grouped into phrases: neighbours joined over a few small words, a date
    that opens a phrase left off, and the names of who spoke too (the reason lists what was
    said, not who said it): those that open a phrase, and those that close it after a comma or
    a verb of saying ("…, said Minister Kang"). A name that closes a phrase otherwise is what
    was said ("including the Quad")."""
    runs: list[list[Span]] = []
    for span in (s for s in text.spans if s.mark is Mark.ONE_SIDED):
        if runs and _bridges(text.text[runs[-1][-1].end : span.start], runs[-1][-1], span):
            runs[-1].append(span)
        else:
            runs.append([span])
    trimmed = []
    for run in runs:
        # a name or a date that opens a phrase is left off: the reason gives a date on its own
        # ("only B gives Sunday"), and who spoke is not what was said; "this year marks …"
        # keeps its relative date, part of what is said
        while len(run) > 1 and (_is_name(text.text, run[0]) or _is_date(run[0])):
            run = run[1:]
        names = len(run)
        while names > 1 and _is_name(text.text, run[names - 1]):
            names -= 1
        if names < len(run):
            gap = text.text[run[names - 1].end : run[names].start]  # ", said Minister Kang"
            if "," in gap or _SAYING.intersection(gap.lower().split()):
                run = run[:names]
        trimmed.append(run)
    return trimmed


def _is_date(span: Span) -> bool:
    return span.topic == "date" and not is_relative(span.value)


def _is_name(text: str, span: Span) -> bool:
    return span.topic == "name" or (text[span.start : span.start + 1].isupper() and not span.topic)


def _bridges(gap: str, before: Span, after: Span) -> bool:
    if re.search(r"[;:.!?()\[\]\u2014]", gap):
        return False
    # "January 5, pose a threat": a date or a number ends its point at a comma
    if "," in gap and {before.topic, after.topic} & {"number", "date"}:
        return False
    words = re.findall(r"[^\W_]+", gap)
    shared = [w for w in words if w.lower() not in STOPWORDS]
    return len(words) <= _BRIDGE_WORDS and len(shared) <= _BRIDGE_SHARED


def _clause_start(text: str, start: int) -> int:
    """Where a phrase starting at `start` begins when the few words before it in its clause
    are all small ones ("In particular, …", not "particular, …"); else `start`."""
    before = _CLAUSE_END.split(text[:start])[-1]
    words = list(re.finditer(r"[^\W_]+", before))  # not a list mark ("° In particular")
    if not 0 < len(words) <= 2 or any(w.group().lower() not in STOPWORDS for w in words):
        return start
    return start - len(before) + words[0].start()


# verbs that only report that someone spoke: the frame of a point, not its content
_SAYING = frozenset(
    "say says said saying stated stating added adding noted noting told remarked replied "
    "responded mentioned stressed stressing emphasized emphasised emphasizing underscored "
    "explained expressed conveyed".split()
)


# words that link a point to the next one ("In particular, …", "although"): no content of
# their own
_LINKING = frozenset(
    "although though while whereas including especially particularly particular notably also "
    "further furthermore moreover however".split()
)
_NO_CONTENT = STOPWORDS | _SAYING | _LINKING


def _substantive(phrase: str) -> bool:
    """Does a phrase hold more than names (capitalised words, country abbreviations), verbs
    of saying and linking words?"""
    words = re.findall(r"[^\W\d_][\w'-]*", phrase)
    return any(not w[:1].isupper() and w.lower() not in _NO_CONTENT for w in words)
