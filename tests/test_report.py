"""compare.report: key findings, headline, HTML fragments and report, heatmap, truncation notes,
source names. Expected values are written by hand for hand-made comparisons (tests/builders.py)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from builders import comparison, document
from conftest import SAMPLES, row_ids
from markupsafe import escape

from compare import compare_texts
from compare.report import (
    LABEL_ORDER,
    CutKind,
    FindingKind,
    Run,
    distinct_names,
    filter_rows,
    findings_html,
    guess_source_name,
    headline,
    heatmap_caption,
    heatmap_cells,
    heatmap_chart,
    html_report,
    key_findings,
    label_title,
    legend_html,
    markdown_escape,
    plural,
    row_html,
    row_reason,
    runs,
    side_by_side_html,
    source_names,
    statements_line,
    summary_html,
    truncations,
)
from compare.review import Move, Review, SetLabel, SetNote, apply_review
from compare.schema import Alignment, Comparison, Config, Label

A = [
    "Foreign Minister Park spoke with Secretary Blinken by phone on the evening of March 3.",
    "The two ministers did not discuss the trade dispute.",
    "Minister Park condemned the missile launch and urged the DPRK to return to dialogue.",
]
B = [
    "Secretary Blinken spoke with Foreign Minister Park on March 6.",
    "The two ministers discussed the trade dispute.",
    "2. The two ministers agreed to expand cooperation on supply chains.",
    "The call lasted 20 minutes.",
]
GROUPS = [((0,), (0,), 0.9, 0.7), ((1,), (1,), 0.9, 0.8)]
_TAGS = re.compile(r"<[^>]+>")


@pytest.fixture
def hand_made() -> Comparison:
    return comparison(A, B, GROUPS)


# --- key findings and headline ----------------------------------------------------------------


def test_key_findings_are_ranked_substance_first(hand_made):
    found = key_findings(hand_made)
    assert [(f.kind, f.side, f.anchor, f.text) for f in found] == [
        (
            FindingKind.NEGATION,
            "a",
            "row-g2",
            "A says \u201cnot discuss the trade\u201d; B reports it without the negation",
        ),
        (
            FindingKind.ONE_SIDED_STANCE,
            "a",
            "row-a2",
            "only A reports a condemnation: \u201cMinister Park condemned the missile launch and urged the "
            "DPRK to return to dialogue.\u201d",
        ),
        (
            FindingKind.ONLY,
            "b",
            "row-b2",
            "only B reports: \u201cThe two ministers agreed to expand cooperation on supply "
            "chains.\u201d",
        ),
        (FindingKind.DATE, "", "row-g1", "dates differ: A March 3, B March 6"),
        (
            FindingKind.LOGISTICS,
            "b",
            "row-b3",
            "only B reports: \u201cThe call lasted 20 minutes.\u201d",
        ),
    ]
    assert [f.weight for f in found] == sorted((f.weight for f in found), reverse=True)
    assert [f.logistics for f in found] == [False, False, False, True, True]
    assert key_findings(hand_made, limit=2) == found[:2]


def test_headline_names_the_weightiest_substantive_finding(hand_made):
    assert headline(hand_made) == (
        "A and B report 2 shared points (2 diverge); 1 statement only in A, 2 only in B; key "
        "finding: A says \u201cnot discuss the trade\u201d; B reports it without the negation."
    )


def test_headline_with_only_logistics_says_so():
    c = comparison(
        ["The ministers spoke on March 3 about trade."],
        ["The ministers spoke on March 6 about trade."],
        [((0,), (0,), 0.9, 0.8)],
    )
    assert headline(c) == (
        "A and B report 1 shared point (1 diverge); every statement has a counterpart; "
        "only logistics differ: dates differ: A March 3, B March 6."
    )


def test_time_zone_differences_are_a_logistics_finding_not_a_conflict():
    c = comparison(
        ["The ministers spoke on March 3 about trade."],
        ["The ministers spoke on March 4 about trade."],
        [((0,), (0,), 0.9, 0.8)],
    )
    (row,) = c.alignments
    assert row.label is Label.PARTIAL
    (found,) = key_findings(c)
    assert (found.kind, found.logistics) == (FindingKind.LOGISTICS, True)
    assert found.text == "dated a day apart: A March 3, B March 4 (time zones)"
    assert "(1 partial)" in headline(c) and "diverge" not in headline(c)
    hours = comparison(
        ["The leaders spoke at 4:30 p.m. about trade."],
        ["The leaders spoke at 3:30 p.m. about trade."],
        [((0,), (0,), 0.9, 0.8)],
    )
    (found,) = key_findings(hours)
    assert found.text == "the time differs by hours: A 4:30 p.m., B 3:30 p.m. (time zones)"


def test_a_reattribution_and_a_softened_commitment_are_findings():
    c = comparison(
        [
            "The two ministers reaffirmed their commitment to denuclearization.",
            "The two sides agreed to hold talks on climate change.",
        ],
        [
            "Secretary Blinken reaffirmed his commitment to denuclearization.",
            "The two sides agreed to consider holding talks on climate change.",
        ],
        [((0,), (0,), 0.92, 0.85), ((1,), (1,), 0.95, 0.8)],
    )
    found = {(f.kind, f.text) for f in key_findings(c)}
    assert (
        FindingKind.REATTRIBUTED,
        "A credits it to \u201cThe two ministers\u201d, B to \u201cSecretary Blinken\u201d",
    ) in found
    assert (FindingKind.SOFTENED, "B hedges (\u201cto consider\u201d) where A does not") in found


def test_a_point_one_side_credits_to_the_other_sides_official_leads_the_findings():
    """Japan's readout has Minister Kang agree; Seoul's own readout does not say she did."""
    a = [
        "Minister Kono and Minister Kang discussed North Korea's missile launch.",
        "Minister Kang expressed her agreement to this.",
        "Minister Kono stated that Japan will respond firmly.",
    ]
    b = ["The two ministers discussed North Korea's ballistic missile launch."]
    names = ("Ministry of Foreign Affairs of Japan", "ROK Ministry of Foreign Affairs")
    top = key_findings(comparison(a, b, [((0,), (0,), 0.8, 0.6)], names=names))[0]
    assert top.kind is FindingKind.ATTRIBUTED and top.row.a == (1,)
    assert top.text == (
        "Ministry of Foreign Affairs of Japan attributes to Minister Kang a point ROK Ministry of "
        "Foreign Affairs does not report: \u201cMinister Kang expressed her agreement to this.\u201d"
    )
    # Japan's own minister (a2) is no such claim, and neither is anything when the sides' names
    # say no government
    kinds = {
        f.row.a: f.kind
        for f in key_findings(comparison(a, b, [((0,), (0,), 0.8, 0.6)], names=names))
    }
    assert kinds[(2,)] is not FindingKind.ATTRIBUTED
    plain = key_findings(comparison(a, b, [((0,), (0,), 0.8, 0.6)]))
    assert FindingKind.ATTRIBUTED not in {f.kind for f in plain}


def test_an_opposed_framing_is_a_finding_as_the_row_is_a_conflict():
    c = comparison(
        ["Japan and the ROK must apply pressure on North Korea until it seeks dialogue."],
        ["The ROK hopes the issue can be resolved through dialogue and negotiations."],
        [((0,), (0,), 0.8, 0.5)],
    )
    assert c.alignments[0].label is Label.DIVERGE
    found = {(f.kind, f.text) for f in key_findings(c)}
    assert (
        FindingKind.FRAMING,
        "A frames it as pressure, B as engagement (\u201cdialogue\u201d)",
    ) in found


# --- numbers in findings: a bare number comes with its words, or not at all -------------------


def test_a_bare_number_comes_with_the_words_around_it():
    c = comparison(
        ["The U.S. will provide 500 ventilators to the ROK, and masks."],
        ["The U.S. will provide ventilators to the ROK, and masks."],
        [((0,), (0,), 0.9, 0.8)],
    )
    assert [(f.kind, f.side, f.text) for f in key_findings(c)] == [
        (
            FindingKind.ADDED,
            "a",
            "only A gives the number 500: \u201cU.S. will provide 500 ventilators to the\u201d",
        )
    ]


def test_a_korean_bare_number_comes_with_its_words_glossed():
    c = comparison(
        ["양 장관은 개도국에 백신 100만 회분을 지원하기로 하였습니다."],
        ["The ministers agreed to support vaccines for developing countries."],
        [((0,), (0,), 0.7, 0.1)],
        languages=("ko", "en"),
    )
    texts = [f.text for f in key_findings(c)]
    assert (
        "only A gives the number 100: \u201c장관은 개도국에 백신 100만 회분을 지원하기로\u201d "
        "(in Korean: developing countries, vaccines)"
    ) in texts


def test_a_number_inside_a_korean_term_is_the_term_not_a_number():
    """ "3국" is "trilateral", which the English side also says: no "only A gives 3"."""
    c = comparison(
        ["양 장관은 한미일 3국 공조의 중요성을 강조하였습니다."],
        ["They highlighted the importance of U.S.-ROK-Japan trilateral cooperation."],
        [((0,), (0,), 0.7, 0.1)],
        languages=("ko", "en"),
    )
    (row,) = c.alignments
    assert row.evidence.only_a_numbers == ("3",)  # the label stage reads a number ...
    assert "gives 3" not in row_reason(c, row)  # ... the views read the term
    assert not [f for f in key_findings(c) if "3" in f.text]
    marks = row_html(c, row)
    assert ">3<" not in marks


def test_the_19_of_covid_19_is_the_name_not_a_number():
    c = comparison(
        ["양 장관은 코로나19 대응 협력을 강화하기로 하였습니다."],
        ["They agreed to strengthen cooperation on the COVID-19 pandemic response."],
        [((0,), (0,), 0.7, 0.1)],
        languages=("ko", "en"),
    )
    (row,) = c.alignments
    assert "19" not in row_reason(c, row)
    assert not [f for f in key_findings(c) if "19" in f.text]


# --- stances in findings: the side's own, not a word that looks like one --------------------


def test_a_korean_stance_finding_lists_only_what_that_side_alone_names():
    """Both sides condemn the provocation; only the Korean side voices concern about sanctions
    violations: "condemn" and the DPRK are no part of what it alone says."""
    c = comparison(
        ["양 장관은 북한의 도발을 규탄하고 제재 위반에 대한 우려를 공유하였다."],
        ["The ministers condemned the DPRK provocation."],
        [((0,), (0,), 0.45, 0.1)],
        languages=("ko", "en"),
    )
    stance = [f.text for f in key_findings(c) if f.kind is FindingKind.ONE_SIDED_STANCE]
    assert stance == ["only A reports concern: (in Korean) sanctions, violation, concern, share"]


def test_a_korean_finding_names_five_concepts_and_counts_the_rest():
    """A trial's headline listed thirteen concepts of one Korean sentence."""
    c = comparison(
        [
            "양 장관은 북한의 불법적인 핵·미사일 개발과 도발, 러시아와의 군사협력에 대한 우려를 "
            "공유하고 국제사회와 긴밀히 공조하기로 하였다."
        ],
        ["The ministers spoke by phone."],
        [((0,), (0,), 0.45, 0.1)],
        languages=("ko", "en"),
    )
    (stance,) = [f.text for f in key_findings(c) if f.kind is FindingKind.ONE_SIDED_STANCE]
    listed, more = stance.split(": (in Korean) ")[1].rsplit(" and ", 1)
    assert len(listed.split(", ")) == 5
    assert more.endswith(" more") and int(more.split()[0]) >= 2


