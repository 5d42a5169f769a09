import pytest
from bounded import run_bounded

from compare.errors import FileTooLargeError
from compare.schema import Kind, SplitMode
from compare.segment import (
    _KOREAN_WINDOW,
    MAX_KOREAN_CHARS,
    detect_language,
    is_non_content,
    segment,
)


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


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # web copies lose the space after a full stop (issue 12)
            "The envoys agreed to keep talking.The ministry said on Monday that talks resume.",
            [
                "The envoys agreed to keep talking.",
                "The ministry said on Monday that talks resume.",
            ],
        ),
        (
            "Both sides met in 2019.Seoul hosted them.KCNA reported it.I agree.",
            ["Both sides met in 2019.", "Seoul hosted them.", "KCNA reported it.", "I agree."],
        ),
        (
            'He said "we will meet again."The envoy left.(The talks ended.)',
            ['He said "we will meet again."', "The envoy left.", "(The talks ended.)"],
        ),
        ("Are they ready?They are!Good.", ["Are they ready?", "They are!", "Good."]),
        (
            "The remark came per CNN.Sources say more talks are due.",
            ["The remark came per CNN.", "Sources say more talks are due."],
        ),
        ("Growth was 2.5 percent.Rates rose.", ["Growth was 2.5 percent.", "Rates rose."]),
    ],
)
def test_glued_sentences_are_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Officials of the U.S.Treasury met Dr.Park and Gen.Lee at 9 a.m.Tuesday.",
        "Item No.1 on the list rose by 2.5 percent.",
        "Read it on whitehouse.gov or Yonhap.co.kr or Mofa.Go.Kr or WhiteHouse.Gov today.",
        "The poet J.R.R.Tolkien wrote it, e.g.The Hobbit.",
        "Mail press@Example.Org or see www.example.org/News.Today for more.",
        "The ROK.US talks went on.",
        "1.The first point of the agenda.",
    ],
)
def test_full_stops_that_are_not_glued_sentence_ends(text):
    assert texts(text) == [text]


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


def test_lines_that_are_not_one_sentence_never_merge():
    assert texts("First point without a stop\nSecond point.") == [
        "First point without a stop",
        "Second point.",
    ]


WRAPPED = (
    "Secretary of State Antony J. Blinken spoke today with Japanese Minister\n"
    "for Foreign Affairs Hayashi Yoshimasa. They reiterated their support for\n"
    "Ukraine's independence, sovereignty, and territorial integrity (ROK)\n"
    "and condemned the launch. Secretary Blinken stressed the commitment to the defense of\n"
    "Japan. On May 9, for approximately 50 minutes, Mr.\n"
    "Shinzo Abe held a meeting with the President.\r\n"
    "They discussed trade\r\n"
    "and investment."
)


def test_a_sentence_wrapped_over_lines_is_one_statement_whose_offsets_hold():
    """Text from an e-mail or a terminal is wrapped at a fixed width: a line break inside a
    sentence is no statement boundary. The statement keeps the break, so its offsets still
    point into the text as given."""
    statements = segment(WRAPPED, "a")
    assert [" ".join(s.text.split()) for s in statements] == [
        "Secretary of State Antony J. Blinken spoke today with Japanese Minister for Foreign "
        "Affairs Hayashi Yoshimasa.",
        "They reiterated their support for Ukraine's independence, sovereignty, and territorial "
        "integrity (ROK) and condemned the launch.",
        "Secretary Blinken stressed the commitment to the defense of Japan.",
        "On May 9, for approximately 50 minutes, Mr. Shinzo Abe held a meeting with the President.",
        "They discussed trade and investment.",
    ]
    assert all(WRAPPED[s.start : s.end] == s.text for s in statements)
    # one statement per line when the user asks for it
    assert len(segment(WRAPPED, "a", split=SplitMode.LINES)) == 8


