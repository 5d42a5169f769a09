"""Key findings: what an analyst should read first, ranked by how much it matters.

Per side, what only it reports, and above all what it reports the other government's official
saying when that government's own readout does not; where the two conflict; where one side
softens the other's point (a commitment against a hedge) or credits it to someone else; a
stance (condemned, welcomed) on one side only. Substance ranks above logistics (the call's
date, length and time of day). Every finding is read off what the rows already carry (their
Evidence, and the marks compare.diff finds for it) and points to its row.

    from compare.report import key_findings
    for f in key_findings(comparison, limit=5):
        print(f.weight, f.kind, f.text, "->", f.anchor)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..diff import Mark, RowDiff, row_diff
from ..explain import as_written
from ..glossary import TermKind, find_terms, glosses, kind_of, ranked
from ..label import speaking_official
from ..lexicon import LIST_NUMBER, has_hangul
from ..schema import Alignment, Comparison, Label
from ..story.sides import government_of
from ..text import content_word_spans
from ..values import is_clock
from .rows import row_anchor


class FindingKind(StrEnum):
    """What a finding is about; `WEIGHTS` ranks them."""

    NEGATION = "negation"  # one side denies what the other affirms
    STANCE = "stance"  # opposite verbs: welcomed vs condemned
    REQUESTER = "requester"  # who asked for the call
    ATTRIBUTED = "attributed"  # one side reports the other's official saying what it does not
    FRAMING = "framing"  # pressure vs engagement, a positive vs a negative verdict
    NUMBER = "number"  # numbers that differ, other than the call's length
    ONE_SIDED_STANCE = "one_sided_stance"  # condemned, welcomed, regretted on one side only
    ONLY = "only"  # a point only one side reports
    SOFTENED = "softened"  # a commitment on one side, a hedge or a weaker verb on the other
    REATTRIBUTED = "reattributed"  # the point is credited to another speaker or country
    ADDED = "added"  # in a shared point, wording one side adds
    DATE = "date"  # dates that differ
    LOGISTICS = "logistics"  # the call's length, its time, a date only one side gives


#: how much each kind of finding matters, 0-1; ONLY and ADDED are scaled by their substance
WEIGHTS: dict[FindingKind, float] = {
    FindingKind.NEGATION: 1.0,
    FindingKind.STANCE: 0.95,
    FindingKind.REQUESTER: 0.9,
    FindingKind.ATTRIBUTED: 0.9,
    FindingKind.FRAMING: 0.9,
    FindingKind.NUMBER: 0.85,
    FindingKind.ONE_SIDED_STANCE: 0.85,
    FindingKind.ONLY: 0.85,
    FindingKind.SOFTENED: 0.7,
    FindingKind.REATTRIBUTED: 0.6,
    FindingKind.ADDED: 0.6,
    FindingKind.DATE: 0.35,
    FindingKind.LOGISTICS: 0.2,
}
#: a short tag per kind, for the panel
KIND_TITLES: dict[FindingKind, str] = {
    FindingKind.NEGATION: "negation",
    FindingKind.STANCE: "opposite stance",
    FindingKind.REQUESTER: "who asked",
    FindingKind.ATTRIBUTED: "the other side's words",
    FindingKind.FRAMING: "opposed framing",
    FindingKind.NUMBER: "numbers differ",
    FindingKind.ONE_SIDED_STANCE: "stance on one side",
    FindingKind.ONLY: "one side only",
    FindingKind.SOFTENED: "softened",
    FindingKind.REATTRIBUTED: "re-attributed",
    FindingKind.ADDED: "adds",
    FindingKind.DATE: "dates differ",
    FindingKind.LOGISTICS: "logistics",
}
LOGISTICS: frozenset[FindingKind] = frozenset({FindingKind.DATE, FindingKind.LOGISTICS})

# stances worth a finding when only one side reports them, and how a finding names them: as
# what the readout reports, since a readout reports the other government's words too ("He went
# on to condemn ..." in Seoul's readout is Tokyo's minister condemning)
_STANCES = {
    "condemn": "a condemnation",
    "criticize": "criticism",
    "regret": "regret",
    "concern": "concern",
    "welcome": "a welcome",
    "oppose": "opposition",
    "protest": "a protest",
    "warn": "a warning",
    "reject": "a rejection",
    "deny": "a denial",
    "unacceptable": "a verdict of unacceptable",
}
# content words that say how the contact went, not what was said
_LOGISTIC_WORDS = frozenset(
    """call calls phone telephone talk talks spoke conversation conversations meeting meetings met
    held hold minute minutes hour hours morning evening afternoon night today tonight yesterday
    commencing approximately around began lasted took place counterpart""".split()
)
_DURATIONS = ("minutes", "hours")
_BARE = re.compile(r"\d+(?:\.\d+)?")  # a number value without a unit or a date
_SUBSTANCE_FULL = 10  # content words at which a one-sided statement counts in full
_QUOTE_CHARS = 110
# concepts a finding names of a Korean statement (`_in_korean`)
_CONCEPTS = 5
# a verb of asking, its object and "to" just before a stance: the stance is asked of another
_ASKED_OF = re.compile(
    r"\b(?:urg|press|ask|call|encourag|request|push|invit)\w*(?:\s+(?:on|upon))?"
    r"(?:\s+[\w'.-]+){1,5}?\s+to\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """One thing a reader should know about the comparison, and the row that shows it.

    `side` is whose account the finding is about ("a" or "b"; "" when it is about both).
    """

    kind: FindingKind
    side: str
    weight: float
    text: str
    row: Alignment

    @property
    def anchor(self) -> str:
        """The HTML id of the row it points to."""
        return row_anchor(self.row)

    @property
    def logistics(self) -> bool:
        return self.kind in LOGISTICS


def key_findings(comparison: Comparison, *, limit: int | None = None) -> tuple[Finding, ...]:
    """Every finding of `comparison`, the weightiest first (row order among equals)."""
    names = {"a": comparison.a.name, "b": comparison.b.name}
    governments = {side: government_of(name) for side, name in names.items()}
    found: list[Finding] = []
    for row in comparison.alignments:
        if row.label in (Label.ONLY_A, Label.ONLY_B):
            found += _one_sided_row(comparison, row, names, governments)
        elif row.evidence is not None:
            found += _group(row, row_diff(comparison, row), names)
    ranked = sorted(enumerate(found), key=lambda x: (-x[1].weight, x[0]))
    out = tuple(f for _, f in ranked)
    return out if limit is None else out[:limit]


def _one_sided_row(
    comparison: Comparison,
    row: Alignment,
    names: dict[str, str],
    governments: dict[str, str | None],
) -> list[Finding]:
    side = "a" if row.label is Label.ONLY_A else "b"
    other = "b" if side == "a" else "a"
    index = row.a[0] if side == "a" else row.b[0]
    text = comparison.document(side).statements[index].text
    official = speaking_official(text)
    if official and governments[side] and official[1] == governments[other] != governments[side]:
        # one government's account of what the other's official said, which that government's
        # own account does not carry: a claim an analyst checks first
        return [
            _finding(
                FindingKind.ATTRIBUTED,
                side,
                f"{names[side]} attributes to {official[0]} a point {names[other]} does not "
                f"report: {_quote(text)}",
                row,
            )
        ]
    stances = _stances(text)
    if stances:
        verb = _STANCES[stances[0]]
        return [
            _finding(
                FindingKind.ONE_SIDED_STANCE,
                side,
                f"only {names[side]} reports {verb}: {_quote(text)}",
                row,
            )
        ]
    substance = _substance(text)
    if substance <= 2:
        return [
            _finding(
                FindingKind.LOGISTICS, side, f"only {names[side]} reports: {_quote(text)}", row
            )
        ]
    weight = WEIGHTS[FindingKind.ONLY] * (0.7 + 0.3 * min(1.0, substance / _SUBSTANCE_FULL))
    return [
        _finding(FindingKind.ONLY, side, f"only {names[side]} reports: {_quote(text)}", row, weight)
    ]


def _framed(frame: str, words: str) -> str:
    """A frame with the words that show it, unless they are its name: 'pressure', 'engagement
    (“dialogue”)'."""
    return frame if words.lower() == frame else f"{frame} (\u201c{words}\u201d)"