@pytest.mark.parametrize(
    "statement",
    [
        "Japan said it had activated its early warning system after the launch.",
        "The Secretary pressed China to condemn the launch in the Security Council.",
        "They called on all members of the council to condemn the attack.",
    ],
)
def test_a_one_sided_statement_without_a_stance_of_its_own_is_no_stance_finding(statement):
    c = comparison(
        ["The two sides discussed the missile launch.", statement],
        ["The two sides discussed the missile launch."],
        [((0,), (0,), 0.9, 0.9)],
    )
    found = [(f.kind, f.text) for f in key_findings(c)]
    assert [k for k, _ in found] == [FindingKind.ONLY]
    assert found[0][1].startswith("only A reports:")


@pytest.mark.parametrize(
    ("statement", "verb"),
    [
        (
            "Minister Kang warned that further provocations would meet a firm response.",
            "a warning",
        ),
        ("He went on to condemn in strong terms the latest provocation.", "a condemnation"),
        ("Both ministers agreed to condemn the attack.", "a condemnation"),
    ],
)
def test_a_stance_the_side_takes_is_a_stance_finding(statement, verb):
    c = comparison(
        ["The two sides discussed the missile launch.", statement],
        ["The two sides discussed the missile launch."],
        [((0,), (0,), 0.9, 0.9)],
    )
    (finding,) = key_findings(c)
    assert finding.kind is FindingKind.ONE_SIDED_STANCE
    assert finding.text.startswith(f"only A reports {verb}:")


