import pytest

from compare.schema import Kind, SplitMode
from compare.segment import detect_language, is_non_content, segment


def texts(text, **kw):
    return [s.text for s in segment(text, "a", **kw)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Secretary Blinken spoke with Foreign Minister Chung. They discussed the DPRK.",
            ["Secretary Blinken spoke with Foreign Minister Chung.", "They discussed the DPRK."],
        ),
        (  # abbreviations do not end a sentence
            "The U.S. and the U.N. met Gen. Kim on Jan. 5 at 8 a.m. in Seoul. They agreed.",
            ["The U.S. and the U.N. met Gen. Kim on Jan. 5 at 8 a.m. in Seoul.", "They agreed."],
        ),
        (
            "They urged full implementation of resolution No. 2397. Secretary Antony J. Blinken agreed.",
            [
                "They urged full implementation of resolution No. 2397.",
                "Secretary Antony J. Blinken agreed.",
            ],
        ),
        (  # a quotation with two sentences stays whole
            '"We will act. We will not wait," the minister said. The secretary agreed.',
            ['"We will act. We will not wait," the minister said.', "The secretary agreed."],
        ),
        (
            "They strengthened the Japan-U.S. Alliance. The leaders agreed.",
            ["They strengthened the Japan-U.S. Alliance.", "The leaders agreed."],
        ),
    ],
)
def test_english_sentences(text, expected):
    assert texts(text) == expected


def test_numbered_points_and_bullets_stay_with_their_sentence():
    text = "1. The two ministers agreed.\n(2) They met. It rained.\n3) Done.\n° Kang regretted it.\n- Both sides agreed."
    assert texts(text) == [
        "1. The two ministers agreed.",
        "(2) They met.",
        "It rained.",
        "3) Done.",
        "° Kang regretted it.",
        "- Both sides agreed.",
    ]


def test_lines_never_merge():
    assert texts("First point without a stop\nSecond point.") == [
        "First point without a stop",
        "Second point.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "The below is attributable to Spokesperson Ned Price:",
        "The following is attributable to Spokesperson Matthew Miller:",
        "As stated by Spokesperson Ned Price:",
        "The overview of the telephone talk is as follows.",
        "The overview of the talk is as follows.",
        "Readout of the Call",
        "끝.",
    ],
)
def test_non_content(line):
    assert is_non_content(line)


@pytest.mark.parametrize(
    "line",
    ["The Secretary raised Russia's war against Ukraine.", "They agreed to meet again soon."],
)
def test_content_is_not_non_content(line):
    assert not is_non_content(line)


def test_non_content_statement_inside_a_line_is_marked():
    text = "Mr. Abe held a telephone talk with Mr. Moon. The overview of the telephone talk is as follows."
    statements = segment(text, "b")
    assert [s.kind for s in statements] == [Kind.CONTENT, Kind.NON_CONTENT]
    assert statements[0].id == "b0"


def test_offsets_rejoin_to_the_original():
    text = '  1. One point.   Two points!\r\n\n\t° Third, "quoted. still" here.  \n'
    for st in segment(text, "a"):
        assert text[st.start : st.end] == st.text
        assert st.text == st.text.strip()


def test_lines_mode_takes_one_statement_per_line():
    text = "One. Two.\nThree\n\n  Four.  "
    assert texts(text, split=SplitMode.LINES) == ["One. Two.", "Three", "Four."]


def test_korean_is_detected_and_split():
    text = "정의용 장관은 블링컨 장관과 통화했다.그러나 회담 일정은 정해지지 않았다.\n□ 양 장관은 협력을 강화하기로 했다."
    assert detect_language(text) == "ko"
    assert detect_language("Secretary Blinken spoke with Chung.") == "en"
    result = texts(text)
    assert len(result) == 3
    assert result[0].endswith("통화했다.")
    assert result[2].startswith("□")
