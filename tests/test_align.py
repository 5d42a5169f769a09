from dataclasses import replace

import numpy as np
import pytest

from compare.align import align
from compare.errors import InputError
from compare.schema import Config
from compare.similarity import lexical_matrix, shared_rare_matrix

CFG = Config(semantic_weight=1.0, link_threshold=0.5, extra_threshold=0.55, extra_margin=0.08)


def groups_of(sem, config=CFG):
    sem = np.asarray(sem, np.float32)
    return [(g.a, g.b) for g in align(sem, np.zeros_like(sem), config)]


def test_order_does_not_matter():
    # A's topics in reverse order of B's
    sem = [[0.1, 0.1, 0.9], [0.1, 0.9, 0.1], [0.9, 0.1, 0.1]]
    assert groups_of(sem) == [((0,), (2,)), ((1,), (1,)), ((2,), (0,))]


def test_one_statement_may_cover_two():
    sem = [[0.8, 0.76, 0.1], [0.1, 0.2, 0.9]]
    assert groups_of(sem) == [((0,), (0, 1)), ((1,), (2,))]


def test_statement_without_counterpart_is_left_out():
    sem = [[0.9, 0.1], [0.3, 0.2]]
    groups = align(np.asarray(sem), np.zeros((2, 2)), CFG)
    assert [(g.a, g.b) for g in groups] == [((0,), (0,))]


def test_swapping_sides_transposes_the_groups():
    rng = np.random.default_rng(7)
    sem = rng.uniform(0, 1, (6, 5)).astype(np.float32)
    lex = rng.uniform(0, 1, (6, 5)).astype(np.float32)
    forward = {(g.a, g.b, frozenset(g.links)) for g in align(sem, lex)}
    backward = {(g.b, g.a, frozenset((i, j) for j, i in g.links)) for g in align(sem.T, lex.T)}
    assert forward == backward
    rare = rng.integers(0, 3, (6, 5)).astype(np.float32)
    forward = {(g.a, g.b) for g in align(sem, lex, shared_rare=rare)}
    backward = {(g.b, g.a) for g in align(sem.T, lex.T, shared_rare=rare.T)}
    assert forward == backward


def test_lexical_evidence_can_make_a_link():
    sem = np.array([[0.45]], np.float32)
    assert align(sem, np.array([[0.0]]), Config()) == ()
    assert len(align(sem, np.array([[1.0]]), Config())) == 1


def test_links_are_kept_inside_a_group():
    sem = [[0.9, 0.0], [0.7, 0.0], [0.0, 0.9]]
    (first, second) = align(np.asarray(sem, np.float32), np.zeros((3, 2)), CFG)
    assert first.a == (0, 1) and first.b == (0,)
    assert set(first.links) == {(0, 0), (1, 0)}
    assert second.similarity == pytest.approx(0.9)


def test_shape_mismatch_is_an_error():
    with pytest.raises(ValueError):
        align(np.zeros((2, 2)), np.zeros((2, 3)))


def test_lexical_matrix_scores_overlap():
    m = lexical_matrix(
        ["the secretary met the minister", "rain in spain"], ["The Secretary met the Minister."]
    )
    assert m.shape == (2, 1)
    assert m[0, 0] == pytest.approx(1.0)
    assert m[1, 0] < 0.5


A_SIDE = [
    "The ministers discussed the situation in Ukraine and deterring Russia.",
    "They discussed cooperation on the Korean Peninsula.",
    "They discussed cooperation on climate.",
]
B_SIDE = [
    "On Russia and Ukraine, the two ministers confirmed close cooperation.",
    "They discussed climate finance.",
    "They discussed the peninsula.",
]


def test_shared_rare_counts_words_no_other_statement_uses():
    rare = shared_rare_matrix(A_SIDE, B_SIDE)
    assert rare[0, 0] == 2  # Ukraine and Russia, each in one statement per side
    # "cooperation" is shared too, but A uses it in two statements
    assert rare[1, 0] == 0 and rare[2, 0] == 0
    assert rare[2, 1] == 1  # climate
    assert rare[1, 2] == 1  # peninsula
    assert rare.shape == (3, 3)


def test_shared_rare_needs_enough_statements_to_call_a_word_rare():
    # with one statement a side every word is "used nowhere else": no evidence at all
    assert not shared_rare_matrix(A_SIDE[:1], B_SIDE[:1]).any()
    assert not shared_rare_matrix(A_SIDE, B_SIDE[:2]).any()


def groups_with_rare(sem, rare, config):
    sem = np.asarray(sem, np.float32)
    return {g.links for g in align(sem, np.zeros_like(sem), config, shared_rare=np.asarray(rare))}


def test_anchored_pair_links_although_a_partner_scores_higher():
    # B0 scores higher with A1, which has a better partner of its own: plain competition leaves
    # A0 out, but A0 shares two rare words with B0
    sem = [[0.40, 0.1], [0.48, 0.6]]
    config = Config(semantic_weight=1.0)
    assert groups_with_rare(sem, np.zeros((2, 2)), config) == {((1, 1),)}
    rare = [[2, 0], [0, 0]]
    assert groups_with_rare(sem, rare, config) == {((0, 0),), ((1, 1),)}
    # one rare word is not enough
    assert groups_with_rare(sem, [[1, 0], [0, 0]], config) == {((1, 1),)}
    # below the link threshold an anchor does not link
    assert groups_with_rare([[0.30, 0.1], [0.48, 0.6]], rare, config) == {((1, 1),)}


