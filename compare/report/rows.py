"""The rows of the side-by-side view: their statements, their anchors, filtering and search."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..diff import RowDiff
from ..explain import reason
from ..schema import Alignment, Comparison, Label, Statement


def row_statements(
    comparison: Comparison, row: Alignment
) -> tuple[list[Statement], list[Statement]]:
    """The statements of side A and side B in one alignment row."""
    a, b = comparison.a.statements, comparison.b.statements
    return [a[i] for i in row.a], [b[j] for j in row.b]


def row_anchor(row: Alignment) -> str:
    """The HTML id of a row, for links from the key findings: row-g3, or row-b2 for an
    only-B row."""
    if row.group_id:
        return f"row-{row.group_id}"
    side, index = ("a", row.a[0]) if row.a else ("b", row.b[0])
    return f"row-{side}{index}"


def row_reason(comparison: Comparison, row: Alignment, diff: RowDiff | None = None) -> str:
    """The reason the views show: the row's evidence, quoting the text as written."""
    return reason(row, comparison, diff=diff)


def row_matches(comparison: Comparison, row: Alignment, query: str) -> bool:
    """Does the row's text, reason or group id contain `query` (case-insensitive)?"""
    query = query.strip().lower()
    if not query:
        return True
    a_st, b_st = row_statements(comparison, row)
    haystack = [s.text for s in a_st + b_st]
    haystack += [row_reason(comparison, row), row.group_id, row.label.value]
    return any(query in h.lower() for h in haystack)


def filter_rows(
    comparison: Comparison, labels: Iterable[Label | str] | None = None, query: str = ""
) -> list[Alignment]:
    """Rows whose label is in `labels` (all when None) and that match the search `query`."""
    wanted = None if labels is None else {Label(x) for x in labels}
    return [
        row
        for row in comparison.alignments
        if (wanted is None or row.label in wanted) and row_matches(comparison, row, query)
    ]


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive spans of `query` in `text`."""
    query = query.strip()
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(query), text, re.I)]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~:$^=&])")


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown (and Streamlit's :color[] / $math$ syntax) would interpret."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
