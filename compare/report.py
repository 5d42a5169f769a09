"""Presentation helpers shared by the app and the offline HTML report.

Everything taken from a readout (statement text, source names, reasons, search queries) goes
through `html.escape` before it is put into markup: a readout that contains `<script>` shows the
tag as text. The HTML here uses no JavaScript and no external assets, so `html_report` opens in
any browser without a network.

    from compare.report import html_report, headline
    page = html_report(comparison)      # one self-contained HTML document
    print(headline(comparison))         # one sentence about the main differences
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .lexicon import COUNTRY_MINISTRIES, PUBLISHERS
from .schema import Alignment, Comparison, Label, Statement
from .segment import detect_language
from .text import content_words

# ---------------------------------------------------------------------------------------------
# labels: one colour each, shared by the app, the heatmap and the report

#: label -> (background, accent) colours
LABEL_COLOURS: dict[Label, tuple[str, str]] = {
    Label.AGREE: ("#e3f4e6", "#2e7d32"),
    Label.PARTIAL: ("#fff3d1", "#b77800"),
    Label.DIVERGE: ("#fde2e1", "#c62828"),
    Label.ONLY_A: ("#e4edfb", "#1e5bb8"),
    Label.ONLY_B: ("#efe5fa", "#7b3fb8"),
}
LABEL_DESCRIPTIONS: dict[Label, str] = {
    Label.AGREE: "both sides report the same point",
    Label.PARTIAL: "same topic, details differ",
    Label.DIVERGE: "the sides conflict (numbers, dates, negation, opposite verbs, requester)",
    Label.ONLY_A: "reported by side A only",
    Label.ONLY_B: "reported by side B only",
}
LABEL_ORDER: tuple[Label, ...] = (
    Label.AGREE,
    Label.PARTIAL,
    Label.DIVERGE,
    Label.ONLY_A,
    Label.ONLY_B,
)


def label_title(label: Label | str, names: Sequence[str] = ("A", "B")) -> str:
    """Human title of a label: 'Agree', 'Partial', 'Diverge', 'Only in <A>', 'Only in <B>'."""
    label = Label(label)
    if label is Label.ONLY_A:
        return f"Only in {names[0]}"
    if label is Label.ONLY_B:
        return f"Only in {names[1]}"
    return label.value.capitalize()


def label_colour(label: Label | str) -> str:
    """The accent colour of a label (for charts)."""
    return LABEL_COLOURS[Label(label)][1]


# ---------------------------------------------------------------------------------------------
# source names


# Phrases that name who wrote a readout (compare.lexicon); the earliest one in the text wins.
_SOURCES = PUBLISHERS
_GENERIC_MINISTRY = re.compile(
    r"\bforeign minister\b|\bministry of foreign affairs\b|\bforeign ministry\b|\bthe ministry\b",
    re.I,
)
_COUNTRY_MINISTRY = COUNTRY_MINISTRIES


def guess_source_name(text: str, default: str = "") -> str:
    """A guess at who published a readout, from keywords; `default` when nothing fits."""
    if not text or not text.strip():
        return default
    head = text[:4000]
    best: tuple[int, str] | None = None
    for source in _SOURCES:
        for pattern in source.patterns:
            m = re.search(pattern, head, re.I)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), source.name)
    if best is not None:
        return best[1]
    if detect_language(head) == "ko":
        return "ROK Ministry of Foreign Affairs"
    if _GENERIC_MINISTRY.search(head):
        mentions = {
            name: len(re.findall(pattern, head, re.I)) for name, pattern in _COUNTRY_MINISTRY
        }
        ranked = sorted(mentions.items(), key=lambda kv: -kv[1])
        if ranked[0][1] and ranked[0][1] > ranked[1][1]:
            return ranked[0][0]
        return "Ministry of Foreign Affairs"
    return default


def source_names(a_text: str, b_text: str) -> tuple[str, str]:
    """Guessed names for both sides, made distinct ('Side A' / 'Side B' when nothing fits)."""
    a = guess_source_name(a_text, "Side A")
    b = guess_source_name(b_text, "Side B")
    if a == b:
        a, b = f"{a} (A)", f"{b} (B)"
    return a, b


# ---------------------------------------------------------------------------------------------
# highlighting: which words of a group are on one side only

_TOKEN = re.compile(r"[^\W\d_][\w'\u2019.-]*[^\W_]|[^\W\d_]|\d+(?:[.,:]\d+)*")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")


@dataclass(frozen=True)
class Terms:
    """What one side of a group says and the other does not: content-word stems and numbers."""

    stems: frozenset[str]
    numbers: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.stems or self.numbers)


def one_sided_terms(row: Alignment) -> tuple[Terms, Terms]:
    """What the label stage found on side A only and on side B only (stems, and the digits of
    the numbers it names), read from the row's evidence: highlights never disagree with it."""
    ev = row.evidence
    if ev is None:
        return Terms(frozenset(), frozenset()), Terms(frozenset(), frozenset())
    nums_a = [*ev.only_a_numbers, *(a for a, _ in (*ev.number_conflicts, *ev.date_conflicts))]
    nums_b = [*ev.only_b_numbers, *(b for _, b in (*ev.number_conflicts, *ev.date_conflicts))]
    return (
        Terms(ev.only_a_stems, frozenset(n for x in nums_a for n in _numbers(x))),
        Terms(ev.only_b_stems, frozenset(n for x in nums_b for n in _numbers(x))),
    )


