"""Why the aligner grouped statements, or left one alone, in words (the CSV's `basis` column,
the app and the report).

The aligner records the rule behind each link (`Alignment.bases`, compare.align); this module
renders it with the statements' ids and the score the aligner compared, so an analyst can check
a grouping against the rule that made it (docs/method.md §3). An only-A / only-B row says why
it stands alone, from the statement the aligner scores highest with it (`Alignment.best`).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .review import tool_row
from .schema import Alignment, Basis, Comparison, Config, Label, LinkBasis
from .similarity import combined_score, rare_stems
from .text import content_words

_SHOWN_WORDS = 4


def basis(row: Alignment, comparison: Comparison) -> str:
    """One clause per link of a group ("a0-b1 (score 0.62): each other's best match"); on an
    only-A / only-B row, why the aligner left it alone. Empty when the row does not say (a row
    built without the aligner's rules)."""
    row = tool_row(row)
    if row.label in (Label.ONLY_A, Label.ONLY_B):
        return _alone(row, comparison)
    if len(row.bases) != len(row.links):
        return ""
    clauses = []
    for (i, j), why in zip(row.links, row.bases, strict=True):
        score = "" if why.score is None else f" (score {why.score:.2f})"
        clauses.append(f"a{i}-b{j}{score}: {_link_words(why, i, j, comparison)}")
    return "; ".join(clauses)


def score_note(config: Config) -> str:
    """What the scores in `basis` are, for a tooltip or a legend."""
    w = config.semantic_weight
    return (
        f"score = {w:.1f} x similarity + {1 - w:.1f} x word overlap, what the aligner compares; "
        f"a link needs at least {config.link_threshold:.2f} (the link floor)"
    )


def _link_words(why: LinkBasis, i: int, j: int, comparison: Comparison) -> str:
    # `why.side` is the statement the rule turns on; `other` its partner in this link
    this, other = (f"a{i}", f"b{j}") if why.side == "a" else (f"b{j}", f"a{i}")
    if why.rule is Basis.BEST:
        return "each other's best match"
    if why.rule is Basis.NEAR_BEST:
        best = "" if why.best is None else f", {'b' if why.side == 'a' else 'a'}{why.best}"
        margin = comparison.config.extra_margin
        return (
            f"{this} is {other}'s best match, and {other} comes within {margin:.2f} of the "
            f"score of {this}'s own best match{best}"
        )
    if why.rule is Basis.HUB:
        return (
            f"{this} is {other}'s clear best match, and {this} has another partner "
            "(it covers several points)"
        )
    if why.rule is Basis.SHARED_WORDS:
        words = shared_words(comparison, i, j)
        return "they share words no other statement uses" + (
            ": " + ", ".join(f"'{w}'" for w in words) if words else ""
        )
    if why.rule is Basis.CONTINUATION:
        before = f"a{i - 1}" if why.side == "a" else f"b{j - 1}"
        return f"{this} goes on from {before}, so it joins {before}'s partner {other}"
    return "moved here by the analyst"


def shared_words(comparison: Comparison, i: int, j: int) -> list[str]:
    """The words statements a{i} and b{j} share that no other statement of either side uses,
    as both write them (a word one side writes otherwise, "DPRK" for "North Korea", is left out)."""
    rare = _rare(
        tuple(s.text for s in comparison.a.content), tuple(s.text for s in comparison.b.content)
    )
    a_text, b_text = comparison.a.statements[i].text, comparison.b.statements[j].text
    a_words, b_words = content_words(a_text), content_words(b_text)
    shown = []
    for stem in sorted(rare & a_words.keys() & b_words.keys()):
        for word in dict.fromkeys((a_words[stem], b_words[stem])):
            in_a, in_b = _written(a_text, word), _written(b_text, word)
            if in_a and in_b:
                shown.append(in_a)
                break
    return shown[:_SHOWN_WORDS]


def _written(text: str, word: str) -> str | None:
    """`word` as `text` writes it (any case), or None when `text` does not hold it as a word."""
    found = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I)
    return found.group() if found else None


@lru_cache(maxsize=8)
def _rare(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> frozenset[str]:
    """`rare_stems`, once per comparison: every shared-words link of every row asks."""
    return rare_stems(a_texts, b_texts)


def _alone(row: Alignment, comparison: Comparison) -> str:
    """Why the aligner left an only-A / only-B row alone, from the statement it scores highest."""
    this = f"a{row.a[0]}" if row.label is Label.ONLY_A else f"b{row.b[0]}"
    other = "b" if row.label is Label.ONLY_A else "a"
    if row.bases and row.bases[0].rule is Basis.ANALYST:
        return f"the analyst's edits left {this} on a row of its own (the tool had grouped it)"
    if row.best is not None:
        index, score = row.best
    elif row.nearest is not None:  # a row made without the aligner's pick: its nearest
        index, score = row.nearest, combined_score(row.similarity, row.lexical, comparison.config)
    else:
        return "the other side has no statement to match"
    floor = comparison.config.link_threshold
    if score < floor:
        # shown rounded down, so that a score just under the floor never reads as the floor
        shown = f"{math.floor(score * 100) / 100:.2f}"
        if shown == f"{floor:.2f}" or f"{score:.2f}" == f"{floor:.2f}":
            shown = f"{math.floor(score * 1000) / 1000:.3f}"
        return (
            f"nothing in {other.upper()} scores up to the link floor: the highest score "
            f"(meaning and shared words) is {other}{index} at {shown}, the floor {floor:.2f}"
        )
    group = comparison.row_of(f"{other}{index}")
    if group is not None and group.group_id:
        mates = ", ".join(
            f"{'a' if other == 'b' else 'b'}{k}" for k in (group.a if other == "b" else group.b)
        )
        return (
            f"its best match, {other}{index} (score {score:.2f}), is in {group.group_id} "
            f"with {mates}, and {this} is not close enough to join it"
        )
    return f"{this} and {other}{index} (score {score:.2f}) are not each other's best match"
