"""Presentation of a comparison, split by job; the app and the offline report both use it.

labels.py      the five labels' colours, titles and meanings
sources.py     guess who published a readout
rows.py        rows of the side-by-side view: statements, anchors, reason, filter, search
findings.py    key findings, ranked (substance above logistics), each pointing to its row
summary.py     the one-sentence headline
rerun.py       what comparing the same readouts with other settings changed
truncation.py  does a side look cut off, or much shorter than the other?
heatmap.py     the similarity heatmap as an altair chart (bounded for big pairs)
html.py        HTML fragments and the self-contained report, from Jinja2 templates; a row
               the analyst relabelled shows the tool's reason under the tool's label, with
               the analyst's label and note beside it

from compare.report import html_report, headline, key_findings
page = html_report(comparison)      # one self-contained HTML document
print(headline(comparison))         # one sentence about the main differences
"""

from .findings import KIND_TITLES, WEIGHTS, Finding, FindingKind, key_findings
from .heatmap import MAX_SIDE, heatmap_caption, heatmap_cells, heatmap_chart
from .html import (
    Run,
    findings_html,
    html_report,
    legend_html,
    review_html,
    row_html,
    runs,
    side_by_side_html,
    summary_html,
)
from .labels import (
    LABEL_COLOURS,
    LABEL_DESCRIPTIONS,
    LABEL_ORDER,
    label_colour,
    label_description,
    label_title,
)
from .rerun import rerun_note, settings_changed
from .rows import (
    filter_rows,
    markdown_escape,
    row_anchor,
    row_matches,
    row_reason,
    row_statements,
    search_spans,
)
from .sources import distinct_names, guess_source_name, side_tag, source_names
from .summary import headline, model_line, plural, statements_line
from .truncation import CutKind, Truncation, truncations

__all__ = [
    "KIND_TITLES",
    "LABEL_COLOURS",
    "LABEL_DESCRIPTIONS",
    "LABEL_ORDER",
    "MAX_SIDE",
    "WEIGHTS",
    "CutKind",
    "Finding",
    "FindingKind",
    "Run",
    "Truncation",
    "distinct_names",
    "filter_rows",
    "findings_html",
    "guess_source_name",
    "headline",
    "heatmap_caption",
    "heatmap_cells",
    "heatmap_chart",
    "html_report",
    "key_findings",
    "label_colour",
    "label_description",
    "label_title",
    "legend_html",
    "rerun_note",
    "review_html",
    "markdown_escape",
    "model_line",
    "plural",
    "row_anchor",
    "row_html",
    "row_matches",
    "row_reason",
    "row_statements",
    "runs",
    "search_spans",
    "settings_changed",
    "side_by_side_html",
    "side_tag",
    "source_names",
    "statements_line",
    "summary_html",
    "truncations",
]