@pytest.mark.parametrize("folder", SAMPLES, ids=[p.name for p in SAMPLES])
def test_no_finding_of_a_sample_ends_in_a_bare_number(folder, embedder):
    a, b = ((folder / f"{s}.txt").read_text(encoding="utf-8") for s in "ab")
    found = key_findings(compare_texts(a, b, names=source_names(a, b)))
    assert found
    for f in found:
        assert not re.search(r"gives [\d.,; ]+$", f.text), f.text


# --- a reviewed comparison: the tool's evidence under the tool's label, the analyst's beside it

NOTE = "Same call: one of the dates is a typo."


@pytest.fixture
def relabelled(hand_made) -> Comparison:
    """g1 (dates differ: the tool says diverge) labelled agree by the analyst, with a note."""
    review = Review((SetLabel("g1", Label.AGREE), SetNote("g1", NOTE)))
    return apply_review(hand_made, review)


def test_a_relabelled_row_keeps_the_tools_reason_and_marks(hand_made, relabelled):
    tool, mine = hand_made.alignments[0], relabelled.alignments[0]
    assert (tool.label, mine.label) == (Label.DIVERGE, Label.AGREE)
    assert row_reason(relabelled, mine) == row_reason(hand_made, tool)
    assert row_reason(relabelled, mine).startswith("conflict: dates differ: A March 3 vs B March 6")
    html = row_html(relabelled, mine)
    assert '<span class="rc-conflict rc-date"' in html  # marked as the tool read it
    assert "<b>Why the tool says diverge:</b> conflict: dates differ" in html
    assert "<b>Your label: Agree</b> &middot; tool: Diverge &middot; <b>Your note:</b>" in html
    assert str(escape(NOTE)) in html
    assert "Your label" not in row_html(relabelled, relabelled.alignments[1])