def _group(row: Alignment, diff: RowDiff, names: dict[str, str]) -> list[Finding]:
    ev = row.evidence
    assert ev is not None
    a, b = names["a"], names["b"]
    out: list[Finding] = []

    def add(kind: FindingKind, side: str, text: str, weight: float | None = None) -> None:
        out.append(_finding(kind, side, text, row, weight))

    if ev.negation and (m := re.match(r"([AB]) says '(.+)'$", ev.negation)):
        side = m.group(1).lower()
        other = names["b" if side == "a" else "a"]
        add(
            FindingKind.NEGATION,
            side,
            f"{names[side]} says \u201c{m.group(2)}\u201d; {other} reports it without the negation",
        )
    for va, vb in ev.opposites:
        add(FindingKind.STANCE, "", f"{a} says \u201c{va}\u201d where {b} says \u201c{vb}\u201d")
    if ev.requesters:
        ra, rb = ev.requesters
        add(FindingKind.REQUESTER, "", f"who asked for the call: {a} says {ra}, {b} says {rb}")
    if ev.framing:
        fa, fb = (_framed(*frame) for frame in ev.framing)
        add(FindingKind.FRAMING, "", f"{a} frames it as {fa}, {b} as {fb}")
    for va, vb in ev.number_conflicts:
        if va.endswith(_DURATIONS) and vb.endswith(_DURATIONS):
            add(FindingKind.LOGISTICS, "", f"the length differs: {a} {va}, {b} {vb}", 0.3)
        else:
            add(FindingKind.NUMBER, "", f"numbers differ: {a} {va}, {b} {vb}")
    for va, vb in ev.date_conflicts:
        wa, wb = _written(diff, "a", va), _written(diff, "b", vb)
        if is_clock(va) and is_clock(vb):  # when the call was, not what it was about
            add(FindingKind.LOGISTICS, "", f"the time differs: {a} {wa}, {b} {wb}", 0.3)
        else:
            add(FindingKind.DATE, "", f"dates differ: {a} {wa}, {b} {wb}")
    for va, vb in ev.time_zones:
        wa, wb = _written(diff, "a", va), _written(diff, "b", vb)
        apart = "the time differs by hours" if is_clock(va) else "dated a day apart"
        add(FindingKind.LOGISTICS, "", f"{apart}: {a} {wa}, {b} {wb} (time zones)", 0.3)
    if ev.hedge:
        side = ev.hedge[0].lower()
        other = names["b" if side == "a" else "a"]
        add(
            FindingKind.SOFTENED,
            side,
            f"{names[side]} hedges (\u201c{ev.hedge[1]}\u201d) where {other} does not",
        )
    if ev.modality:
        ma, mb = ev.modality
        add(
            FindingKind.SOFTENED,
            "",
            f"the commitment differs: {a} \u201c{ma}\u201d, {b} \u201c{mb}\u201d",
        )
    if ev.speakers:
        sa, sb = ev.speakers
        add(
            FindingKind.REATTRIBUTED,
            "",
            f"{a} credits it to \u201c{sa}\u201d, {b} to \u201c{sb}\u201d",
        )
    if ev.countries and not ev.requesters:
        ca, cb = ev.countries
        add(FindingKind.REATTRIBUTED, "", f"the countries differ: {a} {ca}, {b} {cb}")
    for side in "ab":
        out += _one_sided_wording(row, diff, side, names)
    for side, numbers in (("a", ev.only_a_numbers), ("b", ev.only_b_numbers)):
        numbers = diff.numbers(side, numbers)  # not the "3" of "3국" (trilateral)
        dated = [n for n in numbers if not _BARE.fullmatch(n)]
        if dated:  # a date, a time, a length: as written ("Jan 15 (1.15)", "35 minutes")
            shown = ", ".join(_written(diff, side, n) for n in dated[:3])
            add(FindingKind.LOGISTICS, side, f"only {names[side]} gives {shown}", 0.1)
        for value in [n for n in numbers if _BARE.fullmatch(n)][:3]:
            # a bare number says nothing on its own: it comes with the words around it, or
            # not at all (it is still in the row's reason, and marked in its text)
            if around := diff.context(side, value):
                quoted = f"\u201c{around}\u201d"
                if has_hangul(around) and (named := glosses(around)):
                    quoted += f" (in Korean: {', '.join(named)})"
                add(
                    FindingKind.ADDED,
                    side,
                    f"only {names[side]} gives the number {value}: {quoted}",
                    WEIGHTS[FindingKind.ADDED] / 2,
                )
    return out


