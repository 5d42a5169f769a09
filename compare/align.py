"""Similarity matrices -> alignment groups. No model in here: tests hand it matrices.

Readouts reorder topics and leave points out, so nothing assumes order and nothing is forced into
a match. The aligner is competitive linking with a floor:

1. **Backbone.** Two statements are linked when each is the other's best partner and they score
   at least `link_threshold` (competitive linking: a statement that merely names the same people
   loses to the partner it really matches). The floor is the cost of "no counterpart": below it a
   statement stays unlinked and is reported as one side's only.
2. **Hubs.** One long statement often covers several of the other side's ("discussed A, B and
   C"). A statement whose best partner is such a hub joins it when it scores nearly as high as
   the hub's own best partner (within `extra_margin`), or when its preference for the hub is
   clear (it scores `attach_gap` more with the hub than with any other statement, and at least
   `attach_threshold`).
3. **Anchors and continuations.** Two statements sharing words no other statement of either
   readout uses are linked at the floor whatever their other partners score; a statement that
   continues the previous one ("He added ...") inherits the previous one's partners.
4. **Stars, not chains.** Every group is a star: one statement and its partners. Links are
   kept strongest first, and one that would join two statements that both have other partners
   (chaining unrelated points into one group) is dropped.
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

    `a_continues[i]` says statement i goes on with statement i-1's topic. `shared_rare[i, j]`
    counts the words only statements i and j use (`similarity.shared_rare_matrix`); a pair
    sharing at least `config.anchor_min_shared` of them is anchored: linked at `link_threshold`,
    and `config.anchor_bonus` higher when best partners are chosen. Thresholds and the group's
    reported similarity use the plain combined score. Both sides are treated alike, so swapping
    A and B transposes the result.
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
    contest = score + config.anchor_bonus * anchored.astype(np.float32)

    rows, cols = np.nonzero(anchored & (score >= config.link_threshold))
    links = set(zip(rows.tolist(), cols.tolist(), strict=True))
    links |= _competitive(score, contest, config)
    links |= {(i, j) for j, i in _competitive(score.T, contest.T, config)}
    links |= _attached(score, contest, links, config)
    links |= {(i, j) for j, i in _attached(score.T, contest.T, {(j, i) for i, j in links}, config)}
    links = _follow_continuations(links, score, a_continues, config.continuation_threshold)
    flipped = {(j, i) for i, j in links}
    flipped = _follow_continuations(flipped, score.T, b_continues, config.continuation_threshold)
    links = _stars({(i, j) for j, i in flipped}, contest)
    return _groups(links, semantic, lexical)


def _competitive(score: np.ndarray, contest: np.ndarray, config: Config) -> set[tuple[int, int]]:
    """Row i links to column j when i is j's best partner (by `contest`) and j is i's best, or
    a further partner within `extra_margin` of i's best and above `extra_threshold`."""
    out: set[tuple[int, int]] = set()
    column_best = contest.argmax(axis=0)
    for i, row in enumerate(score):
        best = float(row.max())
        if best < config.link_threshold:
            continue
        floor = max(config.extra_threshold, best - config.extra_margin)
        candidates = set(np.flatnonzero(row >= floor).tolist()) | {int(row.argmax())}
        out.update((i, j) for j in candidates if column_best[j] == i)
    return out


def _attached(
    score: np.ndarray, contest: np.ndarray, links: set[tuple[int, int]], config: Config
) -> set[tuple[int, int]]:
    """Unlinked columns that clearly prefer an already linked row (a hub covering several points):
    their best row beats their second best by `attach_gap` and scores `attach_threshold`."""
    n, m = score.shape
    if n < 2:
        return set()
    linked_rows = {i for i, _ in links}
    linked_cols = {j for _, j in links}
    order = np.argsort(-contest, axis=0)
    out = set()
    for j in range(m):
        if j in linked_cols:
            continue
        i, runner_up = int(order[0, j]), int(order[1, j])
        if (
            i in linked_rows
            and score[i, j] >= config.attach_threshold
            and contest[i, j] - contest[runner_up, j] >= config.attach_gap
        ):
            out.add((i, j))
    return out


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


def _stars(links: set[tuple[int, int]], contest: np.ndarray) -> set[tuple[int, int]]:
    """Keep, strongest first, each link that leaves every group a star: one statement with its
    partners, so that every link has an end with no other partner. A link is dropped when it
    would join two statements that both have other partners (the chain A1-B1-A2-B2)."""
    partners_a: dict[int, set[int]] = {}
    partners_b: dict[int, set[int]] = {}
    kept = set()
    for i, j in sorted(links, key=lambda link: (-float(contest[link]), link)):
        pa, pb = partners_a.setdefault(i, set()), partners_b.setdefault(j, set())
        if pa and pb:
            continue  # both ends already taken: the link would chain two groups
        # i gains a partner: its partners must stay leaves; likewise j's
        if pa and any(len(partners_b[k]) > 1 for k in pa):
            continue
        if pb and any(len(partners_a[k]) > 1 for k in pb):
            continue
        pa.add(j)
        pb.add(i)
        kept.add((i, j))
    return kept


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
