import pytest

from compare.label import evidence, label_group, quantities, speaker
from compare.schema import Config, Label

CFG = Config()


def lab(a, b, sim=0.9, lex=0.8):
    return label_group([a], [b], sim, lex, CFG)


def test_identical_statements_agree():
    text = "The Secretary and the Foreign Minister discussed recent developments in the DPRK."
    label, reason = lab(text, text, 1.0, 1.0)
    assert label is Label.AGREE
    assert "same" in reason


def test_support_vs_oppose_diverges_and_names_the_verbs():
    label, reason = lab(
        "The US supports inter-Korean dialogue.", "The US opposes inter-Korean dialogue."
    )
    assert label is Label.DIVERGE
    assert "support" in reason and "oppos" in reason


def test_duration_conflict_diverges():
    label, reason = lab(
        "The two ministers held a 15-minute telephone talk.",
        "The two ministers held a telephone talk for 20 minutes.",
    )
    assert label is Label.DIVERGE
    assert "15 minutes" in reason and "20 minutes" in reason


def test_negation_on_one_side_diverges():
    label, reason = lab(
        "The talks will take place on June 12.", "The talks will not take place on June 12."
    )
    assert label is Label.DIVERGE
    assert "not" in reason


def test_re_attribution_is_partial_and_names_speakers():
    label, reason = lab(
        "The two ministers reaffirmed their commitment to denuclearization.",
        "Secretary Blinken reaffirmed his commitment to denuclearization.",
        0.92,
        0.85,
    )
    assert label is Label.PARTIAL
    assert "speaker" in reason and "Blinken" in reason


def test_extra_content_on_one_side_is_partial_and_named():
    label, reason = lab(
        "They discussed North Korea.",
        "They discussed North Korea, the COVID-19 outbreak at US bases and Russia's troop buildup.",
        0.7,
        0.6,
    )
    assert label is Label.PARTIAL
    assert "covid" in reason.lower()


def test_house_style_words_are_not_differences():
    ev = evidence(
        ["The two leaders reaffirmed the ironclad alliance."],
        ["The two leaders reaffirmed the alliance."],
    )
    assert ev.only_a_words == () and not ev.conflict


def test_country_aliases_are_one_word():
    ev = evidence(["The United States supports the ROK."], ["U.S. supports the Republic of Korea."])
    assert ev.only_a_words == () and ev.only_b_words == ()


@pytest.mark.parametrize(
    "text, unit, value",
    [
        ("a 35-minute call", "minutes", "35"),
        ("for approximately fifteen minutes", "minutes", "15"),
        ("on August 5", "date", "aug 5"),
        ("on 5 Aug", "date", "aug 5"),
    ],
)
def test_quantities(text, unit, value):
    assert value in quantities(text)[unit]


def test_speaker():
    assert speaker("° Secretary Pompeo explained the background.") == "Secretary Pompeo"
    assert speaker("The two ministers agreed.") == "The two ministers"
    assert speaker("North Korea launched a missile.") is None


def test_label_is_symmetric():
    a = "The two ministers agreed to meet on August 5 for 30 minutes."
    b = "Secretary Blinken proposed to meet on August 6."
    assert lab(a, b)[0] == lab(b, a)[0]


def test_a_date_is_named_once_as_a_date_not_again_as_a_word():
    ev = evidence(
        ["Secretary Blinken spoke with Foreign Minister Chung."],
        ["On the evening of August 5, Secretary Blinken spoke with Foreign Minister Chung."],
    )
    assert ev.only_b_numbers == ("aug 5",)
    assert "evening" in ev.only_b_words
    assert not any(w.lower().startswith("aug") for w in ev.only_b_words)


def test_a_month_without_a_day_is_still_a_word():
    ev = evidence(["The talks were held in Seoul."], ["The talks were held in Seoul in August."])
    assert [w.lower() for w in ev.only_b_words] == ["august"]


@pytest.mark.parametrize(
    "a, b, who",
    [
        (
            "The call was held at the request of the U.S. side.",
            "The call was held at the request of the Korean side.",
            ("U.S.", "ROK"),
        ),
        (
            "The talk took place at Japan's request.",
            "The talk was requested by the United States.",
            ("Japan", "U.S."),
        ),
    ],
)
def test_who_requested_the_call_conflicts(a, b, who):
    label, reason = lab(a, b)
    assert label is Label.DIVERGE
    assert f"who made the request differs: A {who[0]} vs B {who[1]}" in reason


def test_requester_on_one_side_or_the_same_on_both_is_no_conflict():
    same = lab(
        "The call was held at the request of the U.S. side.",
        "At the request of the United States, the ministers spoke by phone.",
    )
    assert same[0] is not Label.DIVERGE
    one_side = evidence(
        ["The call was held at the request of the U.S. side."], ["The call was held."]
    )
    assert one_side.requesters is None and not one_side.conflict
    # a person is not a country: who Secretary Blinken speaks for is not read into it
    person = evidence(
        ["At the request of Secretary Blinken, they spoke."], ["At the ROK's request, they spoke."]
    )
    assert person.requesters is None


def test_regret_vs_welcome_diverges():
    label, reason = lab(
        "Secretary Blinken expressed regret over the decision.",
        "Secretary Blinken welcomed the decision.",
    )
    assert label is Label.DIVERGE
    assert "regret" in reason and "welcomed" in reason


def test_negation_names_the_negating_sides_own_word():
    label, reason = lab(
        "The two sides agreed to resume talks.", "The two sides failed to agree on resuming talks."
    )
    assert label is Label.DIVERGE
    assert "B says 'failed to agree'" in reason


@pytest.mark.parametrize(
    "forms",
    [
        ("agree", "agreed", "agrees"),
        ("resume", "resumed", "resuming"),
        ("policy", "policies"),
        ("Ukraine", "Ukraine's"),
        ("close", "closely"),
        ("support", "supported", "supports"),
    ],
)
def test_inflections_share_one_stem(forms):
    from compare.text import stem

    assert len({stem(f.lower()) for f in forms}) == 1
