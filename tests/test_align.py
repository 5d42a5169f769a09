import numpy as np
import pytest

from compare.align import align, lexical_matrix
from compare.schema import Config

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
