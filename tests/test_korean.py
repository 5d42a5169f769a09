"""Korean on either side: segmentation, the multilingual model, cross-script evidence."""

import json

import numpy as np
import pytest
from conftest import shared

from compare import Config, Label, SplitMode, compare_texts
from compare.label import evidence, label_group
from compare.pipeline import choose_model
from compare.similarity import anchor_matrix
from compare.text import content_words
from compare.values import quantities

KOREAN = shared("eval", "korean")
TRANSLATIONS = sorted((KOREAN / "translation").glob("*/gold.json"))


@pytest.fixture(scope="module")
def multilingual():
    from compare.embed import load_embedder

    return load_embedder("use-multilingual-v3")


def test_model_choice_keeps_the_english_default():
    assert choose_model(Config(), ("en", "en")) == "all-MiniLM-L6-v2"
    assert choose_model(Config(), ("ko", "en")) == "use-multilingual-v3"
    assert choose_model(Config(), ("ko", "ko")) == "use-multilingual-v3"
    assert choose_model(Config(model="/my/model"), ("ko", "en")) == "/my/model"


def test_korean_dates_and_durations():
    assert quantities("1.15.(토) 오전 통화")["date"] == {"jan 15"}
    assert quantities("8월 5일 약 20분간 통화했다")["date"] == {"aug 5"}
    assert quantities("8월 5일 약 20분간 통화했다")["minutes"] == {"20"}


def test_a_korean_day_without_its_month_is_a_date_that_fits_the_other_sides():
    assert quantities("조 차관이 어제(18일) 통화했다")["date"] == {"the 18th"}
    assert quantities("8월 5일 통화했다") == {"date": {"aug 5"}}  # not also the 5th
    assert quantities("3일간 방문했다") == {"": {"3"}}  # three days, not the 3rd
    same = evidence(["어제(18일) 통화했다."], ["They spoke on May 18."], crosslingual=True)
    assert same.only_a_numbers == () and same.date_conflicts == ()
    other = evidence(["어제(18일) 통화했다."], ["They spoke on May 20."], crosslingual=True)
    assert other.date_conflicts == (("the 18th", "may 20"),)
    alone = evidence(["어제(18일) 통화했다."], ["They spoke today."], crosslingual=True)
    assert alone.only_a_numbers == ("the 18th",)


def test_21st_century_is_a_term_not_a_number_only_one_side_gives():
    result = compare_texts(
        "양 장관은 기후 위기를 비롯한 도전과제에 함께 대응하기로 했다.",
        "The two ministers agreed to work together on the most pressing 21st century "
        "challenges, including the climate crisis.",
    )
    (row,) = result.alignments
    assert row.label is Label.AGREE
    assert result.reason(row).startswith("same content")  # was "only B gives 21"


def test_duration_conflict_across_languages_is_named():
    ev = evidence(
        ["양 장관은 20분간 통화했다."],
        ["The two ministers spoke for 15 minutes."],
        crosslingual=True,
    )
    assert ev.conflict
    assert ev.number_conflicts == (("20 minutes", "15 minutes"),)
    assert ev.only_a_words == () and ev.only_b_words == ()


def test_korean_content_words_drop_particles():
    assert set(content_words("장관은 협력을 강화하기로")) == set(
        content_words("장관이 협력의 강화")
    )


def test_cross_script_lexical_evidence_never_pulls_down():
    semantic = np.array([[0.5, 0.4]], np.float32)
    out = anchor_matrix(
        ["블링컨(Blinken) 장관은 통화했다."], ["Blinken spoke.", "They met."], semantic
    )
    assert out[0, 0] == pytest.approx(1.0)  # the Latin-letter name is shared
    assert out[0, 1] == pytest.approx(0.4)  # no anchors in common: the semantic score stands


@pytest.mark.parametrize("gold_path", TRANSLATIONS, ids=[p.parent.name for p in TRANSLATIONS])
def test_official_translation_aligns_and_agrees(gold_path, multilingual):
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    a = "\n".join(s["text"] for s in gold["a_sentences"])
    b = "\n".join(s["text"] for s in gold["b_sentences"])
    result = compare_texts(a, b, config=Config(split=SplitMode.LINES), embedder=multilingual)
    assert result.a.language == "ko" and result.b.language == "en"
    predicted = {link: row.label for row in result.alignments for link in row.links}
    expected = {(i, j): g["label"] for g in gold["alignments"] for i in g["a"] for j in g["b"]}
    found = set(predicted) & set(expected)
    assert len(found) / len(expected) >= 0.8
    agree = [link for link in found if expected[link] == "agree"]
    assert sum(predicted[link] is Label.AGREE for link in agree) / len(agree) >= 0.8


def test_korean_file_end_to_end_uses_the_multilingual_model():
    pair = sorted((KOREAN / "cross").iterdir())[0]
    result = compare_texts(
        (pair / "a.txt").read_text(encoding="utf-8"), (pair / "b.txt").read_text(encoding="utf-8")
    )
    assert result.model == "use-multilingual-v3"
    assert any(row.a and row.b for row in result.alignments)
    for st in result.a.statements:
        assert result.a.text[st.start : st.end] == st.text


@pytest.mark.parametrize(
    "ko, en, expected",
    [
        # Korean denies what English states
        (
            "양 장관은 무역 분쟁을 논의하지 않았다.",
            "The two ministers discussed the trade dispute.",
            "A says '논의하지 않았다'",
        ),
        (
            "양측은 합의하지 못했다.",
            "The two sides agreed on the plan.",
            "A says '합의하지 못했다'",
        ),
        # English denies what Korean states
        (
            "양 장관은 최근 북한의 미사일 발사에 대해 논의하였다.",
            "The ministers did not discuss the launches.",
            "B says 'not discuss'",
        ),
    ],
)
def test_a_negation_across_languages_is_a_conflict(ko, en, expected):
    label, ev = label_group([ko], [en], 0.8, 0.0, Config(), crosslingual=True)
    assert ev.negation == expected
    assert label is Label.DIVERGE


@pytest.mark.parametrize(
    "ko, en",
    [
        # both sides negate: wording, not polarity
        ("북한이 도발하지 않도록 촉구하였다.", "They urged North Korea not to provoke."),
        # the negated concept is not one the other side states
        ("양 장관은 대응방향을 논의하지 않았다.", "The two ministers condemned the launches."),
        ("양 장관은 통화하였다.", "The two ministers spoke by phone."),
    ],
)
def test_no_negation_conflict_across_languages_without_one_sided_denial(ko, en):
    _, ev = label_group([ko], [en], 0.8, 0.0, Config(), crosslingual=True)
    assert ev.negation is None
