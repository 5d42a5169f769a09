"""HTML views of a comparison, rendered with Jinja2 templates (compare/report/templates/) with
autoescaping on: everything taken from a readout (statement text, source names, reasons, search
queries) is escaped by the template engine, so a readout containing `<script>` shows the tag as
text. No JavaScript and no external assets: `html_report` opens in any browser without a network,
and the fragments (`side_by_side_html`, `summary_html`, `findings_html`) embed in the app.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..diff import row_diff
from ..grouping import basis, score_note
from ..review import ReviewedAlignment, auto_label, note_of
from ..schema import Alignment, Basis, Comparison, Label, Statement
from .findings import KIND_TITLES, Finding, key_findings
from .labels import LABEL_COLOURS, LABEL_ORDER, label_description, label_title
from .rows import row_anchor, row_reason, row_statements, search_spans
from .sources import side_tag
from .summary import headline, model_line
from .truncation import CutKind, Truncation, truncations

FINDINGS_SHOWN = 8
#: who reviewed, as the views name them: the app speaks to the analyst, the report about them
YOU, ANALYST = "your", "the analyst's"


@dataclass(frozen=True)
class Run:
    """A stretch of text with the CSS classes (and tooltip) of the marks covering it."""

    text: str
    css: str = ""
    title: str = ""


def runs(text: str, marks: Iterable[tuple[int, int, str, str]]) -> list[Run]:
    """`text` cut where marks begin and end; `marks` are (start, end, css, title), and where
    marks overlap their classes combine."""
    marks = [m for m in marks if m[1] > m[0]]
    if not marks:
        return [Run(text)] if text else []
    cuts = sorted({0, len(text), *(p for m in marks for p in (max(0, m[0]), min(len(text), m[1])))})
    out = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if end <= start:
            continue
        over = [m for m in marks if m[0] <= start and end <= m[1]]
        css = " ".join(sorted({c for m in over for c in m[2].split()}))
        title = next((m[3] for m in over if m[3]), "")
        out.append(Run(text[start:end], css, title))
    return out


@dataclass(frozen=True)
class _StatementView:
    id: str
    runs: list[Run]
    cut_off: bool = False


@dataclass(frozen=True)
class _RowView:
    label: str
    title: str
    anchor: str
    group: str
    a_ids: str
    b_ids: str
    score_word: str
    similarity: float
    a: list[_StatementView]
    b: list[_StatementView]
    reason: list[Run]
    basis: str  # why the aligner grouped the row's statements, or left it alone
    basis_title: str  # what its scores are
    # review mode: the label stage's label when the analyst set another one, and their note
    tool_title: str = ""
    note: str = ""


@dataclass(frozen=True)
class _FindingView:
    kind: str
    tag: str
    side: str
    text: str
    anchor: str
    where: str
    logistics: bool
    # the analyst's label of the row, when it differs from the tool's the finding reads
    yours: str = ""
    tool: str = ""


@dataclass(frozen=True)
class _ReviewView:
    key: str
    anchor: str
    yours: str
    tool: str
    note: str
    moved: str  # "b1 joined this row", "b1 out of its group"; "" when no statement was moved


@cache
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("compare.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def _render(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(_common(), **context)


@cache
def _common() -> dict[str, Any]:
    colours = [
        {"value": label.value, "bg": bg, "accent": accent}
        for label, (bg, accent) in LABEL_COLOURS.items()
    ]
    return {"colours": colours}


# --- view models -------------------------------------------------------------------------------


def _row_view(comparison: Comparison, row: Alignment, query: str, cut: dict[str, int]) -> _RowView:
    a_st, b_st = row_statements(comparison, row)
    diff = row_diff(comparison, row)
    names = (comparison.a.name, comparison.b.name)

    def statements(side: str, sts: Sequence[Statement]) -> list[_StatementView]:
        views = []
        for st, marked in zip(sts, diff.side(side), strict=True):
            marks = [(s.start, s.end, s.css, _mark_title(s)) for s in marked.spans]
            marks += [(s, e, "rc-hit", "") for s, e in search_spans(st.text, query)]
            views.append(_StatementView(st.id, runs(st.text, marks), cut.get(side) == st.index))
        return views

    reason = row_reason(comparison, row, diff)  # the tool's, under the tool's label
    only = row.label in (Label.ONLY_A, Label.ONLY_B)
    return _RowView(
        label=row.label.value,
        title=label_title(row.label, names),
        anchor=row_anchor(row),
        group=row.group_id,
        a_ids=" ".join(s.id for s in a_st),
        b_ids=" ".join(s.id for s in b_st),
        score_word="nearest" if only else "sim",
        similarity=row.similarity,
        a=statements("a", a_st),
        b=statements("b", b_st),
        reason=runs(reason, [(s, e, "rc-hit", "") for s, e in search_spans(reason, query)]),
        basis=basis(row, comparison),
        basis_title=score_note(comparison.config),
        tool_title=_relabelled(row, names)[1],
        note=note_of(row),
    )


def _mark_title(span) -> str:
    if span.mark.value == "conflict":
        return f"conflicts with the other side ({span.topic})" if span.topic else "conflict"
    if span.mark.value == "term":
        return f"both sides: {span.topic}"
    if span.mark.value == "diff" and span.topic and span.topic not in ("number", "date"):
        return span.topic  # a glossary term on this side only: its English gloss
    return ""


def _cut_statements(notes: Sequence[Truncation]) -> dict[str, int]:
    return {
        n.side: n.statement for n in notes if n.kind is CutKind.CUT_OFF and n.statement is not None
    }


def _finding_view(f: Finding, names: Sequence[str]) -> _FindingView:
    where = f.row.group_id or f.anchor.removeprefix("row-")
    return _FindingView(
        f.kind.value,
        KIND_TITLES[f.kind],
        f.side,
        f.text,
        f.anchor,
        where,
        f.logistics,
        *_relabelled(f.row, names),
    )


def _relabelled(row: Alignment, names: Sequence[str]) -> tuple[str, str]:
    """(the analyst's label, the tool's) as titles when the analyst relabelled the row, else
    ("", "")."""
    if isinstance(row, ReviewedAlignment) and row.overridden:
        return label_title(row.label, names), label_title(auto_label(row), names)
    return "", ""


def _review_views(comparison: Comparison) -> list[_ReviewView]:
    """The rows the analyst labelled, annotated or moved statements into or out of, in table
    order."""
    names = (comparison.a.name, comparison.b.name)
    return [
        _ReviewView(
            row.group_id or row_anchor(row).removeprefix("row-"),
            row_anchor(row),
            _relabelled(row, names)[0],
            label_title(auto_label(row), names),
            note_of(row),
            moved,
        )
        for row in comparison.alignments
        if (moved := _moved(row)) or isinstance(row, ReviewedAlignment)
    ]


def _moved(row: Alignment) -> str:
    """Which statements of `row` the analyst's edits moved: those whose every link in the row
    is the analyst's, or the statement of an only-A / only-B row the tool had grouped (moved
    out, or left alone when its partners were)."""
    if not row.bases:  # a row made without the aligner's rules (review, hand-made) tells none
        return ""
    if not row.links:
        if row.bases[0].rule is Basis.ANALYST:
            return f"{(row.a and f'a{row.a[0]}') or f'b{row.b[0]}'} out of its group"
        return ""
    bases = zip(row.links, row.bases, strict=True)
    analyst = [link for link, why in bases if why.rule is Basis.ANALYST]
    if not analyst:
        return ""
    moved = [
        f"{side}{k}"
        for side, position in (("a", 0), ("b", 1))
        for k in (row.a if side == "a" else row.b)
        if all(link in analyst for link in row.links if link[position] == k)
    ]
    return f"{', '.join(moved)} joined this row" if moved else ""


def _legend(names: Sequence[str], counts: dict[str, int] | None) -> list[dict[str, Any]]:
    return [
        {
            "value": label.value,
            "title": label_title(label, names),
            "description": label_description(label, names),
            "count": None if counts is None else counts.get(label.value, 0),
        }
        for label in LABEL_ORDER
    ]


def _marks_used(rows: Iterable[_RowView]) -> set[str]:
    """The marks (rc-diff, rc-conflict, ...) the rows show, so the legend explains only those."""
    return {
        css for row in rows for st in (*row.a, *row.b) for run in st.runs for css in run.css.split()
    }


# --- fragments and the page --------------------------------------------------------------------


def side_by_side_html(
    comparison: Comparison,
    rows: Sequence[Alignment] | None = None,
    *,
    query: str = "",
    style: bool = True,
    who: str = YOU,
) -> str:
    """The side-by-side table (with its CSS unless `style=False`), for `rows` or all rows;
    `who` names the reviewer on a row they labelled or annotated ("your label: ...")."""
    rows = comparison.alignments if rows is None else rows
    notes = truncations(comparison)
    cut = _cut_statements(notes)
    return _render(
        "table.html.j2",
        style=style,
        who=who,
        names=(comparison.a.name, comparison.b.name),
        side_tags=_side_tags(comparison),
        cut_sides={n.side for n in notes if n.kind is CutKind.CUT_OFF},
        rows=[_row_view(comparison, row, query, cut) for row in rows],
    )


def _side_tags(comparison: Comparison) -> tuple[str, str]:
    """The table head's '(A)' / '(B)' after each name, unless the name says it already."""
    return side_tag(comparison.a.name, "a"), side_tag(comparison.b.name, "b")


