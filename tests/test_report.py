"""compare.report: the offline HTML report, highlighting, headline, source-name guess."""

from __future__ import annotations

import re
from html import escape

import pytest
from conftest import SAMPLES, row_ids

from compare import compare_texts
from compare.label import evidence
from compare.report import (
    LABEL_ORDER,
    filter_rows,
    guess_source_name,
    headline,
    heatmap_cells,
    highlight_html,
    highlight_spans,
    html_report,
    label_title,
    markdown_escape,
    marked_html,
    one_sided_terms,
    side_by_side_html,
    source_names,
)
from compare.schema import Alignment, Label

A = (
    "The below is attributable to Spokesperson Ned Price:\n\n"
    "Secretary Blinken spoke with Foreign Minister Chung for 15 minutes. "
    "They discussed trade and tariffs. <script>alert('a')</script> was typed into the readout.\n"
    "The Secretary condemned the missile launch & urged restraint."
)
B = (
    "Foreign Minister Chung talked to Secretary Blinken for 35 minutes.\n"
    'The two ministers discussed trade and security. <b>Bold</b> claims & "quotes".\n'
    "Both sides agreed to hold talks on climate change next month."
)
NAMES = ("State <Dept>", "MOFA & co")
_HIGHLIGHT_TAGS = re.compile(r"</?span[^>]*>")


@pytest.fixture
def comparison(fake_embedder):
    return compare_texts(A, B, names=NAMES, embedder=fake_embedder)


def _row_ids(page: str) -> list[tuple[str, str, str, str]]:
    return re.findall(
        r'data-label="([^"]*)" data-group="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"', page
    )


def test_report_has_every_statement_escaped(comparison):
    page = html_report(comparison)
    plain = _HIGHLIGHT_TAGS.sub("", page)  # the highlight spans cut statements into runs
    for doc in (comparison.a, comparison.b):
        assert doc.statements
        for st in doc.statements:
            assert escape(st.text) in plain, st.text


def test_script_in_readout_is_text_not_markup(comparison):
    page = html_report(comparison)
    assert "&lt;script&gt;" in _HIGHLIGHT_TAGS.sub("", page)
    assert "<script" not in page.lower()
    assert "<b>Bold</b>" not in page
    # source names are escaped too
    assert "State &lt;Dept&gt;" in page and "MOFA &amp; co" in page
    assert "State <Dept>" not in page


def test_report_is_self_contained(comparison):
    page = html_report(comparison)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert "<style>" in page
    assert not re.search(r"\b(?:src|href)\s*=", page, re.I)
    assert "url(" not in page and "@import" not in page and "<link" not in page


def test_report_rows_legend_and_label_classes(comparison):
    page = html_report(comparison)
    assert _row_ids(page) == row_ids(comparison)
    assert 'class="rc-legend"' in page
    for label in LABEL_ORDER:
        # every label has a legend chip with its class and its (escaped) title
        assert f'rc-chip rc-chip-{label.value}"' in page
        assert escape(label_title(label, NAMES)) in page
    for row in comparison.alignments:
        assert f'class="rc-row rc-{row.label.value}"' in page
        assert escape(row.reason) in _HIGHLIGHT_TAGS.sub("", page)
    # every label class has its own colour rule
    for label in LABEL_ORDER:
        assert re.search(rf"\.rc-{label.value}\{{background:#[0-9a-f]{{6}}", page)


def test_report_of_each_sample(sample_pair, embedder):
    a, b, _ = sample_pair
    result = compare_texts(a, b, names=source_names(a, b), embedder=embedder)
    page = html_report(result)
    assert _row_ids(page) == row_ids(result)
    plain = _HIGHLIGHT_TAGS.sub("", page)
    for st in result.a.statements + result.b.statements:
        assert escape(st.text) in plain


def _row(a_texts, b_texts) -> Alignment:
    """A partial row over these texts, with the evidence the label stage reads off them."""
    return Alignment("g1", Label.PARTIAL, (0,), (0,), 0.5, 0.5, evidence(a_texts, b_texts))


def test_highlight_marks_one_sided_words():
    a = ["The ministers discussed trade and tariffs for 15 minutes."]
    b = ["The ministers discussed trade and security for 35 minutes."]
    terms_a, terms_b = one_sided_terms(_row(a, b))
    marked_a = {a[0][s:e] for s, e in highlight_spans(a[0], terms_a)}
    marked_b = {b[0][s:e] for s, e in highlight_spans(b[0], terms_b)}
    assert marked_a == {"tariffs", "15"}
    assert marked_b == {"security", "35"}


def test_highlight_matches_inflections_and_ignores_shared_words():
    a = ["Both sides supported the sanctions regime."]
    b = ["The minister supports sanctions and new export controls."]
    terms_a, terms_b = one_sided_terms(_row(a, b))
    marked_b = {b[0][s:e] for s, e in highlight_spans(b[0], terms_b)}
    assert "supports" not in marked_b and "sanctions" not in marked_b
    assert {"export", "controls"} <= marked_b
    marked_a = {a[0][s:e] for s, e in highlight_spans(a[0], terms_a)}
    assert "regime" in marked_a and "supported" not in marked_a


