"""Why statements were grouped or left alone (compare.grouping): the aligner's rule behind each
link, on hand-made similarity matrices run through the real align stage."""

from __future__ import annotations

import numpy as np
import pytest
from builders import document

from compare.export import alignment_rows
from compare.grouping import basis
from compare.pipeline import decide
from compare.review import Move, Review, apply_review
from compare.schema import Basis, Config, Label, Similarities


def compare(a, b, matrix, shared_rare=None):
    """Align and label texts `a` and `b` whose similarity is `matrix` (semantic and word overlap
    alike, so the combined score is the matrix)."""
    matrix = np.asarray(matrix, np.float32)
    sims = Similarities(
        matrix, matrix.copy(), None if shared_rare is None else np.asarray(shared_rare)
    )
    return decide(document("a", "A", a), document("b", "B", b), sims, Config())


def row_of(comparison, *, a=None, b=None):
    for row in comparison.alignments:
        if (a is None or a in row.a) and (b is None or b in row.b):
            return row
    raise AssertionError(f"no row holds a{a} / b{b}")


def test_best_match_and_near_best_and_why_the_others_stand_alone():
    comparison = compare(
        ["One.", "Two.", "Three."],
        ["Uno.", "Dos.", "Tres."],
        [[0.90, 0.87, 0.10], [0.30, 0.40, 0.10], [0.10, 0.10, 0.20]],
    )
    group = row_of(comparison, a=0)
    assert group.links == ((0, 0), (0, 1))
    assert [(b.rule, b.side, b.best) for b in group.bases] == [
        (Basis.BEST, "", None),
        (Basis.NEAR_BEST, "a", 0),  # a0's own best partner is b0
    ]
    assert [b.score for b in group.bases] == pytest.approx([0.90, 0.87])
    assert basis(group, comparison) == (
        "a0-b0 (score 0.90): each other's best match; a0-b1 (score 0.87): a0 is b1's best "
        "match, and b1 comes within 0.05 of the score of a0's own best match, b0"
    )
    # a1's best match is taken: a0 is b1's best match, and a1 is not within reach of it
    alone = row_of(comparison, a=1)
    assert alone.label is Label.ONLY_A and alone.best == (1, pytest.approx(0.40))
    assert basis(alone, comparison) == (
        f"its best match, b1 (score 0.40), is in {group.group_id} with a0, and a1 is not close "
        "enough to join it"
    )
    # a2 and b2: nothing reaches the floor
    assert basis(row_of(comparison, a=2), comparison) == (
        "nothing in B scores up to the link floor: the highest score (meaning and shared words) "
        "is b2 at 0.20, the floor 0.35"
    )
    assert basis(row_of(comparison, b=2), comparison).startswith("nothing in A scores up to")


def test_a_score_just_under_the_floor_never_reads_as_the_floor():
    comparison = compare(["One.", "Two."], ["Uno.", "Dos."], [[0.90, 0.10], [0.10, 0.3496]])
    assert basis(row_of(comparison, a=1), comparison).endswith("at 0.349, the floor 0.35")


def test_not_each_other_s_best_match():
    # a1's best is b0, which a0 holds; b1 reaches the floor with nothing
    comparison = compare(["One.", "Two."], ["Uno.", "Dos."], [[0.90, 0.10], [0.42, 0.20]])
    alone = row_of(comparison, a=1)
    assert alone.label is Label.ONLY_A
    assert basis(alone, comparison).startswith("its best match, b0 (score 0.42), is in g1")
    comparison = compare(["One.", "Two."], ["Uno.", "Dos."], [[0.90, 0.42], [0.10, 0.36]])
    # a0 and b0 are mutual best; a1's best, b1 (0.36), prefers a0 (0.42) but cannot join it
    alone = row_of(comparison, a=1)
    assert basis(alone, comparison) == "a1 and b1 (score 0.36) are not each other's best match"


def test_hub_attachment_names_the_statement_covering_several_points():
    comparison = compare(
        ["They discussed trade and climate.", "Other."],
        ["Trade.", "Climate.", "Something else."],
        [[0.80, 0.50, 0.10], [0.10, 0.10, 0.60]],
    )
    hub = row_of(comparison, a=0)
    assert [(b.rule, b.side) for b in hub.bases] == [(Basis.BEST, ""), (Basis.HUB, "a")]
    assert basis(hub, comparison).endswith(
        "a0-b1 (score 0.50): a0 is b1's clear best match, and a0 has another partner "
        "(it covers several points)"
    )


def test_continuation_names_the_statement_it_goes_on_from():
    comparison = compare(
        ["The ministers discussed trade.", "He added that tariffs hurt."],
        ["Trade was discussed."],
        [[0.80], [0.30]],
    )
    row = row_of(comparison, a=1)
    found = row.bases[row.links.index((1, 0))]
    assert (found.rule, found.side) == (Basis.CONTINUATION, "a")
    assert "a1-b0 (score 0.30): a1 goes on from a0, so it joins a0's partner b0" in basis(
        row, comparison
    )