def test_the_report_of_a_review_lists_the_analysts_labels_and_notes(hand_made, relabelled):
    page = html_report(relabelled)
    assert "<b>Why the tool says diverge:</b>" in page
    assert "<b>The analyst&#39;s label: Agree</b> &middot; tool: Diverge" in page
    notes = page[page.index('<section class="rc-reviewed">') :]
    assert "The analyst&#39;s labels, notes and moves" in notes
    assert re.search(
        r'href="#row-g1">g1</a></td><td>Agree</td><td>Diverge</td><td>–</td><td[^>]*>'
        + re.escape(str(escape(NOTE))),
        notes,
    )
    assert "Reviewed by an analyst: their labels, notes and moves are on 1 row (listed" in page
    assert '<section class="rc-reviewed">' not in html_report(hand_made)
    assert "Reviewed by" not in html_report(hand_made)


def test_the_report_of_a_review_lists_the_statements_the_analyst_moved(fake_embedder):
    a = "We discussed trade and tariffs.\nWe discussed climate and energy."
    b = "We discussed trade and tariffs today.\nWe discussed climate and energy today.\nWe met."
    tool = compare_texts(a, b, config=Config(split="lines"), embedder=fake_embedder)
    assert [(r.group_id, r.a, r.b) for r in tool.alignments][:2] == [
        ("g1", (0,), (0,)),
        ("g2", (1,), (1,)),
    ]
    moved = apply_review(tool, Review((Move("b2", "g2"), Move("b0"))))
    page = html_report(moved)
    notes = page[page.index('<section class="rc-reviewed">') :]
    rows = [
        [_TAGS.sub("", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr)]
        for tr in re.findall(r"<tr><td>.*?</tr>", notes)
    ]
    assert [(r[0], r[3]) for r in rows] == [
        ("a0", "a0 out of its group"),  # left alone: its partner b0 was moved out
        ("b0", "b0 out of its group"),
        ("g2", "b2 joined this row"),
    ]
    assert "their labels, notes and moves are on 3 rows" in page
    assert '<section class="rc-reviewed">' not in html_report(tool)


def test_findings_follow_the_tool_and_show_the_analysts_label(hand_made, relabelled):
    def read(c):
        return [(f.kind, f.side, f.anchor, f.text) for f in key_findings(c)]

    assert read(relabelled) == read(hand_made)
    panel = findings_html(relabelled, style=False)
    (g1,) = [li for li in panel.split("<li ") if 'href="#row-g1"' in li]
    assert "dates differ: A March 3, B March 6" in g1
    assert "(your label: Agree &middot; tool: Diverge)" in g1
    assert "your label" not in "".join(li for li in panel.split("<li ") if "#row-g1" not in li)
    # the counts follow the analyst, the key finding the tool's evidence
    assert headline(relabelled) == (
        "A and B report 2 shared points (1 agree, 1 diverge); 1 statement only in A, 2 only in "
        "B; key finding: A says \u201cnot discuss the trade\u201d; B reports it without the "
        "negation."
    )


def test_seed_pair_headline_is_not_a_date(embedder):
    folder = next(p for p in SAMPLES if p.name == "chung-blinken_call_2021-08-05")
    a, b = (folder / "a.txt").read_text("utf-8"), (folder / "b.txt").read_text("utf-8")
    result = compare_texts(a, b, names=source_names(a, b), embedder=embedder)
    line = headline(result)
    findings = key_findings(result)
    # the headline leads with the weightiest finding, a point of substance, never logistics
    assert not findings[0].logistics
    assert f"key finding: {findings[0].text}" in line
    assert "aug" not in line.lower()
    # the date is still there, as a logistics finding at the bottom
    assert key_findings(result)[-1].text == "only US Department of State gives August 5"


# --- HTML --------------------------------------------------------------------------------------

NASTY = comparison(
    [
        "Secretary Blinken spoke with Foreign Minister Chung for 15 minutes.",
        "They discussed trade and tariffs. <script>alert('a')</script> was typed into the readout.",
    ],
    [
        "Foreign Minister Chung talked to Secretary Blinken for 35 minutes.",
        'The two ministers discussed trade and security. <b>Bold</b> claims & "quotes".',
    ],
    [((0,), (0,), 0.9, 0.7)],
    names=("State <Dept>", "MOFA & co"),
)