def _one_sided_wording(
    row: Alignment, diff: RowDiff, side: str, names: dict[str, str]
) -> list[Finding]:
    """What one side of a shared point adds: a stance it alone takes, a commitment against the
    other's hedge (across languages), or simply its own wording."""
    other = "b" if side == "a" else "a"
    if diff.terms is not None:
        own = diff.terms.only_a if side == "a" else diff.terms.only_b
        theirs = diff.terms.only_b if side == "a" else diff.terms.only_a
        named = [t.gloss for t in own]
    else:
        own_text = " ".join(w for t in diff.side(side) for w in t.marked(Mark.ONE_SIDED))
        named = [t.gloss for t in find_terms(own_text)]
        theirs = ()
    out = []
    text = " ".join(t.text for t in diff.side(side))
    own_stances = _stances(text)
    stances = [g for g in named if g in own_stances]
    if stances:
        verb = _STANCES[stances[0]]
        # across languages, what this side names and the other does not: the concepts both
        # name ("condemn" on both sides) are no part of what it alone says
        common = diff.terms.common if diff.terms is not None else frozenset()
        quoted = _in_korean(ranked(named, common)) if has_hangul(text) else _quote(text)
        out.append(
            _finding(
                FindingKind.ONE_SIDED_STANCE,
                side,
                f"only {names[side]} reports {verb}: {quoted}",
                row,
            )
        )
    kinds = {kind_of(g) for g in named}
    if TermKind.COMMIT in kinds and any(kind_of(t.gloss) is TermKind.HEDGE for t in theirs):
        hedges = ", ".join(t.gloss for t in theirs if kind_of(t.gloss) is TermKind.HEDGE)
        out.append(
            _finding(
                FindingKind.SOFTENED,
                other,
                f"{names[side]} reports a commitment where {names[other]} only says \u201c{hedges}\u201d",
                row,
            )
        )
    if diff.terms is not None:
        substantive = (TermKind.TERM, TermKind.STANCE, TermKind.COMMIT)
        terms = [g for g in named if kind_of(g) in substantive and g not in stances[:1]]
        terms = ranked(terms, diff.terms.common)  # what this row alone is about first
        if len(terms) >= 2:
            weight = WEIGHTS[FindingKind.ADDED] * min(1.0, len(terms) / 6)
            out.append(
                _finding(
                    FindingKind.ADDED,
                    side,
                    f"{names[side]} adds: {', '.join(terms[:6])}",
                    row,
                    weight,
                )
            )
    elif (phrases := diff.phrases(side, limit=1)) and (substance := _substance(phrases[0])) >= 2:
        # a phrase that is only a date or a name is logistics, listed with the numbers below
        weight = WEIGHTS[FindingKind.ADDED] * min(1.0, 0.5 + substance / (2 * _SUBSTANCE_FULL))
        out.append(
            _finding(
                FindingKind.ADDED, side, f"{names[side]} adds \u201c{phrases[0]}\u201d", row, weight
            )
        )
    return out