def row_html(comparison: Comparison, row: Alignment, query: str = "", who: str = YOU) -> str:
    """One side-by-side row: A's statement(s) | label | B's statement(s), then the reason (and,
    on a reviewed row, the reviewer's label beside the tool's, and their note)."""
    cut = _cut_statements(truncations(comparison))
    return _render("row.html.j2", r=_row_view(comparison, row, query, cut), who=who)


def legend_html(names: Sequence[str] = ("A", "B"), counts: dict[str, int] | None = None) -> str:
    """One chip per label with its colour and meaning (and its count when given), and the marks."""
    return _render("legend.html.j2", legend=_legend(names, counts), marks=None)


def findings_html(
    comparison: Comparison,
    findings: Sequence[Finding] | None = None,
    *,
    limit: int = FINDINGS_SHOWN,
    style: bool = True,
    who: str = YOU,
) -> str:
    """The key findings panel: notes on a cut-off or much shorter side, then the weightiest
    findings, each linked to its row (#row-g3). `findings` defaults to `key_findings`. A
    finding reads the tool's evidence; on a row the reviewer relabelled, their label is shown."""
    found = key_findings(comparison) if findings is None else tuple(findings)
    names = (comparison.a.name, comparison.b.name)
    return _render(
        "findings.html.j2",
        style=style,
        who=who,
        notes=[n.text for n in truncations(comparison)],
        findings=[_finding_view(f, names) for f in found[:limit]],
        more=max(0, len(found) - limit),
    )


