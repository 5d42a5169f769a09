"""Why the aligner grouped statements, or left one alone, in words (the CSV's `basis` column,
the app and the report).

The aligner records the rule behind each link (`Alignment.bases`, compare.align); this module
renders it with the statements' ids and similarity, so an analyst can check a grouping against
the rule that made it (docs/method.md §3). An only-A / only-B row says what became of its
nearest statement on the other side.
"""

from __future__ import annotations

from functools import lru_cache

from .review import tool_row
from .schema import Alignment, Basis, Comparison, Label, LinkBasis
from .similarity import combined_score, rare_stems
from .text import content_words

_SHOWN_WORDS = 4


def basis(row: Alignment, comparison: Comparison) -> str:
    """One clause per link of a group ("a0-b1: each other's best match"); on an only-A /
    only-B row, why its nearest statement is not its partner. Empty when the row does not say
    (a row built without the aligner's rules)."""
    row = tool_row(row)
    if row.label in (Label.ONLY_A, Label.ONLY_B):
        return _alone(row, comparison)
    if len(row.bases) != len(row.links):
        return ""
    return "; ".join(
        f"a{i}-b{j}: {_link_words(why, i, j, comparison)}"
        for (i, j), why in zip(row.links, row.bases, strict=True)
    )


def _link_words(why: LinkBasis, i: int, j: int, comparison: Comparison) -> str:
    # `why.side` is the statement the rule turns on; `other` its partner in this link
    this, other = (f"a{i}", f"b{j}") if why.side == "a" else (f"b{j}", f"a{i}")
    if why.rule is Basis.BEST:
        return "each other's best match"
    if why.rule is Basis.NEAR_BEST:
        return f"{this} is {other}'s best match, and {other} is nearly as close to {this} as {this}'s best"
    if why.rule is Basis.HUB:
        return (
            f"{other} matches {this} clearly better than any other statement, and {this} "
            "has another partner (it covers several points)"
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
    as statement a{i} writes them."""
    rare = _rare(
        tuple(s.text for s in comparison.a.content), tuple(s.text for s in comparison.b.content)
    )
    a_words = content_words(comparison.a.statements[i].text)
    b_words = content_words(comparison.b.statements[j].text)
    return [a_words[s] for s in sorted(rare & a_words.keys() & b_words.keys())][:_SHOWN_WORDS]


@lru_cache(maxsize=8)
def _rare(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> frozenset[str]:
    """`rare_stems`, once per comparison: every shared-words link of every row asks."""
    return rare_stems(a_texts, b_texts)


def _alone(row: Alignment, comparison: Comparison) -> str:
    """What became of an only-A / only-B row's nearest statement on the other side."""
    if row.nearest is None:
        return "the other side has no statement to match"
    other = "b" if row.label is Label.ONLY_A else "a"
    nearest = f"{other}{row.nearest}"
    for group in comparison.alignments:
        if row.nearest in (group.b if other == "b" else group.a) and group.group_id:
            mates = ", ".join(
                f"{'a' if other == 'b' else 'b'}{k}" for k in (group.a if other == "b" else group.b)
            )
            return f"its nearest, {nearest}, is grouped with {mates} ({group.group_id})"
    score = combined_score(row.similarity, row.lexical, comparison.config)
    floor = comparison.config.link_threshold
    if score < floor:
        return f"its nearest, {nearest}, scores under the link floor ({score:.2f} < {floor:.2f})"
    return f"it and its nearest, {nearest}, are not each other's best match"