def test_readout_markup_is_text_everywhere():
    page = html_report(NASTY)
    plain = _TAGS.sub("", page)
    assert "<script" not in page.lower() and "<b>Bold</b>" not in page
    assert "&lt;script&gt;alert(&#39;a&#39;)&lt;/script&gt;" in plain
    assert "State &lt;Dept&gt;" in page and "MOFA &amp; co" in page and "State <Dept>" not in page
    for fragment in (
        side_by_side_html(NASTY),
        summary_html(NASTY),
        findings_html(NASTY),
        legend_html(("State <Dept>", "x")),
    ):
        assert "<script" not in fragment.lower() and "State <Dept>" not in fragment


def test_report_holds_every_statement_and_reason(hand_made):
    page = html_report(hand_made)
    plain = _TAGS.sub("", page)
    for doc in (hand_made.a, hand_made.b):
        for st in doc.statements:
            assert str(escape(st.text)) in plain, st.text
    for row in hand_made.alignments:
        assert str(escape(row_reason(hand_made, row))) in plain


def test_report_is_self_contained(hand_made):
    page = html_report(hand_made)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page and "<style>" in page
    assert not re.search(r"\bsrc\s*=", page, re.I)
    assert re.findall(r'href="([^"]*)"', page) and all(
        h.startswith("#row-") for h in re.findall(r'href="([^"]*)"', page)
    ), "only links to rows of the page itself"
    assert "url(" not in page and "@import" not in page and "<link" not in page
    assert "<script" not in page


def test_report_opens_with_the_findings_panel_linked_to_rows(hand_made):
    page = html_report(hand_made)
    assert page.index('class="rc-findings"') < page.index('class="rc-table"')
    links = re.findall(r'<a class="rc-flink" href="#([^"]+)"', page)
    assert links == [f.anchor for f in key_findings(hand_made)]
    ids = set(re.findall(r'<div class="rc-row rc-\w+" id="([^"]+)"', page))
    assert set(links) <= ids
    items = re.findall(
        r'<li class="rc-finding[^"]*"><span class="rc-ftag">([^<]*)</span>([^<]*)<', page
    )
    first = key_findings(hand_made)[0]
    assert items[0] == ("negation", str(escape(first.text)) + " ")


def test_findings_fragment_for_the_app(hand_made):
    with_css = findings_html(hand_made, limit=2)
    assert with_css.startswith("<style>")
    bare = findings_html(hand_made, limit=2, style=False)
    assert "<style>" not in bare
    assert bare.count('<li class="rc-finding') == 2
    assert "3 smaller differences in the rows below." in bare
    nothing = comparison(["They met."], ["They met."], [((0,), (0,), 1.0, 1.0)])
    assert "Nothing to report" in findings_html(nothing)


def test_rows_carry_ids_labels_and_anchors(hand_made):
    page = side_by_side_html(hand_made, style=False)
    assert re.findall(
        r'data-label="([^"]*)" data-group="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"', page
    ) == row_ids(hand_made)
    assert re.findall(r'id="(row-[^"]+)"', page) == [
        "row-g1",
        "row-g2",
        "row-a2",
        "row-b2",
        "row-b3",
    ]
    # conflicts are marked in their own class, one-sided words in theirs
    assert (
        '<span class="rc-conflict rc-negation" title="conflicts with the other side (negation)">not</span>'
        in page
    )
    assert (
        '<span class="rc-conflict rc-date" title="conflicts with the other side (date)">March 3</span>'
        in page
    )
    # the empty side of an only-A / only-B row says so
    assert page.count('<p class="rc-none">not reported</p>') == 3
    assert "No rows match" in side_by_side_html(hand_made, [])


def test_legend_explains_labels_and_only_the_marks_shown(hand_made):
    names = (hand_made.a.name, hand_made.b.name)
    summary = summary_html(hand_made)
    for label in LABEL_ORDER:
        assert f'rc-chip rc-chip-{label.value}">{escape(label_title(label, names))} <b>' in summary
    assert re.search(r"\.rc-diverge\{background:#[0-9a-f]{6}", summary)
    assert "conflicts with the other side" in summary  # this comparison has conflicts
    assert "a hedge on one side only" not in summary  # ... and no hedge
    assert "a hedge on one side only" in legend_html()  # without a comparison: every mark


def test_the_legend_explains_the_quieter_mark_of_a_one_sided_name():
    named = comparison(
        ["The ministers condemned the launch, and Secretary Tillerson called for sanctions."],
        ["The ministers condemned the launch."],
        [((0,), (0,), 0.3, 0.2)],
    )
    assert 'class="rc-diff rc-name" title="name">Tillerson<' in side_by_side_html(named)
    assert "a name on one side only" in summary_html(named)
    plain = comparison(
        ["The ministers condemned the launch and called for sanctions."],
        ["The ministers condemned the launch."],
        [((0,), (0,), 0.3, 0.2)],
    )
    assert 'class="rc-diff rc-name"' not in side_by_side_html(plain)
    assert "a name on one side only" not in summary_html(plain)


