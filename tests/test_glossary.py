"""compare.glossary: the Korean-English diplomatic glossary and matching terms across scripts."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from builders import comparison
from conftest import shared

from compare import compare_texts
from compare.explain import reason
from compare.glossary import (
    TermKind,
    common_concepts,
    compare_terms,
    entries,
    find_terms,
    glosses,
    ranked,
)
from compare.report import key_findings
from compare.schema import Label

CASES = tomllib.loads(
    (Path(__file__).parent / "data" / "glossary_cases.toml").read_text(encoding="utf-8")
)["case"]
CROSS = shared("eval", "korean", "cross")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_terms_shared_and_one_sided(case):
    terms = compare_terms([case["ko"]], [case["en"]])
    assert [t.gloss for t in terms.shared] == case["shared"]
    assert [t.gloss for t in terms.only_a] == case["only_ko"]
    assert [t.gloss for t in terms.only_b] == case["only_en"]
    # each term is quoted as its side writes it
    for t in terms.shared:
        assert t.a in case["ko"] and t.b in case["en"]


def test_glossary_holds_a_few_hundred_concepts_each_form_once():
    found = entries()
    assert len(found) >= 300
    assert len({e.gloss for e in found}) == len(found), "one entry per concept"
    korean = Counter(f for e in found for f in e.korean)
    english = Counter(f.lower() for e in found for f in e.english)
    assert [f for f, n in korean.items() if n > 1] == []
    assert [f for f, n in english.items() if n > 1] == []
    assert all(e.korean and e.english for e in found)
    # the diplomatic core is there
    core = {"비핵화": "denuclearization", "동맹": "alliance", "협력": "cooperation"}
    core |= {"통화": "phone call", "장관": "minister", "규탄": "condemn", "제재": "sanctions"}
    for korean_form, gloss in core.items():
        assert gloss in {t.gloss for t in find_terms(korean_form)}, korean_form


def test_every_form_finds_its_own_concept():
    """No form is shadowed by another entry's form: each, written alone, names its concept."""
    unreachable = []
    for e in entries():
        for form in e.korean:
            if e.gloss not in {t.gloss for t in find_terms(form)}:
                unreachable.append(form)
        for form in e.english:
            text = form.removeprefix("=").replace("*", "")
            if e.gloss not in {t.gloss for t in find_terms(text)}:
                unreachable.append(form)
    assert unreachable == []


def test_english_forms_are_words_and_exact_case_where_marked():
    text = "They told us about it; the US and Japan, the U.S.-ROK alliance, Korea's allies."
    assert [(text[t.start : t.end], t.gloss) for t in find_terms(text)] == [
        ("US", "U.S."),
        ("Japan", "Japan"),
        ("U.S.", "U.S."),
        ("ROK", "ROK"),
        ("alliance", "alliance"),
        ("Korea's", "ROK"),
        ("allies", "alliance"),
    ]
    # a form is no match inside a longer word or in another case: "Eui-yong" holds no "EU"
    found = {t.gloss for t in find_terms("Chung Eui-yong met the eu envoys in Seoul.")}
    assert found == {"Chung Eui-yong", "meeting", "special representative", "Seoul"}


def test_glosses_put_names_last_and_leave_titles_out():
    text = "블링컨 장관은 우크라이나 정세와 공급망 협력을 논의하였다."
    assert glosses(text) == [
        "situation",
        "supply chains",
        "cooperation",
        "discuss",
        "Blinken",
        "Ukraine",
    ]
    assert "minister" not in glosses(text)
    assert glosses("The weather was fine.") == []


def test_the_kinds_a_view_ranks_by():
    kinds = Counter(e.kind for e in entries())
    for kind in TermKind:
        assert kinds[kind], kind
    stances = {e.gloss for e in entries() if e.kind is TermKind.STANCE}
    assert {"condemn", "welcome", "regret", "oppose"} <= stances


# --- across languages, on real readouts (read-only: ../shared/eval/korean/cross) -------------


