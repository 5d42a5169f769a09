"""The lexical matrices' speed-up changes no value: all cores or one."""

from __future__ import annotations

import random

import numpy as np
import pytest

from compare import similarity


def statements(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = "ministers discussed trade Haiti COVID-19 alliance 20 minutes agreed summit".split()
    return [" ".join(rng.choice(words) for _ in range(rng.randint(3, 14))) for _ in range(n)]


@pytest.mark.parametrize("function", [similarity.lexical_matrix, similarity.shared_rare_matrix])
def test_parallel_and_cached_give_the_same_values(function, monkeypatch):
    a, b = statements(230, 1), statements(210, 2)  # 48,300 cells: past PARALLEL_CELLS
    for k in range(20):  # words that one statement of each side alone uses
        a[k] += f" port{chr(97 + k)}x quay{chr(97 + k)}x"
        b[k + 5] += f" port{chr(97 + k)}x quay{chr(97 + k)}x"
    assert len(a) * len(b) >= similarity.PARALLEL_CELLS
    fast = function(a, b)
    monkeypatch.setattr(similarity, "PARALLEL_CELLS", 10**12)  # one core
    plain = function(a, b)
    assert fast.dtype == plain.dtype and np.array_equal(fast, plain)
    assert fast.any()
