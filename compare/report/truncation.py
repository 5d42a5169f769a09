"""Does a side look cut off? A copy of a readout that ends mid-sentence, or one much shorter
than the other side's, changes how to read what only the other side reports.

Measured on the dev pairs (../shared/eval/dev/pairs, whose meta.json says which copies are cut):
a last statement without a sentence end found 8 of the 13 cut copies and flagged none of the 19
whole ones. Length is weaker: readouts of one call often differ threefold in length (a short US
readout against a long Japanese one), so a much shorter side is reported as a fact to weigh,
never as a cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ..lexicon import HANGUL
from ..schema import Comparison, Document

# a Hangul syllable carries about as much as three Latin letters: the Korean and English texts
# of one readout (../shared/eval/korean/translation/02, whole on both sides) have 363 and 1,067
# non-space characters, almost all Hangul on the Korean side (one pair: in-sample)
HANGUL_WEIGHT = 2.9
# a side under half the other's weighted length is "much shorter"
SHORTER_RATIO = 0.5
# a statement of fewer words is a header or a sign-off, whose end says nothing
_MIN_WORDS = 4
_SENTENCE_END = re.compile(
    r"(?:[.!?\u3002\u2026]|[\ub2e4\uc694\uc74c\ud568\uc784\ub428])[\"'\u201d\u2019)\]]*\s*$"
)


class CutKind(StrEnum):
    CUT_OFF = "cut_off"  # ends mid-sentence
    SHORTER = "shorter"  # much shorter than the other side


@dataclass(frozen=True)
class Truncation:
    """A note on one side's text: it looks cut off, or is much shorter than the other's."""

    side: str
    kind: CutKind
    text: str
    # the statement it concerns (the last one, for a cut-off side)
    statement: int | None = None
    ratio: float = 1.0


def ends_mid_sentence(text: str) -> bool:
    """Does `text` stop before its sentence ends (no full stop, question mark or Korean
    sentence ending at the end)?"""
    text = text.strip()
    return len(text.split()) >= _MIN_WORDS and not _SENTENCE_END.search(text)


def weighted_length(text: str) -> float:
    """Non-space characters, a Hangul syllable counting as HANGUL_WEIGHT Latin letters."""
    hangul = len(HANGUL.findall(text))
    other = len(re.sub(r"\s", "", text)) - hangul
    return other + HANGUL_WEIGHT * hangul


def truncations(comparison: Comparison) -> tuple[Truncation, ...]:
    """The notes on both sides: which one looks cut off, and which is much shorter."""
    out = []
    docs = {"a": comparison.a, "b": comparison.b}
    for side, doc in docs.items():
        last = _last_content(doc)
        if last is not None and ends_mid_sentence(last.text):
            out.append(
                Truncation(
                    side,
                    CutKind.CUT_OFF,
                    f"The text from {doc.name} looks cut off: its last statement ({last.id}) "
                    "ends mid-sentence. What it said after that is missing from this copy, so a "
                    f"point only {docs[_other(side)].name} reports may have been in it.",
                    last.index,
                )
            )
    lengths = {side: weighted_length(doc.text) for side, doc in docs.items()}
    short, long = sorted("ab", key=lambda s: lengths[s])
    if lengths[long] and lengths[short] / lengths[long] < SHORTER_RATIO:
        ratio = lengths[short] / lengths[long]
        out.append(
            Truncation(
                short,
                CutKind.SHORTER,
                f"The text from {docs[short].name} is much shorter than the one from "
                f"{docs[long].name} ({_share(ratio)} as long): a point only {docs[long].name} "
                "reports may be one the shorter readout leaves out, or this copy may be an excerpt.",
                ratio=ratio,
            )
        )
    return tuple(out)


def _other(side: str) -> str:
    return "b" if side == "a" else "a"


def _last_content(doc: Document):
    content = doc.content
    return content[-1] if content else None


def _share(ratio: float) -> str:
    for limit, words in (
        (0.2, "a fifth or less"),
        (0.3, "about a quarter"),
        (0.37, "about a third"),
    ):
        if ratio < limit:
            return words
    return "less than half"
