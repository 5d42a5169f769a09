"""Evidence -> words: the reason shown on every row (CLI, CSV, app, report).

The label stage decides and records its `Evidence` on the row; this module only renders it, so
the reason, the headline and the highlights cannot disagree with the label. Given the
comparison (`reason(row, comparison)`), the reason also quotes the text where the evidence was
found (compare.diff): dates as written ("Aug. 5"), the phrases one side has and the other does
not instead of a list of words, and across languages the glossary terms each side names.
"""

from __future__ import annotations

import re

from .diff import OWN_PART_SHARE, RowDiff, row_diff
from .glossary import glosses
from .glossary import ranked as ranked_glosses
from .lexicon import FRAMING_SUBJECTS, LOGISTICS, WEEKDAYS, has_hangul
from .review import tool_row
from .schema import Alignment, Comparison, Evidence, Label
from .text import content_words
from .values import is_clock, read

_HEADS = {
    Label.AGREE: "same point",
    Label.PARTIAL: "same topic, details differ",
    Label.DIVERGE: "conflict",
}
_SHOWN_TERMS = 6


def reason(
    row: Alignment, comparison: Comparison | None = None, *, diff: RowDiff | None = None
) -> str:
    """A short sentence naming the concrete differences a reader can check in the text; with
    `comparison`, quoting the text as written (`diff`: the row's marks, when already made).
    It explains the label stage's label: on a row the analyst relabelled (review mode) it is
    still the tool's evidence under the tool's label."""
    row = tool_row(row)
    if row.label in (Label.ONLY_A, Label.ONLY_B):
        text = omission_reason(row)
        if comparison is not None and comparison.a.language != comparison.b.language:
            side = "a" if row.label is Label.ONLY_A else "b"
            statement = comparison.document(side).statements[(row.a or row.b)[0]]
            if has_hangul(statement.text) and (named := glosses(statement.text)):
                text += "; in Korean, it names " + ", ".join(named)
        return text
    if diff is None and comparison is not None:
        diff = row_diff(comparison, row)
    return evidence_reason(row.evidence or Evidence(), row.label, row.similarity, diff)


def omission_reason(row: Alignment) -> str:
    """Why an only-A / only-B row stands alone: how close the other side's nearest came."""
    other = "b" if row.label is Label.ONLY_A else "a"
    if row.nearest is None:
        return f"no counterpart in {other.upper()} (closest similarity {row.similarity:.2f})"
    # the closest in meaning (the embedding alone); the basis column names the statement the
    # aligner scores highest, meaning and shared words together, which may be another one
    return (
        f"no counterpart in {other.upper()} (closest in meaning: {other}{row.nearest}, "
        f"similarity {row.similarity:.2f})"
    )


def evidence_reason(
    ev: Evidence, label: Label, similarity: float, diff: RowDiff | None = None
) -> str:
    """The reason of an aligned group: conflicts first, then softer differences, then words."""

    def written(side: str, values: str) -> str:
        if diff is None:
            return values
        return ", ".join(as_written(v, diff.written(side, v)) for v in values.split(", "))

    parts: list[str] = []
    for a, b in ev.number_conflicts:
        parts.append(f"numbers differ: A {a} vs B {b}")
    for a, b in ev.date_conflicts:
        what = "times" if is_clock(a) and is_clock(b) else "dates"  # or days and months
        parts.append(f"{what} differ: A {written('a', a)} vs B {written('b', b)}")
    for a, b in ev.time_zones:
        apart = "the times differ by hours" if is_clock(a) else "dated a day apart"
        parts.append(
            f"{apart} (A {written('a', a)} vs B {written('b', b)}), as two time zones give one call"
        )
    if ev.negation:
        parts.append(f"negation on one side only: {ev.negation}")
    for a, b in ev.opposites:
        parts.append(f"opposite verbs: A '{a}' vs B '{b}'")
    if ev.requesters:
        a, b = ev.requesters
        parts.append(f"who made the request differs: A {a} vs B {b}")
    if ev.framing:
        # A's frame is one B never takes; B's may also be in A ("pressure until dialogue")
        (fa, wa), (fb, wb) = ev.framing
        parts.append(f"opposed framing: A {fa} ('{wa}') vs B {fb} ('{wb}'), B without {fa}")
    if ev.request_only:
        side, phrase = ev.request_only
        parts.append(f"only {side} says who asked for the call: '{phrase}'")
    if ev.speakers:
        parts.append(f"speaker differs: A '{ev.speakers[0]}' vs B '{ev.speakers[1]}'")
    if ev.modality:
        parts.append(f"modality differs: A {ev.modality[0]} vs B {ev.modality[1]}")
    if ev.hedge:
        parts.append(f"softened on one side: {ev.hedge[0]} says '{ev.hedge[1]}'")
    if ev.countries and not ev.requesters:
        parts.append(f"countries differ: A {ev.countries[0]} vs B {ev.countries[1]}")

    phrases = {s: diff.phrases(s) for s in "ab"} if diff and label is not Label.AGREE else {}
    for side, numbers in (("a", ev.only_a_numbers), ("b", ev.only_b_numbers)):
        if diff is not None:  # not a number that is part of a term ("3국": trilateral)
            numbers = diff.numbers(side, numbers)
        shown = [written(side, n) for n in numbers]
        shown = [n for n in shown if not any(n in p for p in phrases.get(side, ()))]
        if shown:
            parts.append(f"only {side.upper()} gives " + ", ".join(shown[:4]))
    if label is not Label.AGREE:
        if diff is not None and diff.terms is not None:
            parts += _terms_part(diff)
        elif diff is not None:  # what is marked in the text, quoted: no word the text hides
            for side, found in phrases.items():
                if found:
                    parts.append(f"{side.upper()}: " + ", ".join(f"\u201c{p}\u201d" for p in found))
        else:
            if ev.only_a_words:
                parts.append("only in A: " + ", ".join(ev.only_a_words[:8]))
            if ev.only_b_words:
                parts.append("only in B: " + ", ".join(ev.only_b_words[:8]))
    own = ev.own_clause or (_own_phrase(ev, diff) if label is Label.AGREE else None)
    if own:
        side, clause = own
        parts.append(f"{side} also says \u201c{clause}\u201d, which {_other(side)} does not report")
    if ev.framed_speakers:
        parts.append(_framed(*ev.framed_speakers))
    if not parts and label is Label.AGREE:
        return f"same content (similarity {similarity:.2f})"
    if not parts:  # e.g. across languages, where only numbers can be compared word for word
        parts.append(
            f"similarity {similarity:.2f} is below the agree threshold; compare the wording by eye"
        )
    return f"{_HEADS[label]}: " + "; ".join(parts)