def _numbers(text: str) -> list[str]:
    return [m.group().replace(",", "") for m in _NUMBER.finditer(text)]


def highlight_spans(text: str, terms: Terms) -> list[tuple[int, int]]:
    """Character spans of the words of `text` whose stem (or number) is in `terms`."""
    if not terms:
        return []
    spans = []
    for m in _TOKEN.finditer(text):
        token = m.group()
        if token[:1].isdigit():
            hit = token.replace(",", "") in terms.numbers
        else:
            hit = any(stem in terms.stems for stem in content_words(token))
        if hit:
            spans.append(m.span())
    return spans


def search_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive spans of `query` in `text`."""
    query = query.strip()
    if not query:
        return []
    return [m.span() for m in re.finditer(re.escape(query), text, re.I)]


def marked_html(text: str, marks: dict[str, Iterable[tuple[int, int]]]) -> str:
    """`text` escaped, with each run covered by spans wrapped in <span class="...">.

    `marks` maps a CSS class to the character spans it covers; overlapping classes combine.
    """
    cover: list[set[str]] = [set() for _ in text]
    for css, spans in marks.items():
        for start, end in spans:
            for i in range(max(0, start), min(len(text), end)):
                cover[i].add(css)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and cover[j] == cover[i]:
            j += 1
        chunk = escape(text[i:j])
        if cover[i]:
            out.append(f'<span class="{" ".join(sorted(cover[i]))}">{chunk}</span>')
        else:
            out.append(chunk)
        i = j
    return "".join(out)


def highlight_html(text: str, terms: Terms, query: str = "") -> str:
    """`text` escaped, one-sided words in <span class="rc-diff">, search hits in "rc-hit"."""
    return marked_html(
        text, {"rc-diff": highlight_spans(text, terms), "rc-hit": search_spans(text, query)}
    )


# ---------------------------------------------------------------------------------------------
# rows of the side-by-side view


def row_statements(
    comparison: Comparison, row: Alignment
) -> tuple[list[Statement], list[Statement]]:
    """The statements of side A and side B in one alignment row."""
    a, b = comparison.a.statements, comparison.b.statements
    return [a[i] for i in row.a], [b[j] for j in row.b]


def row_matches(comparison: Comparison, row: Alignment, query: str) -> bool:
    """Does the row's text, reason or group id contain `query` (case-insensitive)?"""
    query = query.strip().lower()
    if not query:
        return True
    a_st, b_st = row_statements(comparison, row)
    haystack = [s.text for s in a_st + b_st] + [row.reason, row.group_id, row.label.value]
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


def _statements_html(statements: Sequence[Statement], terms: Terms, query: str) -> str:
    return "".join(
        f'<p class="rc-st"><span class="rc-id">{escape(s.id)}</span> '
        f"{highlight_html(s.text, terms, query)}</p>"
        for s in statements
    )