def review_html(comparison: Comparison, *, style: bool = True, who: str = YOU) -> str:
    """The rows the reviewer labelled or annotated: their label beside the tool's, their note,
    a link to the row. Empty when nothing was reviewed."""
    reviewed = _review_views(comparison)
    if not reviewed:
        return ""
    return _render("review.html.j2", style=style, who=who, reviewed=reviewed)


def summary_html(comparison: Comparison) -> str:
    """Counts per label (as legend chips) and the headline sentence, with the CSS."""
    names = (comparison.a.name, comparison.b.name)
    cut = _cut_statements(truncations(comparison))
    views = [_row_view(comparison, row, "", cut) for row in comparison.alignments]
    return _render(
        "summary.html.j2",
        headline=headline(comparison),
        legend=_legend(names, comparison.counts()),
        marks=_marks_used(views),
    )


def html_report(comparison: Comparison) -> str:
    """A self-contained HTML document: the headline, the key findings, the side-by-side view
    and what was not compared (inline CSS, no scripts, no external assets)."""
    a, b = comparison.a, comparison.b
    names = (a.name, b.name)
    notes = truncations(comparison)
    cut = _cut_statements(notes)
    found = key_findings(comparison)
    skipped = [s for doc in (a, b) for s in doc.statements if not s.is_content]
    views = [_row_view(comparison, row, "", cut) for row in comparison.alignments]
    return _render(
        "report.html.j2",
        title=f"Readout comparison: {a.name} vs {b.name}",
        sides=[
            {"side": "A", "name": a.name, "count": len(a.content), "language": a.language},
            {"side": "B", "name": b.name, "count": len(b.content), "language": b.language},
        ],
        model=model_line(comparison),
        headline=headline(comparison, found),
        notes=[n.text for n in notes],
        findings=[_finding_view(f, names) for f in found[:FINDINGS_SHOWN]],
        more=max(0, len(found) - FINDINGS_SHOWN),
        legend=_legend(names, comparison.counts()),
        marks=_marks_used(views),
        names=names,
        side_tags=_side_tags(comparison),
        cut_sides={n.side for n in notes if n.kind is CutKind.CUT_OFF},
        rows=views,
        skipped=[{"id": s.id, "text": s.text} for s in skipped],
        reviewed=_review_views(comparison),
        who=ANALYST,
        style=False,
    )