def _stances(text: str) -> list[str]:
    """The stances `text` takes, in text order: not one it asks of someone else ("pressed
    China to condemn the launch")."""
    return [
        t.gloss
        for t in find_terms(text)
        if t.gloss in _STANCES and not _ASKED_OF.search(text, max(0, t.start - 80), t.start)
    ]


def _finding(
    kind: FindingKind, side: str, text: str, row: Alignment, weight: float | None = None
) -> Finding:
    return Finding(kind, side, round(WEIGHTS[kind] if weight is None else weight, 3), text, row)


def _written(diff: RowDiff, side: str, values: str) -> str:
    return ", ".join(as_written(v, diff.written(side, v)) for v in values.split(", "))


def _substance(text: str) -> int:
    """How much a statement says beyond who spoke, when and for how long: its lower-case
    content words other than call logistics (for Korean, twice its glossary terms)."""
    if has_hangul(text):
        kinds = (TermKind.TERM, TermKind.STANCE, TermKind.COMMIT, TermKind.HEDGE)
        return 2 * len({t.gloss for t in find_terms(text) if kind_of(t.gloss) in kinds})
    words = {
        text[s:e].lower()
        for s, e, _ in content_word_spans(text)
        if text[s].islower() and text[s:e].lower() not in _LOGISTIC_WORDS
    }
    return len(words)


def _quote(text: str) -> str:
    """A statement quoted for a finding: shortened at a word, and across languages glossed."""
    if has_hangul(text) and (named := glosses(text)):
        return _in_korean(named)
    return f"\u201c{_short(text)}\u201d"


def _in_korean(concepts: Sequence[str]) -> str:
    """A Korean statement named by its glossary concepts, the first `_CONCEPTS` of them: a
    finding is one line (the page's headline is one), not the statement's every term."""
    shown = ", ".join(concepts[:_CONCEPTS])
    more = len(concepts) - _CONCEPTS
    return f"(in Korean) {shown}" + (f" and {more} more" if more > 0 else "")


# a list number or bullet in front of a statement: "2.", "(3)", "1 The", "°", "o ", "□", "ㅇ"
_LIST_MARK = re.compile(rf"^(?:{LIST_NUMBER}|[o\u00b0\u2022\u25a1\u3147\u25cb*-])\s+")


def _short(text: str) -> str:
    text = _LIST_MARK.sub("", " ".join(text.split()))
    if len(text) <= _QUOTE_CHARS:
        return text
    return text[:_QUOTE_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + " \u2026"