def row_html(comparison: Comparison, row: Alignment, query: str = "") -> str:
    """One side-by-side row: A's statement(s) | label | B's statement(s), then the reason."""
    a_st, b_st = row_statements(comparison, row)
    names = (comparison.a.name, comparison.b.name)
    if row.label in (Label.PARTIAL, Label.DIVERGE):
        terms_a, terms_b = one_sided_terms(row)
    else:
        terms_a = terms_b = Terms(frozenset(), frozenset())
    a_ids = " ".join(s.id for s in a_st)
    b_ids = " ".join(s.id for s in b_st)
    group = f'<span class="rc-gid">{escape(row.group_id)}</span>' if row.group_id else ""
    word = "nearest" if row.label in (Label.ONLY_A, Label.ONLY_B) else "sim"
    score = f'<span class="rc-sim">{word} {row.similarity:.2f}</span>'
    return (
        f'<div class="rc-row rc-{row.label.value}" data-label="{row.label.value}" '
        f'data-group="{escape(row.group_id)}" data-a="{escape(a_ids)}" data-b="{escape(b_ids)}">'
        f'<div class="rc-cell rc-a">{_statements_html(a_st, terms_a, query)}</div>'
        f'<div class="rc-cell rc-mid"><span class="rc-chip rc-chip-{row.label.value}">'
        f"{escape(label_title(row.label, names))}</span>{group}{score}</div>"
        f'<div class="rc-cell rc-b">{_statements_html(b_st, terms_b, query)}</div>'
        f'<div class="rc-reason"><b>Why:</b> {highlight_html(row.reason, Terms(frozenset(), frozenset()), query)}</div>'
        "</div>"
    )


def side_by_side_html(
    comparison: Comparison,
    rows: Sequence[Alignment] | None = None,
    *,
    query: str = "",
    style: bool = True,
) -> str:
    """The side-by-side table (with its CSS unless `style=False`), for `rows` or all rows."""
    rows = comparison.alignments if rows is None else rows
    head = (
        '<div class="rc-row rc-head">'
        f'<div class="rc-cell rc-a">{escape(comparison.a.name)} <span class="rc-side">(A)</span></div>'
        '<div class="rc-cell rc-mid">label</div>'
        f'<div class="rc-cell rc-b">{escape(comparison.b.name)} <span class="rc-side">(B)</span></div>'
        "</div>"
    )
    body = "".join(row_html(comparison, row, query) for row in rows)
    if not rows:
        body = '<p class="rc-empty">No rows match the filters.</p>'
    css = f"<style>{CSS}</style>" if style else ""
    return f'{css}<div class="rc-table">{head}{body}</div>'


def legend_html(names: Sequence[str] = ("A", "B"), counts: dict[str, int] | None = None) -> str:
    """One chip per label with its colour and meaning (and its count when given)."""
    items = []
    for label in LABEL_ORDER:
        count = f" <b>{counts.get(label.value, 0)}</b>" if counts is not None else ""
        desc = LABEL_DESCRIPTIONS[label].replace("side A", names[0]).replace("side B", names[1])
        items.append(
            f'<span class="rc-legend-item"><span class="rc-chip rc-chip-{label.value}">'
            f"{escape(label_title(label, names))}{count}</span> "
            f'<span class="rc-legend-desc">{escape(desc)}</span></span>'
        )
    items.append(
        '<span class="rc-legend-item"><span class="rc-diff">word</span> '
        '<span class="rc-legend-desc">word on one side only (partial / diverge rows)</span></span>'
    )
    return f'<div class="rc-legend">{"".join(items)}</div>'


def summary_html(comparison: Comparison) -> str:
    """Counts per label (as legend chips) and the headline sentence."""
    names = (comparison.a.name, comparison.b.name)
    return (
        f"<style>{CSS}</style>"
        f'<p class="rc-headline">{escape(headline(comparison))}</p>'
        f"{legend_html(names, comparison.counts())}"
    )


