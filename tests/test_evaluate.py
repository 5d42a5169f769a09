"""Scoring against gold alignments, on hand-built gold pairs and comparisons."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from compare.errors import InputError
from compare.evaluation import (
    PRF,
    CachingEmbedder,
    GoldPair,
    Ratio,
    aggregate,
    bootstrap,
    evaluate_dir,
    format_report,
    load_dir,
    load_pair,
    objective,
    parse_annotation,
    project,
    report_to_dict,
    score_pair,
)
from compare.evaluation import gold as gold_module
from compare.evaluation import run as run_module
from compare.evaluation import scores as scores_module
from compare.schema import Alignment, Comparison, Config, Document, Kind, Label, Statement

A_SENT = ["Alpha met Beta.", "They talked trade.", "They discussed climate.", "Alpha thanked Beta."]
B_SENT = ["The leaders spoke.", "Trade was discussed.", "Climate came up.", "Weather is nice."]


def annotation(groups, only_a=(), only_b=(), non_content=None, truncation=None, n=(4, 4)):
    data = {
        "alignments": [{"a": list(a), "b": list(b), "label": label} for a, b, label in groups],
        "only_a": list(only_a),
        "only_b": list(only_b),
        "non_content": non_content or {"a": [], "b": []},
        "truncation_unresolved": truncation or {"a": [], "b": []},
    }
    return parse_annotation(data, n[0], n[1], Path("test.json"))


GOLD_GROUPS = [([0], [0], "agree"), ([1], [1], "partial"), ([2], [2], "diverge")]


def gold_pair(gold=None, gold2=None, a_sent=A_SENT, b_sent=B_SENT, a_text=None, b_text=None):
    a_text = a_text if a_text is not None else " ".join(a_sent)
    b_text = b_text if b_text is not None else " ".join(b_sent)
    return GoldPair(
        name="p",
        path="p",
        a_text=a_text,
        b_text=b_text,
        a_sentences=tuple(a_sent),
        b_sentences=tuple(b_sent),
        a_spans=tuple(s for s in gold_module.locate(a_sent, a_text)),
        b_spans=tuple(s for s in gold_module.locate(b_sent, b_text)),
        gold=gold if gold is not None else annotation(GOLD_GROUPS, only_a=[3], only_b=[3]),
        gold2=gold2,
    )


def document(side, text, spans, non_content=()):
    statements = tuple(
        Statement(side, k, s, e, text[s:e], Kind.NON_CONTENT if k in non_content else Kind.CONTENT)
        for k, (s, e) in enumerate(spans)
    )
    return Document(side, side.upper(), text, statements)


def line_document(side, sentences):
    text = "\n".join(sentences)
    return document(side, text, gold_module.line_spans(sentences))


def rows(groups, only_a=(), only_b=()):
    """Alignment rows: groups as (a, b, label[, links])."""
    out = []
    for n, group in enumerate(groups):
        a, b, label = group[:3]
        links = tuple(group[3]) if len(group) > 3 else ()
        out.append(Alignment(f"g{n}", Label(label), tuple(a), tuple(b), 0.9, 0.5, links=links))
    out += [Alignment("", Label.ONLY_A, (i,), (), 0.1, 0.0) for i in only_a]
    out += [Alignment("", Label.ONLY_B, (), (j,), 0.1, 0.0) for j in only_b]
    return tuple(out)


def preseg(groups, only_a=(), only_b=(), a_sent=A_SENT, b_sent=B_SENT):
    return Comparison(
        line_document("a", a_sent),
        line_document("b", b_sent),
        rows(groups, only_a, only_b),
        Config(split="lines"),
        "fake",
    )


PERFECT = preseg(GOLD_GROUPS, only_a=[3], only_b=[3])


# ---------------------------------------------------------------------------------- scoring


def test_prediction_equal_to_gold_scores_one():
    s = score_pair(gold_pair(), PERFECT, "presegmented")
    assert s.warnings == ()
    for scheme in (s.plain, s.sure_possible):  # no gold2: sure = possible = gold.json
        assert (scheme.links.precision, scheme.links.recall, scheme.links.f1) == (1.0, 1.0, 1.0)
        assert scheme.omissions.f1 == 1.0
        assert scheme.label_accuracy == Ratio(3, 3)
    assert s.sure_possible.diverge_recall == Ratio(1, 1)
    assert [s.plain.label_f1(label) for label in scores_module.PER_LABELS] == [1.0, 1.0, 1.0, 1.0]
    assert s.has_gold2 is False


def test_one_missing_link_lowers_recall_to_the_exact_fraction():
    comp = preseg([([0], [0], "agree"), ([1], [1], "partial")], only_a=[2, 3], only_b=[2, 3])
    s = score_pair(gold_pair(), comp, "presegmented")
    assert s.plain.links == PRF(2, 2, 2, 3)
    assert s.plain.links.recall == pytest.approx(2 / 3)
    assert s.plain.links.f1 == pytest.approx(0.8)
    # the two extra omissions (a2, b2) are wrong: precision 2/4, recall 2/2
    assert s.plain.omissions == PRF(2, 4, 2, 2)
    assert s.sure_possible.diverge_recall == Ratio(0, 1)
    assert s.plain.label_f1("diverge") == 0.0


def test_spurious_link_lowers_precision():
    comp = preseg(
        [([0], [0], "agree"), ([1], [1], "partial"), ([2, 3], [2], "diverge")], only_b=[3]
    )
    s = score_pair(gold_pair(), comp, "presegmented")
    assert s.plain.links == PRF(3, 4, 3, 3)
    assert s.plain.omissions == PRF(1, 1, 1, 2)  # a3 was linked, so not an omission
    # per-label F1 is over gold links: the spurious diverge link a3-b2 is left to link precision
    assert dict(s.plain.per_label)["diverge"] == PRF(1, 1, 1, 1)


def test_row_links_are_used_and_empty_links_mean_all_pairs():
    gold = gold_pair(gold=annotation([([0, 1], [0, 1], "partial")], only_a=[2, 3], only_b=[2, 3]))
    full = preseg([([0, 1], [0, 1], "partial")], only_a=[2, 3], only_b=[2, 3])
    assert score_pair(gold, full, "presegmented").plain.links == PRF(4, 4, 4, 4)
    chain = preseg(
        [([0, 1], [0, 1], "partial", [(0, 0), (1, 0), (1, 1)])], only_a=[2, 3], only_b=[2, 3]
    )
    assert score_pair(gold, chain, "presegmented").plain.links == PRF(3, 3, 3, 4)


def test_wrong_label_counts_against_label_accuracy_and_per_label_f1():
    comp = preseg(
        [([0], [0], "partial"), ([1], [1], "partial"), ([2], [2], "partial")],
        only_a=[3],
        only_b=[3],
    )
    s = score_pair(gold_pair(), comp, "presegmented")
    assert s.plain.links.f1 == 1.0
    assert s.plain.label_accuracy == Ratio(1, 3)
    per = dict(s.plain.per_label)
    assert per["partial"] == PRF(1, 3, 1, 1)  # precision 1/3 over gold links
    assert per["partial"].f1 == pytest.approx(0.5)
    assert per["agree"] == PRF(0, 0, 0, 1) and per["agree"].f1 == 0.0
    assert per["only"].f1 == 1.0


def test_gold_pair_in_two_groups_takes_the_strongest_label():
    ann = annotation([([0], [0, 1], "agree"), ([0, 2], [1], "diverge"), ([2], [1], "partial")])
    assert ann.labels[(0, 0)] == "agree"
    assert ann.labels[(0, 1)] == "diverge"
    assert ann.labels[(2, 1)] == "diverge"


def test_sure_possible_link_of_one_annotator_counts_for_precision_not_recall():
    gold = annotation(GOLD_GROUPS + [([3], [3], "partial")])
    gold2 = annotation(GOLD_GROUPS, only_a=[3], only_b=[3])
    # predict the link a3-b3 that only gold.json made
    s = score_pair(
        gold_pair(gold, gold2), preseg(GOLD_GROUPS + [([3], [3], "partial")]), "presegmented"
    )
    assert s.sure_possible.links == PRF(4, 4, 3, 3)
    assert s.sure_possible.links.f1 == 1.0
    # omissions: a3/b3 only possible (one annotator): not predicted, nothing sure to recall
    assert s.sure_possible.omissions == PRF(0, 0, 0, 0)
    assert s.sure_possible.omissions.f1 is None
    # not predicting that link costs nothing under sure/possible
    s2 = score_pair(gold_pair(gold, gold2), preseg(GOLD_GROUPS), "presegmented")
    assert s2.sure_possible.links == PRF(3, 3, 3, 3)
    assert s2.plain.links == PRF(3, 3, 3, 4)  # but plain recall against gold.json drops
    # and predicting the possible omissions is precise
    s3 = score_pair(
        gold_pair(gold, gold2), preseg(GOLD_GROUPS, only_a=[3], only_b=[3]), "presegmented"
    )
    assert s3.sure_possible.omissions == PRF(2, 2, 0, 0)


def test_second_annotator_is_scored_like_the_tool_against_gold_json():
    # gold2 leaves out the 2-2 link (its sentences become omissions) and labels 1-1 agree
    gold2 = annotation([([0], [0], "agree"), ([1], [1], "agree")], only_a=[2, 3], only_b=[2, 3])
    human = scores_module.annotator_scores(gold_pair(gold2=gold2)).plain
    assert (human.links.precision, human.links.recall) == (1.0, 2 / 3)
    assert (human.omissions.precision, human.omissions.recall) == (0.5, 1.0)
    assert human.label_accuracy.value == 0.5  # of the two links both made, 1-1's labels differ
    assert scores_module.annotator_scores(gold_pair()) is None  # no gold2.json


def test_sure_possible_label_accuracy_and_diverge_recall():
    gold = annotation([([0], [0], "agree"), ([1], [1], "partial"), ([2], [2], "diverge")])
    gold2 = annotation([([0], [0], "agree"), ([1], [1], "diverge"), ([2], [2], "diverge")])
    comp = preseg([([0], [0], "agree"), ([1], [1], "partial"), ([2], [2], "partial")])
    s = score_pair(gold_pair(gold, gold2), comp, "presegmented").sure_possible
    # same-label sure links: a0-b0 (agree, right) and a2-b2 (diverge, wrong); a1-b1 is disputed
    assert s.label_accuracy == Ratio(1, 2)
    # diverge by either annotator: a1-b1 and a2-b2; neither predicted diverge
    assert s.diverge_recall == Ratio(0, 2)
    comp2 = preseg([([0], [0], "agree"), ([1], [1], "diverge")])  # a2-b2 not even linked
    s2 = score_pair(gold_pair(gold, gold2), comp2, "presegmented").sure_possible
    assert s2.diverge_recall == Ratio(1, 2)
    assert s2.label_accuracy == Ratio(1, 1)  # only linked sure links are judged for label


def test_excluded_sentences_are_ignored():
    gold = annotation(
        [([0], [0], "agree"), ([1], [1], "partial")],
        only_a=[2],
        only_b=[2],
        non_content={"a": [3], "b": []},
    )
    gold2 = annotation(
        [([0], [0], "agree"), ([1], [1], "partial")],
        only_a=[2],
        truncation={"a": [], "b": [2, 3]},
    )
    pair = gold_pair(gold, gold2)
    assert pair.excluded == {("a", 3), ("b", 2), ("b", 3)}
    # a link a3-b3 and omission of b2 touch excluded sentences: not scored at all
    comp = preseg(
        [([0], [0], "agree"), ([1], [1], "partial"), ([3], [3], "diverge")], only_a=[2], only_b=[2]
    )
    s = score_pair(pair, comp, "presegmented")
    assert s.sure_possible.links == PRF(2, 2, 2, 2)
    assert s.sure_possible.omissions == PRF(1, 1, 1, 1)
    assert s.plain.omissions == PRF(1, 1, 1, 1)  # gold.json's only_b [2] is excluded too
    assert s.plain.label_f1("diverge") is None


# ------------------------------------------------------------------------- end-to-end mapping


def test_overlap_map_rules():
    gold = [(0, 10), (11, 20), (21, 40)]
    assert scores_module._overlap_map([(0, 20)], gold) == [(0, 1)]  # covers two
    assert scores_module._overlap_map([(0, 12)], gold) == [
        (0,)
    ]  # 1 char into b1: under 50% of either
    assert scores_module._overlap_map([(15, 30)], gold) == [(1, 2)]  # >= 50% of the shorter
    assert scores_module._overlap_map([(18, 41)], gold) == [(2,)]
    assert scores_module._overlap_map([(41, 50)], gold) == [()]  # outside every gold sentence
    gappy = [(0, 10), (50, 60)]  # text between them belongs to no gold sentence
    assert scores_module._overlap_map([(8, 53)], gappy) == [
        (1,)
    ]  # under 50% of both: the largest overlap


def test_end_to_end_statement_covering_two_gold_sentences():
    pair = gold_pair()
    a_text, b_text = pair.a_text, pair.b_text
    # side A segmented as: [a0 a1] (one statement), a2, a3
    a_spans = [(0, pair.a_spans[1][1]), pair.a_spans[2], pair.a_spans[3]]
    comp = Comparison(
        document("a", a_text, a_spans),
        document("b", b_text, list(pair.b_spans)),
        rows(
            [([0], [0, 1], "partial", [(0, 0), (0, 1)]), ([1], [2], "diverge")],
            only_a=[2],
            only_b=[3],
        ),
        Config(),
        "fake",
    )
    pred = project(pair, comp, "end_to_end")
    assert pred.links == {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2)}
    s = score_pair(pair, comp, "end_to_end")
    assert s.plain.links == PRF(3, 5, 3, 3)
    assert s.plain.label_accuracy == Ratio(2, 3)
    assert s.plain.omissions == PRF(2, 2, 2, 2)


def test_end_to_end_omission_dropped_when_its_gold_sentence_is_linked_elsewhere():
    pair = gold_pair()
    a0, a1 = pair.a_spans[0], pair.a_spans[1]
    # statement 0 = a0 + first half of a1 ; statement 1 = rest of a1 ; a2 ; a3
    mid = a1[0] + (a1[1] - a1[0]) // 2
    a_spans = [(a0[0], mid), (mid + 1, a1[1]), pair.a_spans[2], pair.a_spans[3]]
    comp = Comparison(
        document("a", pair.a_text, a_spans),
        document("b", pair.b_text, list(pair.b_spans)),
        rows([([0], [0], "agree")], only_a=[1, 2, 3], only_b=[1, 2, 3]),
        Config(),
        "fake",
    )
    pred = project(pair, comp, "end_to_end")
    assert pred.links == {(0, 0), (1, 0)}
    # a1 is linked via statement 0, so statement 1 being only_a does not make a1 an omission
    assert ("a", 1) not in pred.omissions
    assert ("a", 2) in pred.omissions and ("a", 3) in pred.omissions


def test_non_content_statement_is_neither_link_nor_omission():
    comp = Comparison(
        document("a", "\n".join(A_SENT), gold_module.line_spans(A_SENT), non_content={3}),
        line_document("b", B_SENT),
        rows(GOLD_GROUPS, only_b=[3]),
        Config(split="lines"),
        "fake",
    )
    s = score_pair(gold_pair(), comp, "presegmented")
    assert s.plain.omissions == PRF(1, 1, 1, 2)


def test_presegmented_count_mismatch_warns_and_maps_by_overlap():
    a_text = "\n".join(A_SENT)
    spans = gold_module.line_spans(A_SENT)
    merged = [(spans[0][0], spans[1][1]), spans[2], spans[3]]  # the pipeline merged two lines
    comp = Comparison(
        document("a", a_text, merged),
        line_document("b", B_SENT),
        rows([([0], [0, 1], "partial", [(0, 0), (0, 1)])], only_a=[1, 2], only_b=[2, 3]),
        Config(split="lines"),
        "fake",
    )
    pred = project(gold_pair(), comp, "presegmented")
    assert pred.warnings and "3 statements for 4 gold sentences" in pred.warnings[0]
    assert pred.links == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert pred.omissions == {("a", 2), ("a", 3), ("b", 2), ("b", 3)}


def test_presegmented_texts_put_one_sentence_per_line():
    pair = gold_pair(a_sent=["First\nhalf.", "Second."], a_text="First\nhalf. Second.")
    a, _ = pair.presegmented_texts()
    assert a == "First half.\nSecond."
    assert pair.a_spans == ((0, 11), (12, 19))


def test_unknown_mode_is_an_input_error():
    with pytest.raises(InputError, match="unknown evaluation mode"):
        project(gold_pair(), PERFECT, "fuzzy")


# ------------------------------------------------------------------------------ aggregation


def test_micro_average_sums_counts():
    good = score_pair(gold_pair(), PERFECT, "presegmented")
    half = score_pair(
        gold_pair(gold=annotation(GOLD_GROUPS + [([3], [3], "agree")])), PERFECT, "presegmented"
    )
    assert half.plain.links == PRF(3, 3, 3, 4)
    sp, plain = aggregate([good, half])
    assert plain.links == PRF(6, 6, 6, 7)
    assert plain.links.recall == pytest.approx(6 / 7)  # micro, not the mean 0.875
    assert plain.label_accuracy == Ratio(6, 6)
    assert dict(plain.per_label)["agree"] == PRF(2, 2, 2, 3)
    assert sp.diverge_recall == Ratio(2, 2)


def test_objective_is_the_mean_of_link_f1_omission_f1_and_label_accuracy():
    scores = scores_module.SurePossibleScores(
        links=PRF(2, 2, 2, 2), omissions=PRF(1, 2, 1, 2), label_accuracy=Ratio(1, 4)
    )
    assert objective(scores) == pytest.approx((1.0 + 0.5 + 0.25) / 3)
    assert objective(scores_module.SurePossibleScores()) == 0.0  # undefined counts as 0


def test_prf_undefined_values():
    assert PRF().precision is None and PRF().f1 is None
    assert PRF(0, 0, 0, 2).f1 == 0.0
    assert PRF(2, 2, 0, 0).precision == 1.0 and PRF(2, 2, 0, 0).f1 == 0.0
    assert PRF(1, 2, 1, 4).f1 == pytest.approx(2 * 0.5 * 0.25 / 0.75)


# ------------------------------------------------------------------- intervals over pairs


def link_scores(name: str, hits: int, predicted: int, sure: int) -> scores_module.PairScores:
    """A pair whose links are `hits` right of `predicted`, against `sure` gold links."""
    sp = scores_module.SurePossibleScores(links=PRF(hits, predicted, hits, sure))
    return scores_module.PairScores(name, "presegmented", sp, scores_module.PlainScores(), True)


def test_interval_of_identical_pairs_is_their_figure():
    pairs = [link_scores(f"p{k}", 3, 4, 6) for k in range(5)]  # P 0.75, R 0.5: F1 0.6
    found = bootstrap.intervals(pairs, draws=50)
    assert found["link F1"].low == pytest.approx(0.6) and found["link F1"].high == pytest.approx(
        0.6
    )
    assert found["link F1"].draws == 50
    assert found["link F1"].value == pytest.approx(0.6) and found["link F1"].pairs == 5
    assert found["omission F1"] is None  # no draw defines it


def test_interval_spans_the_pairs_and_holds_the_micro_average():
    pairs = [link_scores("good", 4, 4, 4), link_scores("bad", 0, 4, 4), link_scores("mid", 2, 4, 4)]
    found = bootstrap.intervals(pairs, draws=400)["link F1"]
    micro = aggregate(pairs)[0].links.f1
    assert 0.0 <= found.low < micro < found.high <= 1.0
    assert found.value == pytest.approx(micro)
    # seeded: the same draws every time, other seeds other draws
    assert bootstrap.intervals(pairs, draws=400)["link F1"] == found
    assert bootstrap.intervals(pairs, draws=400, seed=1)["link F1"] != found


def test_interval_needs_two_pairs_and_a_level_between_0_and_1():
    assert bootstrap.intervals([link_scores("only", 1, 1, 1)])["link F1"] is None
    with pytest.raises(ValueError, match="level"):
        bootstrap.intervals([link_scores("a", 1, 1, 1)] * 2, level=1.5)


def test_intervals_are_printed_under_their_headings_and_as_json():
    pairs = [link_scores("good", 4, 4, 4), link_scores("bad", 1, 4, 4)]
    found = bootstrap.intervals(pairs, draws=100)
    text = bootstrap.format_intervals({"in-sample": found, "out-of-fold": found})
    link = found["link F1"]
    shown = f"{link.value:.2f} ({link.low:.2f}-{link.high:.2f})"
    assert f"link F1         {shown} in-sample, {shown} out-of-fold   [2 pairs]" in text
    assert "resampled 100 times" in text
    assert "omission F1     - in-sample, - out-of-fold   [0 pairs]" in text
    assert "few pairs (2)" in text
    data = json.loads(json.dumps(bootstrap.interval_dict(found)))
    assert data["link F1"]["low"] == link.low and data["omission F1"] is None
    assert data["link F1"]["pairs"] == 2


def test_enough_pairs_print_no_warning():
    pairs = [link_scores(f"p{k}", k % 3, 4, 4) for k in range(bootstrap.FEW_PAIRS)]
    text = bootstrap.format_intervals({"": bootstrap.intervals(pairs, draws=50)})
    assert "few pairs" not in text and f"[{bootstrap.FEW_PAIRS} pairs]" in text


# ---------------------------------------------------------------------------------- loading


def write_pair(root: Path, name: str, gold: dict, files=("a.txt", "b.txt"), gold2=None):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / files[0]).write_text(
        " ".join(s["text"] for s in gold["a_sentences"]), encoding="utf-8"
    )
    (folder / files[1]).write_text(
        "\n".join(s["text"] for s in gold["b_sentences"]), encoding="utf-8"
    )
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    if gold2 is not None:
        (folder / "gold2.json").write_text(json.dumps(gold2), encoding="utf-8")
    return folder


def gold_json():
    return {
        "a_sentences": [{"i": k, "text": t} for k, t in enumerate(A_SENT)],
        "b_sentences": [{"i": k, "text": t} for k, t in enumerate(B_SENT)],
        "alignments": [{"a": a, "b": b, "label": lab, "note": "n"} for a, b, lab in GOLD_GROUPS],
        "only_a": [3],
        "only_b": [3],
        "non_content": {"a": [], "b": []},
        "truncation_unresolved": {"a": [], "b": []},
    }


def test_load_pair_reads_texts_spans_and_both_annotations(tmp_path):
    g2 = {k: v for k, v in gold_json().items() if not k.endswith("sentences")}
    g2["alignments"][0]["allow_multi"] = True
    folder = write_pair(tmp_path, "01_x", gold_json(), gold2=g2)
    pair = load_pair(folder)
    assert pair.name == "01_x"
    assert pair.a_sentences == tuple(A_SENT)
    assert [pair.b_text[s:e] for s, e in pair.b_spans] == B_SENT
    assert pair.gold.links == {(0, 0), (1, 1), (2, 2)}
    assert pair.gold2 is not None and pair.gold2.omissions == {("a", 3), ("b", 3)}


def test_load_pair_falls_back_to_ko_en(tmp_path):
    folder = write_pair(tmp_path, "02_tr", gold_json(), files=("ko.txt", "en.txt"))
    pair = load_pair(folder)
    assert pair.a_text == " ".join(A_SENT) and pair.gold2 is None


def test_load_dir_lists_pair_folders_in_order(tmp_path):
    write_pair(tmp_path, "02_b", gold_json())
    write_pair(tmp_path, "01_a", gold_json())
    (tmp_path / "notes").mkdir()
    assert [p.name for p in load_dir(tmp_path)] == ["01_a", "02_b"]


@pytest.mark.parametrize(
    "breakage, message",
    [
        (lambda g: g.pop("alignments"), "'alignments' must be a list"),
        (lambda g: g["alignments"][0].update(label="same"), "not agree/partial/diverge"),
        (lambda g: g["alignments"][0].update(b=[9]), "out of range"),
        (lambda g: g.update(only_a="3"), "must be a list of sentence indices"),
        (lambda g: g["a_sentences"][1].update(text="Not in the text."), "not a substring of a.txt"),
        (lambda g: g["b_sentences"][2].update(i=5), "expected 2"),
    ],
)
def test_malformed_gold_is_a_one_line_input_error(tmp_path, breakage, message):
    gold = gold_json()
    breakage(gold)
    folder = write_pair(tmp_path, "01_bad", gold)
    (folder / "a.txt").write_text(" ".join(A_SENT), encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_pair(folder)
    assert "\n" not in str(info.value)


def test_gold_that_is_not_json_is_an_input_error(tmp_path):
    folder = write_pair(tmp_path, "01_bad", gold_json())
    (folder / "gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_pair(folder)


def test_dir_without_pair_folders_is_an_input_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no pair folders"):
        evaluate_dir(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        evaluate_dir(tmp_path / "missing")


# --------------------------------------------------------------------- running and reporting


def test_evaluate_dir_report_and_json(tmp_path, monkeypatch):
    write_pair(tmp_path, "01_a", gold_json())
    seen = []

    def fake_run(gold, mode, *, config=None, embedder=None):
        seen.append(mode)
        return PERFECT

    monkeypatch.setattr(run_module, "run_pair", fake_run)
    report = evaluate_dir(tmp_path, modes=("presegmented",))
    assert seen == ["presegmented"]
    (mode,) = report.modes
    assert mode.sure_possible.links.f1 == 1.0
    text = format_report(report)
    assert "== presegmented: sure/possible" in text and "01_a *" in text
    assert "overall, presegmented, sure/possible: link F1 1.00, omission F1 1.00" in text
    assert "overall (micro)" in text and "3/3" in text
    assert "interval over pairs" in text  # one pair: nothing to resample, shown as "-"
    data = json.loads(json.dumps(report_to_dict(report)))
    overall = data["modes"]["presegmented"]["overall"]
    assert overall["intervals"]["link F1"] is None
    assert overall["plain"]["per_label"]["diverge"]["f1"] == 1.0
    assert data["config"]["split"] == "sentences"
    assert "for scale" not in text and data["annotators"]["pairs"] == []  # no gold2.json
    g2 = {**gold_json(), "alignments": gold_json()["alignments"][:2], "only_a": [2, 3]}
    write_pair(tmp_path, "02_b", gold_json(), gold2=g2)
    report = evaluate_dir(tmp_path, modes=("presegmented",))
    text = format_report(report)
    scale = text.split("== for scale: the second annotator")[1]
    assert "02_b" in scale and "01_a" not in scale  # only pairs with a second annotation
    data = json.loads(json.dumps(report_to_dict(report)))
    assert data["annotators"]["overall"]["links"]["recall"] == 2 / 3
    with pytest.raises(InputError, match="unknown evaluation mode"):
        evaluate_dir(tmp_path, modes=("bogus",))


class CountingEmbedder:
    name = "counting"

    def __init__(self):
        self.seen: list[str] = []

    def encode(self, texts):
        self.seen += list(texts)
        return np.array([[len(t), 1.0] for t in texts], np.float32)


def test_caching_embedder_encodes_each_text_once():
    inner = CountingEmbedder()
    cached = CachingEmbedder(inner)
    first = cached.encode(["x", "yy", "x"])
    second = cached.encode(["yy", "zzz"])
    assert inner.seen == ["x", "yy", "zzz"]
    assert cached.name == "counting"
    np.testing.assert_array_equal(first, [[1, 1], [2, 1], [1, 1]])
    np.testing.assert_array_equal(second, [[2, 1], [3, 1]])
    assert cached.encode([]).shape[0] == 0


class BagOfWordsEmbedder:
    """Deterministic stand-in for a model: hashed word counts."""

    name = "bag-of-words"

    def encode(self, texts):
        out = np.zeros((len(texts), 64), np.float32)
        for k, text in enumerate(texts):
            for word in text.lower().split():
                out[k, sum(map(ord, word.strip(".,"))) % 64] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


def test_presegmented_run_maps_statements_one_to_one(tmp_path):
    pair = load_pair(write_pair(tmp_path, "01_a", gold_json()))
    comparison = run_module.run_pair(pair, "presegmented", embedder=BagOfWordsEmbedder())
    assert len(comparison.a.statements) == len(A_SENT)
    assert project(pair, comparison, "presegmented").warnings == ()


# ---------------------------------------------------------------------------------- folds

LINKABLE_A = [
    "Alpha met Beta in Rome.",
    "They discussed grain exports.",
    "They discussed climate aid.",
]
LINKABLE_B = [
    "Beta and Alpha held talks near Rome.",
    "Grain exports to Asia were discussed.",
    "Aid for climate projects was discussed.",
]


def folds_pair(tmp_path, name, linked: bool):
    """A pair whose gold links every sentence to its twin, or (linked=False) calls every sentence
    an omission although the texts match: a pair that only a no-links setting scores well."""
    n = len(LINKABLE_A)
    gold = {
        "a_sentences": [{"i": k, "text": t} for k, t in enumerate(LINKABLE_A)],
        "b_sentences": [{"i": k, "text": t} for k, t in enumerate(LINKABLE_B)],
        "alignments": [{"a": [k], "b": [k], "label": "partial"} for k in range(n)]
        if linked
        else [],
        "only_a": [] if linked else list(range(n)),
        "only_b": [] if linked else list(range(n)),
    }
    return load_pair(write_pair(tmp_path, name, gold))


def test_each_fold_is_tuned_without_its_pair(tmp_path):
    from compare.evaluation.folds import cross_validate, format_cross_validation

    pairs = [
        folds_pair(tmp_path, "01_linked", True),
        folds_pair(tmp_path, "02_linked", True),
        folds_pair(tmp_path, "03_odd", False),
    ]
    base = Config()
    never = replace(base, link_threshold=0.95, attach_threshold=0.95)
    cv = cross_validate(pairs, config=base, embedder=BagOfWordsEmbedder(), configs=[never])
    chosen = {f.pair: f.chosen for f in cv.folds}
    # the odd pair alone prefers no links; its fold is tuned on the two others and does not
    assert chosen["03_odd"] == base
    assert cv.folds[2].out_of_fold.sure_possible.omissions.f1 == 0.0
    # a linked pair's fold sees one linked pair and the odd one: the defaults still win
    assert chosen["01_linked"] == base and chosen["02_linked"] == base
    assert cv.in_sample.links.f1 == pytest.approx(cv.out_of_fold.links.f1)
    assert cv.configs_tried == 2
    table = format_cross_validation(cv)
    assert "03_odd" in table and "overall (micro)" in table and "out-of-fold" not in table.lower()


def test_grid_varies_only_the_tuned_settings():
    from compare.evaluation.folds import grid

    configs = grid(Config())
    tuned = [s for s in Config.settings() if s.grid]
    assert len(configs) == np.prod([len(s.grid) for s in tuned])
    assert configs[0] == Config()
    fixed = [s.name for s in Config.settings() if not s.grid]
    assert all(getattr(c, name) == getattr(Config(), name) for c in configs for name in fixed)