def test_highlight_html_escapes_and_wraps():
    a, b = ["<i>Tariffs</i> & trade"], ["trade"]
    terms_a, _ = one_sided_terms(_row(a, b))
    out = highlight_html(a[0], terms_a)
    assert "<i>" not in out
    assert '<span class="rc-diff">Tariffs</span>' in out
    assert "&lt;i&gt;" in out and "&amp;" in out
    # the text survives whole once the spans are removed
    assert _HIGHLIGHT_TAGS.sub("", out) == escape(a[0])


def test_marked_html_combines_overlapping_classes():
    out = marked_html("abcdef", {"x": [(0, 4)], "y": [(2, 6)]})
    assert out == '<span class="x">ab</span><span class="x y">cd</span><span class="y">ef</span>'


def test_partial_or_diverge_rows_get_highlights_others_do_not(comparison):
    differing = [r for r in comparison.alignments if r.label in (Label.PARTIAL, Label.DIVERGE)]
    assert differing, "the fixture pair should hold a partial or diverge row"
    for row in comparison.alignments:
        page = side_by_side_html(comparison, [row], style=False)
        if row not in differing:
            assert "rc-diff" not in page
            continue
        a_texts = [comparison.a.statements[i].text for i in row.a]
        b_texts = [comparison.b.statements[j].text for j in row.b]
        terms_a, terms_b = one_sided_terms(row)
        marked = re.findall(r'<span class="rc-diff">([^<]*)</span>', page)
        expected = [escape(t[s:e]) for t in a_texts for s, e in highlight_spans(t, terms_a)]
        expected += [escape(t[s:e]) for t in b_texts for s, e in highlight_spans(t, terms_b)]
        assert marked == expected and marked
        assert escape(row.reason) in page


def test_search_highlights_hits_and_filter_rows(comparison):
    rows = filter_rows(comparison, None, "tariffs")
    assert rows and all(
        "tariffs" in " ".join(comparison.a.statements[i].text for i in r.a).lower()
        or "tariffs" in " ".join(comparison.b.statements[j].text for j in r.b).lower()
        or "tariffs" in r.reason.lower()
        for r in rows
    )
    assert 'class="rc-hit"' in side_by_side_html(comparison, rows, query="tariffs") or (
        "rc-diff rc-hit" in side_by_side_html(comparison, rows, query="tariffs")
    )
    assert filter_rows(comparison, None, "no such words anywhere") == []
    only = filter_rows(comparison, ["only_b"])
    assert only == [r for r in comparison.alignments if r.label is Label.ONLY_B]
    assert filter_rows(comparison, []) == []
    assert "No rows match" in side_by_side_html(comparison, [])


def test_headline_names_both_sides_and_counts(comparison):
    line = headline(comparison)
    counts = comparison.counts()
    assert NAMES[0] in line and NAMES[1] in line
    assert "\n" not in line and line.endswith(".")
    shared = counts["agree"] + counts["partial"] + counts["diverge"]
    assert str(shared) in line
    assert f"{counts['only_b']} only in {NAMES[1]}" in line
    # the report shows the headline escaped
    assert escape(line) in html_report(comparison)


def test_heatmap_cells_cover_the_matrix_and_mark_links(comparison):
    cells = heatmap_cells(comparison)
    ca, cb = comparison.a.content, comparison.b.content
    assert len(cells) == len(ca) * len(cb)
    links = {(f"a{i}", f"b{j}") for row in comparison.alignments for i, j in row.links}
    assert {(c["a_id"], c["b_id"]) for c in cells if c["chosen"]} == links
    for c in cells:
        i = [s.id for s in ca].index(c["a_id"])
        j = [s.id for s in cb].index(c["b_id"])
        assert c["similarity"] == pytest.approx(comparison.similarity[i][j])


@pytest.mark.parametrize("folder", SAMPLES, ids=[p.name for p in SAMPLES])
def test_guess_source_name_agrees_with_sample_readme(folder):
    # README: "<name of a> (a) vs <name of b> (b), ..."
    first = (folder / "README.md").read_text(encoding="utf-8").splitlines()[0]
    m = re.match(r"(.+?) \(a\).*? vs (.+?) \(b\)", first)
    assert m, first
    for side, readme_name in zip("ab", m.groups(), strict=True):
        guess = guess_source_name((folder / f"{side}.txt").read_text(encoding="utf-8"))
        key_words = {"State", "Japan", "ROK", "PRC", "White"}
        assert {w for w in key_words if w in guess} == {w for w in key_words if w in readme_name}


def test_guess_source_name_defaults():
    assert guess_source_name("", "Side A") == "Side A"
    assert guess_source_name("The weather was fine and the cat slept.", "x") == "x"
    assert guess_source_name("외교부 장관은 통화를 가졌다.") == "ROK Ministry of Foreign Affairs"
    a, b = source_names("nothing here", "nothing there")
    assert a != b


def test_markdown_escape_neutralises_markup():
    raw = "**bold** [link](javascript:x) :red[x] $x$ <b>"
    out = markdown_escape(raw)
    assert re.sub(r"\\(.)", r"\1", out) == raw
    for ch in "*[]():$<":
        assert ch not in re.sub(r"\\.", "", out)