# ---------------------------------------------------------------------------------------------
# headline


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _main_difference(comparison: Comparison) -> str | None:
    """The most telling difference: a conflict first, then the most concrete partial signal."""
    found: list[tuple[int, int, str]] = []  # (priority, row order, description)
    for order, row in enumerate(comparison.alignments):
        if row.label not in (Label.DIVERGE, Label.PARTIAL):
            continue
        ev = row.evidence
        if ev is None:
            continue
        where = f"in {row.group_id}" if row.group_id else ""
        if ev.number_conflicts:
            a, b = ev.number_conflicts[0]
            found.append((0, order, f"numbers differ {where} (A {a} vs B {b})"))
        if ev.date_conflicts:
            a, b = ev.date_conflicts[0]
            found.append((0, order, f"dates differ {where} (A {a} vs B {b})"))
        if ev.negation:
            found.append((1, order, f"one side negates {where} ({ev.negation})"))
        if ev.opposites:
            a, b = ev.opposites[0]
            found.append((2, order, f"opposite verbs {where} (A '{a}' vs B '{b}')"))
        if ev.requesters:
            a, b = ev.requesters
            found.append((2, order, f"who made the request differs {where} (A {a} vs B {b})"))
        if ev.modality:
            a, b = ev.modality
            found.append((3, order, f"the wording differs {where} (A {a} vs B {b})"))
        if ev.speakers:
            a, b = ev.speakers
            found.append((5, order, f"the speaker differs {where} (A '{a}' vs B '{b}')"))
        if ev.only_a_numbers or ev.only_b_numbers:
            side, nums = ("A", ev.only_a_numbers) if ev.only_a_numbers else ("B", ev.only_b_numbers)
            found.append((4, order, f"only {side} gives {', '.join(nums[:3])} {where}"))
    return min(found)[2] if found else None


def headline(comparison: Comparison) -> str:
    """One sentence: shared points per label, omissions per side, the main difference."""
    counts = comparison.counts()
    a, b = comparison.a.name, comparison.b.name
    shared = counts["agree"] + counts["partial"] + counts["diverge"]
    if shared:
        kinds = ", ".join(f"{counts[k]} {k}" for k in ("agree", "partial", "diverge") if counts[k])
        text = f"{a} and {b} report {_plural(shared, 'shared point')} ({kinds})"
    else:
        text = f"{a} and {b} share no point that could be aligned"
    text += (
        f"; {_plural(counts['only_a'], 'statement')} only in {a}, {counts['only_b']} only in {b}"
    )
    main = _main_difference(comparison)
    if main:
        text += f"; main difference: {main}"
    elif counts["only_a"] or counts["only_b"]:
        text += "; the main difference is what each side leaves out"
    return text + "."


# ---------------------------------------------------------------------------------------------
# similarity heatmap data


def heatmap_cells(comparison: Comparison, *, width: int = 90) -> list[dict]:
    """One record per (content A statement, content B statement) with its cosine similarity.

    `group_id` / `label` are set on the cells that are links of an aligned group (the pairs the
    aligner chose); `a_text` / `b_text` are shortened to `width` characters for tooltips.
    """
    ca, cb = comparison.a.content, comparison.b.content
    chosen: dict[tuple[int, int], Alignment] = {}
    for row in comparison.alignments:
        for link in row.links:
            chosen[link] = row
    cells = []
    for i, sa in enumerate(ca):
        sims = comparison.similarity[i] if i < len(comparison.similarity) else ()
        for j, sb in enumerate(cb):
            row = chosen.get((sa.index, sb.index))
            cells.append(
                {
                    "a_id": sa.id,
                    "b_id": sb.id,
                    "a_order": i,
                    "b_order": j,
                    "similarity": float(sims[j]) if j < len(sims) else 0.0,
                    "chosen": row is not None,
                    "group_id": row.group_id if row else "",
                    "label": row.label.value if row else "",
                    "a_text": _short(sa.text, width),
                    "b_text": _short(sb.text, width),
                }
            )
    return cells


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "\u2026"


# ---------------------------------------------------------------------------------------------
# the offline report