def test_search_marks_hits_and_filters_on_the_shown_reason(hand_made):
    rows = filter_rows(hand_made, None, "evening")
    assert [r.group_id for r in rows] == ["g1"]
    page = side_by_side_html(hand_made, rows, query="evening")
    assert '<span class="rc-diff rc-hit">evening</span>' in page
    # the reason shown quotes dates as written, and the search finds them there
    assert [r.group_id for r in filter_rows(hand_made, None, "March 6")] == ["g1"]
    assert filter_rows(hand_made, ["only_b"]) == [
        r for r in hand_made.alignments if r.label is Label.ONLY_B
    ]
    assert filter_rows(hand_made, []) == []
    assert filter_rows(hand_made, None, "no such words anywhere") == []


def test_runs_cut_text_where_marks_begin_and_end():
    assert runs("abcdef", [(0, 4, "x", ""), (2, 6, "y", "why")]) == [
        Run("ab", "x"),
        Run("cd", "x y", "why"),
        Run("ef", "y", "why"),
    ]
    assert runs("abc", []) == [Run("abc")]
    assert runs("", []) == []
    assert runs("abc", [(1, 1, "x", "")]) == [Run("abc")]


def test_report_of_each_sample(sample_pair, embedder):
    a, b, _ = sample_pair
    result = compare_texts(a, b, names=source_names(a, b), embedder=embedder)
    page = html_report(result)
    assert re.findall(
        r'data-label="([^"]*)" data-group="([^"]*)" data-a="([^"]*)" data-b="([^"]*)"', page
    ) == row_ids(result)
    plain = _TAGS.sub("", page)
    for st in result.a.statements + result.b.statements:
        assert str(escape(st.text)) in plain


# --- truncation --------------------------------------------------------------------------------


def test_a_side_that_ends_mid_sentence_is_marked_cut_off():
    c = comparison(
        ["The ministers discussed trade.", "They also agreed to expand cooperation on energy."],
        ["The ministers discussed trade.", "The Secretary stressed that the two countries would"],
        [((0,), (0,), 0.95, 0.9)],
    )
    (note,) = truncations(c)
    assert (note.side, note.kind, note.statement) == ("b", CutKind.CUT_OFF, 1)
    assert note.text == (
        "The text from B looks cut off: its last statement (b1) ends mid-sentence. What it said "
        "after that is missing from this copy, so a point only A reports may have been in it."
    )
    table = side_by_side_html(c, style=False)
    assert '(B)</span> <span class="rc-cut">looks cut off</span>' in table
    assert table.count("(the text stops here)") == 1
    assert str(escape(note.text)) in findings_html(c)


@pytest.mark.parametrize(
    "a, b, expected",
    [
        # a Korean sentence end, and bullets without a full stop of fewer than four words
        (
            ["양 장관은 협력을 강화하기로 하였다."],
            ["The two ministers agreed to cooperate.", "Annex"],
            [],
        ),
        # a Korean clause that stops at a comma
        (
            ["양 장관은 한미일 협력을 더욱 심화시켜 나가자고 했고,"],
            ["They spoke on trade, energy and the trilateral cooperation of the three."],
            [("a", CutKind.CUT_OFF)],
        ),
        # a Hangul syllable weighs about three letters: 21 syllables against 53 letters is even
        (
            ["가나다라마 바사아자차 카타파하가 나다라마바다."],
            ["abcdefghij klmnopqrst uvwxyzabcd efghijklmn opqrstuvwxyz."],
            [],
        ),
        # one side under half as long as the other
        (
            ["They met."],
            ["They met in Seoul and discussed trade, energy, climate and security."],
            [("a", CutKind.SHORTER)],
        ),
    ],
)
def test_truncation_notes(a, b, expected):
    c = comparison(a, b, [])
    assert [(n.side, n.kind) for n in truncations(c)] == expected


def test_the_korean_sample_notes_the_shorter_us_excerpt(embedder):
    folder = next(p for p in SAMPLES if p.name.startswith("ko-en_"))
    a, b = (folder / "a.txt").read_text("utf-8"), (folder / "b.txt").read_text("utf-8")
    notes = truncations(compare_texts(a, b, names=source_names(a, b)))
    assert [(n.side, n.kind) for n in notes] == [("b", CutKind.SHORTER)]
    assert "less than half as long" in notes[0].text


# --- heatmap -----------------------------------------------------------------------------------


def test_heatmap_cells_of_a_small_pair_are_the_matrix_with_links(hand_made):
    cells = heatmap_cells(hand_made)
    assert len(cells) == 3 * 4
    chosen = {(c["a_id"], c["b_id"]): (c["group_id"], c["label"]) for c in cells if c["chosen"]}
    assert chosen == {("a0", "b0"): ("g1", "diverge"), ("a1", "b1"): ("g2", "diverge")}
    assert [c["similarity"] for c in cells if c["a_id"] == "a0"] == pytest.approx([0.9, 0, 0, 0])
    assert cells[0]["a_text"].startswith("Foreign Minister Park")


