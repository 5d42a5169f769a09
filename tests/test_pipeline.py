"""Invariants of compare_texts over every sample pair, with the real model."""

import pytest

from compare import Config, EmptyTextError, InputError, Label, SplitMode, compare_texts
from compare.export import alignment_rows

SWAP = {Label.ONLY_A: Label.ONLY_B, Label.ONLY_B: Label.ONLY_A}


@pytest.fixture(scope="module")
def results(embedder):
    cache = {}

    def run(a, b):
        if (a, b) not in cache:
            cache[(a, b)] = compare_texts(a, b, names=("A", "B"), embedder=embedder)
        return cache[(a, b)]

    return run


def test_every_content_statement_is_in_exactly_one_row(sample_pair, results):
    a, b, _ = sample_pair
    result = results(a, b)
    for side, doc in (("a", result.a), ("b", result.b)):
        seen = [i for row in result.alignments for i in (row.a if side == "a" else row.b)]
        assert sorted(seen) == [s.index for s in doc.content]
        non_content = {s.index for s in doc.statements if not s.is_content}
        assert non_content.isdisjoint(seen)


def test_offsets_rejoin(sample_pair, results):
    a, b, _ = sample_pair
    result = results(a, b)
    for doc, text in ((result.a, a), (result.b, b)):
        assert doc.statements, "no statements"
        for st in doc.statements:
            assert text[st.start : st.end] == st.text


def test_swapping_sides_mirrors_the_result(sample_pair, results):
    a, b, _ = sample_pair
    forward, backward = results(a, b), results(b, a)
    fwd = {(row.a, row.b, SWAP.get(row.label, row.label)) for row in forward.alignments}
    bwd = {(row.b, row.a, row.label) for row in backward.alignments}
    assert fwd == bwd


def test_same_input_same_output(sample_pair, embedder, results):
    a, b, _ = sample_pair
    again = compare_texts(a, b, names=("A", "B"), embedder=embedder)
    assert alignment_rows(again) == alignment_rows(results(a, b))


def test_every_group_has_a_reason_and_the_sample_has_findings(sample_pair, results):
    a, b, _ = sample_pair
    result = results(a, b)
    assert any(row.a and row.b for row in result.alignments), "nothing aligned"
    for row in result.alignments:
        assert row.reason
        assert 0.0 <= row.similarity <= 1.0 and 0.0 <= row.lexical <= 1.0


def test_the_same_readout_agrees_with_itself(embedder):
    text = (
        "Secretary Blinken spoke with Foreign Minister Chung. They discussed the DPRK.\n"
        "The Secretary confirmed U.S. support for inter-Korean dialogue."
    )
    result = compare_texts(text, text, embedder=embedder)
    assert [row.label for row in result.alignments] == [Label.AGREE] * 3


def test_reordered_topics_still_align(embedder):
    a = "The ministers discussed climate change.\nThey condemned the missile launch by North Korea."
    b = "Both sides condemned North Korea's missile launch.\nThe two discussed the climate crisis."
    result = compare_texts(a, b, embedder=embedder)
    pairs = {(row.a, row.b) for row in result.alignments}
    assert ((0,), (1,)) in pairs and ((1,), (0,)) in pairs


def test_unrelated_statement_is_an_omission(embedder):
    a = "The ministers discussed the North Korean missile launch."
    b = "The ministers discussed the North Korean missile launch.\nThey also talked about football scores in Brazil."
    result = compare_texts(a, b, embedder=embedder)
    assert [row.label for row in result.alignments if row.b == (1,)] == [Label.ONLY_B]


def test_lines_mode(fake_embedder):
    result = compare_texts(
        "One. Two.\nThree.",
        "One. Two.",
        config=Config(split=SplitMode.LINES),
        embedder=fake_embedder,
    )
    assert [s.text for s in result.a.statements] == ["One. Two.", "Three."]


@pytest.mark.parametrize("bad", ["", "   \n\t "])
def test_empty_input_is_a_clear_error(bad, fake_embedder):
    with pytest.raises(EmptyTextError, match="side A"):
        compare_texts(bad, "Some text.", embedder=fake_embedder)


def test_bad_options_are_clear_errors():
    with pytest.raises(InputError, match="split"):
        Config(split="words")
    with pytest.raises(InputError, match="link_threshold"):
        Config(link_threshold=1.5)
    with pytest.raises(InputError, match="names"):
        compare_texts("a.", "b.", names=("only one",))


_FRENCH = (
    "Le secrétaire d'État s'est entretenu aujourd'hui avec le ministre des Affaires étrangères "
    "de la République de Corée. Ils ont réaffirmé leur engagement en faveur de la "
    "dénucléarisation complète de la péninsule coréenne et sont convenus de rester en contact."
)
_JAPANESE = (
    "林外務大臣は、ブリンケン国務長官と電話会談を行いました。両者は日米同盟の重要性を確認しました。"
)
_CHINESE = "王毅同布林肯通电话。双方就中美关系交换了意见。"


@pytest.mark.parametrize(
    "text, named",
    [
        (_FRENCH, "a language other than English: "),
        (_JAPANESE, "Japanese"),
        (_CHINESE, "Chinese"),
    ],
)
def test_a_readout_in_another_language_is_refused_not_read_as_english(fake_embedder, text, named):
    """Segmented as English, such a side comes out as one long statement, or as statements
    with no word in common with the other side: every row only-A / only-B, silently wrong."""
    english = "Secretary Blinken spoke with the Foreign Minister. They discussed North Korea."
    with pytest.raises(InputError, match=rf"^side B \(B\) reads as {named}") as e:
        compare_texts(english, text, embedder=fake_embedder)
    assert "English and Korean" in str(e.value)


@pytest.mark.parametrize(
    "text",
    [
        "Blinken met Park in Seoul.",  # too short to judge
        "한미 외교장관은 통화를 갖고 북한 문제를 논의하였다.",
        # an English readout full of names and titles is still English
        "Secretary of State Antony J. Blinken met with Foreign Minister Park Jin of the "
        "Republic of Korea, Japanese Foreign Minister Hayashi Yoshimasa, Australian Foreign "
        "Minister Penny Wong and Indian External Affairs Minister Subrahmanyam Jaishankar in "
        "New Delhi on the margins of the G20 meeting.",
    ],
)
def test_english_and_korean_sides_are_compared(fake_embedder, text):
    result = compare_texts(text, "The ministers met in Seoul.", embedder=fake_embedder)
    assert result.a.content


@pytest.mark.parametrize(
    "text, shown",
    [
        ("The below is attributable to Spokesperson Ned Price:", "The below is attributable"),
        ("끝.", "끝."),
        ("The overview of the meeting is as follows.\n끝.", "The overview of the meeting"),
    ],
)
def test_a_side_with_nothing_but_non_content_is_an_error_not_all_only_rows(
    fake_embedder, text, shown
):
    """A copy that kept only the attribution line or the end mark would otherwise report every
    statement of the other side as its own only: silently wrong, so it is refused."""
    with pytest.raises(EmptyTextError, match=r"^side A \(A\) has no statement to compare") as e:
        compare_texts(text, "The two ministers met.\nThey agreed.", embedder=fake_embedder)
    assert f"\u201c{shown}" in str(e.value)
