"""The similarity heatmap: cosine similarity of every content statement of A with every one of B,
with the links the aligner chose outlined. A pure function of the comparison that returns a
chart (altair, which streamlit ships); nothing is drawn here.

It stays bounded for big pairs: past `max_side` statements on a side, consecutive statements are
binned into at most `max_side` bins, each cell showing the highest similarity in its block
(so a strong link is never averaged away). A 1,000 x 1,000 pair gives at most 60 x 60 = 3,600
cells, computed with numpy on the similarity array, not a million Python records.
"""

from __future__ import annotations

import math
from typing import Any

from ..schema import Comparison, Label
from .labels import LABEL_COLOURS

MAX_SIDE = 60
_TEXT_WIDTH = 90
# cells show their value as text only while they are big enough to read
_MAX_SIDE_WITH_VALUES = 25
# when a block holds links of several labels, the one shown is the most severe
_SEVERITY = (Label.DIVERGE, Label.PARTIAL, Label.AGREE)


def heatmap_cells(comparison: Comparison, *, max_side: int = MAX_SIDE) -> list[dict[str, Any]]:
    """One record per cell: a statement pair, or a block of consecutive statements when a side
    has more than `max_side` of them.

    Each record has `a_id` / `b_id` ("a3", or "a0-a16" for a block), `a_order` / `b_order`,
    `similarity` (the highest in the block), `chosen` (a link of an aligned group lies in it),
    `group_id` / `label` of that link, `links` (how many), and `a_text` / `b_text` for tooltips
    (shortened; empty for blocks).
    """
    import numpy as np

    ca, cb = comparison.a.content, comparison.b.content
    if not ca or not cb:
        return []
    sim = np.asarray(comparison.similarity, np.float32)
    step_a, step_b = math.ceil(len(ca) / max_side), math.ceil(len(cb) / max_side)
    bins_a, bins_b = math.ceil(len(ca) / step_a), math.ceil(len(cb) / step_b)
    padded = np.full((bins_a * step_a, bins_b * step_b), -np.inf, np.float32)
    padded[: len(ca), : len(cb)] = sim
    block_max = padded.reshape(bins_a, step_a, bins_b, step_b).max(axis=(1, 3))

    order_a = {s.index: i for i, s in enumerate(ca)}
    order_b = {s.index: j for j, s in enumerate(cb)}
    links: dict[tuple[int, int], list] = {}
    for row in comparison.alignments:
        for ia, jb in row.links:
            if ia in order_a and jb in order_b:
                key = (order_a[ia] // step_a, order_b[jb] // step_b)
                links.setdefault(key, []).append(row)

    def ids(statements, start: int, step: int) -> str:
        block = statements[start : start + step]
        return block[0].id if len(block) == 1 else f"{block[0].id}\u2013{block[-1].id}"

    cells = []
    for i in range(bins_a):
        for j in range(bins_b):
            rows = links.get((i, j), [])
            shown = min(rows, key=lambda r: _SEVERITY.index(r.label)) if rows else None
            single = step_a == 1 and step_b == 1
            cells.append(
                {
                    "a_id": ids(ca, i * step_a, step_a),
                    "b_id": ids(cb, j * step_b, step_b),
                    "a_order": i,
                    "b_order": j,
                    "similarity": float(block_max[i, j]),
                    "chosen": shown is not None,
                    "group_id": shown.group_id if shown else "",
                    "label": shown.label.value if shown else "",
                    "links": len(rows),
                    "a_text": _short(ca[i].text) if single else "",
                    "b_text": _short(cb[j].text) if single else "",
                }
            )
    return cells


def heatmap_chart(comparison: Comparison, *, max_side: int = MAX_SIDE):
    """An altair chart of `heatmap_cells`: blue cells by similarity, chosen links outlined in
    their label's colour, values written in the cells of small pairs. None when a side has no
    content statement."""
    import altair as alt
    import pandas as pd

    cells = pd.DataFrame(heatmap_cells(comparison, max_side=max_side))
    if cells.empty:
        return None
    names = (comparison.a.name, comparison.b.name)
    a_order = list(dict.fromkeys(cells.sort_values("a_order")["a_id"]))
    b_order = list(dict.fromkeys(cells.sort_values("b_order")["b_id"]))
    small = max(len(a_order), len(b_order)) <= _MAX_SIDE_WITH_VALUES
    x = alt.X(
        "b_id:N",
        sort=b_order,
        title=f"B: {names[1]}",
        axis=alt.Axis(labelAngle=0 if small else -90, orient="top", labelOverlap=not small),
    )
    y = alt.Y("a_id:N", sort=a_order, title=f"A: {names[0]}", axis=alt.Axis(labelOverlap=not small))
    tooltip = [
        alt.Tooltip("a_id:N", title="A"),
        alt.Tooltip("b_id:N", title="B"),
        alt.Tooltip("similarity:Q", format=".2f", title="cosine (highest)"),
        alt.Tooltip("group_id:N", title="group"),
        alt.Tooltip("label:N", title="label"),
    ]
    if small:
        tooltip += [
            alt.Tooltip("a_text:N", title=names[0]),
            alt.Tooltip("b_text:N", title=names[1]),
        ]
    base = alt.Chart(cells).encode(x=x, y=y, tooltip=tooltip)
    rect = base.mark_rect().encode(
        color=alt.Color(
            "similarity:Q",
            scale=alt.Scale(scheme="blues", domain=[0, 1]),
            legend=alt.Legend(title="cosine", orient="bottom", direction="horizontal"),
        )
    )
    linked = [Label.AGREE, Label.PARTIAL, Label.DIVERGE]  # only aligned groups have links
    chosen = (
        base.transform_filter(alt.datum.chosen)
        .mark_rect(filled=False, strokeWidth=3 if small else 1.5)
        .encode(
            stroke=alt.Stroke(
                "label:N",
                scale=alt.Scale(
                    domain=[lb.value for lb in linked],
                    range=[LABEL_COLOURS[lb][1] for lb in linked],
                ),
                legend=alt.Legend(title="aligned group", orient="bottom", direction="horizontal"),
            )
        )
    )
    layers = [rect, chosen]
    if small:
        layers.insert(
            1,
            base.mark_text(fontSize=10).encode(
                text=alt.Text("similarity:Q", format=".2f"),
                color=alt.condition(
                    alt.datum.similarity > 0.6, alt.value("white"), alt.value("#1f2328")
                ),
            ),
        )
    # the height covers the plot plus the axis and the legends below it
    height = (36 if small else 12) * len(a_order) + 130
    return alt.layer(*layers).properties(height=height)


def heatmap_caption(comparison: Comparison, *, max_side: int = MAX_SIDE) -> str:
    """What the chart shows, in plain text (names unescaped: escape for the medium)."""
    a, b = comparison.a, comparison.b
    text = (
        f"Rows: statements of A ({a.name}); columns: statements of B ({b.name}). Each cell is "
        "the cosine similarity of the two statements; outlined cells are the links of the "
        "aligned groups, coloured by label."
    )
    if len(a.content) > max_side or len(b.content) > max_side:
        text += (
            f" With more than {max_side} statements on a side, each cell is a block of "
            "consecutive statements and shows the highest similarity in it."
        )
    return text


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"
