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
from .similarity import combined_score


def align(
    semantic: np.ndarray,
    lexical: np.ndarray,
    config: Config | None = None,
    *,
    a_continues: Sequence[bool] | None = None,
    b_continues: Sequence[bool] | None = None,
    shared_rare: np.ndarray | None = None,
) -> tuple[Group, ...]:
    """Group rows (side A) and columns (side B) that report the same point.

    `a_continues[i]` says statement i goes on with statement i-1's topic ("He added ..."): left
    without a partner of its own, it joins its predecessor's partners. `shared_rare[i, j]` counts
    the words only statements i and j use (`shared_rare_matrix`). A pair sharing at least
    `config.anchor_min_shared` of them is linked when it scores `link_threshold`, even if either
    statement has a better partner. It also scores `config.anchor_bonus` higher, but only when
    deciding which statement is another's best partner: thresholds, the margin for further
    partners, and the group's reported similarity (so its label) use the plain score. Both sides
    are treated alike, so swapping A and B transposes the result.
    """
    config = config or Config()
    semantic = np.asarray(semantic, np.float32)
    lexical = np.asarray(lexical, np.float32)
    if semantic.shape != lexical.shape:
        raise ValueError(f"matrix shapes differ: {semantic.shape} vs {lexical.shape}")
    n, m = semantic.shape
    if n == 0 or m == 0:
        return ()
    score = combined_score(semantic, lexical, config)
    anchored = np.zeros(score.shape, bool)
    if shared_rare is not None:
        if np.shape(shared_rare) != score.shape:
            raise ValueError(f"shared_rare shape {np.shape(shared_rare)} is not {score.shape}")
        if config.anchor_min_shared > 0:
            anchored = np.asarray(shared_rare) >= config.anchor_min_shared
    # an anchored pair is too specific a match to lose to a partner that scores higher
    rows, cols = np.nonzero(anchored & (score >= config.link_threshold))
    links = {(int(i), int(j)) for i, j in zip(rows, cols, strict=True)}
    contest = score + config.anchor_bonus * anchored.astype(np.float32)
    links |= _links(score, contest, config)
    links |= {(i, j) for j, i in _links(score.T, contest.T, config)}
    links = _follow_continuations(links, score, a_continues, config.continuation_threshold)
    flipped = {(j, i) for i, j in links}
    flipped = _follow_continuations(flipped, score.T, b_continues, config.continuation_threshold)
    links = {(i, j) for j, i in flipped}
    return _groups(links, semantic, lexical)


def _follow_continuations(
    links: set[tuple[int, int]], score: np.ndarray, continues: Sequence[bool] | None, floor: float
) -> set[tuple[int, int]]:
    """An unlinked row that continues the previous row ("He added ...") joins that row's partners
    it scores at least `floor` with: readouts split one point over several sentences."""
    if continues is None:
        return links
    out = set(links)
    for i in range(1, len(score)):
        if not continues[i] or any(r == i for r, _ in out):
            continue
        out.update((i, j) for r, j in list(out) if r == i - 1 and score[i, j] >= floor)
    return out


def _links(score: np.ndarray, contest: np.ndarray, config: Config) -> set[tuple[int, int]]:
    """Row i links to column j when j is among i's best partners and i is j's best partner
    (by `contest`: `score` plus the rare-word bonus).

    "Among i's best": the best column, or any within `extra_margin` of it and above
    `extra_threshold` (one long statement covering several short ones). Requiring that i is
    also j's best (competitive linking) keeps a statement that merely names the same people
    from being pulled into a group whose columns have better partners elsewhere. A best partner
    scoring `strong_threshold` or more is linked regardless.
    """
    out: set[tuple[int, int]] = set()
    column_best = contest.argmax(axis=0)
    for i, row in enumerate(score):
        best = float(row.max())
        if best < config.link_threshold:
            continue
        floor = max(config.extra_threshold, best - config.extra_margin)
        candidates = set(np.flatnonzero(row >= floor).tolist()) | {int(row.argmax())}
        out.update((i, j) for j in candidates if column_best[j] == i)
        if best >= config.strong_threshold:  # too close a match to call an omission
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
