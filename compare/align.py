"""Similarity matrices -> alignment groups. No model in here: tests hand it matrices.

Readouts reorder topics, so nothing assumes order. Each statement links to its best partner on
the other side when the combined score is high enough, and to further partners close to that best
(one long sentence often covers two or three of the other side's). Groups are the connected sets
of links; statements left without a link are omissions, never forced into a match.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .schema import Config, Group


def lexical_matrix(a_texts: Sequence[str], b_texts: Sequence[str]) -> np.ndarray:
    """Word-overlap similarity (rapidfuzz token-set ratio on normalised text), 0-1."""
    from rapidfuzz import fuzz, process, utils

    if not a_texts or not b_texts:
        return np.zeros((len(a_texts), len(b_texts)), np.float32)
    scores = process.cdist(
        list(a_texts), list(b_texts), scorer=fuzz.token_set_ratio, processor=utils.default_process
    )
    return np.asarray(scores, np.float32) / 100.0


def combined_matrix(semantic: np.ndarray, lexical: np.ndarray, config: Config) -> np.ndarray:
    """The score the aligner thresholds: a weighted mean of semantic and lexical similarity."""
    w = config.semantic_weight
    return w * np.asarray(semantic, np.float32) + (1 - w) * np.asarray(lexical, np.float32)


def align(
    semantic: np.ndarray, lexical: np.ndarray, config: Config | None = None
) -> tuple[Group, ...]:
    """Group rows (side A) and columns (side B) that report the same point.

    Both sides are treated alike, so swapping A and B transposes the result.
    """
    config = config or Config()
    semantic = np.asarray(semantic, np.float32)
    lexical = np.asarray(lexical, np.float32)
    if semantic.shape != lexical.shape:
        raise ValueError(f"matrix shapes differ: {semantic.shape} vs {lexical.shape}")
    n, m = semantic.shape
    if n == 0 or m == 0:
        return ()
    score = combined_matrix(semantic, lexical, config)
    links = _links(score, config) | {(i, j) for j, i in _links(score.T, config)}
    return _groups(links, semantic, lexical)


def _links(score: np.ndarray, config: Config) -> set[tuple[int, int]]:
    """For each row: its best column, plus columns within the margin of that best."""
    out: set[tuple[int, int]] = set()
    for i, row in enumerate(score):
        best = float(row.max())
        if best < config.link_threshold:
            continue
        floor = max(config.extra_threshold, best - config.extra_margin)
        for j in np.flatnonzero(row >= floor):
            out.add((i, int(j)))
        out.add((i, int(row.argmax())))
    return out


def _groups(
    links: set[tuple[int, int]], semantic: np.ndarray, lexical: np.ndarray
) -> tuple[Group, ...]:
    """Connected components of the bipartite link graph, in order of their first A statement."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        ra, rb = find(("a", i)), find(("b", j))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, j in sorted(links):
        members.setdefault(find(("a", i)), []).append((i, j))
    groups = []
    for group_links in members.values():
        a = tuple(sorted({i for i, _ in group_links}))
        b = tuple(sorted({j for _, j in group_links}))
        sims = [float(semantic[i, j]) for i, j in group_links]
        lexs = [float(lexical[i, j]) for i, j in group_links]
        groups.append(Group(a, b, tuple(group_links), max(sims), max(lexs)))
    groups.sort(key=lambda g: (g.a[0], g.b[0]))
    return tuple(groups)