def html_report(comparison: Comparison) -> str:
    """A self-contained HTML document of the side-by-side view (inline CSS, no scripts)."""
    a, b = comparison.a, comparison.b
    title = f"Readout comparison: {a.name} vs {b.name}"
    skipped = [s for doc in (a, b) for s in doc.statements if not s.is_content]
    skipped_html = ""
    if skipped:
        items = "".join(
            f'<li><span class="rc-id">{escape(s.id)}</span> {escape(s.text)}</li>' for s in skipped
        )
        skipped_html = (
            '<h2>Not compared</h2><p class="rc-note">Attribution lines, headers and other '
            f'non-content statements.</p><ul class="rc-skipped">{items}</ul>'
        )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}{REPORT_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1>"
        f'<p class="rc-note">Side A: {escape(a.name)} ({_plural(len(a.content), "statement")}, '
        f"{escape(a.language)}) &middot; Side B: {escape(b.name)} "
        f"({_plural(len(b.content), 'statement')}, {escape(b.language)}) &middot; "
        f"model {escape(comparison.model)}</p>"
        f'<p class="rc-headline">{escape(headline(comparison))}</p>'
        f"{legend_html((a.name, b.name), comparison.counts())}"
        f"{side_by_side_html(comparison, style=False)}"
        f"{skipped_html}"
        "</body></html>\n"
    )


CSS = """
.rc-table{display:flex;flex-direction:column;gap:6px;font-size:0.95rem;line-height:1.45;}
.rc-row{display:grid;grid-template-columns:minmax(0,1fr) 10rem minmax(0,1fr);gap:0 12px;
  padding:8px 10px;border-radius:6px;border-left:6px solid #999;background:#f6f6f6;color:#1f2328;}
.rc-head{background:transparent;border-left-color:transparent;font-weight:600;padding-top:0;
  padding-bottom:0;color:inherit;}
.rc-cell{min-width:0;overflow-wrap:anywhere;}
.rc-mid{display:flex;flex-direction:column;align-items:center;gap:2px;text-align:center;
  min-width:0;}
.rc-st{margin:0 0 4px 0;}
.rc-id{font-size:0.75rem;color:#57606a;font-family:ui-monospace,Menlo,Consolas,monospace;
  margin-right:2px;}
.rc-gid,.rc-sim{font-size:0.75rem;color:#57606a;font-family:ui-monospace,Menlo,Consolas,monospace;}
.rc-side{font-weight:400;color:#8b949e;}
.rc-reason{grid-column:1 / -1;font-size:0.85rem;color:#3d444d;margin-top:4px;
  border-top:1px dashed rgba(0,0,0,0.15);padding-top:4px;}
.rc-chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:0.8rem;
  font-weight:600;color:#fff;max-width:100%;overflow-wrap:anywhere;}
.rc-diff{background:#ffe066;color:#1f2328;border-bottom:2px solid #d9a400;border-radius:2px;
  padding:0 1px;}
.rc-hit{outline:2px solid #0969da;border-radius:2px;}
.rc-empty{color:#57606a;font-style:italic;}
.rc-headline{font-size:1.05rem;margin:0 0 8px 0;}
.rc-legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:4px 0 10px 0;font-size:0.85rem;}
.rc-legend-item{display:inline-flex;align-items:center;gap:6px;}
.rc-legend-desc{color:#57606a;}
""" + "".join(
    f".rc-{label.value}{{background:{bg};border-left-color:{accent};}}"
    f".rc-chip-{label.value}{{background:{accent};}}"
    for label, (bg, accent) in LABEL_COLOURS.items()
)

REPORT_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,"Noto Sans KR",
"Apple SD Gothic Neo","Malgun Gothic",NanumGothic,sans-serif;
  max-width:1200px;margin:24px auto;padding:0 16px;color:#1f2328;background:#fff;}
h1{font-size:1.4rem;margin-bottom:4px;} h2{font-size:1.1rem;margin-top:28px;}
.rc-note{color:#57606a;font-size:0.85rem;margin-top:0;}
.rc-skipped{font-size:0.85rem;color:#57606a;}
@media print{.rc-row{break-inside:avoid;}}
"""


# ---------------------------------------------------------------------------------------------
# markdown

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~:$^=&])")


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown (and Streamlit's :color[] / $math$ syntax) would interpret."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