def test_heatmap_bins_big_pairs_keeping_the_highest_similarity():
    n = 7  # 7 statements a side, at most 3 bins: blocks of 3, 3 and 1
    a = document("a", "A", [f"Statement {i} of A." for i in range(n)])
    b = document("b", "B", [f"Statement {j} of B." for j in range(n)])
    sim = np.zeros((n, n), np.float32)
    sim[4, 1] = 0.8  # block (1, 0)
    sim[6, 6] = 0.3  # block (2, 2)
    row = Alignment("g1", Label.AGREE, (4,), (1,), 0.8, 0.8, links=((4, 1),))
    c = Comparison(a, b, (row,), Config(), "m", sim)
    cells = heatmap_cells(c, max_side=3)
    assert [c["a_id"] for c in cells[::3]] == ["a0\u2013a2", "a3\u2013a5", "a6"]
    grid = {(c["a_order"], c["b_order"]): c for c in cells}
    assert len(grid) == 9
    assert grid[1, 0]["similarity"] == pytest.approx(0.8) and grid[1, 0]["chosen"]
    assert grid[2, 2]["similarity"] == pytest.approx(0.3) and not grid[2, 2]["chosen"]
    assert grid[0, 0]["similarity"] == 0.0 and grid[0, 0]["a_text"] == ""
    assert "each cell is a block of consecutive statements" in heatmap_caption(c, max_side=3)


def test_heatmap_of_a_thousand_statements_a_side_stays_small():
    n = 1000
    texts = [f"Point {i}." for i in range(n)]
    a, b = document("a", "A", texts), document("b", "B", texts)
    sim = np.eye(n, dtype=np.float32)
    c = Comparison(a, b, (), Config(), "m", sim)
    cells = heatmap_cells(c)
    assert len(cells) == 59 * 59  # bins of 17: 1,000 statements in 59 bins
    assert max(x["similarity"] for x in cells) == 1.0
    chart = heatmap_chart(c)
    assert len(chart.to_dict()["datasets"][next(iter(chart.to_dict()["datasets"]))]) == len(cells)


def test_heatmap_chart_of_a_pair_and_of_an_empty_side(hand_made):
    spec = heatmap_chart(hand_made).to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rect", "text", "rect"]  # cells, their values, the chosen links
    empty = comparison([], ["Something."], [])
    assert heatmap_chart(empty) is None and heatmap_cells(empty) == []


# --- source names and markdown -----------------------------------------------------------------


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


def test_source_names_never_guess_one_publisher_for_both_sides():
    # both readouts name the Korean minister; only one opens with him
    a = "Foreign Minister Park held a call with the Secretary. They discussed trade."
    b = "The Secretary spoke with Foreign Minister Park today. They discussed trade."
    assert guess_source_name(a) == guess_source_name(b) == "ROK Ministry of Foreign Affairs"
    assert source_names(a, b) == ("ROK Ministry of Foreign Affairs", "Side B")
    assert source_names(b, a) == ("Side A", "ROK Ministry of Foreign Affairs")
    # neither is the stronger guess: neither side gets it
    assert source_names(a, a) == ("Side A", "Side B")
    assert source_names(a, a, defaults=("x", "x")) == ("x (A)", "x (B)")
    # a phrase naming the publisher beats a guess from the language alone
    ko = "장관은 오늘 미국 국무장관과 통화를 가졌다."
    assert source_names(ko, a) == ("Side A", "ROK Ministry of Foreign Affairs")
    # different guesses are left alone
    us = "Secretary Blinken spoke with Foreign Minister Park."
    assert source_names(us, a) == ("US Department of State", "ROK Ministry of Foreign Affairs")


def test_the_table_head_names_each_side_once(fake_embedder):
    a, b = "We discussed trade and tariffs.", "We discussed trade and tariffs today."
    for names, heads in (
        (("Seoul", "Tokyo"), ("Seoul (A)", "Tokyo (B)")),
        (distinct_names("Seoul", "Seoul"), ("Seoul (A)", "Seoul (B)")),
        (("Side A", "Side B"), ("Side A", "Side B")),
    ):
        result = compare_texts(a, b, names=names, embedder=fake_embedder)
        for page in (side_by_side_html(result), html_report(result)):
            shown = re.findall(r'<div class="rc-cell rc-[ab]">(.*?)</div>', page)[:2]
            assert [re.sub(r"<[^>]+>", "", cell) for cell in shown] == list(heads)
    assert distinct_names("Seoul", "Tokyo") == ("Seoul", "Tokyo")


def test_statements_line_counts_what_is_compared_and_names_what_is_set_aside():
    from compare.pipeline import make_document

    text = "The below is attributable to the spokesperson:\nThe ministers discussed trade."
    assert statements_line(make_document(text, "a", "x", Config())) == (
        "1 statement, 1 attribution/heading/sign-off line set aside"
    )
    two = make_document("They met. They talked.", "b", "y", Config())
    assert statements_line(two) == "2 statements"
    assert plural(1, "edit") == "1 edit" and plural(1200, "row") == "1,200 rows"