@pytest.mark.parametrize(
    "text",
    [
        "Readout of the Call with Foreign Minister Park\nSecretary Blinken spoke with him.",
        "They agreed on the following points, among others, for the\n2. Second point.",
        "The ministers held a long telephone talk about the peninsula\n\nThe ministers met.",
        "The ministers held a long telephone talk about the peninsula.\nThe ministers met.",
        "The two ministers discussed cooperation with the U.S.\nThe two ministers met.",
        "Outcome of the Meeting\no The two ministers discussed trade.",
        # a list whose items end in no full stop (a web page's items, say): no line of the text
        # shows a wrap, so a long item does not run on to the next
        "The two ministers discussed ways to strengthen the alliance and regional security\n"
        "They agreed to continue close coordination on North Korea",
    ],
    ids=[
        "heading",
        "list-item",
        "blank-line",
        "sentence-end",
        "acronym-end",
        "o-bullet",
        "unstopped-items",
    ],
)
def test_a_line_break_that_ends_a_heading_item_or_paragraph_is_kept(text):
    assert len(segment(text, "a")) == 2


@pytest.mark.parametrize(
    "line",
    [
        "The below is attributable to Spokesperson Ned Price:",
        "The following is attributable to Spokesperson Matthew Miller:",
        "As stated by Spokesperson Ned Price:",
        "The overview of the telephone talk is as follows.",
        "The overview of the talk is as follows.",
        "The overview is as follows.",
        "Readout of the Call",
        "끝.",
        # a press office's title, long as they are, and a web page's label lines
        "President Xi Jinping Speaks with Japanese Prime Minister Fumio Kishida on the Phone",
        "Share:",
        "Media Contact:",
        # the address a browser prints on each page of a saved readout
        "https://www.state.gov/secretary-blinkens-call-with-foreign-minister-chung-4/ 1/2",
        "www.mofa.go.kr/eng/brd/m_5676/view.do",
    ],
)
def test_non_content(line):
    assert is_non_content(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Secretary raised Russia's war against Ukraine.",
        "They agreed to meet again soon.",
        # without a full stop, but a sentence: its verbs and nouns are not capitalised
        "Secretary Blinken and Foreign Minister Park discussed the DPRK's missile launches",
        # a sentence that introduces what follows
        "The two leaders made the following points:",
        # a sentence that gives an address is still a sentence
        "The full text is at https://www.state.gov/readout.",
    ],
)
def test_content_is_not_non_content(line):
    assert not is_non_content(line)


def test_non_content_statement_inside_a_line_is_marked():
    text = "Mr. Abe held a telephone talk with Mr. Moon. The overview of the telephone talk is as follows."
    statements = segment(text, "b")
    assert [s.kind for s in statements] == [Kind.CONTENT, Kind.NON_CONTENT]
    assert statements[0].id == "b0"


@pytest.mark.parametrize("split", [SplitMode.SENTENCES, SplitMode.LINES])
def test_a_reporters_turn_in_a_press_conference_is_not_the_governments_account(split):
    text = (
        "Minister Kono: I held a telephone talk with Minister Kang.\n"
        "Reporter: I understand the talk lasted 20 minutes. At what time did it start?\n"
        "Minister Kono: At 3 p.m.\n"
        "Q: Did you discuss sanctions?\n"
        "기자: 회담은 언제였습니까?\n"
        "Questioned about sanctions, he declined to comment."
    )
    kinds = {s.text: s.kind for s in segment(text, "a", split=split)}
    content = [t for t, k in kinds.items() if k is Kind.CONTENT]
    assert content == [
        "Minister Kono: I held a telephone talk with Minister Kang.",
        "Minister Kono: At 3 p.m.",
        "Questioned about sanctions, he declined to comment.",
    ]
    assert len(kinds) == (7 if split is SplitMode.SENTENCES else 6)  # nothing is dropped


def test_a_stray_korean_sentence_ending_joins_its_sentence():
    text = "양 장관은 공조를 강화해 나가자고 했다.다. 블링컨 장관은 취임을 축하했다."
    assert texts(text) == [
        "양 장관은 공조를 강화해 나가자고 했다.다.",
        "블링컨 장관은 취임을 축하했다.",
    ]


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