def _own_phrase(ev: Evidence, diff: RowDiff | None) -> tuple[str, str] | None:
    """On an agree row with a part of its own (`diff.own_part`), that side and its marked
    phrase that says most beyond dates, times and logistics, as written."""
    if diff is None:
        return None
    for side, share in (("A", ev.a_extra_share), ("B", ev.b_extra_share)):
        if share < OWN_PART_SHARE:
            continue
        # the phrase that says most beyond the logistics ("commencing at 4:30 p.m." says none)
        said = {p: _substance(p) for p in diff.phrases(side.lower())}
        best = max(said, key=lambda p: said[p], default=None)
        if best is not None and said[best] >= _MIN_OWN_WORDS:
            return side, best
    return None


# a phrase named on an agree row says this much at least: two content words beyond logistics
_MIN_OWN_WORDS = 2


def _substance(phrase: str) -> int:
    """How many content words `phrase` has beyond logistics, dates, times and numbers."""
    for v in read(phrase):  # blanked, so the offsets of the later values still hold
        phrase = phrase[: v.start] + " " * (v.end - v.start) + phrase[v.end :]
    return sum(w.lower() not in LOGISTICS for w in content_words(phrase).values())


def _framed(a: str, b: str) -> str:
    """Why two subjects that differ are no different speaker (`Evidence.framed_speakers`)."""
    if b.lower() in FRAMING_SUBJECTS or a.lower() in FRAMING_SUBJECTS:
        pronoun, side = (b, "B") if b.lower() in FRAMING_SUBJECTS else (a, "A")
        named = a if side == "B" else b
        return (
            f"subjects differ, not a different speaker: {side}'s '{pronoun}' carries on from "
            f"the sentence before ({_other(side)}: '{named}')"
        )
    return (
        f"subjects differ, not a different speaker: A opens with '{a}', B with '{b}', and "
        "each side names both"
    )


def _other(side: str) -> str:
    return "B" if side == "A" else "A"


def as_written(value: str, written: str | None) -> str:
    """A date, time or bare number as its side writes it ("Aug. 5", "4,000"); a date written
    in digits only ("1.15.", "8월 5일") keeps the month's name in front for a reader of the
    other language, and so does a weekday or a clock time written in Korean ("Saturday (토)",
    "9:00 p.m. (오후 9시)")."""
    if not written or re.match(r"\d+(?:\.\d+)? [a-z]+$", value):
        return value  # a quantity reads best as the label stage names it: "35 minutes"
    if not re.search(r"[A-Za-z]", written):
        if re.fullmatch(r"[a-z]{3} \d{1,2}", value):  # 'Jan 15 (1.15)'
            return f"{value.capitalize()} ({written.rstrip('.')})"
        if value.startswith("the "):  # a day without its month: 'the 18th (18일)'
            return f"{value} ({written})"
        if value in WEEKDAYS:  # 'Saturday (토)', 'Monday (월요일)'
            return f"{value.capitalize()} ({written.strip(' ()')})"
        if is_clock(value):  # '9:00 p.m. (오후 9시)'
            return f"{value} ({written})"
    return written


def _terms_part(diff: RowDiff) -> list[str]:
    """Across languages: the glossary terms both sides name and those only one side names,
    each as its English gloss with the words of the text ("alliance (동맹)")."""
    terms = diff.terms
    assert terms is not None

    def shown(gloss: str, written: str) -> str:
        return (
            gloss
            if written.lower() == gloss.lower() or written.isascii()
            else f"{gloss} ({written})"
        )

    def ranked(items):  # as `glossary.ranked` orders their glosses: titles out, names last
        by_gloss = {t.gloss: t for t in reversed(items)}  # the first of a gloss
        order = ranked_glosses((t.gloss for t in items), terms.common)
        return [by_gloss[g] for g in order][:_SHOWN_TERMS]

    def merged(found: list[tuple[str, str]]) -> list[str]:
        """One entry per Korean word: a compound that names several concepts is one word of
        the text, shown once with all its glosses ("ROK/U.S./Japan (한미일)")."""
        entries: list[tuple[list[str], str]] = []
        at: dict[str, int] = {}
        for gloss, written in found:
            if not written.isascii() and written in at:
                entries[at[written]][0].append(gloss)
                continue
            at.setdefault(written, len(entries))
            entries.append(([gloss], written))
        return [shown("/".join(glosses), written) for glosses, written in entries]

    parts = []
    shared = merged([(t.gloss, t.a if not t.a.isascii() else t.b) for t in ranked(terms.shared)])
    if shared:
        parts.append("both name " + ", ".join(shared))
    for side, items in (("A", terms.only_a), ("B", terms.only_b)):
        own = merged([(t.gloss, t.written) for t in ranked(items)])
        if own:
            parts.append(f"only in {side}: " + ", ".join(own))
    return parts