def test_markdown_escape_neutralises_markup():
    raw = "**bold** [link](javascript:x) :red[x] $x$ <b>"
    out = markdown_escape(raw)
    assert re.sub(r"\\(.)", r"\1", out) == raw
    for ch in "*[]():$<":
        assert ch not in re.sub(r"\\.", "", out)


@pytest.mark.parametrize(
    "opening, publisher",
    [
        (
            "On November 29, commencing at 5:15 p.m. for approximately 15 minutes, Mr. Shinzo "
            "Abe, Prime Minister of Japan, held a telephone talk with H.E. Mr. Moon Jae-in.",
            "Ministry of Foreign Affairs of Japan",
        ),
        (
            "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs: I just held a telephone meeting "
            "with Secretary of State Blinken.",
            "Ministry of Foreign Affairs of Japan",
        ),
        (
            "President Moon Jae-in and Japanese Prime Minister Shinzo Abe held a summit.",
            "ROK Office of the President",
        ),
        (
            "President Donald J. Trump spoke with Prime Minister Shinzo Abe of Japan.",
            "The White House",
        ),
        (
            "On October 8, 2021, President Xi Jinping had a phone conversation with Japanese "
            "Prime Minister Fumio Kishida.",
            "PRC Ministry of Foreign Affairs",
        ),
        (
            "Dr. S. Jaishankar, External Affairs Minister had a telephone conversation with U.S. "
            "Secretary of State Antony J. Blinken.",
            "India Ministry of External Affairs",
        ),
        (
            "Secretary of State Antony J. Blinken spoke today with Indian Minister of External "
            "Affairs Dr. S. Jaishankar.",
            "US Department of State",
        ),
    ],
)
def test_who_published_a_readout_is_guessed_from_its_house_style(opening, publisher):
    assert guess_source_name(opening) == publisher


# --- comparing the same readouts again with other settings ------------------------------------

_RERUN_A = [
    "Secretary Blinken spoke with Foreign Minister Hayashi.",
    "They discussed the DPRK's missile launches.",
    "They agreed to meet in Tokyo.",
]
_RERUN_B = [
    "Foreign Minister Hayashi held a telephone talk with Secretary Blinken.",
    "The two ministers condemned the DPRK's ballistic missile launches.",
]


def _rerun(groups, config: Config) -> Comparison:
    return replace(comparison(_RERUN_A, _RERUN_B, groups), config=config)


def test_a_rerun_with_another_preset_names_the_preset_and_each_changed_row():
    from compare.presets import apply_preset
    from compare.report import rerun_note

    before = _rerun([((0,), (0,), 0.8, 0.7), ((1,), (1,), 0.7, 0.5)], Config())
    after = _rerun([((0,), (0,), 0.8, 0.7)], apply_preset(Config(), "stricter"))
    note = rerun_note(before, after)
    assert note == (
        "Compared again with other settings (default → stricter preset: match and agree "
        "thresholds 0.05 higher): 3 changes: new a1 (only in A); new b1 (only in B); "
        f"gone a1 | b1 ({before.alignments[1].label.value})."
    )
    # the same rows under other settings: said, so the analyst knows the change was made
    same = _rerun([((0,), (0,), 0.8, 0.7), ((1,), (1,), 0.7, 0.5)], replace_link(0.5))
    assert rerun_note(before, same) == (
        "Compared again with other settings (match threshold 0.35 → 0.5): the same rows and "
        "labels as before; on these readouts the change moves nothing."
    )


def replace_link(value: float) -> Config:
    return replace(Config(), link_threshold=value)


def test_a_rerun_note_is_only_for_the_same_texts_under_other_settings():
    from compare.report import rerun_note

    before = _rerun([((0,), (0,), 0.8, 0.7)], Config())
    assert rerun_note(before, before) is None  # the same settings: nothing to say
    other = comparison(_RERUN_A[:2], _RERUN_B, [((0,), (0,), 0.8, 0.7)])
    assert rerun_note(before, replace(other, config=replace_link(0.5))) is None


def test_a_rerun_note_names_a_label_change_and_counts_what_it_does_not_show():
    from compare.report import rerun_note

    before = _rerun([((0,), (0,), 0.8, 0.7), ((1,), (1,), 0.7, 0.5)], Config())
    flipped = replace(before.alignments[0], label=Label.DIVERGE)
    after = replace(before, alignments=(flipped, *before.alignments[1:]), config=replace_link(0.3))
    note = rerun_note(before, after)
    assert f"1 change: a0 | b0 {before.alignments[0].label.value} → diverge." in note
    # both groups gone, their four statements each alone: six changes, four of them named
    many = rerun_note(before, _rerun([], replace_link(0.5)))
    assert "6 changes: new a0 (only in A); new a1 (only in A); new b0 (only in B);" in many
    assert many.endswith("; and 2 more.")