# --- bounded time on hostile input (issue 16) ------------------------------------------------

# Each snippet builds its input, segments it and prints the statement count; the subprocess
# timeout is the bound (a quadratic splitter took minutes on these).
_PROSE = "' '.join(f'The ministers met on day {i}.' for i in range(36_000))"  # 1.0 M characters


@pytest.mark.parametrize(
    ("make_text", "expected"),
    [
        (_PROSE, 36_000),
        ("'.' * 500_000", 1),
        ("'. ' * 250_000", 1),
        ("('.' * 5_000 + ' The end') * 100", 101),  # each 'end.....' before 'The' ends one
        ("'\"' + " + _PROSE, 1),  # a quotation that never closes
        ("'\\u201c' + " + _PROSE, 1),
        ("'Mr. ' * 250_000", 1),
        ("'U.S. ' * 200_000", 1),
        ("'a.' * 250_000 + ' The end.'", 2),  # too long to be an acronym
        ("'they discussed the\\nissues of the region and\\n' * 50_000", 1),  # one wrapped run
    ],
    ids=[
        "prose",
        "dots",
        "spaced-dots",
        "dot-runs",
        "open-quote",
        "open-curly",
        "mr",
        "us",
        "acronym",
        "wrapped",
    ],
)
def test_long_single_line_segments_in_bounded_time(make_text: str, expected: int) -> None:
    code = (
        "from compare.segment import segment\n"
        f"text = {make_text}\n"
        "statements = segment(text, 'a', language='en')\n"
        "assert all(text[s.start:s.end] == s.text for s in statements)\n"
        "print(len(statements))\n"
    )
    assert int(run_bounded(code)) == expected


def test_long_korean_line_is_split_in_windows_like_short_lines() -> None:
    # Longer than several kiwipiepy windows: the joins between windows must not lose, merge or
    # duplicate a sentence. Each sentence differs (its number) so a duplicate would show.
    code = (
        "from compare.segment import segment\n"
        "sentences = [f'양국 장관은 {i}번째 회의에서 협력을 강화하기로 했다.' for i in range(2_500)]\n"
        "text = ' '.join(sentences)\n"
        "got = [s.text for s in segment(text, 'a')]\n"
        "print(got == sentences, len(text))\n"
    )
    # kiwipiepy needs about 10 s of CPU for this text: the bound is that times the load of a
    # busy shared machine, not a speed claim
    same, length = run_bounded(code, timeout=120).split()
    assert int(length) > 20 * _KOREAN_WINDOW
    assert same == "True"


def test_korean_text_over_the_splitting_limit_is_a_named_error() -> None:
    text = "가" * (MAX_KOREAN_CHARS + 1)
    with pytest.raises(FileTooLargeError) as info:
        segment(text, "b")
    assert str(info.value).startswith("side B is Korean text of 200,001 characters")
    assert "MAX_KOREAN_CHARS" in str(info.value)
    assert len(segment(text, "b", split=SplitMode.LINES)) == 1  # one per line needs no kiwipiepy


@pytest.mark.parametrize("mark", ["끝.", "-끝-"])
def test_a_korean_press_releases_end_mark_is_set_apart_from_its_last_sentence(mark):
    statements = segment(f"양 장관은 앞으로도 긴밀히 소통해 나가기로 하였다. {mark}", "a")
    assert [(s.kind, s.text) for s in statements] == [
        (Kind.CONTENT, "양 장관은 앞으로도 긴밀히 소통해 나가기로 하였다."),
        (Kind.NON_CONTENT, mark),
    ]
    # a word that begins with the syllable is no end mark
    assert [s.text for s in segment("그는 끝까지 노력하겠다고 하였다.", "a")] == [
        "그는 끝까지 노력하겠다고 하였다."
    ]


@pytest.mark.parametrize("text", ["", "   \n\t\n  "])
def test_a_text_with_no_line_has_no_statement(text):
    assert segment(text, "a") == ()
