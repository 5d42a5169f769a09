"""Comparisons built by hand for the presentation tests: statements and groups as written, each
group labelled by the real label stage, so a view can be tested without a model or an aligner."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from compare.label import label_group
from compare.schema import Alignment, Comparison, Config, Document, Label, Statement


def document(side: str, name: str, texts: Sequence[str], language: str = "en") -> Document:
    """A readout whose statements are `texts`, one per line."""
    statements, start = [], 0
    for i, text in enumerate(texts):
        statements.append(Statement(side, i, start, start + len(text), text))
        start += len(text) + 1
    return Document(side, name, "\n".join(texts), tuple(statements), language)


def comparison(
    a: Sequence[str],
    b: Sequence[str],
    groups: Sequence[tuple[Sequence[int], Sequence[int], float, float]],
    *,
    names: tuple[str, str] = ("A", "B"),
    languages: tuple[str, str] = ("en", "en"),
) -> Comparison:
    """`groups` are (A indices, B indices, similarity, word overlap); every statement left
    out of them becomes an only-A / only-B row, after the groups."""
    rows = []
    crosslingual = languages[0] != languages[1]
    for n, (ia, ib, sim, lex) in enumerate(groups, start=1):
        label, ev = label_group(
            [a[i] for i in ia], [b[j] for j in ib], sim, lex, Config(), crosslingual=crosslingual
        )
        links = tuple((i, j) for i in ia for j in ib)
        rows.append(Alignment(f"g{n}", label, tuple(ia), tuple(ib), sim, lex, ev, links))
    grouped_a = {i for g in groups for i in g[0]}
    grouped_b = {j for g in groups for j in g[1]}
    rows += [
        Alignment("", Label.ONLY_A, (i,), (), 0.2, 0.0) for i in range(len(a)) if i not in grouped_a
    ]
    rows += [
        Alignment("", Label.ONLY_B, (), (j,), 0.2, 0.0) for j in range(len(b)) if j not in grouped_b
    ]
    sim = np.zeros((len(a), len(b)), np.float32)
    for ia, ib, s, _ in groups:
        for i in ia:
            for j in ib:
                sim[i, j] = s
    docs = document("a", names[0], a, languages[0]), document("b", names[1], b, languages[1])
    return Comparison(docs[0], docs[1], tuple(rows), Config(), "hand-made", sim)
