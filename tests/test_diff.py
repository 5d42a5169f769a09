"""compare.diff and the reason it feeds: marks and reasons against hand-written tables."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from builders import comparison

from compare.diff import Mark, diff_texts
from compare.explain import as_written, evidence_reason, reason
from compare.label import label_group
from compare.schema import Config, Label
from compare.values import locate

CASES = tomllib.loads(
    (Path(__file__).parent / "data" / "diff_cases.toml").read_text(encoding="utf-8")
)["case"]


def _labelled(case: dict):
    crosslingual = case.get("crosslingual", False)
    label, ev = label_group(
        [case["a"]],
        [case["b"]],
        case["similarity"],
        case["lexical"],
        Config(),
        crosslingual=crosslingual,
    )
    return label, ev


def _classes(span) -> str:
    return " ".join(c.removeprefix("rc-") for c in span.css.split())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_marks_and_reason(case):
    label, ev = _labelled(case)
    assert label.value == case["label"], "premise: the label stage labels this case as written"
    diff = diff_texts([case["a"]], [case["b"]], label, ev)
    for side in "ab":
        (text,) = diff.side(side)
        got = [[text.text[s.start : s.end], _classes(s)] for s in text.spans]
        assert got == case[f"{side}_marks"], side
    assert evidence_reason(ev, label, case["similarity"], diff) == case["reason"]


def test_reason_with_the_comparison_is_the_reason_of_the_marks():
    case = next(c for c in CASES if c["name"] == "dates are shown as written")
    c = comparison([case["a"]], [case["b"]], [((0,), (0,), case["similarity"], case["lexical"])])
    (row,) = c.alignments
    assert reason(row, c) == case["reason"]
    # without the text, the reason names the values as the label stage normalised them
    assert reason(row) == "conflict: dates differ: A aug 5 vs B aug 9"
    assert row.reason == reason(row)


def test_only_rows_and_agree_rows_stay_quiet():
    a = "The ministers discussed trade, investment and energy."
    b = "The ministers discussed trade, investment, energy and tariffs."
    _, ev = label_group([a], [b], 0.5, 0.5, Config())
    for label in (Label.ONLY_A, Label.ONLY_B):
        diff = diff_texts([a], [b], label, ev)
        assert all(not t.spans for t in diff.a + diff.b)
    agree = diff_texts([a], [b], Label.AGREE, ev)
    assert all(not t.spans for t in agree.a + agree.b)  # no number or date to mark
    partial = diff_texts([a], [b], Label.PARTIAL, ev)
    assert partial.b[0].marked(Mark.ONE_SIDED) == ["tariffs"]


def test_an_agree_row_marks_and_names_a_part_only_one_side_has():
    """Agree tolerates up to 70% of a side's words being its own; from half, that side's own
    wording is marked and named, so a point only it makes is not hidden under "same point"."""
    a = (
        "Prime Minister Kishida stated that the two countries must take the opportunity of next "
        "year's anniversary of normalization to establish a constructive and stable relationship."
    )
    b = "Next year marks the anniversary of the normalization of diplomatic ties."
    label, ev = label_group([a], [b], 0.8, 0.5, Config())
    assert label is Label.AGREE and ev.a_extra_share >= 0.5
    agree = diff_texts([a], [b], Label.AGREE, ev)
    assert "constructive" in " ".join(agree.a[0].marked(Mark.ONE_SIDED))
    said = evidence_reason(ev, label, 0.8, agree)
    assert said.startswith("same point: A also says \u201c") and "constructive" in said
    assert said.endswith("\u201d, which B does not report")
    # what an opening adds in logistics alone is no part of its own
    a = "On May 9, commencing at 1 p.m. for approximately 50 minutes, the two leaders met."
    b = "The two leaders met."
    label, ev = label_group([a], [b], 0.8, 0.5, Config())
    said = evidence_reason(ev, label, 0.8, diff_texts([a], [b], label, ev))
    assert label is Label.AGREE and "also says" not in said


def test_an_only_row_across_languages_names_its_korean_terms():
    korean = "양 장관은 우크라이나 정세와 공급망 협력에 대해 논의하였다."
    c = comparison([korean], ["The ministers spoke."], [], languages=("ko", "en"))
    only_a = c.alignments[0]
    assert reason(only_a, c) == (
        "no counterpart in B (closest similarity 0.20); in Korean, it names "
        "situation, supply chains, cooperation, discuss, Ukraine"
    )
    # in one language, the statement speaks for itself
    same = comparison(["The ministers discussed Ukraine."], ["They spoke."], [])
    assert reason(same.alignments[0], same) == "no counterpart in B (closest similarity 0.20)"


@pytest.mark.parametrize(
    "text, value, written",
    [
        ("They met on Aug. 5 in Seoul.", "aug 5", "Aug. 5"),
        ("They met on 5 August.", "aug 5", "5 August"),
        ("They met on the 5th of August.", "aug 5", "5th of August"),
        ("양 장관은 8월 5일 통화하였다.", "aug 5", "8월 5일"),
        ("정의용 장관은 1.15.(토) 오전 통화하였다.", "jan 15", "1.15."),
        ("The summit will be held in May.", "may", "May"),
        ("It may be held soon.", "may", None),
        ("Commencing at 11 p.m. they spoke.", "11:00 p.m.", "11 p.m."),
        ("At 8:10 a.m. they spoke.", "8:10 a.m.", "8:10 a.m."),
        ("From 1:00 o’clock they spoke.", "1:00", "1:00 o’clock"),
        ("At 3 o'clock they spoke.", "3:00", "3 o'clock"),
        ("At 13:00 they spoke.", "1:00 p.m.", "13:00"),
        ("They met at noon.", "12:00 p.m.", "noon"),
        ("오후 9시부터 통화하였다.", "9:00 p.m.", "오후 9시"),
        ("오전 10시 30분 통화하였다.", "10:30 a.m.", "오전 10시 30분"),
        ("13시에 만났다.", "1:00 p.m.", "13시"),
        ("3시간 동안 회담하였다.", "3:00", None),
        ("조 차관이 어제(18일) 통화했다.", "the 18th", "18일"),
        ("They will meet next week.", "next week", "next week"),
        ("They spoke on Monday.", "monday", "Monday"),
        ("양 장관은 월요일 통화하였다.", "monday", "월요일"),
        ("정의용 장관은 1.15.(토) 오전 통화하였다.", "saturday", "(토)"),
        ("Exports rose by 4,000 tons.", "4000", "4,000"),
    ],
)
def test_values_are_found_as_written(text, value, written):
    found = [text[v.start : v.end] for v in locate(text, value)]
    assert found == ([written] if written else [])


def test_a_weekday_in_korean_keeps_its_english_name_in_front():
    assert as_written("saturday", "(토)") == "Saturday (토)"
    assert as_written("monday", "월요일") == "Monday (월요일)"
    assert as_written("monday", "Monday") == "Monday"


@pytest.mark.parametrize(
    "text, words",
    [
        (
            "North Korea and the Korean Peninsula",
            [("North Korea", "dprk"), ("Korean", "korean"), ("Peninsula", "peninsu")],
        ),
        (
            "The United States supports the ROK.",
            [("The United States", "usa"), ("supports", "support"), ("ROK", "rok")],
        ),
        ("Japan’s and China's roles", [("Japan", "japan"), ("China", "prc"), ("roles", "role")]),
        (
            "양 장관은 동맹을 재확인하였다.",
            [("장관은", "장관"), ("동맹을", "동맹"), ("재확인하였다", "재확인")],
        ),
    ],
)
def test_content_words_are_found_where_they_are_written(text, words):
    from compare.text import content_word_spans, content_words

    spans = content_word_spans(text)
    assert [(text[s:e], key) for s, e, key in spans] == words
    # the same words, in the same order, as the label stage reads
    assert list(dict.fromkeys(key for *_, key in spans)) == list(content_words(text))


def _partial_reason(a: str, b: str) -> str:
    label, ev = label_group([a], [b], 0.5, 0.4, Config())
    assert label is Label.PARTIAL, "premise"
    return evidence_reason(ev, label, 0.5, diff_texts([a], [b], label, ev))


def test_a_quoted_phrase_starts_where_its_clause_does():
    reason = _partial_reason(
        "The two ministers discussed the missile launch.",
        "° In particular, Minister Kang condemned the missile launch.",
    )
    assert "B: \u201cIn particular, Minister Kang condemned\u201d" in reason


def test_a_date_that_opens_a_phrase_is_given_on_its_own():
    reason = _partial_reason(
        "Blinken and Wang discussed the export controls.",
        "Blinken and Wang spoke on Sunday and discussed Russia's war against Ukraine and the "
        "export controls.",
    )
    assert "only B gives Sunday" in reason
    assert "\u201cSunday" not in reason and "war against Ukraine" in reason
    # a relative date is part of what is said: "this year marks …" keeps it
    kept = _partial_reason(
        "Abe spoke about the Joint Declaration.",
        "Abe said that this year marks the 20th anniversary of the Joint Declaration.",
    )
    assert "this year marks" in kept


def test_a_verb_of_saying_is_no_detail_beside_a_real_one():
    reason = _partial_reason(
        "Minister Kang condemned the missile launch.",
        "Minister Kang responded by saying that she condemned the missile launch, which violated "
        "several resolutions.",
    )
    assert reason.endswith("B: \u201cwhich violated several resolutions\u201d")
    assert "saying" not in reason
    # alone, it is still the difference there is
    alone = _partial_reason(
        "Minister Kang condemned the missile launch.",
        "Minister Kang responded by saying that she condemned the missile launch.",
    )
    assert alone.endswith("B: \u201cresponded by saying\u201d")