def test_korean_eval_pairs_are_there():
    assert CROSS.is_dir(), f"missing {CROSS}"
    assert len([p for p in CROSS.iterdir() if (p / "a.txt").exists()]) >= 3


@pytest.mark.parametrize(
    "folder", sorted(p for p in CROSS.iterdir() if (p / "a.txt").exists()), ids=lambda p: p.name
)
def test_cross_language_rows_name_what_differs(folder):
    a, b = (folder / "a.txt").read_text("utf-8"), (folder / "b.txt").read_text("utf-8")
    result = compare_texts(a, b)
    assert result.a.language == "ko" and result.b.language == "en"
    shared = [r for r in result.alignments if r.label in (Label.PARTIAL, Label.DIVERGE)]
    assert shared
    for row in shared:
        text = reason(row, result)
        assert "compare the wording by eye" not in text
        assert re.search(r"both name |only in [AB]: |dates differ|numbers differ", text), text
    for row in result.alignments:
        statement = result.a.statements[row.a[0]] if row.label is Label.ONLY_A else None
        if statement and len(statement.text.split()) >= 3:  # not a stray "다." of the source
            assert "in Korean, it names " in reason(row, result), statement.text


def test_korean_sample_names_the_condemnation_only_the_us_makes():
    sample = (
        Path(__file__).resolve().parent.parent / "samples" / "ko-en_chung-blinken_call_2022-01-14"
    )
    a, b = (sample / "a.txt").read_text("utf-8"), (sample / "b.txt").read_text("utf-8")
    result = compare_texts(a, b, names=("MOFA", "State"))
    top = key_findings(result)[0]
    assert top.text.startswith(
        "only State reports a condemnation: \u201cSecretary Blinken condemned the DPRK"
    )
    assert top.side == "b"
    row = top.row
    assert "only in B: condemn" in reason(row, result)


def test_a_cross_language_row_lists_what_it_alone_is_about_first():
    """The sample's a3 (Burma, Ukraine, COVID-19, vaccines) shares a row with a1: the row's
    one-sided list used to fill up with a1's words and the concepts the whole call names
    (region, alliance), and named none of a3's points."""
    sample = (
        Path(__file__).resolve().parent.parent / "samples" / "ko-en_chung-blinken_call_2022-01-14"
    )
    a, b = (sample / "a.txt").read_text("utf-8"), (sample / "b.txt").read_text("utf-8")
    result = compare_texts(a, b, names=("MOFA", "State"))
    row = result.row_of("a3")
    assert row.a == (1, 3)  # the premise: a3 is grouped with a1
    only_a = reason(row, result).split("only in A: ")[1].split("; only in B")[0]
    assert "Burma (미얀마)" in only_a and "Ukraine (우크라이나)" in only_a
    assert "region" not in only_a  # named in three statements of the call: common to it
    added = [
        f.text for f in key_findings(result) if f.row is row and f.text.startswith("MOFA adds")
    ]
    assert added and "COVID-19" in added[0]


def test_a_korean_compound_of_several_concepts_is_named_once_with_all_its_glosses():
    c = comparison(
        ["한미 양국은 동맹을 강화하고 북한 문제를 논의하기로 하였다."],
        ["The ROK and the U.S. agreed to strengthen the alliance and discuss Ukraine."],
        [((0,), (0,), 0.5, 0.2)],
        languages=("ko", "en"),
    )
    text = reason(c.alignments[0], c)
    assert "ROK/U.S. (한미)" in text and text.count("(한미)") == 1, text


def test_common_concepts_are_those_three_statements_name():
    texts = ["한미 동맹", "The alliance is strong.", "동맹을 강화", "미얀마 정세"]
    assert common_concepts(texts) == frozenset({"alliance"})
    assert ranked(["region", "Burma", "discuss", "ROK", "Blinken"], frozenset({"ROK"})) == [
        "region",
        "Burma",
        "discuss",
        "Blinken",
        "ROK",
    ]
    # without a comparison to tell which names are common, names go last
    assert ranked(["Burma", "region", "discuss"]) == ["region", "discuss", "Burma"]