def test_rare_word_bonus_decides_a_close_contest():
    # A1 is generic: it scores about the same with B0 and B1, and without anchors it takes both.
    # A0 shares two rare words with B0, so B0 is A0's, and A1 keeps only its best, B1
    sem = [[0.38, 0.1], [0.44, 0.45]]
    rare = [[2, 0], [0, 0]]
    base = Config(semantic_weight=1.0)
    assert groups_with_rare(sem, rare, replace(base, anchor_min_shared=0)) == {((1, 0), (1, 1))}
    assert groups_with_rare(sem, rare, base) == {((0, 0),), ((1, 1),)}
    # with no bonus the generic A1 scores higher with B0 than the anchored A0 does: A1 keeps B0,
    # and the anchored link, which would chain A0 to A1's group, gives way
    no_bonus = replace(base, anchor_bonus=0.0)
    assert groups_with_rare(sem, rare, no_bonus) == {((1, 0), (1, 1))}


def test_shared_rare_does_not_change_the_reported_similarity():
    sem = np.array([[0.40, 0.1], [0.48, 0.6]], np.float32)
    rare = np.array([[2, 0], [0, 0]], np.float32)
    groups = align(sem, np.zeros_like(sem), Config(semantic_weight=1.0), shared_rare=rare)
    assert [g.similarity for g in groups] == pytest.approx([0.40, 0.6])


def test_shared_rare_shape_must_match():
    with pytest.raises(ValueError, match="shared_rare"):
        align(np.zeros((2, 2)), np.zeros((2, 2)), shared_rare=np.zeros((2, 3)))


def test_anchor_min_shared_cannot_be_negative():
    with pytest.raises(InputError, match="anchor_min_shared"):
        Config(anchor_min_shared=-1)


def test_rare_word_bonus_does_not_push_out_a_near_best_partner():
    # A0 covers B0 (two shared rare words) and B1 (close behind B0 by embedding): the bonus that
    # wins B0 for A0 must not raise the bar B1 has to clear
    sem = [[0.45, 0.43], [0.1, 0.2]]
    rare = [[2, 0], [0, 0]]
    assert groups_with_rare(sem, rare, Config(semantic_weight=1.0)) == {((0, 0), (0, 1))}


def test_groups_are_stars_not_chains():
    # A0 covers B0 and, nearly as well, B1; A1 reaches for B1 too. Linked together, A0-B1-A1
    # would put A1 in one group with B0, which A1 never matched. Links are kept strongest first,
    # so B1 stays with A0, its best partner, and A1's weaker link, which would chain, goes
    sem = [[0.9, 0.86, 0.1], [0.1, 0.85, 0.1], [0.1, 0.1, 0.9]]
    config = Config(semantic_weight=1.0, link_threshold=0.5, extra_threshold=0.5, extra_margin=0.1)
    groups = align(np.asarray(sem, np.float32), np.zeros((3, 3)), config)
    assert [(g.a, g.b) for g in groups] == [((0,), (0, 1)), ((2,), (2,))]
    # a path B1-A0-B0-A1 keeps its strongest link, A0-B0, and a star around it (dropping the
    # weakest droppable link first would have cut A0-B0 and kept the two weaker ones)
    sem = [[0.70, 0.50], [0.60, 0.45]]
    groups = align(np.asarray(sem, np.float32), np.zeros((2, 2)), replace(config, extra_margin=0.3))
    assert all(len(g.a) == 1 or len(g.b) == 1 for g in groups)
    assert (0, 0) in {link for g in groups for link in g.links}
    # on random matrices every group is one statement with its partners
    rng = np.random.default_rng(3)
    for _ in range(20):
        sem = rng.uniform(0, 1, (8, 7)).astype(np.float32)
        for g in align(sem, rng.uniform(0, 1, (8, 7)).astype(np.float32)):
            assert len(g.a) == 1 or len(g.b) == 1, g


def test_a_statement_joins_the_hub_it_clearly_prefers():
    # A0 sums up what B reports in three sentences. B1 and B2 score well below B0 with A0, so the
    # margin rule leaves them out, but each prefers A0 clearly over any other A statement
    sem = [[0.80, 0.50, 0.48], [0.10, 0.20, 0.15], [0.20, 0.15, 0.10]]
    config = Config(semantic_weight=1.0, attach_threshold=0.45, attach_gap=0.1)
    assert groups_of(sem, config) == [((0,), (0, 1, 2))]
    # below the hub threshold they stay out
    assert groups_of(sem, replace(config, attach_threshold=0.55)) == [((0,), (0,))]
    # without a clear preference (A1 close behind A0 for B2) B2 does not join A0; here it goes
    # to A1, whose best partner it is
    sem[1][2] = 0.45
    assert groups_of(sem, config) == [((0,), (0, 1)), ((1,), (2,))]