def test_shared_words_are_quoted_as_both_sides_write_them():
    a = ["Ministers met today.", "They discussed the Punggye-ri dismantlement.", "Weather came up."]
    b = ["The ministers met.", "Weather was discussed.", "The Punggye-ri Dismantlement was noted."]
    matrix = [[0.8, 0.1, 0.1], [0.1, 0.6, 0.4], [0.1, 0.7, 0.1]]
    rare = np.zeros((3, 3))
    rare[1, 2] = 2  # what similarity.shared_rare_matrix counts for these texts
    comparison = compare(a, b, matrix, rare)
    row = row_of(comparison, a=1)
    assert row.links == ((1, 2),) and [x.rule for x in row.bases] == [Basis.SHARED_WORDS]
    text = basis(row, comparison)
    assert text.startswith("a1-b2 (score 0.40): they share words no other statement uses: ")
    assert "'dismantlement'" in text  # as statement a1 writes it
    assert "'discussed'" not in text  # b1 says "discussed" too


def test_shared_words_name_the_rule_even_when_the_pair_is_also_best():
    a = ["Ministers met today.", "They discussed Punggye-ri dismantlement.", "Weather came up."]
    b = ["The ministers met.", "Weather was noted.", "Punggye-ri dismantlement was noted."]
    matrix = [[0.8, 0.1, 0.1], [0.1, 0.1, 0.6], [0.1, 0.7, 0.1]]
    rare = np.zeros((3, 3))
    rare[1, 2] = 2
    row = row_of(compare(a, b, matrix, rare), a=1)
    assert [x.rule for x in row.bases] == [Basis.SHARED_WORDS]


def test_csv_and_moved_statements_say_it_too():
    comparison = compare(
        ["One.", "Two.", "Three."],
        ["Uno.", "Dos.", "Tres."],
        [[0.90, 0.87, 0.10], [0.30, 0.40, 0.10], [0.10, 0.10, 0.20]],
    )
    rows = alignment_rows(comparison)
    assert [r["basis"] for r in rows] == [basis(row, comparison) for row in comparison.alignments]
    group = row_of(comparison, a=0).group_id
    moved = apply_review(comparison, Review((Move("a1", to=group),)))
    text = basis(row_of(moved, a=1), moved)
    assert "a0-b0 (score 0.90): each other's best match" in text
    assert "a1-b1: moved here by the analyst" in text
    # moved out of its group onto a row of its own: the analyst's doing, not the aligner's
    alone = apply_review(comparison, Review((Move("b1", to=""),)))
    assert basis(row_of(alone, b=1), alone) == (
        "the analyst's edits left b1 on a row of its own (the tool had grouped it)"
    )
    # a statement the tool had left alone keeps the aligner's reason
    assert basis(row_of(alone, a=2), alone) == basis(row_of(comparison, a=2), comparison)


@pytest.mark.parametrize("label", [Label.AGREE, Label.ONLY_A])
def test_a_row_without_rules_says_nothing_rather_than_guess(label):
    from dataclasses import replace

    comparison = compare(["One."], ["Uno."], [[0.9]])
    (row,) = comparison.alignments
    bare = (
        replace(row, bases=()) if label is Label.AGREE else replace(row, label=label, nearest=None)
    )
    expected = "" if label is Label.AGREE else "the other side has no statement to match"
    assert basis(bare, comparison) == expected


def test_row_of_names_the_row_that_holds_each_statement():
    comparison = compare(
        ["One.", "Two.", "Three."],
        ["Uno.", "Dos.", "Tres."],
        [[0.90, 0.87, 0.10], [0.30, 0.40, 0.10], [0.10, 0.10, 0.20]],
    )
    held = {}
    for row in comparison.alignments:
        held.update({f"a{i}": row for i in row.a} | {f"b{j}": row for j in row.b})
    assert set(held) == {"a0", "a1", "a2", "b0", "b1", "b2"}
    for statement_id, row in held.items():
        assert comparison.row_of(statement_id) is row
    assert comparison.row_of("a3") is None


def test_an_only_row_names_the_closest_in_meaning_and_the_highest_scored_apart():
    """The reason gives the statement nearest in meaning (the embedding alone); the basis gives
    the one the aligner scores highest (meaning and shared words): they can differ, and each
    says which it is."""
    semantic = np.array([[0.25, 0.20]], np.float32)
    lexical = np.array([[0.0, 0.5]], np.float32)  # combined: 0.15 and 0.32, under the floor
    comparison = decide(
        document("a", "A", ["Alone."]),
        document("b", "B", ["First.", "Second."]),
        Similarities(semantic, lexical),
        Config(),
    )
    alone = row_of(comparison, a=0)
    assert (
        comparison.reason(alone) == "no counterpart in B (closest in meaning: b0, similarity 0.25)"
    )
    assert basis(alone, comparison) == (
        "nothing in B scores up to the link floor: the highest score (meaning and shared words) "
        "is b1 at 0.32, the floor 0.35"
    )
